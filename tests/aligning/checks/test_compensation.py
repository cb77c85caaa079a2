"""compensation.equity: fire, stay quiet, evidence by hand (built on channelvalue.mapping)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import channelvalue as cv


@pytest.fixture
def compensation_net(flow_network) -> Callable[[dict[str, float] | None], cv.ChannelNetwork]:
    """``compensation_net(margins)``: the flow network of one table (normative v .3, r .3, d .4)
    with ``margins`` (none if None)."""

    def build(margins: dict[str, float] | None) -> cv.ChannelNetwork:
        # normative: v .6 x .5 = .3; r .6 x .5 = .3; d .4 x 1 = .4
        table = cv.FlowTable(
            "s",
            weights={"promotion": 0.6, "physical_possession": 0.4},
            shares={"promotion": {"v": 0.5, "r": 0.5}, "physical_possession": {"d": 1.0}},
        )
        return flow_network(table, margins or {})

    return build


def test_compensation_fires_with_hand_checked_evidence(run, compensation_net, by_subject) -> None:
    found = run("compensation.equity", compensation_net({"v": 0.5, "r": 0.2, "d": 0.3}))
    by = by_subject(found)
    # v: .5 - .3 = +.2 > 2 x .05: an error; r: .2 - .3 = -.1, d: .3 - .4 = -.1: warnings
    assert by["v"].severity is cv.Severity.ERROR
    assert dict(by["v"].evidence) == {"actual": 0.5, "normative": 0.3, "gap": 0.2}
    assert by["r"].severity is cv.Severity.WARNING
    assert by["r"].evidence["gap"] == -0.1
    assert by["d"].evidence["gap"] == -0.1
    assert [f.subjects[0] for f in found] == ["v", "d", "r"]  # largest gap first, then id
    assert by["v"].subjects == ("v", "s")


def test_compensation_tolerance_is_configurable(run, compensation_net) -> None:
    found = run(
        "compensation.equity",
        compensation_net({"v": 0.5, "r": 0.2, "d": 0.3}),
        margin_tolerance=0.15,
    )
    assert [f.subjects[0] for f in found] == ["v"]


def test_compensation_quiet(run, compensation_net, network) -> None:
    assert run("compensation.equity", compensation_net({"v": 0.3, "r": 0.3, "d": 0.4})) == []
    assert run("compensation.equity", network()) == []  # no flow tables


def test_compensation_without_margins_is_info(run, compensation_net) -> None:
    [f] = run("compensation.equity", compensation_net(None))
    assert f.severity is cv.Severity.INFO
    assert f.subjects == ("s",)


def test_compensation_table_member_off_route(compensation_net, reseller, run) -> None:
    net = compensation_net({"v": 0.3, "r": 0.3, "d": 0.4})
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


def test_compensation_margin_of_a_member_the_table_does_not_list(
    compensation_net, reseller, run
) -> None:
    net = compensation_net({"v": 0.3, "r": 0.3, "d": 0.4})
    net.add_all([reseller("x"), cv.Margin("s", "x", share=0.1)])
    [f] = run("compensation.equity", net)
    # x does no work in the table (normative 0) but earns 0.1: a gap of +0.1, which is
    # beyond the 0.05 tolerance but not beyond twice it: a warning
    assert f.subjects == ("x", "s")
    assert f.severity is cv.Severity.WARNING
    assert dict(f.evidence) == {"actual": 0.1, "normative": 0.0, "gap": 0.1}


@pytest.fixture
def equity(run, flow_network) -> Callable[..., list[cv.Finding]]:
    """``equity(margins, **config)``: the compensation.equity findings on the flow network of
    one table (normative v .5, r .3, d .2) with ``margins``."""

    def build(margins: dict[str, float], **config: object) -> list[cv.Finding]:
        # normative shares by hand: v .5, r .3, d .2
        table = cv.FlowTable(
            "s",
            weights={"promotion": 0.5, "negotiation": 0.3, "physical_possession": 0.2},
            shares={
                "promotion": {"v": 1.0},
                "negotiation": {"r": 1.0},
                "physical_possession": {"d": 1.0},
            },
        )
        return run("compensation.equity", flow_network(table, margins), **config)

    return build


def test_a_gap_between_two_and_three_tolerances_is_an_error(equity) -> None:
    # v: .62 - .5 = +.12 > 2 x .05 -> error; r: .2 - .3 = -.1 = 2 x .05 -> a warning only
    # d: .18 - .2 = -.02 within .05 -> quiet
    found = equity({"v": 0.62, "r": 0.2, "d": 0.18})
    assert [(f.subjects[0], f.severity.value, f.evidence["gap"]) for f in found] == [
        ("v", "error", 0.12),
        ("r", "warning", -0.1),
    ]


def test_every_member_is_listed_with_its_gap_as_share(equity) -> None:
    # gaps +.3 (v), -.15 (d), -.15 (r): all errors, all listed; one segment, weight 1
    found = equity({"v": 0.8, "r": 0.15, "d": 0.05})
    assert [f.subjects[0] for f in found] == ["v", "d", "r"]
    assert [f.share for f in found] == pytest.approx([0.3, 0.15, 0.15])


def test_a_table_member_off_every_route_is_named_in_the_message(network, reseller, run) -> None:
    table = cv.FlowTable("s", weights={"promotion": 1.0}, shares={"promotion": {"v": 1, "x": 0}})
    net = network(
        reseller("r"),
        reseller("x"),
        cv.Segment("s"),
        cv.Supplies("v", "r"),
        cv.Serves("r", "s"),
        table,
        cv.Margin("s", "v", share=1.0),
    )
    note = run("compensation.equity", net)[0]
    assert note.message == (
        "the flow table of s names x that no route to the segment passes through: correct the table"
    )
