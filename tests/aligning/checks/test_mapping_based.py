"""engagement.fit, compensation.equity and coverage.segments (built on channelvalue.mapping)."""

from __future__ import annotations

import channelvalue as cv
from channelvalue.mapping import EngagementPolicy

from ..aligning_nets import by_subject, flow_network, network, reseller, run

# ----------------------------------------------------------------- engagement.fit


def _engagement() -> cv.ChannelNetwork:
    # revenue 90, 10, 0 of 100; the share of the partners *before* each: 0, .9, 1.0
    # -> ABC classes A, B, C -> dedicated, pooled, self_service (volume and velocity are
    # all 0, so every partner is in the 'tail' quadrant: no step up)
    return network(
        reseller("big", 90, engagement="self_service"),
        reseller("small", 10, engagement="dedicated"),
        reseller("new", 0),
        cv.Organization("own", role="agent", owned=True, engagement="self_service"),
    )


def test_engagement_fires_with_hand_checked_evidence() -> None:
    by = by_subject(run("engagement.fit", _engagement()))
    assert set(by) == {"big", "small", "new"}  # the owned unit is not judged
    assert by["big"].severity is cv.Severity.ERROR  # under-served key partner (0.9)
    assert dict(by["big"].evidence) == {
        "revenue": 90.0,
        "revenue_share": 0.9,
        "current_level": 0.0,
        "recommended_level": 2.0,
    }
    assert "step up coverage" in by["big"].message
    assert by["small"].severity is cv.Severity.WARNING  # over-served: dedicated vs pooled
    assert by["small"].evidence["current_level"] == 2.0
    assert by["small"].evidence["recommended_level"] == 1.0
    assert by["new"].severity is cv.Severity.INFO  # no model recorded
    assert by["new"].evidence["current_level"] == -1.0


def test_engagement_policy_comes_from_the_config() -> None:
    policy = EngagementPolicy(by_class={"A": "self_service", "B": "dedicated", "C": "pooled"})
    found = run("engagement.fit", _engagement(), engagement_policy=policy)
    assert [f.subjects for f in found] == [("new",)]  # big and small now fit


def test_engagement_quiet() -> None:
    net = network(
        reseller("big", 90, engagement="dedicated"), reseller("small", 10, engagement="pooled")
    )
    assert run("engagement.fit", net) == []


def test_engagement_without_steward() -> None:
    [f] = run("engagement.fit", cv.ChannelNetwork())
    assert f.severity is cv.Severity.ERROR


# ----------------------------------------------------------------- compensation.equity


def _compensation(margins: dict[str, float] | None) -> cv.ChannelNetwork:
    # normative: v .6 x .5 = .3; r .6 x .5 = .3; d .4 x 1 = .4
    table = cv.FlowTable(
        "s",
        weights={"promotion": 0.6, "physical_possession": 0.4},
        shares={"promotion": {"v": 0.5, "r": 0.5}, "physical_possession": {"d": 1.0}},
    )
    return flow_network(table, margins or {})


def test_compensation_fires_with_hand_checked_evidence() -> None:
    found = run("compensation.equity", _compensation({"v": 0.5, "r": 0.2, "d": 0.3}))
    by = by_subject(found)
    # v: .5 - .3 = +.2 > 2 x .05: an error; r: .2 - .3 = -.1, d: .3 - .4 = -.1: warnings
    assert by["v"].severity is cv.Severity.ERROR
    assert dict(by["v"].evidence) == {"actual": 0.5, "normative": 0.3, "gap": 0.2}
    assert by["r"].severity is cv.Severity.WARNING
    assert by["r"].evidence["gap"] == -0.1
    assert by["d"].evidence["gap"] == -0.1
    assert [f.subjects[0] for f in found] == ["v", "d", "r"]  # largest gap first, then id
    assert by["v"].subjects == ("v", "s")


def test_compensation_tolerance_is_configurable() -> None:
    found = run(
        "compensation.equity", _compensation({"v": 0.5, "r": 0.2, "d": 0.3}), margin_tolerance=0.15
    )
    assert [f.subjects[0] for f in found] == ["v"]


def test_compensation_quiet() -> None:
    assert run("compensation.equity", _compensation({"v": 0.3, "r": 0.3, "d": 0.4})) == []
    assert run("compensation.equity", network()) == []  # no flow tables


def test_compensation_without_margins_is_info() -> None:
    [f] = run("compensation.equity", _compensation(None))
    assert f.severity is cv.Severity.INFO
    assert f.subjects == ("s",)


def test_compensation_table_member_off_route() -> None:
    net = _compensation({"v": 0.3, "r": 0.3, "d": 0.4})
    net.add(reseller("x"))  # on no route to s
    net.remove(net.flow_tables["s"], cascade=False)
    net.add(
        cv.FlowTable(
            "s",
            weights={"promotion": 1.0},
            shares={"promotion": {"v": 0.3, "r": 0.3, "d": 0.4, "x": 0.0}},
        )
    )
    found = run("compensation.equity", net)
    note = found[0]
    assert note.severity is cv.Severity.WARNING
    assert note.subjects == ("s", "x")
    assert found[1:] == []  # normative .3/.3/.4/0 matches the margins (x gets 0)


def test_compensation_margin_of_a_member_the_table_does_not_list() -> None:
    net = _compensation({"v": 0.3, "r": 0.3, "d": 0.4})
    net.add_all([reseller("x"), cv.Margin("s", "x", share=0.1)])
    [f] = run("compensation.equity", net)
    # x does no work in the table (normative 0) but earns 0.1: a gap of +0.1, which is
    # beyond the 0.05 tolerance but not beyond twice it: a warning
    assert f.subjects == ("x", "s")
    assert f.severity is cv.Severity.WARNING
    assert dict(f.evidence) == {"actual": 0.1, "normative": 0.0, "gap": 0.1}


# ----------------------------------------------------------------- coverage.segments


def _coverage() -> cv.ChannelNetwork:
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


def test_coverage_fires_with_hand_checked_evidence() -> None:
    found = run("coverage.segments", _coverage())
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


def test_coverage_tolerance_from_config() -> None:
    found = run("coverage.segments", _coverage(), service_tolerance=0.5)
    assert ("s1",) not in {f.subjects for f in found}  # a gap of .4 is within .5


def test_coverage_quiet() -> None:
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
    found = run("coverage.segments", net)
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
    assert run("coverage.segments", network()) == []


def test_coverage_without_steward() -> None:
    [f] = run("coverage.segments", cv.ChannelNetwork(steward="nobody"))
    assert f.severity is cv.Severity.ERROR


def test_supply_cycle_is_one_clear_error_per_route_check() -> None:
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
