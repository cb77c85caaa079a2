"""engagement.tiering: findings and evidence by hand, not assessed without tiers or revenue."""

from __future__ import annotations

import pytest

import channelvalue as cv
from channelvalue.aligning import AuditConfig
from channelvalue.aligning.authoring import get_check
from channelvalue.aligning.checks.tiering import tiering_check, tiering_inputs
from channelvalue.aligning.registry import REGISTRY
from channelvalue.model import TierBenefits, TierPolicy, TierRule


def _net(*orgs: cv.Organization) -> cv.ChannelNetwork:
    net = cv.ChannelNetwork(steward="v", name="t")
    net.add_all([cv.Organization("v", role="vendor"), *orgs])
    return net


def _run(net: cv.ChannelNetwork, **config: float) -> list[cv.Finding]:
    return list(get_check("engagement.tiering")(net, AuditConfig(**config)))


def test_over_and_under_tiered_by_hand() -> None:
    # default policy; nobody records certifications or deal registrations: revenue decides
    net = _net(
        cv.Organization("a", name="Alpha", role="msp", revenue=200_000.0, tier="gold"),
        cv.Organization("b", name="Beta", role="msp", revenue=2_000_000.0, tier="silver"),
        cv.Organization("c", name="Gamma", role="msp", revenue=300_000.0, tier="silver"),
        cv.Organization("d", name="Delta", role="msp", revenue=1_000.0),
    )
    found = _run(net)
    summary = [f for f in found if f.subjects == ("v",)]
    assert len(summary) == 1
    assert summary[0].severity is cv.Severity.INFO
    ev = summary[0].evidence
    # Alpha: gold 25k + 4 % of 200k = 33k; earns registered: 0 -> 33k beyond
    assert ev["over_tiered"] == 1
    assert ev["under_tiered"] == 1
    assert ev["partners"] == 4
    assert ev["over_tiering_cost"] == pytest.approx(33_000.0)
    # Beta earns gold: 25k + 80k = 105k against silver's 5k + 40k = 45k: 60k missed
    assert ev["under_tiering_benefits"] == pytest.approx(60_000.0)
    assert ev["skipped_rules"] == 2
    assert "certifications, deal_registrations left out" in summary[0].message
    by = {f.subjects[0]: f for f in found if f.subjects != ("v",)}
    assert set(by) == {"a", "b"}
    assert by["a"].severity is cv.Severity.WARNING
    assert by["a"].evidence["over_tiering_cost"] == pytest.approx(33_000.0)
    assert by["a"].message.startswith("Alpha (msp, 200k revenue) is gold but its results earn")
    # Beta has 2M of 2.501M partner revenue: a key partner, so a warning
    assert by["b"].severity is cv.Severity.WARNING
    assert by["b"].evidence["recommended_rank"] == 2
    assert by["b"].evidence["current_rank"] == 1


def test_under_tiered_small_partner_is_info() -> None:
    net = _net(
        cv.Organization("big", role="msp", revenue=1e9, tier="platinum"),
        cv.Organization("b", role="msp", revenue=300_000.0),  # earns silver, 0.03 % share
    )
    by = {f.subjects[0]: f for f in _run(net) if f.subjects != ("v",)}
    assert by["b"].severity is cv.Severity.INFO


def test_nothing_mis_tiered_only_says_which_rules_were_left_out() -> None:
    net = _net(cv.Organization("a", role="msp", revenue=300_000.0, tier="silver"))
    [only] = _run(net)
    assert only.severity is cv.Severity.INFO
    assert only.evidence["over_tiered"] == 0
    assert only.message.startswith("0 of 1 partners are mis-tiered")
    policy = TierPolicy(rules={"silver": TierRule({"revenue": 1.0})})
    assert list(tiering_check(policy)(net, AuditConfig())) == []  # nothing to say


@pytest.mark.parametrize(
    ("orgs", "reason"),
    [
        ([], "no partners"),
        ([cv.Organization("a", role="msp", tier="gold")], "no partner revenue"),
        ([cv.Organization("a", role="msp", revenue=5.0)], "no partner tiers recorded"),
    ],
)
def test_not_assessed_with_a_reason(orgs: list[cv.Organization], reason: str) -> None:
    net = _net(*orgs)
    assert (tiering_inputs(net) or "").startswith(reason)
    report = cv.audit(net, checks=["engagement.tiering"])
    assert "engagement.tiering" not in report.scores  # no score: not assessed
    assert not report.findings


def test_audit_runs_it_and_a_policy_of_your_own() -> None:
    net = cv.datasets.example()
    report = cv.audit(net, checks=["engagement.tiering"])
    assert report.checks == ("engagement.tiering",)
    mine = TierPolicy(
        name="mine",
        rules={"gold": TierRule({"revenue": 1.0})},
        benefits={"gold": TierBenefits(mdf=1.0)},
    )
    reg = REGISTRY.copy()
    reg.register(
        "engagement.tiering",
        tiering_check(mine),
        replace=True,
        requires=tiering_inputs,
    )
    report = cv.audit(net, checks=["engagement.tiering"], registry=reg)
    [summary] = [f for f in report.findings if f.subjects == ("acme",)]
    assert "under the 'mine' tier policy" in summary.message
