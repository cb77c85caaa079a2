"""TierPolicy, TierRule, TierBenefits: semantics, costs, validators, dict/JSON/TOML round trip."""

from __future__ import annotations

import json
import tomllib
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue.model import DEFAULT_TIER_POLICY, Tier, TierBenefits, TierPolicy, TierRule

POLICY = TierPolicy(
    name="test",
    rules={
        "silver": TierRule({"revenue": 100.0}),
        "gold": TierRule({"revenue": 1_000.0, "certifications": 2}),
        "platinum": TierRule({"revenue": 10_000.0, "certifications": 4, "velocity": 0.1}),
    },
    benefits={
        "silver": TierBenefits(mdf=10.0, discount=0.01),
        "gold": TierBenefits(mdf=100.0, discount=0.02, other={"rebate": 5.0}),
        "platinum": TierBenefits(mdf=1_000.0, discount=0.05),
    },
)


def test_exported_from_the_facade() -> None:
    assert cv.TierPolicy is TierPolicy
    assert cv.TierRule is TierRule
    assert cv.TierBenefits is TierBenefits
    assert cv.model.DEFAULT_TIER_POLICY is DEFAULT_TIER_POLICY


@pytest.mark.parametrize(
    ("values", "tier"),
    [
        ({}, "registered"),
        ({"revenue": 99.0}, "registered"),
        ({"revenue": 100.0}, "silver"),  # a minimum is inclusive
        ({"revenue": 5_000.0, "certifications": 1}, "silver"),  # gold needs 2 certifications
        ({"revenue": 5_000.0, "certifications": 2}, "gold"),
        ({"revenue": 50_000.0, "certifications": 9}, "gold"),  # no velocity: not platinum
        ({"revenue": 50_000.0, "certifications": 9, "velocity": 0.1}, "platinum"),
    ],
)
def test_the_highest_tier_whose_every_minimum_is_met(values: dict[str, float], tier: str) -> None:
    assert POLICY.tier_for(values) is Tier(tier)


def test_benefit_costs_by_hand() -> None:
    # gold at revenue 2,000: 100 MDF + 2 % of 2,000 + 5 rebate = 145
    assert POLICY.benefits_cost("gold", revenue=2_000.0) == 145.0
    assert POLICY.benefits_cost(Tier.PLATINUM, revenue=0.0) == 1_000.0
    assert POLICY.benefits_cost("registered", revenue=1e9) == 0.0  # no benefits given
    assert POLICY.tiers == (Tier.SILVER, Tier.GOLD, Tier.PLATINUM)
    assert POLICY.metrics == ("certifications", "revenue", "velocity")


def test_default_policy_is_ordered_and_documented() -> None:
    d = DEFAULT_TIER_POLICY
    assert d.tiers == (Tier.SILVER, Tier.GOLD, Tier.PLATINUM)
    revenue = [d.rules[t].minimums["revenue"] for t in d.tiers]
    assert revenue == sorted(revenue)
    assert revenue[0] > 0
    costs = [d.benefits_cost(t, revenue=1e6) for t in (Tier.REGISTERED, *d.tiers)]
    assert costs == sorted(costs)


def test_dict_json_and_toml_round_trip() -> None:
    data = POLICY.to_dict()
    assert data["rules"]["gold"] == {"minimums": {"certifications": 2.0, "revenue": 1000.0}}
    assert TierPolicy.from_dict(json.loads(json.dumps(data))) == POLICY
    assert TierPolicy.from_dict(DEFAULT_TIER_POLICY.to_dict()) == DEFAULT_TIER_POLICY
    toml = """
name = "mine"
[rules.gold.minimums]
revenue = 1_000_000
deal_registrations = 12
[rules.silver.minimums]
revenue = 200_000
[benefits.gold]
mdf = 20_000
discount = 0.04
[benefits.gold.other]
training = 1_500
"""
    policy = TierPolicy.from_dict(tomllib.loads(toml))
    assert policy.name == "mine"
    assert policy.rules[Tier.GOLD].minimums["deal_registrations"] == 12.0
    assert policy.benefits_cost("gold", revenue=1e6) == 20_000 + 40_000 + 1_500


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"minimums": {}}, r"TierRule\.minimums: got \{\} but expected a non-empty mapping"),
        ({"minimums": {"": 1}}, "metric names that are non-empty strings"),
        ({"minimums": {"revenue": float("nan")}}, r"minimums\['revenue'\]: got nan"),
        ({"minimums": {"revenue": True}}, "a finite number"),
        ({"minimums": ["revenue"]}, "a non-empty mapping"),
    ],
)
def test_tier_rule_validators(kwargs: dict[str, Any], match: str) -> None:
    with pytest.raises(cv.ValidationError, match=match):
        TierRule(**kwargs)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"mdf": -1}, r"TierBenefits\.mdf: got -1 but expected a finite number >= 0"),
        ({"discount": 1.5}, r"TierBenefits\.discount: got 1.5 but expected a finite number in"),
        ({"other": {"x": -2}}, r"TierBenefits\.other\['x'\]: got -2"),
    ],
)
def test_tier_benefits_validators(kwargs: dict[str, Any], match: str) -> None:
    with pytest.raises(cv.ValidationError, match=match):
        TierBenefits(**kwargs)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"rules": []}, r"TierPolicy\.rules: got \[\] but expected a mapping of tier"),
        ({"rules": {"bronze": TierRule({"revenue": 1})}}, "tiers among 'platinum'"),
        ({"rules": {"registered": TierRule({"revenue": 1})}}, "tiers above 'registered'"),
        ({"rules": {"gold": 5}}, r"rules\['gold'\]: got 5 but expected a TierRule"),
        ({"rules": {"gold": {"minimums": {"revenue": "x"}}}}, r"\['gold'\]\.minimums\['revenue'\]"),
        ({"rules": {"gold": {"minimum": {}}}}, "keys among minimums"),
        (
            {"rules": {"gold": TierRule({"revenue": 10}), "platinum": TierRule({"revenue": 5})}},
            r"rules\['platinum'\]\.minimums\['revenue'\]: got 5.0 but expected a number >= gold",
        ),
        ({"rules": {}, "benefits": {"gold": {"mdf": -1}}}, r"benefits\['gold'\]\.mdf: got -1"),
        ({"rules": {}, "benefits": {"iron": TierBenefits()}}, "tiers among"),
        ({"rules": {}, "name": 3}, r"TierPolicy\.name: got 3 but expected a string"),
    ],
)
def test_tier_policy_validators(kwargs: dict[str, Any], match: str) -> None:
    with pytest.raises(cv.ValidationError, match=match):
        TierPolicy(**kwargs)


@pytest.mark.parametrize(
    ("data", "match"),
    [
        ([], r"\$: expected an object, got list"),
        ({}, r"\$\.rules: missing required field"),
        ({"rules": {}, "perks": 1}, r"unknown field\(s\) perks for TierPolicy"),
        ({"rules": {"gold": {"minimums": {"revenue": "x"}}}}, r"\$\.rules\['gold'\]\.minimums"),
    ],
)
def test_from_dict_reports_paths(data: Any, match: str) -> None:
    with pytest.raises(cv.DocumentError, match=match):
        TierPolicy.from_dict(data)


_METRIC = st.sampled_from(["revenue", "velocity", "certifications"])


@given(
    values=st.dictionaries(_METRIC, st.floats(0, 1e5, allow_nan=False), max_size=3),
    metric=_METRIC,
    raise_by=st.floats(0, 1e5, allow_nan=False),
)
def test_raising_a_metric_never_lowers_the_tier(
    values: dict[str, float], metric: str, raise_by: float
) -> None:
    before = POLICY.tier_for(values)
    after = POLICY.tier_for({**values, metric: values.get(metric, 0.0) + raise_by})
    assert after.rank >= before.rank
