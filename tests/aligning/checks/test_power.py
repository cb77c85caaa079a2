"""`power.balance` on the five-partner network of tests/mapping/test_power.py.

Defaults: high dependence >= 0.5, low <= 0.25, duty of care >= 0.8.

- e: the steward's dependence 1.0, e's 0.005 -> risk; e is a key partner (200 of 500) with
  no alternative in its cell -> an error.
- d: d's dependence 0.9 >= 0.8, the steward's 0.25 -> leverage, a warning (duty of care).
- b: b's dependence 0.6, the steward's 0.2 -> leverage, an info.
- a (0.6 / 0.65) is interdependent, c (0.02 / 0.25) is not dependent either way: nothing.
"""

from __future__ import annotations

import json

import pytest

import channelvalue as cv
from channelvalue.aligning import AuditConfig, audit
from channelvalue.aligning.checks.power import power_balance, shares_known

from ...mapping.test_power import example_without_shares, five_partners


def _found(net: cv.ChannelNetwork, **cfg: float) -> list[tuple[str, tuple[str, ...]]]:
    return [(f.severity.value, f.subjects) for f in power_balance(net, AuditConfig(**cfg))]


def test_the_five_partners() -> None:
    findings = list(power_balance(five_partners(), AuditConfig()))
    assert [(f.severity.value, f.subjects) for f in findings] == [
        ("error", ("e",)),
        ("warning", ("d",)),
        ("info", ("b",)),
    ]
    risk = findings[0]
    assert risk.evidence == {
        "steward_dependence": 1.0,
        "partner_dependence": pytest.approx(0.005),
        "balance": pytest.approx(-0.995),
        "revenue_at_stake": 200.0,
        "sole_cells": 1.0,
        "sole_revenue": 200.0,
        "alternatives": 0.0,
    }
    assert "v depends on e (100.0%" in risk.message
    assert "no other partner in 1 cell of 1 (200)" in risk.message
    assert "duty of care" in findings[1].message
    assert "leverage" in findings[2].message


def test_thresholds_move_the_findings() -> None:
    net = five_partners()
    # a lower bar for "low": b (0.2) and d (0.25) are no longer low for the steward
    assert _found(net, power_high_dependence=0.3, power_low_dependence=0.1) == [
        ("error", ("e",)),
    ]
    assert _found(net, power_duty_of_care=0.95) == [  # most dependent first
        ("error", ("e",)),
        ("info", ("d",)),
        ("info", ("b",)),
    ]
    # not a key partner any more: the risk is a warning
    assert _found(net, key_partner_cover=0.0)[0] == ("warning", ("e",))


def test_every_finding_with_its_revenue_share() -> None:
    net = five_partners()
    found = list(power_balance(net, AuditConfig(power_duty_of_care=1)))
    assert [(f.severity.value, f.subjects) for f in found] == [
        ("error", ("e",)),
        ("info", ("d",)),
        ("info", ("b",)),
    ]
    total = sum(f.evidence["revenue_at_stake"] for f in found)
    assert all(f.share is not None and 0 < f.share <= 1 for f in found)
    assert sum(f.share or 0 for f in found) <= 1 + 1e-12
    assert total > 0


def test_not_assessed_without_shares() -> None:
    net = example_without_shares()
    assert not shares_known(net)
    assert list(power_balance(net, AuditConfig())) == []
    report = audit(net)
    assert "power.balance" not in report.scores
    assert report.not_assessed["power.balance"] == (
        "no partner states its share of business with the steward (steward_share)"
    )
    assert "power_high_dependence" not in json.dumps(report.to_dict())
    # with shares the check runs in the audit, with its score
    full = audit(five_partners())
    assert "power.balance" in full.assessed
    assert full.counts_by_check["power.balance"] == {"error": 1, "warning": 1, "info": 1}
    # the bundled example knows five partners' shares: the check runs on it too
    example = cv.datasets.example()
    assert shares_known(example)
    assert _found(example) == [
        ("error", ("sys-gov",)),
        ("warning", ("ret-48",)),
        ("info", ("res-12",)),
    ]


def test_steward_only_share_does_not_count() -> None:
    net = cv.ChannelNetwork(steward="v")
    net.add(cv.Organization("v", role="vendor", steward_share=1.0))
    assert not shares_known(net)


def test_missing_steward_and_cycles() -> None:
    net = cv.ChannelNetwork()
    net.add(cv.Organization("a", role="reseller", steward_share=0.5))
    assert _found(net) == []
    report = audit(net, checks=["power", "structure"])
    assert report.not_assessed == {"power.balance": "no steward is set"}
    assert [(f.check, f.severity.value) for f in report] == [
        ("structure.steward", "error"),
        ("structure.steward", "info"),
    ]
    assert list(power_balance(cv.ChannelNetwork(), AuditConfig())) == []
    looped = five_partners()
    looped.add(cv.Supplies("a", "v"))
    [finding] = power_balance(looped, AuditConfig())
    assert "cycle" in finding.message


def test_config_validation_and_round_trip() -> None:
    with pytest.raises(cv.ValidationError, match="power_low_dependence"):
        AuditConfig(power_low_dependence=0.6, power_high_dependence=0.5)
    cfg = AuditConfig(power_duty_of_care=0.9)
    assert cfg.to_dict()["power_duty_of_care"] == 0.9
    assert "power_low_dependence" not in cfg.to_dict()
    assert AuditConfig.from_dict(cfg.to_dict()) == cfg
    assert AuditConfig.describe()["power_high_dependence"].startswith("a dependence")
