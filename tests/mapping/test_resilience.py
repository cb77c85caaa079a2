"""Single points of failure and removal impact: worked example, networkx cross-check, errors."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings

import channelvalue as cv
from channelvalue.core.arrays import arrays
from channelvalue.mapping import (
    SegmentImpact,
    SinglePoint,
    single_points_of_failure,
    what_if_removed,
)
from channelvalue.mapping._core import path_counts
from channelvalue.mapping.resilience import dominator_tree
from channelvalue.testing import strategies as cvst


def test_paper_single_points(paper: cv.ChannelNetwork) -> None:
    res = single_points_of_failure(paper)
    # ent's only route is v > d1 > s1: d1 and s1 dominate its sink.
    # smb: r1 is reached through d1 and d2, r2 through d1: the LCA of r1 (idom v) and
    # r2 (idom d1) is v, so no single member cuts smb off. home has no route at all.
    assert res.points == (
        SinglePoint("ent", "d1", role="distributor", depth=1, routes=1, revenue_at_risk=40.0),
        SinglePoint("ent", "s1", role="system_integrator", depth=2, routes=1, revenue_at_risk=40.0),
    )
    assert res.segments == ("ent", "home", "smb")
    assert res.uncovered == ("home",)
    assert res.members == ("d1", "s1")
    assert res.for_segment("smb") == ()
    assert res.revenue_at_risk("d1") == 40.0
    assert res.revenue_at_risk("d2") == 0.0
    assert repr(res) == (
        "Resilience(segments=3, uncovered=1, exposed=1, points=2, revenue_at_risk=40)"
    )
    assert res.to_frame()["role"].tolist() == ["distributor", "system_integrator"]


def test_one_segment(paper: cv.ChannelNetwork) -> None:
    res = single_points_of_failure(paper, "smb")
    assert (res.segments, res.points, res.uncovered) == (("smb",), (), ())


def test_steward_serving_directly_has_no_single_point(paper: cv.ChannelNetwork) -> None:
    paper.add(cv.Serves("v", "ent"))
    assert single_points_of_failure(paper, "ent").points == ()


def test_paper_removal_of_d1(paper: cv.ChannelNetwork) -> None:
    impact = what_if_removed(paper, "d1")
    # smb keeps only v > d2 > r1 (r1 keeps all its 100); r2's 60 is lost. ent is cut off.
    assert impact.segments == (
        SegmentImpact(
            "ent",
            routes_before=1,
            routes_after=0,
            partners_before=1,
            partners_after=0,
            revenue_before=40.0,
            revenue_after=0.0,
            revenue_lost=40.0,
        ),
        SegmentImpact(
            "home",
            routes_before=0,
            routes_after=0,
            partners_before=0,
            partners_after=0,
            revenue_before=0.0,
            revenue_after=0.0,
            revenue_lost=0.0,
        ),
        SegmentImpact(
            "smb",
            routes_before=3,
            routes_after=1,
            partners_before=2,
            partners_after=1,
            revenue_before=160.0,
            revenue_after=100.0,
            revenue_lost=60.0,
        ),
    )
    assert impact.cut_off == ("ent",)
    assert impact.revenue_lost == 100.0  # 40 + 60
    assert impact.routes_lost == 3
    assert impact.stranded == ("r2", "s1")
    assert repr(impact) == (
        "RemovalImpact('d1', revenue_lost=100, routes_lost=3, cut_off=('ent',), stranded=2)"
    )
    assert impact.to_frame()["revenue_lost"].tolist() == [40.0, 0.0, 60.0]


def test_paper_removal_of_d2_and_r1(paper: cv.ChannelNetwork) -> None:
    d2 = what_if_removed(paper, "d2")
    # r1 is still reached through d1: one route fewer, no revenue lost
    assert (d2.routes_lost, d2.revenue_lost, d2.stranded, d2.cut_off) == (1, 0.0, (), ())
    r1 = what_if_removed(paper, "r1")
    # r1's two routes and its 100 go
    assert (r1.routes_lost, r1.revenue_lost, r1.stranded) == (2, 100.0, ())


# ------------------------------------------------------------------ cross-checks
def _route_graph(net: cv.ChannelNetwork) -> nx.DiGraph:
    g = nx.DiGraph()
    g.add_nodes_from(net.organizations)
    g.add_edges_from((lk.source, lk.target) for lk in net.links("supplies"))
    g.add_edges_from((lk.source, ("sink", lk.target)) for lk in net.links("serves"))
    return g


@settings(max_examples=80, deadline=None)
@given(cvst.networks(max_organizations=9, max_segments=3, max_parents=3, plan=False))
def test_matches_networkx_immediate_dominators(net: cv.ChannelNetwork) -> None:
    steward = net.steward.id
    idom_nx = nx.immediate_dominators(_route_graph(net), steward)
    a = arrays(net)
    root = a.org_index[steward]
    idom, _ = dominator_tree(net, root)
    reach = path_counts(net, root) > 0
    for i, org in enumerate(a.org_ids):
        if org == steward:  # networkx >= 3.5 leaves the root out of its answer
            assert idom[i] == i
        elif reach[i]:
            assert a.org_ids[idom[i]] == idom_nx[org]
        else:
            assert idom[i] == -1
    res = single_points_of_failure(net)
    for seg in net.segments:
        sink = ("sink", seg)
        chain: list[str] = []
        if sink in idom_nx:
            x = idom_nx[sink]
            while x != steward:
                chain.append(x)
                x = idom_nx[x]
        assert [p.member for p in res.for_segment(seg)] == chain[::-1]


@settings(max_examples=60, deadline=None)
@given(cvst.networks(max_organizations=8, max_segments=3, max_parents=3, plan=False))
def test_single_points_are_exactly_what_removal_cuts_off(net: cv.ChannelNetwork) -> None:
    res = single_points_of_failure(net)
    steward = net.steward.id
    for org in net.organizations:
        if org == steward:
            continue
        cut = set(what_if_removed(net, org).cut_off)
        assert cut == {p.segment for p in res.points if p.member == org}


# ------------------------------------------------------------------ errors
def test_errors(paper: cv.ChannelNetwork) -> None:
    with pytest.raises(cv.UnknownIdError, match="single_points_of_failure: unknown segment"):
        single_points_of_failure(paper, "ghost")
    with pytest.raises(cv.UnknownIdError, match=r"Resilience\.for_segment"):
        single_points_of_failure(paper, "smb").for_segment("ent")
    with pytest.raises(cv.UnknownIdError, match=r"what_if_removed\.org_id: unknown organization"):
        what_if_removed(paper, "ghost")
    with pytest.raises(cv.UnknownIdError, match="unknown organization id 'smb'"):
        what_if_removed(paper, "smb")
    with pytest.raises(cv.ValidationError, match="other than the steward"):
        what_if_removed(paper, "v")
    with pytest.raises(cv.WrongTypeError, match="an organization id"):
        what_if_removed(paper, 3)  # type: ignore[arg-type]
