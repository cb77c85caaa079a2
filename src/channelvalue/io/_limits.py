"""The limits a document must respect before it is parsed: size, text and nesting depth.

Hostile or broken input must not make the loader run out of memory or stack, nor produce
strings that cannot be written back. `checked_text` applies the checks that are
cheap on the raw text, *before* `json` parses it:

- size: the document as UTF-8 may not exceed `max_bytes`;
- text: bytes must decode strictly (UTF-8, or UTF-16/32 as `json.detect_encoding`
  finds) and text may not hold lone surrogates, so every accepted string can be saved;
- depth: arrays and objects may not nest deeper than `max_depth`.

Memory: loading needs about 10 bytes of memory per byte of a typical document and up to
about 60 for the most compact one (many objects with only an id), measured with
`tracemalloc` (`tests/io/test_limits_memory.py`); the default `max_bytes`,
[`DEFAULT_MAX_BYTES`][channelvalue.io.DEFAULT_MAX_BYTES] (64 MiB), keeps a document at the limit
within about 4 GB.

The depth is measured by `first_too_deep` with a vectorised numpy pass over the
bytes, chunk by chunk (memory stays bounded), that skips brackets inside JSON strings;
it costs a fraction of the parse itself. The only check made after parsing,
`surrogate_problems`, walks the parsed data, and only when the text holds a
`\\uD800`-style escape that could decode to a lone surrogate.

Examples:
    >>> checked_text(b'{"a": [1, 2]}', max_bytes=100, max_depth=2)
    ('{"a": [1, 2]}', False)
    >>> checked_text('[[["x"]]]', max_bytes=100, max_depth=2)
    Traceback (most recent call last):
    ...
    channelvalue.errors.DocumentError: 1 problem:
      $: nesting deeper than max_depth=2 at line 1 column 3 (pass a larger max_depth to read it)
"""

from __future__ import annotations

import json
import re
from typing import Any

import numpy as np

from ..errors import DocumentError, Problem

__all__ = ["DEFAULT_MAX_DEPTH", "checked_text", "first_too_deep", "surrogate_problems"]

DEFAULT_MAX_DEPTH = 64
"""Arrays and objects nested deeper than this are refused unless a larger `max_depth`
is given (a document written by this library nests 6 levels deep)."""

_QUOTE, _BACKSLASH, _OPEN, _CLOSE = ord('"'), ord("\\"), ord("{"), ord("}")
_CHUNK = 1 << 22
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_UTF8 = ("utf-8", "utf-8-sig")


def first_too_deep(data: bytes, max_depth: int, *, chunk: int = _CHUNK) -> int | None:
    """The byte offset of the first `[` or `{` nested deeper than `max_depth`, or None.

    `data` is UTF-8 (or ASCII) JSON text. Brackets inside strings, including after
    escaped quotes, do not count. The top-level array or object is at depth 1. For text
    that is not well-formed JSON the answer is still a bound on what a parser would reach
    before it fails, so the check is safe to run first.

    Examples:
        >>> first_too_deep(b'{"a": [[1]], "b": "[[[["}', 2)
        7
        >>> first_too_deep(b'{"a": [[1]], "b": "[[[["}', 3) is None
        True
    """
    if data.count(b"[") + data.count(b"{") <= max_depth:
        return None  # cannot nest deeper than the number of openings
    arr = np.frombuffer(data, dtype=np.uint8)
    depth = 0
    in_string = False
    backslashes = 0  # length of the run of backslashes that ends the previous chunk
    for start in range(0, arr.size, chunk):
        part = arr[start : start + chunk]
        # setting bit 0x20 maps '[' to '{', ']' to '}' and '\\' to '|': one test finds
        # all six bytes (with the harmless false positives "|" and 0x02, told apart below)
        folded = part | np.uint8(0x20)
        where = np.flatnonzero((folded == _QUOTE) | ((folded - np.uint8(_OPEN)) <= 2))
        if where.size == 0:
            backslashes = 0
            continue
        kind = part[where]
        quote = kind == _QUOTE
        backslash = kind == _BACKSLASH
        run_end = 0
        if backslash.any():
            # a quote is escaped when an odd run of backslashes ends right before it
            after_bs = np.zeros(where.size, dtype=bool)
            after_bs[1:] = backslash[:-1] & (np.diff(where) == 1)
            index = np.arange(where.size)
            run_start = np.maximum.accumulate(np.where(backslash & ~after_bs, index, 0))
            run = index - run_start + 1  # the run's length so far, on backslashes
            if backslash[0] and where[0] == 0:
                run[run_start == 0] += backslashes
            quote[1:] &= ~(after_bs[1:] & (run[:-1] % 2 == 1))
            if backslash[-1] and where[-1] == part.size - 1:
                run_end = int(run[-1])
        if where[0] == 0 and backslashes % 2 == 1:
            quote[0] = False
        backslashes = run_end
        inside = np.logical_xor.accumulate(quote)  # in a string after this entry
        if in_string:
            np.logical_not(inside, out=inside)
        in_string = bool(inside[-1])
        folded_kind = kind | np.uint8(0x20)
        opens = folded_kind == _OPEN
        brackets = np.flatnonzero((opens | (folded_kind == _CLOSE)) & ~inside)
        if brackets.size == 0:
            continue
        depths = depth + np.cumsum(np.where(opens[brackets], 1, -1))
        if depths.max() > max_depth:
            return start + int(where[brackets[np.argmax(depths > max_depth)]])
        depth = int(depths[-1])
    return None


def _too_big(size: int, max_bytes: int) -> DocumentError:
    return DocumentError(
        [Problem("$", f"document of {size:,} bytes is over the limit of {max_bytes:,}")]
    )


def checked_text(
    text: str | bytes | bytearray, *, max_bytes: int, max_depth: int
) -> tuple[str, bool]:
    """The document as a string, once it has passed the size, text and depth limits.

    Returns the text and whether it holds an escape that may decode to a lone surrogate
    (then `surrogate_problems` must check the parsed data).

    Raises:
        DocumentError: over `max_bytes`, not decodable, a lone surrogate, or nested
            deeper than `max_depth`; the message says where.

    Examples:
        >>> checked_text(b'"abc"', max_bytes=4, max_depth=1)
        Traceback (most recent call last):
        ...
        channelvalue.errors.DocumentError: 1 problem:
          $: document of 5 bytes is over the limit of 4
        >>> checked_text(b'["\\xff"]', max_bytes=99, max_depth=1)
        Traceback (most recent call last):
        ...
        channelvalue.errors.DocumentError: 1 problem:
          $: not UTF-8 text: invalid start byte at byte 2
    """
    if len(text) > max_bytes:  # characters <= bytes: refuse before any copy
        raise _too_big(len(text), max_bytes)
    if isinstance(text, str):
        try:
            raw = text.encode("utf-8")
        except UnicodeEncodeError as err:
            raise DocumentError(
                [Problem("$", f"not valid Unicode text: a lone surrogate at character {err.start}")]
            ) from None
    else:
        raw = bytes(text)
        encoding = json.detect_encoding(raw)
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as err:
            name = "UTF-8" if encoding in _UTF8 else encoding.upper()
            raise DocumentError(
                [Problem("$", f"not {name} text: {err.reason} at byte {err.start}")]
            ) from None
        if encoding not in _UTF8:
            raw = text.encode("utf-8", "surrogatepass")
    if len(raw) > max_bytes:
        raise _too_big(len(raw), max_bytes)
    offset = first_too_deep(raw, max_depth)
    if offset is not None:
        line = raw.count(b"\n", 0, offset) + 1
        column = len(raw[raw.rfind(b"\n", 0, offset) + 1 : offset + 1].decode("utf-8", "replace"))
        raise DocumentError(
            [
                Problem(
                    "$",
                    f"nesting deeper than max_depth={max_depth} at line {line} column {column} "
                    "(pass a larger max_depth to read it)",
                )
            ]
        )
    return text, _SURROGATE_ESCAPE.search(raw) is not None


def surrogate_problems(data: Any) -> list[Problem]:
    """Every string (key or value) in parsed JSON data that holds a lone surrogate.

    Examples:
        >>> [str(p) for p in surrogate_problems({"name": "a\\ud800", "ok": ["\\U0001f600"]})]
        ["$.name: got 'a\\\\ud800' but expected valid Unicode text (a lone surrogate)"]
    """
    problems: list[Problem] = []
    stack: list[tuple[str, Any]] = [("$", data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if not _encodable(value):
                problems.append(
                    Problem(
                        path, f"got {value!r} but expected valid Unicode text (a lone surrogate)"
                    )
                )
        elif isinstance(value, dict):
            for key, item in value.items():
                if not _encodable(key):
                    problems.append(Problem(f"{path}[{key!r}]", "a key with a lone surrogate"))
                stack.append((f"{path}.{key}", item))
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", item) for i, item in enumerate(value))
    return sorted(problems, key=lambda p: p.path)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
