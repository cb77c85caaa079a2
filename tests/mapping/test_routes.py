"""Routes to market: worked example, brute force on random DAGs, errors."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue.mapping import Route, routes
from channelvalue.testing import strategies as cvst


def brute_force(net: cv.ChannelNetwork, segment: str, source: str) -> list[tuple[str, ...]]:
    """Every route by explicit path enumeration (only for tiny networks)."""
    g = nx.DiGraph()
    g.add_nodes_from(net.organizations)
    g.add_edges_from((lk.source, lk.target) for lk in net.links("supplies"))
    found: list[tuple[str, ...]] = []
    for v in net.partners(segment):
        if v == source:
            found.append((source,))
        else:
            found.extend(tuple(p) for p in nx.all_simple_paths(g, source, v))
    return sorted(found)


# ------------------------------------------------------------------ worked example
def test_paper_route_counts(paper: cv.ChannelNetwork) -> None:
    # smb: r1 is reached via d1 and via d2 (2 routes), r2 via d1 (1): 3 routes
    # ent: s1 via d1: 1 route; home: nobody serves it: 0
    assert [routes(paper, s).count for s in ("smb", "ent", "home")] == [3, 1, 0]


def test_paper_route_list_members_patterns_revenue(paper: cv.ChannelNetwork) -> None:
    rs = routes(paper, "smb")
    # r1 makes 100 in smb (its only segment), split over its 2 routes: 50 each; r2: 60
    assert list(rs.list()) == [
        Route(
            "smb", members=("v", "d1", "r1"), pattern="vendor>distributor>reseller", revenue=50.0
        ),
        Route(
            "smb", members=("v", "d1", "r2"), pattern="vendor>distributor>reseller", revenue=60.0
        ),
        Route(
            "smb", members=("v", "d2", "r1"), pattern="vendor>distributor>reseller", revenue=50.0
        ),
    ]
    assert rs.revenue == 160.0  # 100 + 60
    assert rs.partners == ("r1", "r2")
    assert rs.source == "v"


def test_list_is_lazy_and_limited(paper: cv.ChannelNetwork) -> None:
    rs = routes(paper, "smb")
    it = rs.list(limit=2)
    assert next(it).members == ("v", "d1", "r1")
    assert [r.partner for r in it] == ["r2"]
    assert list(rs.list(limit=0)) == []


def test_other_source(paper: cv.ChannelNetwork) -> None:
    rs = routes(paper, "smb", source="d2")  # only d2 > r1
    assert rs.count == 1
    assert [r.members for r in rs.list()] == [("d2", "r1")]
    assert [r.revenue for r in rs.list()] == [100.0]  # r1 has one route from d2


def test_source_serving_itself_is_a_route(paper_items, build) -> None:
    items = [*paper_items, cv.Serves("v", "home", revenue=7.0)]
    net = build(items)
    rs = routes(net, "home")
    assert rs.count == 1
    assert [(r.members, r.pattern, r.revenue) for r in rs.list()] == [(("v",), "vendor", 7.0)]


def test_partner_that_also_supplies_counts_at_each_end(paper_items, build) -> None:
    # r1 serves smb and supplies r3, which serves smb too: v>d1>r1, v>d2>r1 end at r1,
    # and v>d1>r1>r3, v>d2>r1>r3 end at r3; plus v>d1>r2: 5 routes
    items = [
        *paper_items,
        cv.Organization("r3", role="reseller", revenue=10.0),
        cv.Supplies("r1", "r3"),
        cv.Serves("r3", "smb"),
    ]
    net = build(items)
    assert routes(net, "smb").count == 5
    assert len(brute_force(net, "smb", "v")) == 5


def test_unreached_server_is_not_a_route(paper_items, build) -> None:
    items = [*paper_items, cv.Organization("x", role="reseller", revenue=5.0)]
    items.append(cv.Serves("x", "home"))
    net = build(items)
    rs = routes(net, "home")
    assert (rs.count, rs.partners, rs.revenue) == (0, (), 0.0)
    assert list(rs.list()) == []


def test_to_frame(paper: cv.ChannelNetwork) -> None:
    df = routes(paper, "smb").to_frame()
    assert df.to_dict("list") == {
        "partner": ["r1", "r2"],
        "partner_name": ["r1", "r2"],
        "role": ["reseller", "reseller"],
        "routes": [2, 1],
        "revenue": [100.0, 60.0],
    }


def test_repr(paper: cv.ChannelNetwork) -> None:
    assert repr(routes(paper, "smb")) == (
        "RouteSet(segment='smb', source='v', count=3, partners=2, revenue=160)"
    )


def test_huge_counts_are_exact(build) -> None:
    # a ladder of 70 diamonds: 2**70 routes, beyond int64
    items: list[cv.network.Item] = [cv.Organization("n000", role="vendor"), cv.Segment("s")]
    for k in range(70):
        a, b, c = f"a{k:03d}", f"b{k:03d}", f"n{k + 1:03d}"
        items += [cv.Organization(x, role="reseller") for x in (a, b, c)]
        items += [
            cv.Supplies(f"n{k:03d}", a),
            cv.Supplies(f"n{k:03d}", b),
            cv.Supplies(a, c),
            cv.Supplies(b, c),
        ]
    items.append(cv.Serves("n070", "s"))
    net = build(items, steward="n000")
    rs = routes(net, "s")
    assert rs.count == 2**70
    first = next(rs.list())
    assert len(first.members) == 141
    assert first.revenue == 0.0


# ------------------------------------------------------------------ properties
@settings(max_examples=60, deadline=None)
@given(cvst.networks(max_organizations=8, max_segments=3, max_parents=3, plan=False))
def test_count_equals_brute_force(net: cv.ChannelNetwork) -> None:
    for segment in net.segments:
        expected = brute_force(net, segment, net.steward.id)
        rs = routes(net, segment)
        assert rs.count == len(expected)
        assert [r.members for r in rs.list()] == expected
        assert sum(r.revenue for r in rs.list()) == pytest.approx(rs.revenue)


@settings(max_examples=40, deadline=None)
@given(
    cvst.dags(min_nodes=2, max_nodes=9, max_parents=4, connected=True),
    st.data(),
)
def test_count_on_random_dags(dag: cvst.Dag, data: st.DataObject) -> None:
    net = dag.network()
    servers = data.draw(st.sets(st.sampled_from(dag.nodes), min_size=1))
    net.add_all([cv.Segment("seg-x"), *[cv.Serves(v, "seg-x") for v in sorted(servers)]])
    expected = brute_force(net, "seg-x", dag.nodes[0])
    assert routes(net, "seg-x").count == len(expected)
    source = data.draw(st.sampled_from(dag.nodes))
    assert routes(net, "seg-x", source=source).count == len(brute_force(net, "seg-x", source))


# ------------------------------------------------------------------ errors
def test_unknown_segment(paper: cv.ChannelNetwork) -> None:
    with pytest.raises(cv.UnknownIdError, match=r"routes\.segment: unknown segment id 'ghost'"):
        routes(paper, "ghost")


def test_segment_of_wrong_type(paper: cv.ChannelNetwork) -> None:
    with pytest.raises(cv.WrongTypeError, match="a segment id"):
        routes(paper, ["smb"])  # type: ignore[arg-type]


def test_unknown_source(paper: cv.ChannelNetwork) -> None:
    with pytest.raises(cv.UnknownIdError, match=r"routes\.source: unknown organization id 'x'"):
        routes(paper, "smb", source="x")


def test_segment_id_is_not_a_source(paper: cv.ChannelNetwork) -> None:
    with pytest.raises(cv.UnknownIdError, match="unknown organization id 'smb'"):
        routes(paper, "smb", source="smb")


def test_no_steward() -> None:
    net = cv.ChannelNetwork()
    net.add_all([cv.Organization("a", role="vendor"), cv.Segment("s")])
    with pytest.raises(cv.UnknownIdError, match="steward"):
        routes(net, "s")


def test_supply_cycle_is_named(paper_items, build) -> None:
    items = [*paper_items, cv.Supplies("r1", "d2")]  # d2 > r1 > d2
    net = build(items)
    with pytest.raises(cv.CycleError, match=r"supplies links form a cycle: d2 -> r1 -> d2") as err:
        routes(net, "smb")
    assert err.value.cycle == ("d2", "r1", "d2")


@pytest.mark.parametrize("limit", [-1, 1.5, True, "3"])
def test_bad_limit(paper: cv.ChannelNetwork, limit: object) -> None:
    with pytest.raises(cv.ValidationError, match=r"RouteSet\.list\.limit"):
        routes(paper, "smb").list(limit=limit)  # type: ignore[arg-type]


def test_counts_do_not_depend_on_insertion_order(paper_items, build) -> None:
    items = paper_items
    for perm in (items, list(reversed(items)), items[::2] + items[1::2]):
        net = build(perm)
        assert [routes(net, s).count for s in ("smb", "ent", "home")] == [3, 1, 0]
        assert next(r.members for r in routes(net, "smb").list()) == ("v", "d1", "r1")
