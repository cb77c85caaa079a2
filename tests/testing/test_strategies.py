"""channelvalue.testing.strategies: what the strategies promise, and how they shrink."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from typing import Any

import networkx as nx
import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue.testing import network_items
from channelvalue.testing import strategies as cvst

# ``find`` without its (slow, for whole networks) shrink phase
SEARCH = settings(database=None, max_examples=500, phases=[Phase.generate])
FIRST = settings(database=None, max_examples=1, phases=[Phase.generate])


def _supply_graph(net: cv.ChannelNetwork) -> nx.DiGraph:
    g = nx.DiGraph()
    g.add_nodes_from(net.organizations)
    g.add_edges_from((x.source, x.target) for x in net.links(cv.Supplies))
    return g


@given(cvst.networks())
def test_networks_keep_their_promises(net: cv.ChannelNetwork) -> None:
    assert net.validate() == ()
    assert net.steward.role is cv.Role.VENDOR
    assert nx.is_directed_acyclic_graph(_supply_graph(net))
    reporting = nx.DiGraph(
        [(x.source, x.target) for x in net.links(cv.ReportsTo)],
    )
    assert nx.is_directed_acyclic_graph(reporting)
    for link in net.links(cv.ReportsTo):
        assert link.mode is cv.ReportingMode.INDIRECT or net.organizations[link.source].owned  # type: ignore[attr-defined]
    # every reference resolves: rebuilding from the items re-validates all of them
    again = cv.ChannelNetwork(steward=net.steward_id, name=net.name)
    again.add_all(network_items(net))
    assert again == net
    assert 1 <= len(net.organizations) <= 6
    assert len(net.segments) <= 3
    assert len(net.managers) <= 2


@given(cvst.networks(connected=True, plan=False, max_organizations=5, min_organizations=2))
def test_connected_networks_reach_every_organization(net: cv.ChannelNetwork) -> None:
    g = _supply_graph(net)
    assert nx.descendants(g, net.steward_id) == set(net.organizations) - {net.steward_id}
    assert not net.levers
    assert not net.investments
    assert 2 <= len(net.organizations) <= 5


def test_the_simplest_network_is_one_steward_alone() -> None:
    # hypothesis shrinks toward the all-minimal choices, and tries them first: that
    # first example is where every failing network shrinks to, at the end
    simplest = find(cvst.networks(), lambda net: True, settings=FIRST)
    assert len(simplest.organizations) == 1
    assert simplest.count_links() == 0
    assert not simplest.segments
    assert not simplest.managers
    assert simplest.name == ""
    assert simplest.steward.revenue == 0.0


def test_networks_reach_deep_supply_chains() -> None:
    deep = find(
        cvst.networks(plan=False),
        lambda net: nx.dag_longest_path_length(_supply_graph(net)) >= 3,
        settings=SEARCH,
    )
    assert nx.dag_longest_path_length(_supply_graph(deep)) >= 3


@given(cvst.dags(max_nodes=7, connected=True))
def test_dags(dag: cvst.Dag) -> None:
    g = nx.DiGraph([(x.source, x.target) for x in dag.links])
    g.add_nodes_from(dag.nodes)
    assert nx.is_directed_acyclic_graph(g)
    position = {n: i for i, n in enumerate(dag.nodes)}
    assert all(position[x.source] < position[x.target] for x in dag.links)
    assert nx.descendants(g, dag.nodes[0]) == set(dag.nodes[1:])
    assert list(dag.links) == sorted(dag.links, key=lambda x: x.key)
    net = dag.network()
    assert net.steward_id == dag.nodes[0]
    assert net.count_links(cv.Supplies) == len(dag.links)


def test_dags_have_several_paths_between_two_nodes() -> None:
    dag = find(
        cvst.dags(),
        lambda d: any(
            len(list(nx.all_simple_paths(_g(d), d.nodes[0], n))) >= 2 for n in d.nodes[1:]
        ),
        settings=SEARCH,
    )
    assert len(dag.nodes) >= 3
    assert find(cvst.dags(), lambda d: True, settings=FIRST).links == ()


def _g(dag: cvst.Dag) -> nx.DiGraph:
    g = nx.DiGraph([(x.source, x.target) for x in dag.links])
    g.add_nodes_from(dag.nodes)
    return g


@given(
    st.one_of(
        cvst.supplies(),
        cvst.serves(),
        cvst.reports_to(),
        cvst.shares_data(),
        cvst.links(),
    )
)
def test_links_never_join_a_node_to_itself(link: cv.Link) -> None:
    assert link.source != link.target


@given(
    cvst.organizations(id=st.just("x"), role=st.just(cv.Role.AGENT), owned=st.just(True)),
    cvst.reports_to(source=st.just("a"), target=st.just("b"), manager=st.none()),
    cvst.margins(segment=st.just("s"), member=st.sampled_from(["m1", "m2"])),
    cvst.flow_tables(segment=st.just("s"), member=st.sampled_from(["a", "b"]), max_members=2),
    cvst.findings(severity=st.just(cv.Severity.ERROR), subject=st.just("z")),
)
def test_pinned_fields_are_obeyed(
    org: cv.Organization,
    link: cv.ReportsTo,
    margin: cv.Margin,
    table: cv.FlowTable,
    finding: cv.Finding,
) -> None:
    assert (org.id, org.role, org.owned) == ("x", cv.Role.AGENT, True)
    assert (link.source, link.target, link.manager) == ("a", "b", None)
    assert margin.key in {("s", "m1"), ("s", "m2")}
    assert table.segment == "s"
    assert set(table.members) <= {"a", "b"}
    assert all(len(row) <= 2 for row in table.shares.values())
    assert finding.severity is cv.Severity.ERROR
    assert set(finding.subjects) <= {"z"}


@given(cvst.ids(min_size=2, max_size=3, alphabet="xy"), cvst.texts(min_size=1, max_size=3))
def test_ids_and_texts_respect_their_bounds(ident: str, text: str) -> None:
    assert 2 <= len(ident) <= 3
    assert set(ident) <= {"x", "y"}
    assert 1 <= len(text) <= 3
    assert not {unicodedata.category(c) for c in text} & {"Cc", "Cs", "Cn"}


_BAD_ARGS: list[tuple[Any, dict[str, Any], str, str, Any]] = [
    (cvst.ids, {"min_size": 0}, "ids", "min_size", 0),
    (cvst.ids, {"max_size": 0}, "ids", "max_size", 0),
    (cvst.ids, {"min_size": 3, "max_size": 2}, "ids", "max_size", 2),
    (cvst.ids, {"alphabet": ""}, "ids", "alphabet", ""),
    (cvst.texts, {"min_size": -1}, "texts", "min_size", -1),
    (cvst.flow_tables, {"max_members": 0}, "flow_tables", "max_members", 0),
    (cvst.dags, {"min_nodes": 0}, "dags", "min_nodes", 0),
    (cvst.dags, {"max_parents": 0}, "dags", "max_parents", 0),
    (cvst.dags, {"min_nodes": 4, "max_nodes": 3}, "dags", "max_nodes", 3),
    (cvst.networks, {"min_organizations": 0}, "networks", "min_organizations", 0),
    (cvst.networks, {"max_organizations": 1.5}, "networks", "max_organizations", 1.5),
    (cvst.networks, {"max_segments": -1}, "networks", "max_segments", -1),
    (cvst.networks, {"max_managers": True}, "networks", "max_managers", True),
    (cvst.networks, {"max_parents": 0}, "networks", "max_parents", 0),
    (cvst.networks, {"max_plan_items": -2}, "networks", "max_plan_items", -2),
]


@pytest.mark.parametrize(("func", "kwargs", "name", "field", "value"), _BAD_ARGS)
def test_bad_size_arguments(
    func: Any, kwargs: dict[str, Any], name: str, field: str, value: Any
) -> None:
    with pytest.raises(cv.ValidationError) as info:
        func(**kwargs)
    assert info.value.field == field
    assert str(info.value).startswith(f"{name}.{field}: got {value!r} but expected")


@pytest.mark.parametrize(
    ("func", "kwargs", "where"),
    [
        (cvst.organizations, {"id": "x"}, "organizations.id"),
        (cvst.supplies, {"source": ["a"]}, "supplies.source"),
        (cvst.reports_to, {"manager": "m"}, "reports_to.manager"),
        (cvst.networks, {"ids": "abc"}, "networks.ids"),
        (cvst.dags, {"ids": 5}, "dags.ids"),
    ],
)
def test_values_where_strategies_belong(func: Any, kwargs: dict[str, Any], where: str) -> None:
    with pytest.raises(cv.WrongTypeError) as info:
        func(**kwargs)
    assert str(info.value).startswith(f"{where}: got {next(iter(kwargs.values()))!r}")
    assert "st.just(x)" in str(info.value)


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )


def test_hypothesis_is_imported_only_by_the_strategies_module() -> None:
    # one interpreter for both checks (starting Python with channelvalue costs seconds)
    done = _python(
        "import sys, channelvalue, channelvalue.testing\n"
        "net = channelvalue.datasets.example()\n"
        "print('hypothesis' in sys.modules)\n"
        "sys.modules['hypothesis'] = None\n"
        "try:\n"
        "    from channelvalue.testing import strategies\n"
        "except channelvalue.MissingDependencyError as err:\n"
        "    print(err)\n"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "False",
        "channelvalue.testing.strategies needs the optional dependency 'hypothesis': "
        "pip install hypothesis",
    ]
