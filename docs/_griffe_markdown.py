"""Griffe extension used by the docs build: render reST idioms in docstrings as Markdown.

The docstrings of channelvalue are Google style, but they keep a few reStructuredText
habits that mkdocstrings does not understand. This extension rewrites them, for the site
only (the source is not changed):

- Sphinx roles (``:class:`Role```, ``:func:`~channelvalue.io.dumps```) become code spans;
- doctest blocks (runs of lines starting with ``>>>``, with their output) become fenced
  ``pycon`` code blocks, so their output is shown as code rather than read as Markdown;
- a paragraph ending in ``::`` (reST's "literal block follows") ends in ``:`` and the
  indented block after it becomes a fenced code block;
- reST simple tables (``=====  =====`` borders) become Markdown tables.

It also gives the ``attrs`` classes of the model the constructor signature attrs
generates (griffe cannot see it in the source): the class is imported and its
``inspect.signature`` copied, so the reference shows ``Organization(id, *, name='', ...)``.
When the package cannot be imported, classes are shown without a signature.
"""

from __future__ import annotations

import enum
import importlib
import inspect
import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:py:)?(?:class|func|meth|attr|data|mod|obj|exc|const):`(~?)([^`]+)`")
_BORDER = re.compile(r"^(\s*)(=+)( +=+)+\s*$")


def _role(match: re.Match[str]) -> str:
    tilde, target = match.groups()
    if tilde:
        target = target.rsplit(".", 1)[-1]
    return f"`{target}`"


def _fence_doctests(lines: list[str]) -> list[str]:
    out: list[str] = []
    fenced = False
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.lstrip()
        if stripped.startswith("```"):
            fenced = not fenced
        elif stripped.startswith(">>>") and not fenced:
            indent = line[: len(line) - len(stripped)]
            out.append(f"{indent}```pycon")
            while i < len(lines) and lines[i].strip():
                out.append(lines[i])
                i += 1
            out.append(f"{indent}```")
            continue
        out.append(line)
        i += 1
    return out


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _literal_blocks(lines: list[str]) -> list[str]:
    """``text::`` + an indented block -> ``text:`` + a fenced block at the text's indent."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not (line.endswith("::") and line.strip() != "::"):
            out.append(line)
            i += 1
            continue
        out.append(line[:-1])
        base = _indent(line)
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        block: list[str] = []
        while j < len(lines) and (not lines[j].strip() or _indent(lines[j]) > base):
            block.append(lines[j])
            j += 1
        while block and not block[-1].strip():
            block.pop()
        if not block:
            i += 1
            continue
        cut = min(_indent(b) for b in block if b.strip())
        pad = " " * base
        lang = "pycon" if block[0].lstrip().startswith(">>>") else "python"
        out.append("")
        out.append(f"{pad}```{lang}")
        out.extend(pad + b[cut:] if b.strip() else "" for b in block)
        out.append(f"{pad}```")
        out.append("")
        i = j
    return out


def _columns(border: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"=+", border)]


def _cells(line: str, cols: list[tuple[int, int]]) -> list[str]:
    cells = []
    for j, (start, end) in enumerate(cols):
        stop = cols[j + 1][0] if j + 1 < len(cols) else len(line)
        cells.append(line[start:stop].strip() if j + 1 < len(cols) else line[start:].strip())
        del end
    return cells


def _tables(lines: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(lines):
        match = _BORDER.match(lines[i])
        if match is None:
            out.append(lines[i])
            i += 1
            continue
        indent, cols = match.group(1), _columns(lines[i])
        rows: list[list[str]] = []
        borders = 1
        j = i + 1
        while j < len(lines) and lines[j].strip():
            if _BORDER.match(lines[j]):
                borders += 1
                j += 1
                if borders == 3:
                    break
                continue
            rows.append(_cells(lines[j], cols))
            j += 1
        if borders < 3 or not rows:
            out.append(lines[i])
            i += 1
            continue
        header, body = rows[0], rows[1:]
        out.append(indent + "| " + " | ".join(header) + " |")
        out.append(indent + "|" + "|".join("---" for _ in header) + "|")
        out.extend(indent + "| " + " | ".join(row) + " |" for row in body)
        i = j
    return out


def rewrite(text: str) -> str:
    """The Markdown form of a docstring written with reST habits."""
    text = _ROLE.sub(_role, text)
    lines = _tables(_fence_doctests(_literal_blocks(text.split("\n"))))
    return "\n".join(lines)


_KINDS = {
    inspect.Parameter.POSITIONAL_ONLY: griffe.ParameterKind.positional_only,
    inspect.Parameter.POSITIONAL_OR_KEYWORD: griffe.ParameterKind.positional_or_keyword,
    inspect.Parameter.VAR_POSITIONAL: griffe.ParameterKind.var_positional,
    inspect.Parameter.KEYWORD_ONLY: griffe.ParameterKind.keyword_only,
    inspect.Parameter.VAR_KEYWORD: griffe.ParameterKind.var_keyword,
}


def _default_text(cls: Any, name: str, default: Any) -> str | None:
    if default is inspect.Parameter.empty:
        return None
    try:
        import attrs

        if attrs.has(cls):
            field = attrs.fields_dict(cls).get(name)
            if field is not None and isinstance(field.default, attrs.Factory):
                factory = field.default.factory
                return f"{getattr(factory, '__name__', 'factory')}()"
    except ImportError:  # pragma: no cover - attrs is a dependency
        pass
    if isinstance(default, enum.Enum):
        return f"{type(default).__name__}.{default.name}"
    text = repr(default)
    return "FrozenMap()" if text == "FrozenMap({})" else text


def _attrs_init(cls: griffe.Class) -> griffe.Function | None:
    """An ``__init__`` for an attrs class, copied from the imported class's signature."""
    if "__init__" in cls.members or not any(
        "attrs." in str(d.value) or str(d.value).startswith(("define", "frozen"))
        for d in cls.decorators
    ):
        return None
    try:
        runtime = importlib.import_module(cls.module.path)
        for part in cls.path[len(cls.module.path) + 1 :].split("."):
            runtime = getattr(runtime, part)
        signature = inspect.signature(runtime)
    except Exception:  # the docs still build, without this signature
        return None
    params = [griffe.Parameter("self", kind=griffe.ParameterKind.positional_or_keyword)]
    for p in signature.parameters.values():
        annotation = p.annotation
        if annotation is inspect.Parameter.empty:
            annotation = None
        elif not isinstance(annotation, str):
            annotation = inspect.formatannotation(annotation)
        params.append(
            griffe.Parameter(
                p.name,
                annotation=annotation,
                kind=_KINDS[p.kind],
                default=_default_text(runtime, p.name, p.default),
            )
        )
    return griffe.Function(
        "__init__", parameters=griffe.Parameters(*params), returns="None", parent=cls
    )


class ReSTIdiomsToMarkdown(griffe.Extension):
    """Rewrite every loaded docstring with :func:`rewrite` (once each)."""

    def __init__(self) -> None:
        super().__init__()
        self._done: set[int] = set()

    def _fix(self, obj: griffe.Object) -> None:
        docstring = obj.docstring
        if docstring is not None and id(docstring) not in self._done:
            self._done.add(id(docstring))
            docstring.value = rewrite(docstring.value)

    def on_object(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        self._fix(obj)

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        self._fix(pkg)  # the root package does not always get on_object

    def on_class(self, *, cls: griffe.Class, **kwargs: Any) -> None:
        init = _attrs_init(cls)
        if init is not None:
            cls.set_member("__init__", init)
