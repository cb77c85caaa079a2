"""Efficiency template: normative shares by hand, supply-side gaps, properties, errors."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings

import channelvalue as cv
from channelvalue.mapping import SupplyGap, efficiency_from_table, segment_efficiency
from channelvalue.model import Flow, FlowTable, Margin
from channelvalue.testing import strategies as cvst


def _table(net: cv.ChannelNetwork) -> FlowTable:
    return net.flow_tables["smb"]


def test_paper_normative_shares(paper: cv.ChannelNetwork) -> None:
    t = efficiency_from_table(_table(paper))
    # weights: physical .4, promotion .3, financing .2, ordering .1
    # v : promotion .3 * .5                              = .15
    # d1: physical .4 * .75 + financing .2 * 1           = .30 + .20 = .50
    # r1: physical .4 * .25 + promotion .3 * .5 + ordering .1 * 1 = .10 + .15 + .10 = .35
    # r2: only a cost index, no work                     = 0
    expected = {"d1": 0.5, "r1": 0.35, "r2": 0.0, "v": 0.15}
    assert list(t.normative_share) == ["d1", "r1", "r2", "v"]
    for member, share in expected.items():
        assert abs(t.normative_share[member] - share) < 1e-9
    assert abs(math.fsum(t.normative_share.values()) - 1.0) < 1e-9
    assert t.actual_share is None
    assert t.share_gap is None


def test_paper_actual_and_gap(paper: cv.ChannelNetwork) -> None:
    t = segment_efficiency(paper, "smb")  # margins v .25, d1 .35, r1 .40 from the network
    assert dict(t.actual_share or {}) == {"d1": 0.35, "r1": 0.40, "r2": 0.0, "v": 0.25}
    gap = t.share_gap
    assert gap is not None
    # actual - normative: v .25 - .15, d1 .35 - .50, r1 .40 - .35, r2 0 - 0
    for member, value in {"v": 0.10, "d1": -0.15, "r1": 0.05, "r2": 0.0}.items():
        assert abs(gap[member] - value) < 1e-9
    df = t.to_frame()
    assert df["member"].tolist() == ["d1", "r1", "r2", "v"]
    assert df["share_gap"].round(9).tolist() == [-0.15, 0.05, 0.0, 0.1]


def test_paper_supply_side_gaps(paper: cv.ChannelNetwork) -> None:
    t = segment_efficiency(paper, "smb")
    # physical: .75 * 1.0 (d1) + .25 * 1.6 (r1) = 1.15 against d1 at 1.0 -> excess .15
    # promotion: .5 * .9 (v) + .5 * 1.2 (r1) = 1.05 against v at .9 -> excess .15
    # financing and ordering have no cost indices: skipped
    phys, promo = t.supply
    assert phys.flow is Flow.PHYSICAL_POSSESSION
    assert (phys.cheapest, phys.cheapest_cost, phys.costed_share) == ("d1", 1.0, 1.0)
    assert phys.current_cost == pytest.approx(1.15, abs=1e-12)
    assert phys.excess == pytest.approx(0.15, abs=1e-12)
    assert phys.weighted_excess == pytest.approx(0.06, abs=1e-12)  # .4 * .15
    assert (promo.flow, promo.cheapest) == (Flow.PROMOTION, "v")
    assert promo.excess == pytest.approx(0.15, abs=1e-12)
    assert t.excess == pytest.approx(0.105, abs=1e-12)  # .06 + .3 * .15
    assert t.supply_frame()["flow"].tolist() == ["physical_possession", "promotion"]
    assert (
        repr(t) == "EfficiencyTemplate('smb', members=4, excess=0.105, largest_gap=('d1', -0.15))"
    )


def test_partly_costed_flow() -> None:
    table = FlowTable(
        "s",
        weights={"promotion": 1.0},
        shares={"promotion": {"a": 0.6, "b": 0.4}},
        costs={"promotion": {"a": 2.0, "c": 0.5}},
    )
    (g,) = efficiency_from_table(table).supply
    # only a's .6 of the work is costed: .6 * 2.0 = 1.2 against .6 * .5 (c) = .3
    assert g == SupplyGap(
        Flow.PROMOTION,
        weight=1.0,
        current_cost=1.2,
        costed_share=0.6,
        cheapest="c",
        cheapest_cost=0.5,
        excess=pytest.approx(0.9),  # type: ignore[arg-type]
    )


def test_margins_as_mapping_and_missing_members(paper: cv.ChannelNetwork) -> None:
    t = efficiency_from_table(_table(paper), {"d1": 0.5})
    assert dict(t.actual_share or {}) == {"d1": 0.5, "r1": 0.0, "r2": 0.0, "v": 0.0}


@settings(max_examples=100, deadline=None)
@given(cvst.flow_tables())
def test_normative_shares_sum_to_one(table: FlowTable) -> None:
    t = efficiency_from_table(table)
    assert abs(math.fsum(t.normative_share.values()) - 1.0) < 1e-9
    assert all(v >= 0 for v in t.normative_share.values())
    assert set(t.normative_share) == set(table.members)
    assert all(g.excess >= 0 for g in t.supply)


# ------------------------------------------------------------------ errors
def test_margin_without_work(paper: cv.ChannelNetwork) -> None:
    # r9 is paid a margin but does no flow work in the table: normative 0, gap = actual
    t = efficiency_from_table(_table(paper), {"d1": 0.5, "r9": 0.1})
    assert t.normative_share["r9"] == 0.0
    assert (t.share_gap or {})["r9"] == 0.1
    assert list(t.normative_share) == ["d1", "r1", "r2", "r9", "v"]
    assert abs(math.fsum(t.normative_share.values()) - 1.0) < 1e-9


def test_network_margin_without_work(paper: cv.ChannelNetwork) -> None:
    paper.add(Margin("smb", "r2", share=0.05))  # r2 only has a cost index in the table
    t = segment_efficiency(paper, "smb")
    assert (t.actual_share or {})["r2"] == 0.05
    assert (t.share_gap or {})["r2"] == 0.05


def test_margin_of_other_segment(paper: cv.ChannelNetwork) -> None:
    with pytest.raises(cv.ValidationError, match=r"Margin\.segment: got 'ent'"):
        efficiency_from_table(_table(paper), [Margin("ent", "d1", share=0.2)])


def test_repeated_margin(paper: cv.ChannelNetwork) -> None:
    margins = [Margin("smb", "d1", share=0.2), Margin("smb", "d1", share=0.3)]
    with pytest.raises(cv.ValidationError, match="one margin per member"):
        efficiency_from_table(_table(paper), margins)


@pytest.mark.parametrize("member", ["", 3, None])
def test_bad_margin_member(paper: cv.ChannelNetwork, member: object) -> None:
    with pytest.raises(cv.ValidationError, match="a non-empty member id"):
        efficiency_from_table(_table(paper), {member: 0.1})  # type: ignore[dict-item]


@pytest.mark.parametrize("share", [1.5, -0.1, "0.3", None])
def test_bad_margin_share(paper: cv.ChannelNetwork, share: object) -> None:
    with pytest.raises(cv.ValidationError, match=r"a share in \[0, 1\]"):
        efficiency_from_table(_table(paper), {"d1": share})  # type: ignore[dict-item]


def test_wrong_types(paper: cv.ChannelNetwork) -> None:
    with pytest.raises(cv.WrongTypeError, match="a FlowTable"):
        efficiency_from_table({"weights": {}})  # type: ignore[arg-type]
    with pytest.raises(cv.WrongTypeError, match="Margin objects"):
        efficiency_from_table(_table(paper), ["d1"])  # type: ignore[list-item]
    with pytest.raises(cv.WrongTypeError, match="Margin objects"):
        efficiency_from_table(_table(paper), 0.3)  # type: ignore[arg-type]


def test_efficiency_for_unknown_segment(paper: cv.ChannelNetwork) -> None:
    with pytest.raises(cv.UnknownIdError, match=r"segment_efficiency\.segment: unknown segment id"):
        segment_efficiency(paper, "ghost")


def test_efficiency_for_without_table(paper: cv.ChannelNetwork) -> None:
    with pytest.raises(cv.UnknownIdError, match="unknown flow table id 'ent'"):
        segment_efficiency(paper, "ent")


def test_member_not_on_a_route(paper_items, build) -> None:
    # the ent route is v > d1 > s1: r1 and d2 do no work on it
    items = [
        *paper_items,
        FlowTable(
            "ent",
            weights={"promotion": 1.0},
            shares={"promotion": {"d1": 0.5, "r1": 0.5}},
            costs={"promotion": {"d2": 1.0}},
        ),
    ]
    net = build(items)
    with pytest.raises(
        cv.ValidationError,
        match=r"FlowTable\['ent'\]\.members: got \['d2', 'r1'\] but expected organizations on a "
        r"route of segment 'ent'",
    ) as err:
        segment_efficiency(net, "ent")
    assert err.value.value == ["d2", "r1"]


def test_member_of_an_uncovered_segment(paper_items, build) -> None:
    items = [
        *paper_items,
        FlowTable("home", weights={"promotion": 1.0}, shares={"promotion": {"v": 1.0}}),
    ]
    with pytest.raises(cv.ValidationError, match=r"FlowTable\['home'\]\.members: got \['v'\]"):
        segment_efficiency(build(items), "home")
