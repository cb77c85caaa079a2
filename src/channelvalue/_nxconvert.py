"""Conversion between a :class:`~channelvalue.network.ChannelNetwork` and a plain networkx graph.

The graph made by :func:`to_networkx` carries only flat attributes (strings, numbers,
booleans), so it can be written to GraphML or GEXF. Lists and mappings are stored as
JSON text; the plan and the managers sit in graph attributes as JSON text too. Every
attribute name is defined once here.

Example:
    >>> import channelvalue as cv
    >>> net = cv.datasets.example()
    >>> g = net.to_networkx()
    >>> g.nodes["acme"][NODE_KIND], g.graph[GRAPH_STEWARD]
    ('organization', 'acme')
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import attrs
import networkx as nx

from ._convert import unstructure_item
from .errors import DocumentError, Problem
from .model import LINK_KINDS, Organization, Segment

if TYPE_CHECKING:
    from .network import ChannelNetwork

__all__ = [
    "GRAPH_FORMAT",
    "GRAPH_MANAGERS",
    "GRAPH_NAME",
    "GRAPH_PLAN",
    "GRAPH_STEWARD",
    "NODE_KIND",
    "from_networkx",
    "to_networkx",
]

NODE_KIND = "kind"
"""Node attribute: ``"organization"`` or ``"segment"``."""
GRAPH_FORMAT = "channelvalue_format"
"""Graph attribute: the format version of the encoded plan."""
GRAPH_NAME = "name"
"""Graph attribute: the network's name."""
GRAPH_STEWARD = "steward"
"""Graph attribute: the steward's id (empty string when unset)."""
GRAPH_MANAGERS = "managers"
"""Graph attribute: the managers, as JSON text."""
GRAPH_PLAN = "plan"
"""Graph attribute: propositions, levers, investments, margins, flow tables, as JSON text."""

_NODE_CLASSES: dict[str, type[Any]] = {"organization": Organization, "segment": Segment}
_SCALARS = (str, int, float, bool)


def _flat(data: dict[str, Any]) -> dict[str, Any]:
    return {
        k: v if isinstance(v, _SCALARS) else json.dumps(v, sort_keys=True)
        for k, v in data.items()
        if v is not None
    }


def _is_json_field(cls: type[Any], name: str) -> bool:
    field = attrs.fields_dict(cls).get(name)
    if field is None:
        return False
    text = str(field.type)
    return "tuple" in text or "FrozenMap" in text


def _unflat(cls: type[Any], data: dict[str, Any], path: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in data.items():
        if isinstance(v, str) and _is_json_field(cls, k):
            try:
                out[k] = json.loads(v)
            except json.JSONDecodeError as err:
                raise DocumentError(
                    [Problem(f"{path}.{k}", f"not valid JSON text: {err}")]
                ) from None
        else:
            out[k] = v
    return out


def to_networkx(net: ChannelNetwork) -> nx.MultiDiGraph:
    """Copy ``net`` into a plain ``MultiDiGraph`` with flat attributes (see module doc)."""
    from .io._json import FORMAT_VERSION, plan_document

    g = nx.MultiDiGraph()
    g.graph[GRAPH_FORMAT] = FORMAT_VERSION
    g.graph[GRAPH_NAME] = net.name
    g.graph[GRAPH_STEWARD] = net.steward_id or ""
    g.graph[GRAPH_MANAGERS] = json.dumps([unstructure_item(m) for m in net.managers.values()])
    g.graph[GRAPH_PLAN] = json.dumps(plan_document(net))
    for kind, registry in (("organization", net.organizations), ("segment", net.segments)):
        g.add_nodes_from(
            (ident, {NODE_KIND: kind, **_flat(unstructure_item(obj))})
            for ident, obj in registry.items()
        )
    for link in net.links():
        data = unstructure_item(link)
        del data["kind"], data["source"], data["target"]
        g.add_edge(link.source, link.target, key=link.kind, **_flat(data))
    return g


def from_networkx(graph: nx.MultiDiGraph) -> ChannelNetwork:
    """Rebuild a network from a graph made by :func:`to_networkx`; every problem is reported.

    Raises:
        DocumentError: listing each node, edge or attribute that cannot be read.
    """
    from .io._json import network_from_sections

    if not isinstance(graph, nx.MultiDiGraph):
        raise DocumentError(
            [Problem("graph", f"expected a networkx.MultiDiGraph, got {type(graph).__name__}")]
        )
    problems: list[Problem] = []
    nodes: list[dict[str, Any]] = []
    segments: list[dict[str, Any]] = []
    for node, data in graph.nodes(data=True):
        path = f"node {node!r}"
        kind = data.get(NODE_KIND)
        cls = _NODE_CLASSES.get(kind) if isinstance(kind, str) else None
        if cls is None:
            problems.append(
                Problem(
                    f"{path}.{NODE_KIND}", f"got {kind!r} but expected 'organization' or 'segment'"
                )
            )
            continue
        try:
            body = _unflat(cls, {k: v for k, v in data.items() if k != NODE_KIND}, path)
        except DocumentError as err:
            problems.extend(err.problems)
            continue
        body.setdefault("id", node)
        (nodes if cls is Organization else segments).append(body)
    links: list[dict[str, Any]] = []
    for u, v, key, data in graph.edges(keys=True, data=True):
        cls = LINK_KINDS.get(key)
        if cls is None:
            problems.append(Problem(f"edge {u!r}->{v!r}", f"unknown link kind {key!r}"))
            continue
        try:
            body = _unflat(cls, dict(data), f"edge {u!r}->{v!r}")
        except DocumentError as err:
            problems.extend(err.problems)
            continue
        links.append({"kind": key, "source": u, "target": v, **body})
    try:
        managers = json.loads(graph.graph.get(GRAPH_MANAGERS, "[]"))
        plan = json.loads(graph.graph.get(GRAPH_PLAN, "{}"))
    except (TypeError, json.JSONDecodeError) as err:
        problems.append(Problem("graph", f"managers or plan attribute is not valid JSON: {err}"))
        managers, plan = [], {}
    if problems:
        raise DocumentError(problems)
    steward = graph.graph.get(GRAPH_STEWARD) or None
    return network_from_sections(
        {
            "name": graph.graph.get(GRAPH_NAME, ""),
            "steward": steward,
            "organizations": nodes,
            "segments": segments,
            "managers": managers,
            "links": links,
            "plan": plan,
        }
    )
