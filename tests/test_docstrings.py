"""Docstrings are written in one dialect: Markdown with mkdocstrings cross-references.

No Sphinx roles, double-backtick literals, reST tables or ``::`` literal blocks (the docs
build no longer rewrites them), and examples sit under ``Examples:`` (the section griffe
renders as code; ``Example:`` would show the ``>>>`` lines as text).
`scripts/docstrings_to_markdown.py` converts a docstring written the old way.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import channelvalue

SRC = Path(channelvalue.__file__).parent

_REST = {
    "Sphinx role": re.compile(r":(?:py:)?(?:class|func|meth|attr|data|mod|obj|exc|const):`"),
    "double-backtick literal": re.compile(r"(?<!`)``[^`\n]+``(?!`)"),
    "reST table border": re.compile(r"^\s*=+( +=+)+\s*$", re.M),
    "reST literal block (::)": re.compile(r"\S::\s*$", re.M),
    "'Example:' section (use 'Examples:')": re.compile(r"^\s*Example:\s*$", re.M),
}


def _docstrings(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.lineno, node.value.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    ]


def _without_code(text: str) -> str:
    """The docstring without its fenced blocks and doctest lines (code may say anything)."""
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    return "\n".join(
        line for line in text.splitlines() if not line.lstrip().startswith((">>>", "..."))
    )


@pytest.mark.parametrize(
    "path", sorted(SRC.rglob("*.py")), ids=lambda p: p.relative_to(SRC).as_posix()
)
def test_docstrings_are_markdown(path: Path) -> None:
    problems = [
        f"{path.name}:{line}: {what}"
        for line, text in _docstrings(path)
        for what, pattern in _REST.items()
        if pattern.search(_without_code(text))
    ]
    assert not problems, "\n".join(problems)
