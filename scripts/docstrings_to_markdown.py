"""Rewrite the docstrings of ``src/channelvalue`` from Sphinx/reST habits to Markdown, in place.

One-shot conversion for issue 13 item 7 (it replaces the docs build's regex rewriter); it is
idempotent, so running it again on converted (or new) code changes only what is still reST:

- Sphinx roles (``:class:`X```, ``:func:`~pkg.mod.f```, ``:meth:``, ``:attr:``, ``:data:``,
  ``:mod:``, ``:exc:``, ``:obj:``, ``:const:``) become mkdocstrings cross-references,
  ``[`X`][channelvalue.X]``, when the target is an object rendered in the API reference;
  otherwise a plain code span. Short and relative targets are resolved by importing the
  package, in the namespace of the docstring's class and module; the identifier used is the
  shortest public one the site's inventory lists for the same object (in a table row that
  would get longer than 100 characters, a plain code span).
- double-backtick literals become single-backtick code spans;
- reST links ``\\`text <url>\\`_`` become Markdown links;
- a paragraph ending in ``::`` ends in ``:``; the literal block after it becomes a fenced
  block (a doctest block stays as it is, an indented Markdown code block);
- reST simple tables (``=====  =====`` borders) become Markdown tables;
- ``Example:`` section headers become ``Examples:``, the Google section griffe parses into
  code examples (``Example:`` is only an admonition there, whose ``>>>`` lines would be
  rendered as text).

Doctest blocks (``>>>`` up to the next blank line), fenced code blocks and literal blocks
are never changed. Lines the conversion makes longer than 100 characters are rewrapped.
Only string statements (module, class, function and attribute docstrings) are touched,
located with ``ast`` and rewritten through ``tokenize`` positions; code strings are not.

Usage (the inventory is written by any docs build, strict or not)::

    export PYTHONPATH=$PWD/src
    mkdocs build --quiet --site-dir /tmp/site-inv
    python scripts/docstrings_to_markdown.py --inventory /tmp/site-inv/objects.inv

``--check`` only lists the files that would change (exit 1 if any); ``--verbose`` also
lists the role targets left as plain code because the site does not render them.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import inspect
import io
import re
import sys
import tokenize
import types
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

PACKAGE = "channelvalue"
MAX_LINE = 100

_ROLE = re.compile(
    r":(?:py:)?(?:class|func|meth|attr|data|mod|obj|exc|const):`(~?)([^`<]*?)\s*(?:<([^>`]+)>)?`"
)
_DOUBLE = re.compile(r"(?<!`)``(?!`)([^`\n]+?)``(?!`)")
_REST_LINK = re.compile(r"`([^`<]+?)\s*<([^>`]+)>`__?")
_BORDER = re.compile(r"^(\s*)(=+)( +=+)+\s*$")
_STRING_START = re.compile(r"^([A-Za-z]*)('''|\"\"\"|'|\")")
_SECTION = re.compile(
    r"^(Args|Arguments|Parameters|Keyword Args|Raises|Returns|Yields|Attributes|Examples"
    r"|Warns|Receives|Other Parameters):\s*$"
)
_ITEM_SECTION = re.compile(
    r"^(Args|Arguments|Parameters|Keyword Args|Raises|Returns|Yields|Attributes"
    r"|Warns|Receives|Other Parameters):\s*$"
)
_LIST_ITEM = re.compile(r"^(\s*)([-*+]|\d+[.)])\s+")


# --------------------------------------------------------------------------- resolution


Key = tuple[Any, ...]
_T = TypeVar("_T")


def _key_of(owner: Any, name: str, obj: Any) -> Key:
    if inspect.ismodule(obj):
        return ("module", obj.__name__)
    if isinstance(obj, (type, types.FunctionType, types.BuiltinFunctionType)):
        return ("obj", id(obj))
    if isinstance(obj, (property, classmethod, staticmethod, types.MemberDescriptorType)):
        return ("obj", id(obj))
    if obj is _MISSING:
        return ("attr", _key_of(None, "", owner), name)
    return ("value", id(obj), name)


_MISSING = object()


def _member(obj: Any, name: str) -> Any:
    """``obj.name``: static lookup on classes (stable identity), attrs fields by annotation."""
    if isinstance(obj, type):
        try:
            return inspect.getattr_static(obj, name)
        except AttributeError:
            for klass in obj.__mro__:
                if name in getattr(klass, "__annotations__", {}):
                    return _MISSING
            raise
    return getattr(obj, name)


def _walk(start: Any, parts: list[str]) -> Key:
    obj: Any = start
    owner: Any = None
    for part in parts:
        if obj is _MISSING:
            raise AttributeError(part)
        owner, obj = obj, _member(obj, part)
    return _key_of(owner, parts[-1] if parts else "", obj)


def _absolute(path: str) -> Key:
    parts = path.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            module = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        rest = parts[cut:]
        return _walk(module, rest) if rest else _key_of(None, "", module)
    raise LookupError(path)


def _attribute(path: str) -> Key:
    """Like ``_absolute`` but with Python's attribute semantics: a package attribute (a
    function re-exported under its submodule's name, say) wins over the submodule."""
    parts = path.split(".")
    obj: Any = importlib.import_module(parts[0])
    owner: Any = None
    for i, part in enumerate(parts[1:], start=1):
        try:
            owner, obj = obj, _member(obj, part)
        except AttributeError:
            owner, obj = obj, importlib.import_module(".".join(parts[: i + 1]))
        if obj is _MISSING and i < len(parts) - 1:
            raise AttributeError(path)
    return _key_of(owner, parts[-1], obj)


def _try(func: Callable[..., _T], *args: Any) -> _T | None:
    try:
        return func(*args)
    except Exception:  # a target that does not import stays plain code
        return None


class Resolver:
    """Maps a role target, read in a module and class context, to a site identifier."""

    def __init__(self, inventory: list[str]) -> None:
        self.by_key: dict[Key, list[str]] = {}
        self.names = inventory
        self.unlinked: set[tuple[str, str]] = set()
        for name in inventory:
            key = _try(_absolute, name)
            if key is not None:
                self.by_key.setdefault(key, []).append(name)
        for names in self.by_key.values():
            names.sort(key=lambda n: ("._" in n, n.count("."), len(n), n))

    def _key(self, target: str, module: str, classes: list[str]) -> Key | None:
        parts = target.split(".")
        try:
            module_obj = importlib.import_module(module)
        except ImportError:
            return None
        for depth in range(len(classes), 0, -1):
            klass = _try(_walk_obj, module_obj, classes[:depth])
            if klass is not None:
                key = _try(_walk, klass, parts)
                if key is not None:
                    return key
        return (
            _try(_walk, module_obj, parts)
            or _try(_attribute, target)
            or _try(_attribute, f"{PACKAGE}.{target}")
        )

    def identifier(self, target: str, module: str, classes: list[str]) -> str | None:
        target = target.strip().lstrip(".").removesuffix("()")
        key = self._key(target, module, classes)
        if key is not None and key in self.by_key:
            return self.by_key[key][0]
        # Not importable (an attribute without a class value, say): a unique suffix match.
        suffix = "." + target
        found = {n for n in self.names if n.endswith(suffix) or n == target}
        keys = {k for k, names in self.by_key.items() if found & set(names)}
        if len(keys) == 1:
            return self.by_key[keys.pop()][0]
        return None


def _walk_obj(start: Any, parts: list[str]) -> Any:
    obj = start
    for part in parts:
        obj = getattr(obj, part)
    return obj


def read_inventory(path: Path) -> list[str]:
    """The object names of a Sphinx ``objects.inv`` (as written by mkdocstrings)."""
    data = path.read_bytes()
    header, _, rest = data.partition(b"zlib.\n")
    if not header.startswith(b"# Sphinx inventory version 2"):
        raise SystemExit(f"{path}: not a Sphinx inventory version 2")
    names = []
    for line in zlib.decompress(rest).decode().splitlines():
        name, domain_role = line.split(" ", 2)[:2]
        if domain_role.startswith("py:") and name.startswith(PACKAGE):
            names.append(name)
    return names


# --------------------------------------------------------------------------- text rewriting


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _protected(lines: list[str]) -> list[bool]:
    """Lines not to touch: doctest blocks, fenced code, and indented blocks after ``::``."""
    keep = [False] * len(lines)
    fenced = False
    i = 0
    while i < len(lines):
        stripped = lines[i].lstrip()
        if stripped.startswith("```"):
            keep[i] = True
            fenced = not fenced
        elif fenced:
            keep[i] = True
        elif stripped.startswith(">>>"):
            while i < len(lines) and lines[i].strip():
                keep[i] = True
                i += 1
            continue
        elif lines[i].rstrip().endswith("::"):
            base = _indent(lines[i]) if i else 0
            j = i + 1
            while j < len(lines) and (not lines[j].strip() or _indent(lines[j]) > base):
                keep[j] = bool(lines[j].strip())
                j += 1
            i = j
            continue
        i += 1
    return keep


def _literal_blocks(lines: list[str], base_indent: int) -> list[str]:
    """``text::`` + an indented block -> ``text:`` + a fenced block (doctests: indented)."""
    out: list[str] = []
    fenced = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith("```"):
            fenced = not fenced
        if fenced or not (line.rstrip().endswith("::") and line.strip() != "::"):
            out.append(line)
            i += 1
            continue
        base = _indent(line) if i else base_indent
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
            out.append(line)
            i += 1
            continue
        out.append(line.rstrip()[:-1])
        if any(b.lstrip().startswith(">>>") for b in block):
            # A doctest must stay byte for byte: keep it as an indented code block.
            out.extend(lines[i + 1 : j])
            i = j
            continue
        cut = min(_indent(b) for b in block if b.strip())
        pad = " " * base
        out.append("")
        out.append(f"{pad}```python")
        out.extend(pad + b[cut:] if b.strip() else "" for b in block)
        out.append(f"{pad}```")
        out.append("")
        i = j
    return out


def _tables(lines: list[str]) -> list[str]:
    """reST simple tables (header, border, rows, border) -> Markdown tables."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        match = _BORDER.match(lines[i])
        if match is None:
            out.append(lines[i])
            i += 1
            continue
        indent = match.group(1)
        cols = [m.start() for m in re.finditer(r"=+", lines[i])]
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
            row = lines[j]
            cells = [
                row[start : cols[k + 1] if k + 1 < len(cols) else len(row)].strip()
                for k, start in enumerate(cols)
            ]
            rows.append(cells)
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


def _inline(line: str, role: Callable[[re.Match[str], bool], str], link: bool = True) -> str:
    line = _ROLE.sub(lambda m: role(m, link), line)
    line = _REST_LINK.sub(lambda m: f"[{m.group(1)}]({m.group(2)})", line)
    return _DOUBLE.sub(lambda m: f"`{m.group(1)}`", line)


def _break_points(line: str, start: int) -> Iterator[int]:
    """Spaces outside code spans and link texts, after column ``start``."""
    ticks = 0
    depth = 0
    for pos, char in enumerate(line):
        if char == "`":
            ticks += 1
        elif ticks % 2:
            continue
        elif char == "[":
            depth += 1
        elif char == "]":
            depth = max(depth - 1, 0)
        elif char == " " and depth == 0 and pos > start:
            yield pos


def _starts_block(line: str) -> bool:
    stripped = line.strip()
    return (
        not stripped
        or _LIST_ITEM.match(line) is not None
        or stripped.startswith((">>>", "```", "|"))
        or _SECTION.match(stripped) is not None
        or (stripped.endswith(":") and len(stripped.split()) <= 4)
    )


def _rewrap(
    lines: list[str], changed: list[bool], first_col: int, last_extra: int, base: int
) -> list[str]:
    """Split the changed lines that got longer than MAX_LINE; join the rest to the next line."""
    section = False
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if i and stripped and _indent(line) <= base:
            section = _ITEM_SECTION.match(stripped) is not None
        extra = (first_col if i == 0 else 0) + (last_extra if i == len(lines) - 1 else 0)
        if not changed[i] or len(line) + extra <= MAX_LINE or stripped.startswith("|"):
            i += 1
            continue
        indent = _indent(line) if i else base
        item = _LIST_ITEM.match(line)
        if item is not None:
            cont = item.end()
        elif section and indent == base + 4:
            cont = base + 8
        else:
            cont = indent
        limit = MAX_LINE - (first_col if i == 0 else 0)
        points = [p for p in _break_points(line, _indent(line)) if p <= limit]
        if not points:
            i += 1
            continue
        cut = points[-1]
        head, tail = line[:cut].rstrip(), line[cut + 1 :].strip()
        nxt = i + 1
        if (
            nxt < len(lines)
            and lines[nxt].strip()
            and _indent(lines[nxt]) == cont
            and not _starts_block(lines[nxt])
        ):
            lines[nxt] = " " * cont + tail + " " + lines[nxt].strip()
            changed[nxt] = True
        else:
            lines.insert(nxt, " " * cont + tail)
            changed.insert(nxt, True)
        lines[i] = head
        i += 1
    return lines


def convert(
    body: str,
    indent: int,
    first_col: int,
    last_extra: int,
    role: Callable[[re.Match[str], bool], str],
) -> str:
    """The Markdown form of one docstring's source text (between its quotes).

    ``indent`` is the column of the opening quotes (the docstring's indentation), and
    ``first_col`` the column of the first character of the text.
    """
    lines = body.split("\n")
    rest = [line for line in lines[1:] if line.strip()]
    base = min((_indent(line) for line in rest), default=indent)
    lines = _tables(_literal_blocks(lines, base))
    keep = _protected(lines)
    changed = [False] * len(lines)
    for i, line in enumerate(lines):
        if keep[i]:
            continue
        new = _inline(line, role)
        if new.lstrip().startswith("|") and len(new) > MAX_LINE:
            new = _inline(line, role, link=False)  # a table row cannot be wrapped
        if line.strip() == "Example:" and (_indent(line) == base or i == 0):
            new = line.replace("Example:", "Examples:")
        if new != line:
            lines[i], changed[i] = new, True
    return "\n".join(_rewrap(lines, changed, first_col, last_extra, base))


# --------------------------------------------------------------------------- files


def _doc_nodes(tree: ast.Module) -> Iterator[tuple[ast.Constant, list[str]]]:
    """Every string statement, with the names of the classes around it."""

    def visit(node: ast.AST, classes: list[str]) -> Iterator[tuple[ast.Constant, list[str]]]:
        for child in ast.iter_child_nodes(node):
            inner = [*classes, child.name] if isinstance(child, ast.ClassDef) else classes
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                inner = classes  # a method's docstring is read in its class's namespace
            if (
                isinstance(child, ast.Expr)
                and isinstance(child.value, ast.Constant)
                and isinstance(child.value.value, str)
            ):
                yield child.value, classes
            yield from visit(child, inner)

    yield from visit(tree, [])


def module_name(path: Path, src: Path) -> str:
    parts = list(path.relative_to(src).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def convert_source(source: str, module: str, resolver: Resolver) -> str:
    tree = ast.parse(source)
    starts = {(n.lineno, n.col_offset): (n, c) for n, c in _doc_nodes(tree)}
    line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
    edits: list[tuple[int, int, str]] = []
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    for tok in tokens:
        if tok.type != tokenize.STRING:
            continue
        row, col = tok.start
        byte_col = len(source[line_starts[row - 1] : line_starts[row - 1] + col].encode())
        found = starts.get((row, byte_col))
        if found is None:
            continue
        node, classes = found
        if (node.end_lineno, node.end_col_offset) != (
            tok.end[0],
            len(source[line_starts[tok.end[0] - 1] :][: tok.end[1]].encode()),
        ):
            continue  # implicit concatenation: leave it alone
        match = _STRING_START.match(tok.string)
        if match is None:
            continue
        opening = match.group(0)
        quote = match.group(2)
        body = tok.string[len(opening) : -len(quote)]

        def role(m: re.Match[str], link: bool, classes: list[str] = classes) -> str:
            tilde, title, target = m.group(1), m.group(2), m.group(3)
            if target is None:
                target, title = title, ""
            shown = title or (target.rsplit(".", 1)[-1] if tilde else target)
            ident = resolver.identifier(target, module, classes) if link else None
            if ident is None:
                resolver.unlinked.add((module, target))
            return f"[`{shown}`][{ident}]" if ident else f"`{shown}`"

        new = convert(body, col, col + len(opening), len(quote), role)
        if new != body:
            start = line_starts[row - 1] + col + len(opening)
            edits.append((start, start + len(body), new))
    for start, end, new in sorted(edits, reverse=True):
        source = source[:start] + new + source[end:]
    return source


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--inventory", type=Path, required=True, help="the site's objects.inv")
    parser.add_argument("--src", type=Path, default=Path("src"), help="default: src")
    parser.add_argument("--check", action="store_true", help="list what would change")
    parser.add_argument(
        "--verbose", action="store_true", help="also list the targets left as plain code"
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.src.resolve()))
    resolver = Resolver(read_inventory(args.inventory))
    changed = []
    for path in sorted((args.src / PACKAGE).rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        new = convert_source(source, module_name(path, args.src), resolver)
        if new != source:
            changed.append(path)
            if not args.check:
                path.write_text(new, encoding="utf-8")
    for path in changed:
        print(("would rewrite " if args.check else "rewrote ") + str(path))
    if args.verbose:
        for module, target in sorted(resolver.unlinked):
            print(f"plain code (not in the site): {target} (in {module})")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
