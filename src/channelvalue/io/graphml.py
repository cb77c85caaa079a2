"""GraphML files: [`write_graphml`][channelvalue.io.write_graphml] and
[`read_graphml`][channelvalue.io.read_graphml].

The graph written is the one [`to_networkx`][channelvalue.io.to_networkx] makes (flat
attributes; the plan and the managers as JSON text), so `read_graphml(path) == net`.

GraphML is XML 1.0, which cannot carry every string: the control characters other than tab
and line feed (a carriage return is turned into a line feed by every XML reader), U+FFFE,
U+FFFF and lone surrogates. A network holding one of them in an id, a name or any other text
is refused *before* anything is written, with every such place listed; JSON
([`save`][channelvalue.io.save]) carries any string. The file is written atomically (see
"File writes" in the security page). Reading refuses a document with a `<!DOCTYPE`
(GraphML needs none, and entity definitions are how XML bombs work) and one larger than
`max_bytes`.

Examples:
    >>> import channelvalue as cv, tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "acme.graphml"
    >>> cv.io.write_graphml(cv.datasets.example(), path)
    >>> cv.io.read_graphml(path) == cv.datasets.example()
    True
"""

from __future__ import annotations

import io as _stdio
import os
import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, Any

import networkx as nx

from .._files import as_path, file_errors, write_file
from .._text import visible
from ..errors import DocumentError, Problem
from .json import DEFAULT_MAX_BYTES
from .networkx import from_networkx, to_networkx

if TYPE_CHECKING:
    from ..core.network import ChannelNetwork

__all__ = ["read_graphml", "write_graphml"]

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot carry, or that its readers change (a carriage return)."""

_SHOWN = 20
"""How many offending places an error lists by name."""


def _shown(text: str) -> str:
    """`text` with control characters and the characters XML cannot carry escaped."""
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", visible(text))


def _problems(graph: nx.MultiDiGraph) -> list[Problem]:
    found: list[Problem] = []

    def check(where: str, value: Any) -> None:
        if isinstance(value, str) and _NOT_XML.search(value):
            bad = sorted({f"U+{ord(c):04X}" for c in _NOT_XML.findall(value)})
            found.append(
                Problem(
                    where,
                    f"{_shown(value[:60])} holds {', '.join(bad)}, which GraphML (XML 1.0) "
                    "cannot carry; change the text, or save as JSON (cv.io.save)",
                )
            )

    for key, value in graph.graph.items():
        check(f"graph.{key}", value)
    for node, data in graph.nodes(data=True):
        check(f"node {_shown(str(node))}", node)
        for key, value in data.items():
            if value != node:  # the id is checked once, as the node
                check(f"node {_shown(str(node))}.{key}", value)
    for source, target, key, data in graph.edges(keys=True, data=True):
        edge = f"edge {_shown(str(source))} -> {_shown(str(target))} ({key})"
        for name, value in data.items():
            check(f"{edge}.{name}", value)
    return found


def write_graphml(
    net: ChannelNetwork, path: str | os.PathLike[str], *, follow_symlinks: bool = False
) -> None:
    """Write `net` to a GraphML file, atomically; `read_graphml(path) == net`.

    Args:
        net: the network.
        path: the file to write (replaced whole, or left as it was on any error).
        follow_symlinks: replace the file a symbolic link at `path` points to, instead of
            refusing the link.

    Raises:
        DocumentError: some text of the network cannot be carried by XML 1.0 (every
            such place is listed, at most 20 by name); nothing is written.
        FileError: the file cannot be written.
        WrongTypeError: `path` is not a path.

    Examples:
        >>> import channelvalue as cv, tempfile, pathlib
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add(cv.Organization("v", role="vendor", name="Bell\\x07Co"))
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "n.graphml"
        >>> cv.io.write_graphml(net, path)
        Traceback (most recent call last):
        ...
        channelvalue.errors.DocumentError: 1 problem:
          node v.name: Bell\\x07Co holds U+0007, which GraphML (XML 1.0) cannot carry; ...
        >>> path.exists()
        False
    """
    graph = to_networkx(net)
    problems = _problems(graph)
    if problems:
        shown = problems[:_SHOWN]
        if len(problems) > _SHOWN:
            shown.append(Problem("...", f"and {len(problems) - _SHOWN} more places"))
        raise DocumentError(shown)
    buffer = _stdio.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8")
    write_file(path, buffer.getvalue(), follow_symlinks=follow_symlinks, where="write_graphml")


def read_graphml(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> ChannelNetwork:
    """Read a network written by [`write_graphml`][channelvalue.io.write_graphml].

    Args:
        path: the GraphML file.
        max_bytes: refuse files larger than this.

    Raises:
        DocumentError: the file is not GraphML, holds a `<!DOCTYPE`, is larger than
            `max_bytes`, or does not describe a valid network (every problem listed).
        FileError: the file cannot be read.
        WrongTypeError: `path` is not a path.

    Examples:
        >>> import channelvalue as cv, tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "bad.graphml"
        >>> _ = path.write_text('<!DOCTYPE x [<!ENTITY a "aaaa">]><graphml/>')
        >>> cv.io.read_graphml(path)
        Traceback (most recent call last):
        ...
        channelvalue.errors.DocumentError: 1 problem:
          ...bad.graphml: holds a <!DOCTYPE declaration; GraphML needs none ...
    """
    p = as_path(path, "read_graphml(path=...)")
    with file_errors(p, "read"), p.open("rb") as file:
        raw = file.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise DocumentError([Problem(str(p), f"larger than max_bytes={max_bytes:,}")])
    if b"<!DOCTYPE" in raw or b"<!ENTITY" in raw:
        raise DocumentError(
            [
                Problem(
                    str(p),
                    "holds a <!DOCTYPE declaration; GraphML needs none and it is refused "
                    "(entity definitions can expand without bound)",
                )
            ]
        )
    try:
        graph = nx.read_graphml(_stdio.BytesIO(raw), force_multigraph=True)
    except (ET.ParseError, nx.NetworkXError, ValueError, KeyError, TypeError) as err:
        raise DocumentError([Problem(str(p), f"not a GraphML document: {err}")]) from None
    if not isinstance(graph, nx.MultiDiGraph):
        raise DocumentError(
            [Problem(str(p), "the graph is undirected; write it with write_graphml")]
        )
    return from_networkx(graph)
