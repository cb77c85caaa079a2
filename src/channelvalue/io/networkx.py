"""Conversion between a [`ChannelNetwork`][channelvalue.ChannelNetwork] and a plain networkx graph.

The graph made by [`to_networkx`][channelvalue.io.to_networkx] carries only flat attributes
(strings, numbers, booleans), so it can be written to GraphML or GEXF. Lists and mappings are stored
as JSON text; the plan and the managers sit in graph attributes as JSON text too. Every
attribute name is defined once here.

Examples:
    >>> import channelvalue as cv
    >>> net = cv.datasets.example()
    >>> g = to_networkx(net)
    >>> g.nodes["acme"][NODE_KIND], g.graph[GRAPH_STEWARD]
    ('organization', 'acme')
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

import attrs
import networkx as nx

from ..errors import DocumentError, Problem, _show
from ..model import LINK_KINDS
from ..model.kinds import KINDS
from ._convert import unstructure_item
from .json import FORMAT_VERSION, network_from_sections, plan_document

if TYPE_CHECKING:
    from ..core.network import ChannelNetwork

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
"""Node attribute: `"organization"` or `"segment"`."""
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

_NODE_KINDS = {k.name: k for k in KINDS if k.node}
"""The kinds that are graph nodes (organizations, segments), by the `kind` node attribute."""
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


def _json_text(text: str, path: str) -> Any:
    try:
        return json.loads(text)
    except RecursionError:
        raise DocumentError([Problem(path, "JSON text nested too deeply")]) from None
    except ValueError as err:  # json.JSONDecodeError
        raise DocumentError([Problem(path, f"not valid JSON text: {err}")]) from None


def _unflat(cls: type[Any], data: dict[str, Any], path: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in data.items():
        if isinstance(v, str) and _is_json_field(cls, k):
            out[k] = _json_text(v, f"{path}.{k}")
        else:
            out[k] = v
    return out


_SECTION_PATH = re.compile(
    rf"^\$\.({'|'.join(dict.fromkeys(k.section for k in KINDS if k.node or k.is_link))})\[(\d+)\]"
)


def _relocate(problems: tuple[Problem, ...], labels: dict[str, list[str]]) -> list[Problem]:
    """Document paths (`$.links[3].revenue`) turned into graph paths (`edge ...`)."""
    out = []
    for p in problems:
        path = p.path
        found = _SECTION_PATH.match(path)
        if found is not None:
            path = labels[found.group(1)][int(found.group(2))] + path[found.end() :]
        elif path.startswith("$."):
            path = "graph." + path[2:]
        out.append(Problem(path, p.message))
    return out


def to_networkx(net: ChannelNetwork) -> nx.MultiDiGraph:
    """Copy `net` into a plain `MultiDiGraph` with flat attributes (see module doc).

    Examples:
        >>> import channelvalue as cv
        >>> g = cv.io.to_networkx(cv.datasets.example())
        >>> g.nodes["dist-north"]["role"], g.number_of_edges()
        ('distributor', 246)
    """
    g = nx.MultiDiGraph()
    g.graph[GRAPH_FORMAT] = FORMAT_VERSION
    g.graph[GRAPH_NAME] = net.name
    g.graph[GRAPH_STEWARD] = net.steward_id or ""
    g.graph[GRAPH_MANAGERS] = json.dumps([unstructure_item(m) for m in net.managers.values()])
    g.graph[GRAPH_PLAN] = json.dumps(plan_document(net))
    for kind in _NODE_KINDS:
        g.add_nodes_from(
            (ident, {NODE_KIND: kind, **_flat(unstructure_item(obj))})
            for ident, obj in net.registry(kind).items()
        )
    for link in net.links():
        data = unstructure_item(link)
        del data["kind"], data["source"], data["target"]
        g.add_edge(link.source, link.target, key=link.kind, **_flat(data))
    return g


def from_networkx(graph: nx.MultiDiGraph) -> ChannelNetwork:
    """Rebuild a network from a graph made by [`to_networkx`][channelvalue.io.to_networkx]; every
    problem is reported.

    Raises:
        DocumentError: listing each node, edge or attribute that cannot be read.

    Examples:
        >>> import channelvalue as cv
        >>> net = cv.datasets.example()
        >>> cv.io.from_networkx(cv.io.to_networkx(net)) == net
        True
    """
    if not isinstance(graph, nx.MultiDiGraph):
        raise DocumentError(
            [Problem("graph", f"expected a networkx.MultiDiGraph, got {type(graph).__name__}")]
        )
    problems: list[Problem] = []
    version = graph.graph.get(GRAPH_FORMAT, FORMAT_VERSION)
    if type(version) is not int or version < 1:
        problems.append(
            Problem(f"graph.{GRAPH_FORMAT}", f"got {_show(version)} but expected an integer >= 1")
        )
    elif version > FORMAT_VERSION:
        problems.append(
            Problem(
                f"graph.{GRAPH_FORMAT}",
                f"version {version} is newer than this library reads ({FORMAT_VERSION}); "
                "upgrade channelvalue",
            )
        )
    bodies: dict[str, list[dict[str, Any]]] = {k.section: [] for k in _NODE_KINDS.values()}
    labels: dict[str, list[str]] = {**{s: [] for s in bodies}, "links": []}
    expected = " or ".join(map(repr, _NODE_KINDS))
    for node, data in graph.nodes(data=True):
        path = f"node {_show(node)}"
        kind = data.get(NODE_KIND)
        row = _NODE_KINDS.get(kind) if isinstance(kind, str) else None
        if row is None:
            problems.append(
                Problem(f"{path}.{NODE_KIND}", f"got {_show(kind)} but expected {expected}")
            )
            continue
        try:
            body = _unflat(row.cls, {k: v for k, v in data.items() if k != NODE_KIND}, path)
        except DocumentError as err:
            problems.extend(err.problems)
            continue
        ident = body.setdefault("id", node)
        if type(ident) is not type(node) or ident != node:
            problems.append(
                Problem(f"{path}.id", f"got {_show(ident)} but the node is {_show(node)}")
            )
            continue
        bodies[row.section].append(body)
        labels[row.section].append(path)
    links: list[dict[str, Any]] = []
    for u, v, key, data in graph.edges(keys=True, data=True):
        path = f"edge {_show(u)}->{_show(v)}[{_show(key)}]"
        cls = LINK_KINDS.get(key) if isinstance(key, str) else None
        if cls is None:
            problems.append(Problem(path, f"unknown link kind {_show(key)}"))
            continue
        reserved = sorted({"kind", "source", "target"} & set(data))
        if reserved:
            problems.append(
                Problem(
                    f"{path}.{reserved[0]}",
                    "reserved attribute: an edge's endpoints and key give its source, "
                    "target and kind",
                )
            )
            continue
        try:
            body = _unflat(cls, dict(data), path)
        except DocumentError as err:
            problems.extend(err.problems)
            continue
        links.append({"kind": key, "source": u, "target": v, **body})
        labels["links"].append(path)
    sections: dict[str, Any] = {GRAPH_MANAGERS: [], GRAPH_PLAN: {}}
    for attr in sections:
        text = graph.graph.get(attr)
        if text is None:
            continue
        if not isinstance(text, str):
            problems.append(
                Problem(f"graph.{attr}", f"expected JSON text, got {type(text).__name__}")
            )
            continue
        try:
            sections[attr] = _json_text(text, f"graph.{attr}")
        except DocumentError as err:
            problems.extend(err.problems)
    if problems:
        raise DocumentError(problems)
    steward = graph.graph.get(GRAPH_STEWARD) or None
    try:
        return network_from_sections(
            {
                "name": graph.graph.get(GRAPH_NAME, ""),
                "steward": steward,
                **bodies,
                "managers": sections[GRAPH_MANAGERS],
                "links": links,
                "plan": sections[GRAPH_PLAN],
            }
        )
    except DocumentError as err:
        raise DocumentError(_relocate(err.problems, labels)) from None
