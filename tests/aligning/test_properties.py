"""Properties: the audit never raises, ignores insertion order, and serialises to JSON."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue.aligning import AuditConfig, AuditReport, audit, compare
from channelvalue.testing import strategies as cvst

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SMALL = AuditConfig(max_findings_per_kind=2)


def _invariants(report: AuditReport) -> None:
    keys = [f.sort_key for f in report.findings]
    assert keys == sorted(keys)
    assert all(0.0 <= s <= 100.0 for s in report.scores.values())
    assert 0.0 <= report.score <= 100.0
    assert {f.check for f in report.findings} <= set(report.checks)
    # no check crashed: the audit reports failures as findings, so look for them
    crashed = [f.message for f in report.findings if f.message.startswith("the check failed")]
    assert crashed == []


@SETTINGS
@given(cvst.networks(max_organizations=8, max_segments=3, max_managers=2))
def test_audit_never_raises_on_any_network(net: cv.ChannelNetwork) -> None:
    report = audit(net)
    _invariants(report)
    assert len(report.checks) >= 10


@SETTINGS
@given(cvst.networks(max_organizations=8, max_segments=3), st.randoms(use_true_random=False))
def test_result_does_not_depend_on_insertion_order(
    items_of, net: cv.ChannelNetwork, rnd: object
) -> None:
    items = items_of(net)
    rnd.shuffle(items)  # type: ignore[attr-defined]
    other = cv.ChannelNetwork(steward=net.steward_id, name=net.name)
    other.add_all(items)
    assert other == net
    first, second = audit(net, config=SMALL), audit(other, config=SMALL)
    assert first == second
    assert first.to_dict() == second.to_dict()
    diff = compare(first, second)
    assert (diff.new, diff.resolved, diff.score_delta) == ((), (), 0.0)


@SETTINGS
@given(cvst.networks(max_organizations=8, max_segments=3))
def test_to_dict_is_json_serialisable_and_round_trips(net: cv.ChannelNetwork) -> None:
    report = audit(net)
    text = json.dumps(report.to_dict(), allow_nan=False)
    assert AuditReport.from_dict(json.loads(text)) == report


@settings(max_examples=15, deadline=None)
@given(st.integers(1, 400), st.integers(0, 2**16))
def test_synthetic_networks_audit_cleanly(partners: int, seed: int) -> None:
    net = cv.datasets.synthetic(partners, seed=seed)
    report = audit(net, config=SMALL)
    _invariants(report)
    # capping: at most max_findings_per_kind listed findings per kind, plus summaries
    assert sum(1 for f in report.findings if f.subjects) <= 2 * 40
    assert report.counts == {
        s: sum(int(f.evidence.get("omitted", 1)) for f in report.findings if f.severity.value == s)
        for s in ("error", "warning", "info")
    }


@settings(max_examples=30, deadline=None)
@given(cvst.networks(max_organizations=6, max_segments=2), cvst.networks(max_organizations=6))
def test_compare_partitions_the_findings(a: cv.ChannelNetwork, b: cv.ChannelNetwork) -> None:
    before, after = audit(a), audit(b)
    diff = compare(before, after)
    # compare looks at the checks both audits ran (conflict.accounts runs only with lists)
    common = set(before.checks) & set(after.checks)
    assert len(diff.new) + len(diff.persisting) == len(after.filter(check=sorted(common)))
    assert len(diff.resolved) + len(diff.persisting) == len(before.filter(check=sorted(common)))
