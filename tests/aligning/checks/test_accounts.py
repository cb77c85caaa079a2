"""conflict.accounts: same-role pairs and direct sales sharing accounts; not assessed without
account lists."""

from __future__ import annotations

import pytest

import channelvalue as cv
from channelvalue.aligning import AuditConfig, audit
from channelvalue.aligning.checks.accounts import account_conflict, has_account_lists
from channelvalue.mapping import account_list

from ...mapping.test_overlap import example_without_lists, worked


def _findings(net: cv.ChannelNetwork, **config: float) -> list[cv.Finding]:
    return list(account_conflict(net, AuditConfig(**config)))  # type: ignore[arg-type]


def test_the_worked_example() -> None:
    found = _findings(worked())
    got = [(f.severity.value, f.subjects, f.evidence["shared"], f.evidence["share"]) for f in found]
    assert got == [
        ("error", ("r1", "r2"), 2.0, 0.5),  # resellers: 2 of 4 > 2 x 0.2
        ("error", ("r1", "acme"), 1.0, 0.25),  # 1 of 4 > 2 x 0.1
        ("error", ("s1", "acme"), 1.0, pytest.approx(1 / 3)),
    ]
    assert "supersedes the segment x region proxy of conflict.overlap" in found[0].message
    assert found[0].evidence["accounts_a"] == 4
    assert found[1].evidence["direct_accounts"] == 3


def test_thresholds() -> None:
    relaxed = _findings(worked(), max_shared_account_share=0.3, max_direct_account_share=0.2)
    assert [(f.severity.value, f.subjects) for f in relaxed] == [
        ("warning", ("r1", "r2")),  # 0.5 <= 0.6
        ("warning", ("r1", "acme")),  # 0.25 <= 0.4
        ("warning", ("s1", "acme")),
    ]
    assert _findings(worked(), min_shared_accounts=2) == _findings(worked())[:1]
    assert _findings(worked(), max_shared_account_share=0.5, max_direct_account_share=0.4) == []


def test_complementary_partners_are_not_in_conflict() -> None:
    subjects = [f.subjects for f in _findings(worked())]
    assert ("m1", "r2") not in subjects
    assert ("m1", "r1") not in subjects


def test_not_assessed_without_account_lists() -> None:
    example = example_without_lists()
    assert not has_account_lists(example)
    check = cv.aligning.authoring.get_check("conflict.accounts")
    assert check.missing(example) == "no account lists"
    assert _findings(example) == []
    report = audit(example)
    assert "conflict.accounts" not in report.scores
    assert report.not_assessed["conflict.accounts"] == "no account lists"
    assert report.coverage["conflict.accounts"] == 0.0
    assert "min_shared_accounts" not in report.config.to_dict()
    net = worked()
    assert "conflict.accounts" in audit(net).checks
    assert has_account_lists(cv.datasets.example())  # the bundled example holds lists
    cfg = AuditConfig(min_shared_accounts=3)
    assert cfg.to_dict()["min_shared_accounts"] == 3
    assert AuditConfig.from_dict(cfg.to_dict()) == cfg


def test_every_finding_is_listed() -> None:
    net = cv.ChannelNetwork(steward="v")
    items: list[object] = [cv.Organization("v", role="vendor"), account_list("v", ["x"])]
    for i in range(8):
        items += [cv.Organization(f"r{i}", role="reseller"), account_list(f"r{i}", ["x", "y"])]
    net.add_all(items)
    found = _findings(net)
    assert len(found) == 28 + 8  # 28 pairs and 8 partners, none folded away
    # 2 shared accounts of the 17 on all lists; 1 of 17 with direct sales
    assert {f.share for f in found} == {2 / 17, 1 / 17}
