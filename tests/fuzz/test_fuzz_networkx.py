"""Fuzzing ``cv.io.from_networkx``: the only exception that may escape is DocumentError.

Graphs made by ``to_networkx`` are damaged the ways a hand-made or foreign graph can be:
node, edge and graph attributes set to values of any type (Python values beyond JSON
included), the JSON text attributes truncated, bit-flipped or nested deeply, nodes and
edges added without attributes or with unknown kinds, nodes removed or relabelled, and
objects that are not a MultiDiGraph at all. Every accepted graph must round-trip.
"""

from __future__ import annotations

import decimal
import fractions
import os
from typing import Any

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import channelvalue as cv

from .fuzz_harness import (
    attempt,
    check_accepted,
    everything_network,
    examples,
    json_values,
    small_networks,
)

PY_VALUES = st.one_of(
    json_values(),
    st.sampled_from(
        [
            (),
            ("a", "b"),
            frozenset({"a"}),
            b"bytes",
            bytearray(b"x"),
            1j,
            decimal.Decimal("NaN"),
            decimal.Decimal("1e999"),
            fractions.Fraction(1, 3),
            object(),
            float("nan"),
            float("-inf"),
            range(3),
        ]
    ),
)
"""Values of any type a Python graph attribute may hold."""

NODE_IDS = st.one_of(
    st.text(max_size=4),
    st.integers(-2, 2),
    st.tuples(st.text(max_size=2)),
    st.sampled_from(["supplies", "serves", "reports_to", "shares_data", "owns", 3.5, True]),
)
"""Node ids (and edge keys, attribute names): strings, and anything else hashable but None."""
HASHABLE = NODE_IDS | st.none()
"""Edge keys and attribute names (an edge key of None makes networkx pick one)."""

GRAPH_KEYS = ["name", "steward", "managers", "plan", "channelvalue_format", "other"]


def base_graphs() -> st.SearchStrategy[nx.MultiDiGraph]:
    """Graphs made by ``to_networkx`` from valid networks."""
    return st.one_of(
        st.builds(lambda: cv.io.to_networkx(everything_network())),
        small_networks().map(cv.io.to_networkx),
    )


def _text_damage(text: str, data: st.DataObject) -> str:
    how = data.draw(st.sampled_from(["cut", "flip", "deep", "number", "surrogate"]))
    at = data.draw(st.integers(0, len(text)))
    if how == "cut":
        return text[:at]
    if how == "flip":
        return text[:at] + data.draw(st.sampled_from('{}[]":,\\0eN-')) + text[at + 1 :]
    if how == "deep":
        return "[" * data.draw(st.integers(1, 100_000)) + text
    if how == "number":
        literal = data.draw(st.sampled_from(["1e400", "NaN", "-Infinity", "1" + "0" * 5000]))
        return text[:at] + literal + text[at:]
    return text[:at] + "\ud800" + text[at:]


def damage(graph: nx.MultiDiGraph, data: st.DataObject) -> Any:
    """One random damage to a graph (returns the graph, or a replacement object)."""
    nodes = list(graph.nodes)
    edges = list(graph.edges(keys=True))
    how = data.draw(
        st.sampled_from(
            [
                "node attr",
                "node attr",
                "drop node attr",
                "edge attr",
                "drop edge attr",
                "graph attr",
                "graph text",
                "add node",
                "add edge",
                "remove node",
                "relabel",
                "not a multidigraph",
            ]
        )
    )
    if how in ("node attr", "drop node attr") and nodes:
        attrs = graph.nodes[data.draw(st.sampled_from(nodes))]
        keys = [*attrs, "kind", "id", "colour"]
        key = data.draw(st.sampled_from(keys))
        if how == "node attr":
            attrs[key] = data.draw(PY_VALUES)
        else:
            attrs.pop(key, None)
    elif how in ("edge attr", "drop edge attr") and edges:
        attrs = graph.edges[data.draw(st.sampled_from(edges))]
        key = data.draw(st.sampled_from([*attrs, "source", "target", "kind", "revenue", "x"]))
        if how == "edge attr":
            attrs[key] = data.draw(PY_VALUES)
        else:
            attrs.pop(key, None)
    elif how == "graph attr":
        graph.graph[data.draw(st.sampled_from(GRAPH_KEYS))] = data.draw(PY_VALUES)
    elif how == "graph text":
        key = data.draw(st.sampled_from(["managers", "plan"]))
        graph.graph[key] = _text_damage(str(graph.graph.get(key, "")), data)
    elif how == "add node":
        node = data.draw(NODE_IDS)
        graph.add_node(node)
        graph.nodes[node].update(data.draw(st.dictionaries(HASHABLE, PY_VALUES)))
    elif how == "add edge":
        ends = st.sampled_from(nodes) | NODE_IDS if nodes else NODE_IDS
        graph.add_edge(data.draw(ends), data.draw(ends), key=data.draw(HASHABLE))
    elif how == "remove node" and nodes:
        graph.remove_node(data.draw(st.sampled_from(nodes)))
    elif how == "relabel" and nodes:
        old = data.draw(st.sampled_from(nodes))
        return nx.relabel_nodes(graph, {old: data.draw(NODE_IDS)})
    elif how == "not a multidigraph":
        kind = data.draw(st.sampled_from([nx.DiGraph, nx.Graph, nx.MultiGraph, dict, list]))
        return kind(graph) if kind in (nx.DiGraph, nx.Graph, nx.MultiGraph) else kind()
    return graph


def from_networkx(graph: Any) -> cv.ChannelNetwork | None:
    """``from_networkx`` through the tally; an accepted network must round-trip both ways."""
    net = attempt("from_networkx", lambda: cv.io.from_networkx(graph))
    if net is None:
        return None
    assert cv.io.from_networkx(cv.io.to_networkx(net)) == net
    if _has_lone_surrogates(net):
        # Python strings may hold lone surrogates (as the constructors accept); such a
        # network cannot be written as UTF-8 JSON, and saving it says so
        with pytest.raises(cv.DocumentError, match="lone surrogate"):
            cv.io.save(net, os.devnull)
    else:
        check_accepted(net)
    return net


def _has_lone_surrogates(net: cv.ChannelNetwork) -> bool:
    try:
        cv.io.dumps(net).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


@examples(25, 10_000)
@given(base_graphs(), st.data())
def test_damaged_graphs(graph: nx.MultiDiGraph, data: st.DataObject) -> None:
    for _ in range(data.draw(st.integers(1, 4))):
        graph = damage(graph, data)
        if not isinstance(graph, nx.MultiDiGraph):
            break
    from_networkx(graph)


@examples(20, 2_000)
@given(st.data())
def test_hand_made_graphs(data: st.DataObject) -> None:
    graph = nx.MultiDiGraph()
    nodes = data.draw(st.lists(NODE_IDS, max_size=5))
    for node in nodes:
        kind = data.draw(st.sampled_from(["organization", "segment", "other", None]))
        attrs = {"kind": kind} if kind else {}
        attrs.update(data.draw(st.dictionaries(st.sampled_from(["role", "size", "x"]), PY_VALUES)))
        graph.add_node(node, **attrs)
    for _ in range(data.draw(st.integers(0, 6))):
        ends = st.sampled_from(nodes) if nodes else NODE_IDS
        graph.add_edge(data.draw(ends), data.draw(ends), key=data.draw(HASHABLE))
    from_networkx(graph)


def test_an_undamaged_graph_is_accepted() -> None:
    net = everything_network()
    assert from_networkx(cv.io.to_networkx(net)) == net
