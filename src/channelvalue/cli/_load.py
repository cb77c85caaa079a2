"""Reading what users have: a JSON document, a CSV folder, an `.xlsx` workbook, or a one-table
export with a column map; and `--config` / `--columns` files.

Every reader is bounded (`max_bytes`), and every failure is a
[`ChannelValueError`][channelvalue.ChannelValueError] (a
[`DocumentError`][channelvalue.DocumentError] listing the problems, or a
[`FileError`][channelvalue.FileError] naming the path), which the command line reports in one
place with exit code 2.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, cast

from .. import io
from .._text import visible
from ..aligning import AuditConfig
from ..core.network import ChannelNetwork
from ..errors import ChannelValueError, DocumentError, FileError, Problem

__all__ = [
    "EXPORT_SUFFIXES",
    "MAX_SMALL_FILE_BYTES",
    "NotSupportedError",
    "describe_error",
    "load_network",
    "read_columns",
    "read_config",
    "read_input",
]

MAX_SMALL_FILE_BYTES = 4 * 1024 * 1024
"""The most a `--config` or `--columns` file may hold (a few hundred bytes is usual)."""

EXPORT_SUFFIXES = (".csv", ".tsv", ".txt", ".parquet", ".xls", ".xlsx")
"""Files read as a one-table partner export (`cv.io.read_export`) when not a JSON document."""


class NotSupportedError(ChannelValueError):
    """This installation of channelvalue has no reader for the input (a newer version does)."""


def _size_check(path: Path, max_bytes: int) -> None:
    """Refuse a file, or a folder whose files together, larger than `max_bytes`."""
    where = visible(str(path))
    try:
        if path.is_dir():
            size = sum(p.stat().st_size for p in path.iterdir() if p.is_file())
        else:
            size = path.stat().st_size
    except OSError as exc:
        raise FileError(str(path), f"cannot read file: {exc.strerror or exc}") from None
    if size > max_bytes:
        raise DocumentError(
            [
                Problem(
                    where,
                    f"the input is over the limit of {max_bytes:,} bytes; raise --max-bytes "
                    "if the machine has the memory for it",
                )
            ]
        )


def _csv_folder_check(folder: Path) -> None:
    """A FileError unless `folder` holds an `organizations.csv` (any case)."""
    try:
        names = {p.name.lower() for p in folder.iterdir()}
    except OSError as exc:
        raise FileError(str(folder), f"cannot read folder: {exc.strerror or exc}") from None
    if "organizations.csv" not in names:
        raise FileError(
            str(folder),
            "cannot read file: a folder with no organizations.csv",
            "give a network JSON document or a folder of CSV tables (cv.io.write_csv)",
        )


def _missing(name: str, what: str) -> NotSupportedError:
    return NotSupportedError(
        f"reading {what} needs channelvalue.io.{name}, which this version of channelvalue "
        "does not have; convert the input to a JSON document or a CSV folder"
    )


def _read_excel() -> Callable[..., Any]:
    """`cv.io.read_excel`, imported when a workbook is read (it comes with the import
    features; a clear error when this version lacks it)."""
    try:
        from ..io import read_excel  # type: ignore[attr-defined, unused-ignore]
    except ImportError:
        raise _missing("read_excel", "an .xlsx workbook") from None
    return cast("Callable[..., Any]", read_excel)


def _read_export() -> Callable[..., Any]:
    """`cv.io.read_export`, imported when a partner export is read."""
    try:
        from ..io import read_export  # type: ignore[attr-defined, unused-ignore]
    except ImportError:
        raise _missing("read_export", "a partner export") from None
    return cast("Callable[..., Any]", read_export)


def load_network(
    path: str,
    *,
    columns: Mapping[str, str] | str | None = None,
    max_bytes: int = io.DEFAULT_MAX_BYTES,
) -> ChannelNetwork:
    """Read the network at `path`, whatever form it has.

    - a folder: a CSV folder ([`cv.io.read_csv`][channelvalue.io.read_csv]);
    - a `.xlsx` workbook without `columns`: one sheet per table (`cv.io.read_excel`);
    - `columns` given, or a `.csv` / `.parquet` / ... file: a one-table partner export read
      with that column map (`cv.io.read_export`);
    - anything else: a JSON document ([`cv.io.load`][channelvalue.io.load]).

    Raises:
        FileError: the path cannot be read.
        DocumentError: the content is invalid (every problem listed) or over `max_bytes`.
        NotSupportedError: this version has no reader for that form of input.

    Examples:
        >>> import channelvalue as cv
        >>> load_network(cv.datasets.example_csv_path()).steward_id
        'acme'
        >>> load_network("no/such.json")
        Traceback (most recent call last):
        ...
        channelvalue.errors.FileError: no/such.json: cannot read file: No such file or \
directory; check the path
    """
    return read_input(path, columns=columns, max_bytes=max_bytes)[0]


def read_input(
    path: str,
    *,
    columns: Mapping[str, str] | str | None = None,
    max_bytes: int = io.DEFAULT_MAX_BYTES,
) -> tuple[ChannelNetwork, Any]:
    """[`load_network`][channelvalue.cli.load_network], with the reader's import report
    (`cv.io.read_export` gives one; None for the other forms).

    Examples:
        >>> import channelvalue as cv
        >>> net, report = read_input(cv.datasets.example_path())
        >>> net.steward_id, report
        ('acme', None)
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if columns is None and path and p.is_dir():
        _csv_folder_check(p)
        _size_check(p, max_bytes)
        return io.read_csv(p), None
    if (columns is None and suffix in (".json", "")) or not p.exists():
        return io.load(p, max_bytes=max_bytes), None
    _size_check(p, max_bytes)
    if columns is None and suffix == ".xlsx":
        return _as_network(_read_excel()(p))
    if columns is None and suffix not in EXPORT_SUFFIXES:
        return io.load(p, max_bytes=max_bytes), None
    return _as_network(_read_export()(p, columns=columns))


def _as_network(result: Any) -> tuple[ChannelNetwork, Any]:
    """The network and import report of a reader's result (`read_export` gives
    `(network, import report)`, `read_excel` a network)."""
    if isinstance(result, tuple) and len(result) == 2 and isinstance(result[0], ChannelNetwork):
        return result[0], result[1]
    if isinstance(result, ChannelNetwork):
        return result, None
    raise NotSupportedError(f"the reader returned {type(result).__name__}, not a network")


def _read_small(path: str, what: str) -> bytes:
    where = visible(path)
    try:
        with Path(path).open("rb") as file:  # devices and pipes: read a byte over the limit
            raw = file.read(MAX_SMALL_FILE_BYTES + 1)
    except (OSError, ValueError) as exc:  # ValueError: a NUL or lone surrogate in the path
        reason = getattr(exc, "strerror", None) or exc
        raise DocumentError([Problem(where, f"cannot read file: {reason}")]) from None
    if len(raw) > MAX_SMALL_FILE_BYTES:
        message = f"file is over the limit of {MAX_SMALL_FILE_BYTES:,} bytes for {what}"
        raise DocumentError([Problem(where, message)])
    return raw


def read_config(path: str) -> AuditConfig:
    """An [`AuditConfig`][channelvalue.AuditConfig] from a JSON file of settings (a
    DocumentError on any problem); at most `MAX_SMALL_FILE_BYTES` are read.

    Examples:
        >>> read_config("/no/such/cfg.json")
        Traceback (most recent call last):
        ...
        channelvalue.errors.DocumentError: 1 problem:
          /no/such/cfg.json: cannot read file: No such file or directory
    """
    raw = _read_small(path, "a configuration")
    where = visible(path)
    try:
        data = json.loads(raw)
    except UnicodeDecodeError as exc:
        raise DocumentError([Problem(where, f"not UTF-8 text: {exc.reason}")]) from None
    except json.JSONDecodeError as exc:
        raise DocumentError(
            [Problem(where, f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}")]
        ) from None
    except (ValueError, RecursionError) as exc:
        raise DocumentError([Problem(where, f"unreadable JSON: {exc}")]) from None
    return AuditConfig.from_dict(data)


def read_columns(text: str) -> dict[str, str] | str:
    """A `--columns` value: the path of a saved column map (a JSON or TOML file, read by
    `cv.io.read_export` itself), or inline `Header=target` pairs separated by `;`, the
    direction of `read_export(columns=...)`: which column of the export holds which field.

    Raises:
        DocumentError: inline pairs that are not `Header=target`, or a map file that is
            missing or over 4 MiB.

    Examples:
        >>> read_columns("Account ID=id; Annual Revenue = revenue")
        {'Account ID': 'id', 'Annual Revenue': 'revenue'}
        >>> read_columns("id")
        Traceback (most recent call last):
        ...
        channelvalue.errors.DocumentError: 1 problem:
          --columns: expected Header=target pairs separated by ';' or a JSON/TOML file, got 'id'
    """
    is_file = os.path.exists(text) and not os.path.isdir(text)
    if is_file or text.lower().endswith((".json", ".toml")):
        _read_small(text, "a column map")  # there, readable, bounded; read_export parses it
        return text
    pairs = [part.split("=", 1) for part in text.split(";") if part.strip()]
    if not pairs or any(len(p) != 2 or not p[0].strip() or not p[1].strip() for p in pairs):
        raise DocumentError(
            [
                Problem(
                    "--columns",
                    "expected Header=target pairs separated by ';' or a JSON/TOML file, "
                    f"got {visible(text)!r}",
                )
            ]
        )
    return {key.strip(): value.strip() for key, value in pairs}


def describe_error(path: str, exc: ChannelValueError) -> str:
    """One message for an input that cannot be used: a file error on one line, a document's
    problems one per line (newlines from the data made visible), anything else after the
    path.

    Examples:
        >>> print(describe_error("n.json", DocumentError([Problem("$.a", "bad\\nvalue")])))
        n.json: invalid network document
        1 problem:
          $.a: bad\\x0avalue
    """
    where = visible(path)
    if isinstance(exc, FileError):
        return visible(str(exc))
    if isinstance(exc, DocumentError):
        head = str(exc).split("\n", 1)[0].removesuffix(":")
        safe = [
            Problem(visible(p.path), visible(p.message), hint=visible(p.hint)) for p in exc.problems
        ]
        what = (
            "cannot be read as a network"
            if Path(path).suffix.lower() in EXPORT_SUFFIXES
            else "invalid network document"
        )
        return f"{where}: {what}\n{DocumentError(safe, title=visible(head))}"
    return f"{where}: {visible(str(exc))}"
