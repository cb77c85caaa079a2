"""Properties: the audit never raises, ignores insertion order, and serialises to JSON."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue.aligning import AuditConfig, AuditReport, audit, compare
from channelvalue.testing import strategies as cvst

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SMALL = AuditConfig(margin_tolerance=0.1)


def _invariants(report: AuditReport) -> None:
    keys = [f.sort_key for f in report.findings]
    assert keys == sorted(keys)
    assert all(0.0 <= s <= 100.0 for s in report.scores.values())
    assert report.score is None or 0.0 <= report.score <= 100.0
    assert {f.check for f in report.findings} <= set(report.assessed)
    assert set(report.assessed) | set(report.not_assessed) == set(report.checks)
    assert not set(report.assessed) & set(report.not_assessed)
    assert all(f.share is not None and 0.0 <= f.share <= 1.0 for f in report.findings)
    assert all(0.0 <= c <= 1.0 for c in report.coverage.values())
    assert {s for f in report.findings for s in f.subjects} <= set(report.names)
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
    # every finding is listed: the counts are the findings
    assert sum(report.counts.values()) == len(report.findings)


@settings(max_examples=30, deadline=None)
@given(cvst.networks(max_organizations=6, max_segments=2), cvst.networks(max_organizations=6))
def test_compare_partitions_the_findings(a: cv.ChannelNetwork, b: cv.ChannelNetwork) -> None:
    before, after = audit(a), audit(b)
    diff = compare(before, after)
    common = set(before.assessed) & set(after.assessed)  # a check not assessed on one side
    assert len(diff.new) + len(diff.persisting) == sum(f.check in common for f in after)
    assert len(diff.resolved) + len(diff.persisting) == sum(f.check in common for f in before)
