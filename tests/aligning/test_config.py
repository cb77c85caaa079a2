"""AuditConfig: defaults, an error per bad value, JSON round trip, documentation; error
messages that name the value and the choices; describe() text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import attrs
import pytest

import channelvalue as cv
from channelvalue.aligning import AuditConfig
from channelvalue.mapping import EngagementPolicy

DOCS = Path(__file__).resolve().parents[2] / "docs" / "checks.md"


def test_defaults() -> None:
    c = AuditConfig()
    assert (c.key_partner_cover, c.key_segment_cover) == (0.8, 0.9)
    assert c.tier_weights[cv.Tier.GOLD] == 2.0
    assert c.capacity_of(cv.Band.MIDMARKET) == 100.0
    assert c.engagement_policy == EngagementPolicy()
    assert c.abc_thresholds == (0.8, 0.95)


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("max_subjects", 0, "an integer >= 1"),
        ("max_subjects", True, "an integer >= 1"),
        ("max_subjects", 2.5, "an integer >= 1"),
        ("key_partner_cover", 1.5, "in [0, 1]"),
        ("tier_weights", {"gold": -1}, "> 0"),
        ("tier_weights", {"diamond": 1}, "tiers among"),
        ("tier_weights", [1, 2], "a mapping of tier"),
        ("max_manager_load", 0, "> 0"),
        ("manager_overload_error", 0.5, ">= max_manager_load"),
        ("min_priority_overlap", -0.1, "in [0, 1]"),
        ("max_misaligned_revenue_share", "half", "in [0, 1]"),
        ("engagement_policy", 7, "an EngagementPolicy or a mapping"),
        ("engagement_policy", {"by_class": {"A": "x"}}, "by_class"),
        ("abc_thresholds", (0.9, 0.5), "0 < a < b <= 1"),
        ("fast_volume_quantile", 2, "in [0, 1]"),
        ("fast_velocity", float("nan"), "a finite number"),
        ("small_volume_quantile", -1, "in [0, 1]"),
        ("slow_velocity", 0.5, "<= fast_velocity"),
        ("starved_ratio", -1, ">= 0"),
        ("overfunded_ratio", 0, "> 0"),
        ("max_gini_gap", -0.1, ">= 0"),
        ("margin_tolerance", 2, "in [0, 1]"),
        ("service_tolerance", -1, "in [0, 1)"),
        ("customers_per_partner", {"smb": 0}, "> 0"),
        ("customers_per_partner", {"giant": 5}, "keys among"),
        ("customers_per_partner", 5, "a mapping of band"),
        ("min_sell_through_share", 1.1, "in [0, 1]"),
        ("max_feed_interval_days", 0, "> 0"),
        ("key_segment_cover", 3, "in [0, 1]"),
        ("max_manager_load", 0, "> 0"),
        ("options", {"x": "y"}, ">= 0"),
    ],
)
def test_each_bad_value_is_named(field: str, value: object, expected: str) -> None:
    with pytest.raises(cv.ValidationError, match=re.escape(expected)) as info:
        AuditConfig(**{field: value})
    assert str(info.value).startswith(f"AuditConfig.{field}")


def test_dict_round_trip_is_json_safe() -> None:
    c = AuditConfig(
        tier_weights={"gold": 4},
        customers_per_partner={"enterprise": 10},
        engagement_policy=EngagementPolicy(step_up_quadrants=()),
        options={"mine": 1.5},
    )
    data = json.loads(json.dumps(c.to_dict()))
    assert AuditConfig.from_dict(data) == c


def test_from_dict_lists_every_problem() -> None:
    with pytest.raises(cv.DocumentError) as info:
        AuditConfig.from_dict({"nope": 1, "margin_tolerance": -1, "tier_weights": {"gold": 0}})
    paths = [p.path for p in info.value.problems]
    assert paths == ["$.nope", "$.margin_tolerance", "$.tier_weights['gold']"]
    with pytest.raises(cv.DocumentError, match=r"expected an object of settings"):
        AuditConfig.from_dict([1, 2])  # type: ignore[arg-type]
    with pytest.raises(cv.DocumentError, match=r"\$.max_manager_load: got 3.0"):
        AuditConfig.from_dict({"max_manager_load": 3})  # cross-field: the field set is named


def test_every_field_is_described_and_documented() -> None:
    described = AuditConfig.describe()
    assert list(described) == [a.name for a in attrs.fields(AuditConfig)]
    assert all(described.values())
    text = DOCS.read_text(encoding="utf-8")
    missing = [name for name in described if f"`{name}`" not in text]
    assert missing == []


def test_config_is_frozen_and_hashable_enough() -> None:
    c = AuditConfig()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        c.max_subjects = 3  # type: ignore[misc]
    assert c == AuditConfig()


def _message(**kw: object) -> str:
    with pytest.raises(cv.ValidationError) as info:
        AuditConfig(**kw)  # type: ignore[arg-type]
    return str(info.value)


def test_mapping_errors_name_the_key_the_value_and_the_choices() -> None:
    assert _message(customers_per_partner={"giant": 5}) == (
        "AuditConfig.customers_per_partner: got 'giant' but expected keys among "
        "'consumer', 'default', 'enterprise', 'midmarket', 'smb'"
    )
    # a Band key is named by its value, like a string key
    assert _message(customers_per_partner={cv.Band.SMB: 0}) == (
        "AuditConfig.customers_per_partner['smb']: got 0 but expected a finite number > 0"
    )
    assert _message(tier_weights={"gold": -1}) == (
        "AuditConfig.tier_weights['gold']: got -1 but expected a finite number > 0 and <= 1e+06"
    )


def test_a_policy_that_fails_to_build_keeps_the_reason() -> None:
    lazy = (int(q) for q in ["star"])  # raises ValueError only when EngagementPolicy reads it
    with pytest.raises(cv.ValidationError) as info:
        AuditConfig(engagement_policy={"step_up_quadrants": lazy})
    text = str(info.value)
    assert text.startswith("AuditConfig.engagement_policy: got {'step_up_quadrants': <generator")
    assert text.endswith(
        "but expected a valid EngagementPolicy (invalid literal for int() with base 10: 'star')"
    )


def test_from_dict_of_a_non_object_is_one_problem_at_the_root() -> None:
    with pytest.raises(cv.DocumentError) as info:
        AuditConfig.from_dict([1, 2])  # type: ignore[arg-type]
    assert [(p.path, p.message) for p in info.value.problems] == [
        ("$", "expected an object of settings, got list")
    ]


def test_describe_stops_before_the_example() -> None:
    described = AuditConfig.describe()
    # the last field: no text of the Example section, no trailing blank
    assert described["options"] == (
        "free-form numbers for your own checks (read them with `config.options`)."
    )
    # a description over several lines is joined with single spaces
    assert described["manager_overload_error"] == (
        "... and at or above this ratio, the finding is an error."
    )
    assert described["max_subjects"] == (
        "at most this many ids are named in a finding about a group (a crowded "
        "cell lists its first partners by id)."
    )


def test_fields_of_earlier_versions_are_ignored_with_a_warning_or_refused_with_the_new_name() -> (
    None
):
    with pytest.warns(FutureWarning, match="max_findings_per_kind is no longer used"):
        cfg = AuditConfig.from_dict({"max_findings_per_kind": 5, "score_half_life": 3})
    assert cfg == AuditConfig()
    with pytest.raises(cv.DocumentError) as info:
        AuditConfig.from_dict({"key_partner_share": 0.05, "key_segment_share": 0.02})
    messages = [(p.path, p.message) for p in info.value.problems]
    assert messages[0][0] == "$.key_partner_share"
    assert messages[0][1].startswith("replaced by key_partner_cover")
    assert messages[1][1].startswith("replaced by key_segment_cover")
    with pytest.raises(TypeError):
        AuditConfig(max_findings_per_kind=5)  # type: ignore[call-arg]
