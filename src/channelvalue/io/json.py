"""Versioned JSON documents of a whole network with its plan."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

from .._files import as_path, file_errors, write_file
from ..core.network import ChannelNetwork
from ..errors import ChannelValueError, DocumentError, Problem
from ..model.kinds import KINDS, sections
from ..model.measures import ChannelMeasures
from ._convert import structure_item, unstructure_item
from ._limits import DEFAULT_MAX_DEPTH, checked_text, surrogate_problems
from ._normalise import normalise_item
from .vocabulary import Vocabulary

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_DEPTH",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "document",
    "dumps",
    "load",
    "loads",
    "network_from_document",
    "network_from_sections",
    "plan_document",
    "save",
]

FORMAT_NAME = "channelvalue"
"""The value of a document's `format` field."""
FORMAT_VERSION = 1
"""The newest document format this library reads and the one it writes."""
DEFAULT_MAX_BYTES = 1 << 26
"""Documents larger than this (64 MiB) are refused unless a larger `max_bytes` is given.

Loading needs memory in proportion to the file: about 10 bytes per byte of a typical
document (`synthetic(20_000)`, 13 MB: 9.4x at the peak traced by `tracemalloc`) and
up to about 60 for the most compact objects (segments with only an id: 61x). A document
at this limit thus needs about 0.6 GB, and at most about 4 GB. `synthetic(100_000)`
(about 65 MB) still fits."""

_STRUCTURE = sections("structure")
_PLAN = sections("plan")
_PLAN_KEYS = {k for k, _ in _PLAN}
_OMIT_EMPTY = {k.section for k in KINDS if k.omit_empty}
_TOP_KEYS = {"format", "format_version", "name", "steward", "plan", "measures"} | {
    k for k, _ in _STRUCTURE
}


def _section(net: ChannelNetwork, section: str) -> list[dict[str, Any]]:
    """The items of one document section, sorted by kind name, then by their keys."""
    rows = sorted((k for k in KINDS if k.section == section), key=lambda k: k.name)
    return [
        unstructure_item(o) for k in rows for o in sorted(net.registry(k.name).values(), key=k.key)
    ]


def plan_document(net: ChannelNetwork) -> dict[str, Any]:
    """The `plan` section of a document: plan items sorted by their keys (a section of
    kinds marked `omit_empty` only when it holds items)."""
    out = {section: _section(net, section) for section, _ in _PLAN}
    return {s: items for s, items in out.items() if items or s not in _OMIT_EMPTY}


def document(net: ChannelNetwork) -> dict[str, Any]:
    """The whole network as a JSON-safe dict (sorted, so equal networks give equal documents).

    Examples:
        >>> import channelvalue as cv
        >>> doc = cv.io.document(cv.ChannelNetwork(steward="acme"))
        >>> doc["format"], doc["format_version"], doc["steward"]
        ('channelvalue', 1, 'acme')
    """
    with net.reading():  # one consistent state, even while other threads change it
        doc = {
            "format": FORMAT_NAME,
            "format_version": FORMAT_VERSION,
            "name": net.name,
            "steward": net.steward_id,
            **{section: _section(net, section) for section, _ in _STRUCTURE},
            "plan": plan_document(net),
        }
        if net.measures is not None:  # measured from channel data, with its provenance
            doc["measures"] = net.measures.to_dict()
        return doc


def dumps(net: ChannelNetwork, *, indent: int | None = None) -> str:
    """The network as JSON text (see [`document`][channelvalue.io.document] for the shape).

    Examples:
        >>> import channelvalue as cv
        >>> net = cv.datasets.example()
        >>> cv.io.loads(cv.io.dumps(net)) == net
        True
    """
    return json.dumps(document(net), indent=indent, ensure_ascii=False, allow_nan=False)


def loads(
    text: str | bytes,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    vocabulary: Vocabulary | None = None,
) -> ChannelNetwork:
    """Read a network from JSON text; every problem is reported with its JSON path.

    Enumerated fields (role, tier, engagement, band, data kinds, service-output and flow
    keys, ...) are normalised through `vocabulary` (default:
    [`DEFAULT_VOCABULARY`][channelvalue.io.DEFAULT_VOCABULARY]), so `"VAR"` loads as a reseller.

    Limits are checked before the text is parsed: a document over `max_bytes` (as
    UTF-8), arrays and objects nested deeper than `max_depth`, bytes that do not decode
    and strings with a lone surrogate are refused. Parsing never executes code.

    Raises:
        DocumentError: over a limit, malformed JSON, NaN or infinity, a missing or newer
            `format_version`, wrong types, unknown or missing fields, bad values (a number
            too large for a float included), dangling references.

    Examples:
        >>> import channelvalue as cv
        >>> net = cv.io.loads('{"format_version": 1, "organizations": '
        ...                   '[{"id": "r1", "role": "Value-added reseller"}]}')
        >>> net.organizations["r1"].role.value
        'reseller'
        >>> cv.io.loads('{"format": "channelvalue", "format_version": 99}')
        Traceback (most recent call last):
        ...
        channelvalue.errors.DocumentError: 1 problem:
          $.format_version: version 99 is newer than this library reads (1); upgrade channelvalue
        >>> cv.io.loads('{"name": [[["deep"]]]}', max_depth=3)
        Traceback (most recent call last):
        ...
        channelvalue.errors.DocumentError: 1 problem:
          $: nesting deeper than max_depth=3 at line 1 column 12 (pass a larger max_depth ...)
    """
    if not isinstance(text, str | bytes | bytearray):
        raise DocumentError([Problem("$", f"expected JSON text, got {type(text).__name__}")])
    text, escapes = checked_text(text, max_bytes=max_bytes, max_depth=max_depth)
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:
        raise DocumentError([Problem("$", "document is nested too deeply")]) from None
    except json.JSONDecodeError as err:
        raise DocumentError(
            [Problem("$", f"malformed JSON at line {err.lineno} column {err.colno}: {err.msg}")]
        ) from None
    except ValueError as err:
        raise DocumentError([Problem("$", str(err))]) from None
    if escapes and (lone := surrogate_problems(data)):
        raise DocumentError(lone)
    try:
        return network_from_document(data, vocabulary=vocabulary)
    except RecursionError:  # a value nested nearly as deep as the parser allows
        raise DocumentError([Problem("$", "document is nested too deeply")]) from None


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed: numbers must be finite")


def network_from_document(data: Any, *, vocabulary: Vocabulary | None = None) -> ChannelNetwork:
    """Build a network from a parsed document (a dict), checking format and version."""
    if not isinstance(data, Mapping):
        raise DocumentError([Problem("$", f"expected an object, got {type(data).__name__}")])
    problems: list[Problem] = []
    fmt = data.get("format", FORMAT_NAME)
    if fmt != FORMAT_NAME:
        problems.append(Problem("$.format", f"got {fmt!r} but expected {FORMAT_NAME!r}"))
    version = data.get("format_version")
    if version is None:
        problems.append(Problem("$.format_version", "missing (this library writes 1)"))
    elif type(version) is not int or version < 1:
        problems.append(
            Problem("$.format_version", f"got {version!r} but expected an integer >= 1")
        )
    elif version > FORMAT_VERSION:
        problems.append(
            Problem(
                "$.format_version",
                f"version {version} is newer than this library reads ({FORMAT_VERSION}); "
                "upgrade channelvalue",
            )
        )
    if problems:
        raise DocumentError(problems)
    return network_from_sections(data, vocabulary=vocabulary)


def network_from_sections(
    data: Mapping[str, Any], *, vocabulary: Vocabulary | None = None
) -> ChannelNetwork:
    """Build a network from the sections of a document; all problems reported at once."""
    problems: list[Problem] = []
    for key in data:
        if key not in _TOP_KEYS:
            problems.append(
                Problem(f"$.{key}", f"unknown field (known: {', '.join(sorted(_TOP_KEYS))})")
            )
    name = data.get("name", "")
    if type(name) is not str:
        problems.append(Problem("$.name", f"got {name!r} but expected a string"))
        name = ""
    steward = data.get("steward")
    if steward is not None and (type(steward) is not str or not steward):
        problems.append(
            Problem("$.steward", f"got {steward!r} but expected a non-empty id or null")
        )
        steward = None
    objs: list[Any] = []
    paths: list[str] = []

    def section(container: Any, prefix: str, key: str, cls: type[Any]) -> None:
        items = container.get(key, [])
        if not isinstance(items, list):
            problems.append(
                Problem(f"{prefix}.{key}", f"expected a list, got {type(items).__name__}")
            )
            return
        for i, item in enumerate(items):
            path = f"{prefix}.{key}[{i}]"
            item, found = normalise_item(item, cls, vocabulary, path)
            if found:
                problems.extend(found)
                continue
            try:
                objs.append(structure_item(item, cls, path))
                paths.append(path)
            except DocumentError as err:
                problems.extend(err.problems)

    for key, cls in _STRUCTURE:
        section(data, "$", key, cls)
    plan = data.get("plan", {})
    if isinstance(plan, Mapping):
        for key in plan:
            if key not in _PLAN_KEYS:
                problems.append(Problem(f"$.plan.{key}", "unknown plan section"))
        for key, cls in _PLAN:
            section(plan, "$.plan", key, cls)
    else:
        problems.append(Problem("$.plan", f"expected an object, got {type(plan).__name__}"))
    measures = None
    if data.get("measures") is not None:
        try:
            measures = ChannelMeasures.from_dict(data["measures"])
        except ChannelValueError as err:
            problems.append(Problem("$.measures", str(err)))
    if problems:
        raise DocumentError(problems)
    net = ChannelNetwork(steward=steward, name=name)
    try:
        net.add_all(objs)
    except DocumentError as err:
        raise DocumentError(_relocate(err.problems, paths)) from None
    except ChannelValueError as err:
        raise DocumentError([Problem(_first_path(err, objs, paths), str(err))]) from None
    return net if measures is None else net.with_measures(measures)


def _relocate(problems: tuple[Problem, ...], paths: list[str]) -> list[Problem]:
    out = []
    for p in problems:
        index = p.path[1 : p.path.index("]")] if p.path.startswith("[") else ""
        out.append(Problem(paths[int(index)] if index.isdigit() else p.path, p.message))
    return out


def _first_path(err: ChannelValueError, objs: list[Any], paths: list[str]) -> str:
    index = getattr(err, "index", None)
    return paths[index] if isinstance(index, int) else "$"


def save(
    net: ChannelNetwork,
    path: str | os.PathLike[str],
    *,
    indent: int | None = 1,
    follow_symlinks: bool = False,
) -> None:
    """Write the network to a JSON file (UTF-8), atomically.

    The document goes to a temporary file in the same folder, is synced to disk and then
    renamed over `path`: a reader (or a crash, a full disk, a killed process) sees the
    old file or the new one, never a part, and on any error the old file is unchanged.
    A symbolic link at `path` is refused unless `follow_symlinks=True` (then the file
    it points to is replaced). See "File writes" in the security page.

    Raises:
        DocumentError: a string holds a lone surrogate (it cannot be written as UTF-8);
            nothing is written then.
        FileError: the file cannot be written (missing folder, no permission, disk full,
            name too long, a folder or a symbolic link at `path`, ...); the message names
            the path and says what to do. The old file is unchanged.
        WrongTypeError: `path` is not a path (`None`, a number, ...).

    Examples:
        >>> import channelvalue as cv, tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "net.json"
        >>> cv.io.save(cv.datasets.example(), p)
        >>> cv.io.load(p) == cv.datasets.example()
        True
    """
    as_path(path, "save(path=...)")
    text = dumps(net, indent=indent)
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError as err:  # a lone surrogate in some string: nothing is written
        bad = text[max(0, err.start - 20) : err.end + 20]
        raise DocumentError(
            [Problem(str(path), f"a string holds a lone surrogate, not valid Unicode: {bad!r}")]
        ) from None
    write_file(path, raw, follow_symlinks=follow_symlinks, where="save(path=...)")


def load(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    vocabulary: Vocabulary | None = None,
) -> ChannelNetwork:
    """Read a network from a JSON file written by [`save`][channelvalue.io.save] (or by hand).

    Terms are normalised and limits (`max_bytes`, `max_depth`) are checked as in
    [`loads`][channelvalue.io.loads].

    Raises:
        FileError: the file cannot be read (the message names the path and says what to
            do); a [`DocumentError`][channelvalue.DocumentError], as before.
        DocumentError: the file is over `max_bytes`, or its content is invalid.
        WrongTypeError: `path` is not a path (`None`, a number, ...).

    Examples:
        >>> import channelvalue as cv
        >>> cv.io.load("no/such/net.json")
        Traceback (most recent call last):
        ...
        channelvalue.errors.FileError: no/such/net.json: cannot read file: No such file or \
directory; check the path
    """
    p = as_path(path, "load(path=...)")
    with file_errors(p, "read"):
        size = p.stat().st_size
        if size > max_bytes:
            raise DocumentError(
                [Problem(str(p), f"file of {size:,} bytes is over the limit of {max_bytes:,}")]
            )
        with p.open("rb") as file:  # devices and pipes report size 0: read at most the limit
            raw = file.read(max_bytes + 1)
        if len(raw) > max_bytes:
            raise DocumentError([Problem(str(p), f"file is over the limit of {max_bytes:,} bytes")])
    return loads(raw, max_bytes=max_bytes, max_depth=max_depth, vocabulary=vocabulary)
