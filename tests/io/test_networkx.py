"""networkx in and out: lossless round trips (also through GraphML) and bad graphs."""

from __future__ import annotations

import io as _io
from typing import Any

import networkx as nx
import pytest
from hypothesis import given

import channelvalue as cv
from channelvalue.io.networkx import (
    GRAPH_FORMAT,
    GRAPH_MANAGERS,
    GRAPH_NAME,
    GRAPH_PLAN,
    GRAPH_STEWARD,
    NODE_KIND,
)
from channelvalue.testing import strategies as cvst

from_nx = cv.io.from_networkx


def _graphml_round_trip(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    buf = _io.BytesIO()
    nx.write_graphml(g, buf)
    buf.seek(0)
    back: nx.MultiDiGraph = nx.read_graphml(buf, force_multigraph=True)
    return back


@given(cvst.networks())
def test_from_networkx_of_to_networkx(net: cv.ChannelNetwork) -> None:
    g = cv.io.to_networkx(net)
    assert from_nx(g) == net
    assert set(g.nodes) == set(net.organizations) | set(net.segments)
    assert {(u, v, k) for u, v, k in g.edges(keys=True)} == {
        (x.source, x.target, x.kind) for x in net.links()
    }
    # every attribute is flat: GraphML and GEXF can store it
    for _, data in g.nodes(data=True):
        assert all(isinstance(v, str | int | float | bool) for v in data.values())
    for _, _, data in g.edges(data=True):
        assert all(isinstance(v, str | int | float | bool) for v in data.values())


@given(cvst.networks(max_organizations=4))
def test_graphml_round_trip(net: cv.ChannelNetwork) -> None:
    assert from_nx(_graphml_round_trip(cv.io.to_networkx(net))) == net


def test_graphml_round_trip_of_the_example() -> None:
    net = cv.datasets.example()
    assert from_nx(_graphml_round_trip(cv.io.to_networkx(net))) == net


def test_attributes_worked_by_hand() -> None:
    net = cv.ChannelNetwork(steward="v", name="n")
    net.add_all(
        [
            cv.Organization("v", role="vendor", regions=["north"], owned=True),
            cv.Organization("r", role="reseller", revenue=2.5),
            cv.Segment("s", needs={"lot_size": (0.5, 2)}),
            cv.Manager("m"),
            cv.ReportsTo("r", "v", manager="m"),
            cv.SharesData("r", "v", data=["inventory"], interval_days=7),
        ]
    )
    g = cv.io.to_networkx(net)
    assert g.graph[GRAPH_FORMAT] == 1
    assert g.graph[GRAPH_NAME] == "n"
    assert g.graph[GRAPH_STEWARD] == "v"
    assert g.graph[GRAPH_MANAGERS] == '[{"id": "m"}]'
    assert dict(g.nodes["v"]) == {
        NODE_KIND: "organization",
        "id": "v",
        "role": "vendor",
        "regions": '["north"]',
        "owned": True,
    }
    assert dict(g.nodes["s"]) == {
        NODE_KIND: "segment",
        "id": "s",
        "needs": '{"lot_size": {"importance": 2.0, "level": 0.5}}',
    }
    assert dict(g.edges["r", "v", "reports_to"]) == {"manager": "m"}
    assert dict(g.edges["r", "v", "shares_data"]) == {"data": '["inventory"]', "interval_days": 7.0}
    # networkx algorithms run on it directly
    assert nx.shortest_path(g, "r", "v") == ["r", "v"]


def _graph(**nodes: dict[str, Any]) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.graph[GRAPH_STEWARD] = "v"
    g.add_node("v", **{NODE_KIND: "organization", "role": "vendor"})
    for name, data in nodes.items():
        g.add_node(name, **data)
    return g


def _problem(g: Any) -> tuple[str, str]:
    with pytest.raises(cv.DocumentError) as info:
        from_nx(g)
    assert len(info.value.problems) == 1, str(info.value)
    return info.value.problems[0].path, info.value.problems[0].message


def test_not_a_multidigraph() -> None:
    assert _problem(nx.DiGraph()) == (
        "graph",
        "expected a networkx.MultiDiGraph, got DiGraph",
    )


def test_node_problems_name_the_node() -> None:
    org = {NODE_KIND: "organization", "role": "reseller"}
    assert _problem(_graph(x={})) == (
        "node 'x'.kind",
        "got None but expected 'organization' or 'segment'",
    )
    path, message = _problem(_graph(x={NODE_KIND: "segment", "size": "big"}))
    assert (path, message) == ("node 'x'.size", "got 'big' but expected a finite number >= 0")
    path, message = _problem(_graph(x={**org, "regions": "[1"}))
    assert path == "node 'x'.regions"
    assert message.startswith("not valid JSON text")
    path, message = _problem(_graph(x={**org, "regions": "[" * 5000 + "]" * 5000}))
    assert (path, message) == ("node 'x'.regions", "JSON text nested too deeply")
    path, message = _problem(_graph(x={**org, "colour": "red"}))
    assert path == "node 'x'"
    assert "unknown field(s) colour for Organization" in message


def test_a_node_id_attribute_must_match_the_node() -> None:
    # found by these tests: the attribute silently renamed the node
    assert _problem(_graph(x={NODE_KIND: "segment", "id": "y"})) == (
        "node 'x'.id",
        "got 'y' but the node is 'x'",
    )


def test_edge_problems_name_the_edge() -> None:
    g = _graph(r={NODE_KIND: "organization", "role": "reseller"})
    g.add_edge("v", "r", key="sells")
    assert _problem(g) == ("edge 'v'->'r'['sells']", "unknown link kind 'sells'")
    g = _graph(r={NODE_KIND: "organization", "role": "reseller"})
    g.add_edge("v", "r", key="supplies", target="elsewhere")
    path, message = _problem(g)
    assert path == "edge 'v'->'r'['supplies'].target"  # found by these tests: it was obeyed
    assert "reserved attribute" in message
    g = _graph(r={NODE_KIND: "organization", "role": "reseller"})
    g.add_edge("r", "v", key="reports_to", manager="ghost")
    assert _problem(g) == (
        "edge 'r'->'v'['reports_to']",
        "ReportsTo.manager: unknown manager id 'ghost'",
    )


def test_graph_attribute_problems() -> None:
    g = _graph()
    g.graph[GRAPH_FORMAT] = 2  # found by these tests: a newer version was ignored
    assert _problem(g) == (
        f"graph.{GRAPH_FORMAT}",
        "version 2 is newer than this library reads (1); upgrade channelvalue",
    )
    g = _graph()
    g.graph[GRAPH_FORMAT] = "1"
    assert _problem(g)[0] == f"graph.{GRAPH_FORMAT}"
    g = _graph()
    g.graph[GRAPH_MANAGERS] = 5
    assert _problem(g) == ("graph.managers", "expected JSON text, got int")
    g = _graph()
    g.graph[GRAPH_PLAN] = "{"
    assert _problem(g)[0] == "graph.plan"
    g = _graph()
    g.graph[GRAPH_PLAN] = '{"levers": [{"id": ""}]}'
    assert _problem(g) == ("graph.plan.levers[0].id", "got '' but expected a non-empty string")
    g = _graph()
    g.graph[GRAPH_STEWARD] = 7
    assert _problem(g)[0] == "graph.steward"


def test_a_hand_made_graph_without_plan_or_managers_loads() -> None:
    g = _graph(s={NODE_KIND: "segment", "size": 3})
    g.add_edge("v", "s", key="serves")
    net = from_nx(g)
    assert net.partners("s") == ("v",)
    assert net.steward_id == "v"
