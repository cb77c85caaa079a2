"""Only ``channelvalue.core`` touches the internals of a ChannelNetwork.

Every module under ``src/channelvalue`` outside ``core/`` is parsed and walked; any
attribute access ``X._name`` where ``_name`` is a private attribute or method of
:class:`~channelvalue.ChannelNetwork` (and ``X`` is not ``self``), or where ``X`` is
named like a network (``net``, ``network``, ``self.net``, ``base_net``, ...), fails.
Other code uses the public surface: the registries, :meth:`ChannelNetwork.registry`,
``links``, ``version``, and :mod:`channelvalue.core.cache` for derived data.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import channelvalue
from channelvalue.core.network import ChannelNetwork

SRC = Path(channelvalue.__file__).parent

# names that were network internals before the core package, and any the class has now
_FORMER = {
    "_orgs",
    "_links",
    "_segments",
    "_managers",
    "_levers",
    "_propositions",
    "_investments",
    "_margins",
    "_flow_tables",
    "_registry",
    "_registries",
    "_kind_of",
    "_cached",
    "_cache",
    "_g",
    "_version",
    "_changed",
}
PRIVATE = _FORMER | {
    name
    for name in {*ChannelNetwork.__slots__, *vars(ChannelNetwork)}
    if name.startswith("_") and not name.endswith("_")
}
_NETWORK_NAME = re.compile(r"^(net|network|nets?\d*|\w+_net|\w+_network)$")


def _receiver_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def offences(root: Path) -> list[str]:
    """``path:line: X._name`` for every access to network internals outside ``core/``."""
    out: list[tuple[str, int, str]] = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        if rel.parts[0] == "core":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Attribute) or not node.attr.startswith("_"):
                continue
            if node.attr.startswith("__"):
                continue
            receiver = _receiver_name(node.value)
            if receiver in ("self", "cls"):
                continue
            named_like_net = receiver is not None and _NETWORK_NAME.match(receiver)
            if node.attr in PRIVATE or named_like_net:
                out.append((str(rel), node.lineno, f"{receiver}.{node.attr}"))
    return [f"{rel}:{line}: {access}" for rel, line, access in sorted(out)]


def test_the_private_names_are_found() -> None:
    assert {"_orgs", "_links", "_items", "_cache", "_g", "_changed"} <= PRIVATE


def test_the_check_catches_an_access(tmp_path: Path) -> None:
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "ok.py").write_text("x = net._orgs\n")
    (tmp_path / "mod.py").write_text(
        "a = net._links\nb = thing._cached('k', f)\nc = self.net._whatever\nd = self._orgs\n"
    )
    assert offences(tmp_path) == [
        "mod.py:1: net._links",
        "mod.py:2: thing._cached",
        "mod.py:3: net._whatever",
    ]


def test_nothing_outside_core_touches_network_internals() -> None:
    assert offences(SRC) == []
