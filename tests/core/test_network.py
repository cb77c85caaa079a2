"""ChannelNetwork: changes, queries, removal, copies, the graph view, atomicity, order."""

from __future__ import annotations

from typing import Any

import attrs
import networkx as nx
import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue import io
from channelvalue.core._staging import _group, _group_each
from channelvalue.core.arrays import arrays
from channelvalue.model import FlowTable
from channelvalue.testing import network_items
from channelvalue.testing import strategies as cvst

Org = cv.Organization


def tiny_items() -> list[Any]:
    """A small channel whose every query is worked out by hand below.

    ::

        supplies:  v -> d -> r1, d -> r2, v -> r2      serves: r1 -> smb, r2 -> smb, r2 -> ent
        reports:   d -> v (m1), r1 -> d (m1), r2 -> v  shares: r1 -> d
        plan:      lever L (members d, owners v); vp for smb (levers L, owners d);
                   i1 -> r1, i2 -> L; margin smb/r1; flow table smb over v, d, r1
    """
    return [
        Org("v", role="vendor", owned=True, revenue=100.0),
        Org("d", role="distributor", revenue=60.0),
        Org("r1", role="reseller", revenue=30.0),
        Org("r2", role="msp", revenue=10.0),
        cv.Segment("smb", size=1000),
        cv.Segment("ent", size=50),
        cv.Manager("m1", capacity=5),
        cv.Supplies("v", "d"),
        cv.Supplies("d", "r1"),
        cv.Supplies("d", "r2"),
        cv.Supplies("v", "r2"),
        cv.Serves("r1", "smb"),
        cv.Serves("r2", "smb", revenue=4.0),
        cv.Serves("r2", "ent"),
        cv.ReportsTo("d", "v", manager="m1"),
        cv.ReportsTo("r1", "d", manager="m1"),
        cv.ReportsTo("r2", "v"),
        cv.SharesData("r1", "d", interval_days=7),
        cv.Lever("L", change="stock", members=["d"], owners=["v"]),
        cv.ValueProposition(
            "vp",
            segment="smb",
            claim="next day",
            evidence=[cv.Evidence("on time", 0.97)],
            levers=["L"],
            owners=["d"],
        ),
        cv.Investment("i1", recipient="r1", amount=5),
        cv.Investment("i2", recipient="L", kind="tooling", amount=7),
        cv.Margin("smb", "r1", share=0.3),
        FlowTable(
            "smb",
            weights={"ordering": 0.5, "payment": 0.5},
            shares={"ordering": {"r1": 1.0}, "payment": {"v": 0.4, "d": 0.6}},
        ),
    ]


@pytest.fixture
def tiny() -> cv.ChannelNetwork:
    net = cv.ChannelNetwork(steward="v", name="tiny")
    net.add_all(tiny_items())
    return net


# ---------------------------------------------------------------------- queries
def test_neighbourhood_queries_worked_by_hand(tiny: cv.ChannelNetwork) -> None:
    assert tiny.upstream("r2") == ("d", "v")
    assert tiny.downstream("v") == ("d", "r2")
    assert tiny.downstream("r1") == ()
    assert tiny.partners("smb") == ("r1", "r2")
    assert tiny.partners("ent") == ("r2",)
    assert tiny.segments_of("r2") == ("ent", "smb")
    assert tiny.upstream("d", kind=cv.ReportsTo) == ("r1",)
    assert tiny.downstream("r1", kind="shares_data") == ("d",)
    assert [(x.source, x.target) for x in tiny.reporting_line("r1")] == [("r1", "d"), ("d", "v")]
    assert tiny.reporting_line("v") == ()
    assert tiny.managed_by("m1") == ("d", "r1")


def test_registries_counts_and_links(tiny: cv.ChannelNetwork) -> None:
    assert list(tiny.organizations) == ["v", "d", "r1", "r2"]  # insertion order
    assert tiny.steward.id == "v"
    assert tiny.count_links() == 11
    assert tiny.count_links("supplies") == 4
    assert tiny.count_links(cv.Serves) == 3
    counts = tiny.counts()
    assert counts["organizations"] == 4
    assert counts["reports_to_links"] == 3
    assert counts["shares_data_links"] == 1
    assert counts["investments"] == 2
    assert counts["flow_tables"] == 1
    assert [x.target for x in tiny.links(cv.Supplies)] == ["d", "r1", "r2", "r2"]
    assert tiny.link("serves", "r2", "smb").revenue == 4.0  # type: ignore[attr-defined]


def test_contains(tiny: cv.ChannelNetwork) -> None:
    assert "d" in tiny
    assert "smb" in tiny
    assert "L" in tiny
    assert "ghost" not in tiny
    assert cv.Supplies("v", "d") in tiny
    assert cv.Serves("r2", "smb") not in tiny  # same pair, different revenue
    assert cv.Margin("smb", "r1", share=0.3) in tiny
    assert 42 not in tiny


def test_contains_domain_objects_and_the_link_base_class(tiny: cv.ChannelNetwork) -> None:
    # found by these tests: objects other than links were never "in" the network, and
    # the Link base class raised a bare KeyError
    assert tiny.organizations["d"] in tiny
    assert Org("d", role="reseller") not in tiny  # same id, other object
    assert cv.Manager("m1", capacity=5) in tiny
    assert cv.Link("v", "d") not in tiny


def test_unknown_ids_in_queries(tiny: cv.ChannelNetwork) -> None:
    with pytest.raises(cv.UnknownIdError, match="upstream: unknown organization id 'smb'"):
        tiny.upstream("smb")
    with pytest.raises(cv.UnknownIdError, match="partners: unknown segment id 'd'"):
        tiny.partners("d")
    with pytest.raises(cv.UnknownIdError, match="managed_by: unknown manager id 'x'"):
        tiny.managed_by("x")
    with pytest.raises(cv.UnknownIdError, match="unknown supplies link id 'd->v'"):
        tiny.link("supplies", "d", "v")
    with pytest.raises(cv.WrongTypeError, match="kind: got 'sells'"):
        tiny.count_links("sells")
    with pytest.raises(cv.WrongTypeError, match="kind: got None"):
        tiny.link(None, "v", "d")  # type: ignore[arg-type]


def test_steward_rules() -> None:
    with pytest.raises(cv.UnknownIdError, match="unknown steward id ''"):
        _ = cv.ChannelNetwork().steward
    net = cv.ChannelNetwork(steward="acme")
    with pytest.raises(cv.UnknownIdError, match=r"ChannelNetwork\.steward: unknown organization"):
        _ = net.steward
    assert [str(p) for p in net.validate()] == ["$.steward: unknown organization id 'acme'"]
    with pytest.raises(cv.WrongTypeError, match=r"ChannelNetwork\.steward: got '' \(str\)"):
        cv.ChannelNetwork(steward="")
    with pytest.raises(cv.WrongTypeError, match=r"ChannelNetwork\.steward: got 5 \(int\)"):
        cv.ChannelNetwork(steward=5)  # type: ignore[arg-type]
    with pytest.raises(cv.WrongTypeError, match=r"ChannelNetwork\.name: got 1 \(int\)"):
        cv.ChannelNetwork(name=1)  # type: ignore[arg-type]


def test_repr_and_html(tiny: cv.ChannelNetwork) -> None:
    assert (
        repr(tiny) == "<ChannelNetwork 'tiny': steward 'v', 4 organizations, 2 segments, 11 links>"
    )
    net = cv.ChannelNetwork(name="<b>&")
    html = net._repr_html_()
    assert "&lt;b&gt;&amp;" in html
    assert "<b>&" not in html
    assert "(none)" in html


def test_validate_reports_supply_cycles() -> None:
    net = cv.ChannelNetwork(steward="a")
    net.add_all(
        [
            Org("a", role="vendor"),
            Org("b", role="distributor"),
            Org("c", role="reseller"),
            cv.Supplies("a", "b"),
            cv.Supplies("b", "c"),
            cv.Supplies("c", "a"),
        ]
    )
    problems = net.validate()
    assert len(problems) == 1
    assert problems[0].path == "$.links"
    assert "supplies links form a cycle" in problems[0].message


# ---------------------------------------------------------------------- add: errors
def _fails(net: cv.ChannelNetwork, item: Any, error: type[Exception], *parts: str) -> Exception:
    before = net.copy()
    with pytest.raises(error) as info:
        net.add(item)
    for part in parts:
        assert part in str(info.value), str(info.value)
    assert net == before
    return info.value


def test_duplicate_ids(tiny: cv.ChannelNetwork) -> None:
    _fails(tiny, Org("d", role="reseller"), cv.DuplicateIdError, "id 'd'", "an Organization")
    _fails(tiny, cv.Segment("r1"), cv.DuplicateIdError, "id 'r1'", "an Organization")
    _fails(tiny, cv.Lever("smb"), cv.DuplicateIdError, "id 'smb'", "a Segment")
    _fails(tiny, cv.Manager("i1"), cv.DuplicateIdError, "id 'i1'", "an Investment")
    _fails(tiny, cv.Margin("smb", "r1"), cv.DuplicateIdError, "('smb', 'r1')", "Margin")
    table = FlowTable("smb", weights={"ordering": 1.0}, shares={"ordering": {"d": 1.0}})
    _fails(tiny, table, cv.DuplicateIdError, "'smb'", "FlowTable")


def test_duplicate_links(tiny: cv.ChannelNetwork) -> None:
    _fails(
        tiny,
        cv.Supplies("v", "d"),
        cv.LinkError,
        "Supplies.target: got 'd'",
        "one link of each kind per pair",
    )
    # the same pair with another kind is fine
    tiny.add(cv.SharesData("d", "v"))
    assert tiny.count_links("shares_data") == 2


def test_unknown_endpoints(tiny: cv.ChannelNetwork) -> None:
    err = _fails(tiny, cv.Supplies("ghost", "d"), cv.UnknownIdError, "Supplies.source", "'ghost'")
    assert isinstance(err, KeyError)
    _fails(tiny, cv.Serves("r1", "nobody"), cv.UnknownIdError, "Serves.target", "'nobody'")
    _fails(tiny, cv.ReportsTo("r2", "d", manager="m9"), cv.UnknownIdError, "manager", "'m9'")


def test_wrong_node_kinds(tiny: cv.ChannelNetwork) -> None:
    _fails(
        tiny,
        cv.Serves("r1", "d"),
        cv.LinkError,
        "Serves.target: got 'd'",
        "a segment id ('d' is an organization)",
    )
    _fails(
        tiny,
        cv.Supplies("r1", "ent"),
        cv.LinkError,
        "Supplies.target: got 'ent'",
        "an organization id ('ent' is a segment)",
    )
    _fails(tiny, cv.ReportsTo("smb", "v"), cv.LinkError, "ReportsTo.source: got 'smb'")
    _fails(tiny, cv.SharesData("r1", "smb"), cv.LinkError, "SharesData.target: got 'smb'")


def test_self_links(tiny: cv.ChannelNetwork) -> None:
    for link in (cv.Supplies("d", "d"), cv.ReportsTo("r1", "r1"), cv.SharesData("v", "v")):
        _fails(tiny, link, cv.LinkError, f"{type(link).__name__}.target", "other than the source")


def test_reporting_cycles(tiny: cv.ChannelNetwork) -> None:
    err = _fails(tiny, cv.ReportsTo("v", "r1"), cv.CycleError, "reports_to links form a cycle")
    assert isinstance(err, cv.CycleError)
    assert err.cycle[0] == err.cycle[-1]
    assert set(err.cycle) == {"v", "r1", "d"}
    # a cycle made entirely inside one batch is refused too
    net = cv.ChannelNetwork()
    with pytest.raises(cv.CycleError, match=r"a -> b -> a|b -> a -> b"):
        net.add_all(
            [
                Org("a", role="msp"),
                Org("b", role="msp"),
                cv.ReportsTo("a", "b"),
                cv.ReportsTo("b", "a"),
            ]
        )
    assert net == cv.ChannelNetwork()


def test_direct_reporting_needs_an_owned_unit(tiny: cv.ChannelNetwork) -> None:
    err = _fails(
        tiny,
        cv.ReportsTo("r2", "d", mode="direct"),
        cv.ValidationError,
        "ReportsTo.mode: got 'direct'",
        "'r2' is not an owned unit",
    )
    assert isinstance(err, cv.ValidationError)
    assert err.field == "mode"
    tiny.add_all([Org("own", role="agent", owned=True), cv.ReportsTo("own", "v", mode="direct")])
    assert tiny.link("reports_to", "own", "v").mode is cv.ReportingMode.DIRECT  # type: ignore[attr-defined]


def test_wrong_types(tiny: cv.ChannelNetwork) -> None:
    for bad in ("d", 42, None, cv.Link("v", "d"), cv.Finding("c", "info", message="m")):
        err = _fails(tiny, bad, cv.WrongTypeError, "ChannelNetwork.add: got", "a domain object")
        assert isinstance(err, TypeError)


def test_dangling_plan_references(tiny: cv.ChannelNetwork) -> None:
    ev = [cv.Evidence("m", 1.0)]
    cases: list[tuple[Any, str, str]] = [
        (cv.ValueProposition("p", segment="x", claim="c", evidence=ev), "segment", "'x'"),
        (
            cv.ValueProposition("p", segment="smb", claim="c", evidence=ev, levers=["q"]),
            "levers",
            "'q'",
        ),
        (
            cv.ValueProposition("p", segment="smb", claim="c", evidence=ev, owners=["smb"]),
            "owners",
            "'smb'",
        ),
        (cv.Lever("l2", members=["x"]), "Lever.members", "'x'"),
        (cv.Lever("l2", owners=["ent"]), "Lever.owners", "'ent'"),
        (cv.Investment("i9", recipient="smb"), "Investment.recipient", "'smb'"),
        (cv.Margin("ent", "ghost"), "Margin.member", "'ghost'"),
        (cv.Margin("d", "r1"), "Margin.segment", "'d'"),
        (
            FlowTable("ent", weights={"ordering": 1.0}, shares={"ordering": {"x": 1.0}}),
            "FlowTable member",
            "'x'",
        ),
        (
            FlowTable("x", weights={"ordering": 1.0}, shares={"ordering": {"d": 1.0}}),
            "FlowTable.segment",
            "'x'",
        ),
    ]
    for item, field, value in cases:
        _fails(tiny, item, cv.UnknownIdError, field, value)


def test_a_batch_reports_every_problem_and_adds_nothing(tiny: cv.ChannelNetwork) -> None:
    before = tiny.copy()
    batch = [
        Org("new", role="reseller"),
        cv.Supplies("d", "new"),
        cv.Serves("new", "nowhere"),
        Org("d", role="reseller"),
        cv.Supplies("new", "new"),
    ]
    with pytest.raises(cv.DocumentError) as info:
        tiny.add_all(batch)
    err = info.value
    assert str(err).startswith("3 problems; nothing was added:")
    assert [p.path for p in err.problems] == [
        "[3] Organization 'd'",
        "[2] Serves new->nowhere",
        "[4] Supplies new->new",
    ] or sorted(p.path for p in err.problems) == [
        "[2] Serves new->nowhere",
        "[3] Organization 'd'",
        "[4] Supplies new->new",
    ]
    assert {type(e) for e in err.errors} == {cv.DuplicateIdError, cv.UnknownIdError, cv.LinkError}
    assert tiny == before
    assert "new" not in tiny


def test_a_batch_may_refer_to_itself_in_any_order() -> None:
    net = cv.ChannelNetwork(steward="a")
    net.add_all(
        [
            cv.Investment("i", recipient="l"),
            cv.Lever("l", members=["b"]),
            cv.Supplies("a", "b"),
            Org("b", role="reseller"),
            Org("a", role="vendor"),
        ]
    )
    assert net.downstream("a") == ("b",)
    assert net.investments["i"].recipient == "l"


# ---------------------------------------------------------------------- remove
def test_remove_links_margins_and_tables(tiny: cv.ChannelNetwork) -> None:
    v0 = tiny.version
    tiny.remove(cv.Supplies("v", "r2"))
    assert tiny.upstream("r2") == ("d",)
    assert tiny.version > v0
    assert not tiny.graph.has_edge("v", "r2", "supplies")
    with pytest.raises(cv.UnknownIdError, match="unknown supplies link id 'v->r2'"):
        tiny.remove(cv.Supplies("v", "r2"))
    with pytest.raises(cv.UnknownIdError, match="serves link"):
        tiny.remove(cv.Serves("r2", "smb"))  # same pair, other revenue: not this link
    tiny.remove(cv.Margin("smb", "r1", share=0.3))
    assert not tiny.margins
    with pytest.raises(cv.UnknownIdError, match="unknown margin id 'smb/r1'"):
        tiny.remove(cv.Margin("smb", "r1", share=0.3))
    tiny.remove(tiny.flow_tables["smb"])
    assert not tiny.flow_tables
    with pytest.raises(cv.UnknownIdError, match="unknown flow table id 'ent'"):
        tiny.remove(FlowTable("ent", weights={"ordering": 1.0}, shares={"ordering": {"v": 1.0}}))


def test_remove_refusals_leave_the_network_unchanged(tiny: cv.ChannelNetwork) -> None:
    before = tiny.copy()
    with pytest.raises(cv.UnknownIdError, match="remove: unknown object id 'ghost'"):
        tiny.remove("ghost")
    with pytest.raises(cv.InUseError, match="cannot remove 'v': still referenced by the network"):
        tiny.remove("v", cascade=True)
    with pytest.raises(cv.InUseError) as info:
        tiny.remove("d")
    assert info.value.users == (
        "FlowTable 'smb'",
        "Lever 'L'",
        "ValueProposition 'vp'",
    )
    assert "pass cascade=True" in str(info.value)
    with pytest.raises(cv.InUseError, match="ReportsTo d->v"):
        tiny.remove("m1")
    with pytest.raises(cv.WrongTypeError, match=r"ChannelNetwork\.remove: got 3"):
        tiny.remove(3)  # type: ignore[arg-type]
    assert tiny == before


def test_cascade_remove_of_an_organization(tiny: cv.ChannelNetwork) -> None:
    tiny.remove("d", cascade=True)
    assert "d" not in tiny
    assert "d" not in tiny.graph
    assert sorted(x.key for x in tiny.links()) == [
        ("reports_to", "r2", "v"),
        ("serves", "r1", "smb"),
        ("serves", "r2", "ent"),
        ("serves", "r2", "smb"),
        ("supplies", "v", "r2"),
    ]
    assert tiny.levers["L"].members == ()
    assert tiny.levers["L"].owners == ("v",)
    assert tiny.propositions["vp"].owners == ()
    assert tiny.propositions["vp"].levers == ("L",)
    assert not tiny.flow_tables  # the table named d
    assert set(tiny.investments) == {"i1", "i2"}
    assert io.loads(io.dumps(tiny)) == tiny  # nothing dangles


def test_cascade_remove_of_a_segment_lever_and_manager(tiny: cv.ChannelNetwork) -> None:
    tiny.remove("L", cascade=True)
    assert tiny.propositions["vp"].levers == ()
    assert set(tiny.investments) == {"i1"}
    tiny.remove("m1", cascade=True)
    assert tiny.link("reports_to", "d", "v").manager is None  # type: ignore[attr-defined]
    assert not tiny.managers
    tiny.remove("smb", cascade=True)
    assert not tiny.propositions
    assert not tiny.margins
    assert not tiny.flow_tables
    assert tiny.segments_of("r1") == ()
    tiny.remove("ent")  # nothing refers to it but a link: no cascade needed
    assert tiny.count_links("serves") == 0
    tiny.remove("i1")
    assert io.loads(io.dumps(tiny)) == tiny


# ---------------------------------------------------------------------- copy, equality
def test_copy_is_equal_and_independent(tiny: cv.ChannelNetwork) -> None:
    twin = tiny.copy()
    assert twin == tiny
    twin.remove("r1", cascade=True)
    assert twin != tiny
    assert "r1" in tiny
    assert tiny.graph.has_node("r1")
    assert not twin.graph.has_node("r1")
    tiny.add(Org("x", role="agent"))
    assert "x" not in twin


def test_equality_covers_every_part(tiny: cv.ChannelNetwork) -> None:
    assert tiny != cv.ChannelNetwork(steward="v", name="tiny")
    other = cv.ChannelNetwork(steward="v", name="other")
    other.add_all(tiny_items())
    assert tiny != other
    moved = cv.ChannelNetwork(steward="d", name="tiny")
    moved.add_all(tiny_items())
    assert tiny != moved
    assert (tiny == "tiny") is False
    with pytest.raises(TypeError):
        hash(tiny)


# ---------------------------------------------------------------------- read-only views
def test_graph_view_is_read_only(tiny: cv.ChannelNetwork) -> None:
    g = tiny.graph
    assert nx.is_frozen(g)
    assert set(g.edges(keys=True)) == {(*x.key[1:], x.kind) for x in tiny.links()}
    with pytest.raises(nx.NetworkXError):
        g.add_node("x")
    with pytest.raises(nx.NetworkXError):
        g.remove_edge("v", "d")
    with pytest.raises(TypeError):
        g.nodes["v"]["role"] = "x"
    with pytest.raises(TypeError):
        g.edges["v", "d", "supplies"]["w"] = 1
    assert nx.is_directed_acyclic_graph(
        nx.DiGraph(g.edge_subgraph([e for e in g.edges(keys=True) if e[2] == "supplies"]))
    )


def test_registries_are_read_only(tiny: cv.ChannelNetwork) -> None:
    with pytest.raises(TypeError):
        tiny.organizations["x"] = Org("x", role="agent")  # type: ignore[index]
    with pytest.raises(TypeError):
        del tiny.margins[("smb", "r1")]  # type: ignore[attr-defined]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        tiny.organizations["d"].revenue = 0.0  # type: ignore[misc]


def test_to_networkx_is_a_copy(tiny: cv.ChannelNetwork) -> None:
    g = cv.io.to_networkx(tiny)
    g.add_node("intruder")
    g.nodes["d"]["revenue"] = -1
    assert "intruder" not in tiny
    assert tiny.organizations["d"].revenue == 60.0


# ---------------------------------------------------------------------- properties
def _bad_items(net: cv.ChannelNetwork) -> st.SearchStrategy[Any]:
    """Items that ``net`` must refuse."""
    orgs = sorted(net.organizations)
    options: list[st.SearchStrategy[Any]] = [
        st.just(cv.Supplies("ghost-src", orgs[0])),
        st.just(cv.Serves(orgs[0], "ghost-seg")),
        st.just(cv.Supplies(orgs[0], orgs[0])),
        st.just(cv.Investment("ghost-inv", recipient="ghost-org")),
        st.just("not an object"),
        st.sampled_from(network_items(net)),  # a duplicate of an existing item
    ]
    if net.segments:
        seg = sorted(net.segments)[0]
        options.append(st.just(cv.Supplies(orgs[0], seg)))
        options.append(st.just(cv.Serves(seg, seg)))
    up = list(net.links(cv.ReportsTo))
    if up:
        link = up[0]  # its reverse closes a reporting cycle
        options.append(st.just(cv.ReportsTo(link.target, link.source)))
    return st.one_of(options)


@st.composite
def nets_and_bad_batches(draw: st.DrawFn) -> tuple[cv.ChannelNetwork, list[Any]]:
    net = draw(cvst.networks())
    good = draw(
        st.lists(
            st.one_of(
                cvst.organizations(id=st.just("fresh-org")),
                cvst.segments(id=st.just("fresh-seg")),
                cvst.managers(id=st.just("fresh-mgr")),
            ),
            max_size=3,
            unique_by=lambda o: o.id,
        )
    )
    bad = draw(_bad_items(net))
    batch = draw(st.permutations([*good, bad]))
    return net, batch


@given(nets_and_bad_batches())
def test_a_failing_add_all_leaves_the_network_as_it_was(case: Any) -> None:
    net, batch = case
    before = net.copy()
    text = io.dumps(net)
    version = net.version
    with pytest.raises(cv.ChannelValueError):
        net.add_all(batch)
    assert net == before
    assert io.dumps(net) == text
    assert net.version == version
    assert set(net.graph.edges(keys=True)) == set(before.graph.edges(keys=True))
    assert set(net.graph.nodes) == set(before.graph.nodes)


@given(cvst.networks(), st.data())
def test_a_failing_remove_leaves_the_network_as_it_was(net: cv.ChannelNetwork, data: Any) -> None:
    ident = data.draw(st.sampled_from([*sorted(n for n in _all_ids(net)), "ghost"]))
    before = net.copy()
    try:
        net.remove(ident)
    except cv.ChannelValueError:
        assert net == before
        assert set(net.graph.edges(keys=True)) == set(before.graph.edges(keys=True))
    else:
        assert ident not in net
        assert ident not in net.graph


def _all_ids(net: cv.ChannelNetwork) -> set[str]:
    return {
        *net.organizations,
        *net.segments,
        *net.managers,
        *net.levers,
        *net.propositions,
        *net.investments,
    }


@given(cvst.networks(), st.data())
def test_cascade_remove_never_leaves_a_dangling_reference(
    net: cv.ChannelNetwork, data: Any
) -> None:
    candidates = sorted(_all_ids(net) - {net.steward_id})
    assume(candidates)
    ident = data.draw(st.sampled_from(candidates))
    net.remove(ident, cascade=True)
    assert ident not in net
    assert all(ident not in (x.source, x.target) for x in net.links())
    # rebuilding from the items validates every reference again
    again = cv.ChannelNetwork(steward=net.steward_id, name=net.name)
    again.add_all(network_items(net))
    assert again == net
    assert net.validate() == ()


@given(cvst.networks(), st.randoms(use_true_random=False))
def test_equality_and_results_never_depend_on_insertion_order(
    net: cv.ChannelNetwork, rnd: Any
) -> None:
    items = network_items(net)
    rnd.shuffle(items)
    nodes = [x for x in items if isinstance(x, cv.Organization | cv.Segment | cv.Manager)]
    rest = [x for x in items if x not in nodes]
    again = cv.ChannelNetwork(steward=net.steward_id, name=net.name)
    again.add_all(nodes)
    cut = rnd.randint(0, len(rest))
    again.add_all(rest[:cut] + rest[cut:])
    assert again == net
    assert io.dumps(again) == io.dumps(net)
    assert again.counts() == net.counts()
    assert again.validate() == net.validate()
    for org in net.organizations:
        assert again.upstream(org) == net.upstream(org)
        assert again.downstream(org) == net.downstream(org)
        assert again.segments_of(org) == net.segments_of(org)
        assert again.reporting_line(org) == net.reporting_line(org)
    for seg in net.segments:
        assert again.partners(seg) == net.partners(seg)
    for mgr in net.managers:
        assert again.managed_by(mgr) == net.managed_by(mgr)
    a, b = arrays(net), arrays(again)
    assert a.org_ids == b.org_ids
    assert a.seg_ids == b.seg_ids
    np.testing.assert_array_equal(a.revenue, b.revenue)
    np.testing.assert_array_equal(a.role, b.role)
    for kind in a.links:
        np.testing.assert_array_equal(a.links[kind].src, b.links[kind].src)
        np.testing.assert_array_equal(a.links[kind].dst, b.links[kind].dst)


@given(cvst.networks())
def test_a_copy_equals_and_the_graph_matches_the_links(net: cv.ChannelNetwork) -> None:
    twin = net.copy()
    assert twin == net
    assert set(net.graph.edges(keys=True)) == {(x.source, x.target, x.kind) for x in net.links()}
    assert set(net.graph.nodes) == set(net.organizations) | set(net.segments)
    assert set(twin.graph.edges(keys=True)) == set(net.graph.edges(keys=True))
    assert sum(net.counts()[f"{k}_links"] for k in cv.model.LINK_KINDS) == net.count_links()


@given(cvst.networks(), st.data())
def test_a_graph_built_before_changes_follows_them(net: cv.ChannelNetwork, data: Any) -> None:
    # the structure graph is built on first use, then kept up to date by every change:
    # one network uses it from the start, the other only at the end
    early = cv.ChannelNetwork(steward=net.steward_id, name=net.name)
    assert len(early.graph) == 0
    early.add_all(network_items(net))
    late = cv.ChannelNetwork(steward=net.steward_id, name=net.name)
    late.add_all(network_items(net))
    candidates = sorted(_all_ids(net) - {net.steward_id})
    gone = (
        data.draw(st.lists(st.sampled_from(candidates), unique=True, max_size=3))
        if candidates
        else []
    )
    for ident in gone:
        if ident in early:
            early.remove(ident, cascade=True)
            late.remove(ident, cascade=True)
    links = sorted(late.links(), key=lambda x: (x.kind, x.source, x.target))
    if links:
        link = data.draw(st.sampled_from(links))
        early.remove(link)
        late.remove(link)
    assert early == late
    expected = {(x.source, x.target, x.kind) for x in late.links()}
    assert set(early.graph.edges(keys=True)) == expected
    assert set(late.graph.edges(keys=True)) == expected
    nodes = set(late.organizations) | set(late.segments)
    assert set(early.graph.nodes) == nodes == set(late.graph.nodes)


@st.composite
def batches(draw: st.DrawFn) -> tuple[cv.ChannelNetwork, list[Any]]:
    """A network built from part of a strategy network's items, and a batch of the rest
    (sometimes with an item dropped or repeated, so the batch may be bad)."""
    full = draw(cvst.networks())
    items = network_items(full)
    cut = draw(st.integers(0, len(items)))
    net = cv.ChannelNetwork(steward=full.steward_id)
    try:
        net.add_all(items[:cut])
    except cv.ChannelValueError:
        net = cv.ChannelNetwork(steward=full.steward_id)
        cut = 0
    rest = items[cut:]
    if rest and draw(st.booleans()):
        del rest[draw(st.integers(0, len(rest) - 1))]
    if items and draw(st.booleans()):
        rest.append(draw(st.sampled_from(items)))
    return net, draw(st.permutations(rest))


@given(batches())
def test_grouping_a_batch_in_bulk_or_item_by_item_agrees(case: Any) -> None:
    net, batch = case
    bulk, bulk_errors = _group(net, batch)
    each, each_errors = _group_each(net, batch)
    assert {k: v for k, v in bulk.groups.items() if v} == {
        k: v for k, v in each.groups.items() if v
    }
    assert [(i, str(e)) for i, e in bulk_errors] == [(i, str(e)) for i, e in each_errors]


@given(cvst.networks())
def test_the_array_view_matches_the_network(net: cv.ChannelNetwork) -> None:
    a = arrays(net)
    assert a.org_ids == tuple(sorted(net.organizations))
    assert a.seg_ids == tuple(sorted(net.segments))
    assert a.manager_ids == tuple(sorted(net.managers))
    orgs = [net.organizations[i] for i in a.org_ids]
    assert a.revenue.tolist() == [o.revenue for o in orgs]
    assert a.owned.tolist() == [o.owned for o in orgs]
    for kind, la in a.links.items():
        targets = a.seg_ids if kind == "serves" else a.org_ids
        pairs = [(a.org_ids[s], targets[t]) for s, t in zip(la.src, la.dst, strict=True)]
        assert pairs == sorted(x.key[1:] for x in net.links(kind))
    reports = [
        net.link("reports_to", a.org_ids[s], a.org_ids[t])
        for s, t in zip(a.links["reports_to"].src, a.links["reports_to"].dst, strict=True)
    ]
    assert a.reports_manager.tolist() == [
        -1 if x.manager is None else a.manager_index[x.manager]  # type: ignore[attr-defined]
        for x in reports
    ]
    serves = [
        net.link("serves", a.org_ids[s], a.seg_ids[t])
        for s, t in zip(a.links["serves"].src, a.links["serves"].dst, strict=True)
    ]
    expected = [np.nan if x.revenue is None else x.revenue for x in serves]  # type: ignore[attr-defined]
    np.testing.assert_array_equal(a.serves_revenue, np.array(expected, dtype=float))


def test_the_array_view_is_rebuilt_after_a_change(tiny: cv.ChannelNetwork) -> None:
    before = arrays(tiny)
    assert arrays(tiny) is before  # cached
    tiny.add(Org("a0", role="agent", revenue=7.0))
    after = arrays(tiny)
    assert after is not before
    assert after.org_ids[0] == "a0"
    assert after.revenue[0] == 7.0


def test_the_cached_array_view_is_read_only(tiny: cv.ChannelNetwork) -> None:
    a = arrays(tiny)
    with pytest.raises(ValueError, match="read-only"):
        a.revenue[0] = -1.0
