"""coverage.segments and coverage.needs: fire, stay quiet, evidence by hand (built on
channelvalue.mapping)."""

from __future__ import annotations

import pytest

import channelvalue as cv


@pytest.fixture
def coverage_net(network, reseller) -> cv.ChannelNetwork:
    return network(
        cv.Organization("d", role="distributor"),
        reseller("r1", 100, capabilities={"availability": 0.5}),
        reseller("r2", 40),
        cv.Segment("s1", needs={"availability": (0.9, 1.0)}),
        cv.Segment("s2", size=70),
        cv.Supplies("v", "d"),
        cv.Supplies("d", "r1"),
        cv.Serves("r1", "s1"),
        cv.Serves("r2", "s2"),  # r2 is not supplied by the channel: no route to s2
    )


def test_coverage_fires_with_hand_checked_evidence(run, coverage_net: cv.ChannelNetwork) -> None:
    found = run("coverage.segments", coverage_net) + run("coverage.needs", coverage_net)
    kinds = {f.subjects: f for f in found}
    uncovered = kinds[("s2",)]
    assert uncovered.severity is cv.Severity.ERROR
    assert dict(uncovered.evidence) == {"size": 70.0, "unrouted_partners": 1.0}
    # the one route v > d > r1 into s1: d and r1 are single points of failure
    spof = kinds[("s1", "d", "r1")]
    assert spof.severity is cv.Severity.WARNING
    assert dict(spof.evidence) == {"revenue_at_risk": 100.0, "routes": 1.0, "single_points": 2.0}
    # availability: demanded .9, best member on the route delivers .5: gap .4
    gaps = kinds[("s1",)]
    assert dict(gaps.evidence) == {"score": 0.4, "gap.availability": 0.4}
    assert "availability (0.90 demanded, 0.50 delivered)" in gaps.message
    assert len(found) == 3
    # segment weights: mean of size share (s1 0, s2 all 70) and end-revenue share
    # (s1 100 of 140, s2 40 of 140)
    w1, w2 = (0 + 100 / 140) / 2, (1 + 40 / 140) / 2
    assert uncovered.share == pytest.approx(w2)
    assert spof.share == pytest.approx(w1)
    assert gaps.share == pytest.approx(w1 * 0.4)


def test_coverage_tolerance_from_config(run, coverage_net: cv.ChannelNetwork) -> None:
    found = run("coverage.needs", coverage_net, service_tolerance=0.5)
    assert ("s1",) not in {f.subjects for f in found}  # a gap of .4 is within .5


def test_coverage_quiet(network, reseller, run) -> None:
    net = network(
        cv.Organization("d1", role="distributor"),
        cv.Organization("d2", role="distributor"),
        reseller("r1", 10, capabilities={"availability": 0.9}),
        reseller("r2", 10),
        cv.Segment("s", needs={"availability": (0.9, 1.0)}),
        cv.Supplies("v", "d1"),
        cv.Supplies("v", "d2"),
        cv.Supplies("d1", "r1"),
        cv.Supplies("d2", "r2"),
        cv.Serves("r1", "s"),
        cv.Serves("r2", "s"),
    )
    assert run("coverage.segments", net) == []
    found = run("coverage.needs", net)
    # two disjoint routes: no single point; delivered availability is the revenue-weighted
    # mean over routes (.9 and 0, equal revenue): .45 -> still under-served
    assert [f.subjects for f in found] == [("s",)]
    net.remove("r2", cascade=True)
    net.add_all(
        [
            reseller("r3", 10, capabilities={"availability": 0.9}),
            cv.Supplies("d2", "r3"),
            cv.Serves("r3", "s"),
        ]
    )
    assert run("coverage.segments", net) == []
    assert run("coverage.needs", net) == []
    assert run("coverage.segments", network()) == []


def test_coverage_without_steward_or_data_is_not_assessed() -> None:
    get = cv.aligning.authoring.get_check
    bad = cv.ChannelNetwork(steward="nobody")
    assert get("coverage.segments").missing(bad) == "the steward 'nobody' is not in the network"
    net = cv.ChannelNetwork(steward="v")
    net.add(cv.Organization("v", role="vendor"))
    assert get("coverage.segments").missing(net) == "no segments"
    net.add(cv.Segment("s"))
    assert get("coverage.segments").missing(net) is None
    assert get("coverage.needs").missing(net) == "no segment needs"


def test_supply_cycle_is_one_clear_error_per_route_check(network, reseller, run) -> None:
    net = network(
        reseller("a"),
        reseller("b"),
        cv.Segment("s"),
        cv.Supplies("v", "a"),
        cv.Supplies("a", "b"),
        cv.Supplies("b", "a"),
        cv.Serves("b", "s"),
        cv.FlowTable("s", weights={"promotion": 1.0}, shares={"promotion": {"a": 1.0}}),
    )
    for check_id in ("coverage.segments", "compensation.equity"):
        [f] = run(check_id, net)
        assert f.severity is cv.Severity.ERROR
        assert f.subjects == ("a", "b")
        assert "supply links form a cycle (a -> b -> a)" in f.message


def test_an_unreached_segment_nobody_serves_mentions_no_partners(network, run) -> None:
    net = network(cv.Segment("s", size=70))
    [f] = run("coverage.segments", net)
    assert f.message == (
        "no route from v reaches s (size 70): recruit or supply a partner that serves it"
    )
    assert dict(f.evidence) == {"size": 70.0, "unrouted_partners": 0.0}
