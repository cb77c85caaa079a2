"""Graphviz DOT export: layered layout hints, edge styles per link kind, escaping."""

from __future__ import annotations

import re

import pytest
from hypothesis import given

import channelvalue as cv
from channelvalue.errors import ValidationError
from channelvalue.io.dot import AGGREGATE_ABOVE, EDGE_STYLES
from channelvalue.model import Organization, ReportsTo, Segment, Serves, Supplies
from channelvalue.testing import strategies as cvst

_QUOTED = r'"(?:[^"\\]|\\.)*"'
_NODE = re.compile(rf"^  ({_QUOTED}) \[(.*)\];$")
_EDGE = re.compile(rf"^  ({_QUOTED}) -> ({_QUOTED}) \[(.*)\];$")
_RANK = re.compile(rf"^  \{{ rank=(min|same|max); ((?:{_QUOTED}; )+)\}}$")


_UNESCAPE = {"\\": "\\", '"': '"', "n": "\n", "r": "\r"}


def _unquote(text: str) -> str:
    """The inverse of ``to_dot``'s quoting."""
    return re.sub(r"\\(.)", lambda m: _UNESCAPE[m[1]], text[1:-1])


def parse(
    dot: str,
) -> tuple[dict[str, str], list[tuple[str, str, str]], list[tuple[str, list[str]]]]:
    """Nodes (name -> attributes), edges and rank groups of DOT text made by ``to_dot``;
    fails on any line it does not recognise (a light syntax check)."""
    lines = dot.splitlines()
    assert lines[0].startswith("digraph ")
    assert lines[0].endswith(" {")
    assert lines[-1] == "}"
    assert dot.endswith("}\n")
    nodes: dict[str, str] = {}
    edges: list[tuple[str, str, str]] = []
    ranks: list[tuple[str, list[str]]] = []
    for line in lines[1:-1]:
        if line.lstrip().startswith(("//", "graph [", "node [", "edge [")) or line.startswith(
            "  graph ["
        ):
            continue
        if m := _EDGE.match(line):
            edges.append((_unquote(m[1]), _unquote(m[2]), m[3]))
        elif m := _NODE.match(line):
            nodes[_unquote(m[1])] = m[2]
        elif m := _RANK.match(line):
            ranks.append((m[1], [_unquote(q) for q in re.findall(_QUOTED, m[2])]))
        else:
            pytest.fail(f"unexpected DOT line: {line!r}")
    for source, target, _ in edges:
        assert source in nodes, source
        assert target in nodes, target
    return nodes, edges, ranks


def test_example_is_layered_and_styled() -> None:
    net = cv.datasets.example()
    nodes, edges, ranks = parse(cv.io.to_dot(net))
    assert set(nodes) == set(net.organizations) | set(net.segments)
    assert len(edges) == net.count_links()
    kinds = [re.search(r'class="(\w+)"', attrs)[1] for _, _, attrs in edges]  # type: ignore[index]
    assert sorted(kinds) == sorted(link.kind for link in net.links())
    rank = {name: (r, i) for i, (r, names) in enumerate(ranks) for name in names}
    assert rank["acme"][0] == "min"
    assert all(rank[s][0] == "max" for s in net.segments)
    distributors = [i for i, o in net.organizations.items() if o.role.value == "distributor"]
    resellers = [i for i, o in net.organizations.items() if o.role.value == "reseller"]
    assert {rank[d] for d in distributors} == {rank[distributors[0]]}
    assert rank[distributors[0]][1] < rank[resellers[0]][1]
    assert "doubleoctagon" in nodes["acme"]
    for _, _, attrs in edges:
        kind = re.search(r'class="(\w+)"', attrs)[1]  # type: ignore[index]
        assert EDGE_STYLES[kind] in attrs
    direct = [a for s, t, a in edges if (s, t) == ("acme-direct", "acme") and "reports_to" in a]
    assert 'label="direct"' in direct[0]


def test_dot_is_deterministic_and_escapes_names() -> None:
    net = cv.ChannelNetwork(steward='v"1', name='A "quoted"\nname\\')
    items = [
        Organization('v"1', role="vendor", name="Back\\slash"),
        Organization("r\n2", role="reseller", name='say "hi"'),
        Segment("s 1", name="SMB\r\nsegment", band="smb"),
        Supplies('v"1', "r\n2"),
        Serves("r\n2", "s 1"),
        ReportsTo("r\n2", 'v"1'),
    ]
    net.add_all(items)
    dot = cv.io.to_dot(net)
    nodes, edges, _ = parse(dot)
    assert set(nodes) == {'v"1', "r\n2", "s 1"}
    assert {(s, t) for s, t, _ in edges} == {('v"1', "r\n2"), ("r\n2", "s 1"), ("r\n2", 'v"1')}
    assert 'label="say \\"hi\\"\\nreseller"' in dot
    assert 'label="Back\\\\slash\\nvendor"' in dot
    assert dot.splitlines()[0] == 'digraph "A \\"quoted\\"\\nname\\\\" {'
    other = cv.ChannelNetwork(steward='v"1', name='A "quoted"\nname\\')
    other.add_all(list(reversed(items)))
    assert cv.io.to_dot(other) == dot


@given(cvst.networks())
def test_every_network_gives_well_formed_dot(net: cv.ChannelNetwork) -> None:
    for aggregate in (False, True):
        _, edges, ranks = parse(cv.io.to_dot(net, aggregate=aggregate))
        assert ranks[0] == ("min", [net.steward_id])
        if net.segments:
            assert ranks[-1] == ("max", sorted(net.segments))
        if not aggregate:
            assert len(edges) == net.count_links()


def test_aggregated_dot_counts_every_link() -> None:
    net = cv.datasets.synthetic(AGGREGATE_ABOVE + 50, seed=2)
    dot = cv.io.to_dot(net)  # large enough to be aggregated by default
    assert dot == cv.io.to_dot(net, aggregate=True)
    nodes, edges, ranks = parse(dot)
    roles = {o.role.value for i, o in net.organizations.items() if i != net.steward_id}
    assert set(nodes) == {net.steward_id} | {f"role:{r}" for r in roles} | set(net.segments)
    total = sum(int(re.search(r'label="([\d,]+)"', a)[1].replace(",", "")) for _, _, a in edges)  # type: ignore[index]
    assert total == net.count_links()
    assert ranks[0] == ("min", ["vendor"])
    assert ("same", ["role:distributor"]) in ranks
    assert len(cv.io.to_dot(net, aggregate=False).splitlines()) > len(dot.splitlines())


def test_small_and_empty_networks() -> None:
    small = cv.datasets.synthetic(5)
    assert "role:" not in cv.io.to_dot(small)
    empty = cv.io.to_dot(cv.ChannelNetwork())
    assert empty.startswith('digraph "channel" {')
    parse(empty)
    no_steward = cv.ChannelNetwork()
    no_steward.add(Organization("a", role="agent"))
    nodes, _, ranks = parse(cv.io.to_dot(no_steward, aggregate=True))
    assert set(nodes) == {"role:agent"}
    assert ranks == [("same", ["role:agent"])]


def test_bad_aggregate_argument() -> None:
    with pytest.raises(ValidationError, match="True, False or None"):
        cv.io.to_dot(cv.ChannelNetwork(), aggregate="yes")  # type: ignore[arg-type]
