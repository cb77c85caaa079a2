"""A network as a folder of CSV files, one per frame of [`to_frames`][channelvalue.io.to_frames].

Spreadsheet formulas: a spreadsheet opening a CSV file runs a cell that starts with `=`,
`+`, `-`, `@`, a tab or a carriage return as a formula. So [`write_csv`][channelvalue.io.write_csv]
writes a *text* cell (never a number: `-1.5` stays a number) that starts with any number of
apostrophes followed by one of those characters with one more apostrophe in front
(`=cmd()` is written `'=cmd()`, `'=x` is written `''=x`), and [`read_csv`][channelvalue.io.read_csv]
removes one leading apostrophe from a cell that starts with one or more apostrophes
followed by one of those characters. Every other cell is written and read as it is, so
the round trip stays lossless.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Literal

from ...core.network import ChannelNetwork
from ...errors import DocumentError, Problem, ValidationError, WrongTypeError
from ..vocabulary import Vocabulary, term_key
from .read import network_from_tables
from .schema import FRAME_NAMES
from .write import OMIT_EMPTY, to_frames

__all__ = ["read_csv", "write_csv"]

_LINE_END = "\r\n"  # RFC 4180: cells holding a bare "\r" or "\n" are then quoted


def write_csv(net: ChannelNetwork, folder: str | os.PathLike[str]) -> None:
    """Write `net` as one UTF-8 CSV file per frame of [`to_frames`][channelvalue.io.to_frames]
    (`organizations.csv`, `links.csv`, ...); the folder is created if needed. An empty
    `accounts` frame is not written (a network without account lists).

    Numbers are written exactly (shortest round-trip form), empty cells mean "not set",
    and `read_csv(folder) == net`.

    Raises:
        DocumentError: a string holds a lone surrogate (it cannot be written as UTF-8);
            nothing is written then.

    Examples:
        >>> import channelvalue as cv, tempfile
        >>> folder = tempfile.mkdtemp()
        >>> cv.io.write_csv(cv.datasets.example(), folder)
        >>> cv.io.read_csv(folder) == cv.datasets.example()
        True
    """
    path = Path(folder)
    files: dict[str, bytes] = {}
    for key, frame in to_frames(net).items():
        if key in OMIT_EMPTY and frame.empty:
            continue  # no accounts.csv without account lists
        text = _guard_formulas(frame).to_csv(index=False, lineterminator=_LINE_END)
        try:
            files[f"{key}.csv"] = text.encode("utf-8")
        except UnicodeEncodeError as err:  # a lone surrogate in some string: nothing is written
            bad = text[max(0, err.start - 20) : err.end + 20]
            message = f"a string holds a lone surrogate, not valid Unicode: {bad!r}"
            raise DocumentError([Problem(f"{key}.csv", message)]) from None
    path.mkdir(parents=True, exist_ok=True)
    for name, raw in files.items():
        (path / name).write_bytes(raw)


def read_csv(
    folder: str | os.PathLike[str],
    *,
    vocabulary: Vocabulary | None = None,
    steward: str | None = None,
    name: str = "",
    extra_columns: Literal["error", "ignore"] = "error",
) -> ChannelNetwork:
    """Read a network from a folder of CSV files (see [`write_csv`][channelvalue.io.write_csv]);
    only `organizations.csv` is required.

    Every cell is read as text and then checked as [`from_frames`][channelvalue.io.from_frames]
    does, so stray spaces, mixed case and synonyms are fine. File names match case-insensitively.
    Messages name the file and the spreadsheet row (the header is row 1).

    Args:
        vocabulary: the terms to accept (default: the default vocabulary).
        steward: the steward's id, if `network.csv` does not give it.
        name: the network's name, if `network.csv` does not give it.
        extra_columns: `"ignore"` skips unknown columns and unknown `.csv` files.

    Raises:
        DocumentError: a file cannot be read or parsed, or any cell or reference is bad.
        WrongTypeError: `folder` is not a path, or an option has the wrong type.
        ValidationError: `extra_columns` is not `"error"` or `"ignore"`.

    Examples:
        >>> import channelvalue as cv
        >>> net = cv.io.read_csv(cv.datasets.example_csv_path())
        >>> net.steward_id, len(net.organizations)
        ('acme', 60)
    """
    from ..._optional import require_pandas

    pd = require_pandas("read_csv()")
    try:
        root = Path(folder)
    except TypeError:  # not a str or an os.PathLike of a str
        raise WrongTypeError("read_csv(folder=...)", folder, "a path to a folder") from None
    if type(extra_columns) is not str or extra_columns not in ("error", "ignore"):
        raise ValidationError("read_csv", "extra_columns", extra_columns, "'error' or 'ignore'")
    try:
        entries = sorted(root.iterdir()) if root.is_dir() else None
    except OSError as err:  # a name too long, a folder that cannot be listed, ...
        message = f"cannot read the folder: {err.strerror or err}"
        raise DocumentError([Problem(str(root), message)]) from None
    if entries is None:
        raise DocumentError([Problem(str(root), "not a folder")])
    known = {term_key(k): k for k in FRAME_NAMES}
    files: dict[str, Path] = {}
    problems: list[Problem] = []
    for path in entries:
        if path.suffix.lower() != ".csv" or not path.is_file():
            continue
        key = known.get(term_key(path.stem))
        if key is None:
            if extra_columns != "ignore":
                problems.append(
                    Problem(path.name, f"unknown table (known: {', '.join(FRAME_NAMES)})")
                )
        elif key in files:
            problems.append(Problem(path.name, f"same table as {files[key].name}"))
        else:
            files[key] = path
    if "organizations" not in files:
        problems.append(Problem(str(root), "no organizations.csv in this folder"))
    frames: dict[str, Any] = {}
    for key, path in files.items():
        try:
            frame = pd.read_csv(
                path,
                dtype=str,
                keep_default_na=False,
                na_values=[],
                encoding="utf-8-sig",
            )
        except pd.errors.EmptyDataError:
            problems.append(Problem(path.name, "the file is empty (expected a header row)"))
            continue
        except (pd.errors.ParserError, UnicodeDecodeError, OSError) as err:
            problems.append(Problem(path.name, f"cannot read it as CSV: {err}"))
            continue
        frame.index = pd.RangeIndex(2, len(frame) + 2)
        frames[key] = _unguard_formulas(frame)
    if problems:
        raise DocumentError(problems)
    return network_from_tables(
        frames,
        vocabulary=vocabulary,
        steward=steward,
        name=name,
        extra_columns=extra_columns,
        labels={key: path.name for key, path in files.items()},
    )


# a cell a spreadsheet would run as a formula, after any number of guarding apostrophes
_FORMULA = re.compile("'*[=+\\-@\t\r]")
_GUARDED = re.compile("'+[=+\\-@\t\r]")


def _guard_formula(cell: str) -> str:
    """The text `cell` as written to a CSV file: one more `'` in front when it starts
    with apostrophes (any number, none included) followed by `=`, `+`, `-`, `@`, a
    tab or a carriage return; otherwise unchanged. `_unguard_formula` undoes it.

    Examples:
        >>> [_guard_formula(c) for c in ("=HYPERLINK()", "'-1", "'a", "a=")]
        ["'=HYPERLINK()", "''-1", "'a", 'a=']
    """
    return "'" + cell if _FORMULA.match(cell) else cell


def _unguard_formula(cell: str) -> str:
    """A cell read from a CSV file with the guard of `_guard_formula` removed: one
    leading `'` less when it starts with one or more apostrophes followed by `=`,
    `+`, `-`, `@`, a tab or a carriage return; otherwise unchanged.

    Examples:
        >>> _unguard_formula("'=HYPERLINK()"), _unguard_formula("''-1"), _unguard_formula("'a")
        ('=HYPERLINK()', "'-1", "'a")
    """
    return cell[1:] if _GUARDED.match(cell) else cell


def _guard_formulas(frame: Any) -> Any:
    """A copy of `frame` with `_guard_formula` applied to every text cell (numbers,
    booleans and empty cells are left as they are).

    Examples:
        >>> import pandas as pd
        >>> _guard_formulas(pd.DataFrame({"id": ["-a", "b"], "x": [-1.5, 2.0]})).values.tolist()
        [["'-a", -1.5], ['b', 2.0]]
    """
    from pandas.api.types import is_numeric_dtype

    out = frame.copy(deep=False)
    for column in out.columns:
        values = out[column]
        if not is_numeric_dtype(values.dtype):  # text (or object) columns: bool is numeric
            out[column] = [_guard_formula(v) if isinstance(v, str) else v for v in values]
    return out


def _unguard_formulas(frame: Any) -> Any:
    """`frame` (every cell text, as [`read_csv`][channelvalue.io.read_csv] reads it) with
    `_unguard_formula` applied to every cell that starts with `'`.

    Examples:
        >>> import pandas as pd
        >>> _unguard_formulas(pd.DataFrame({"id": ["'-a", "'b"]})).values.tolist()
        [['-a'], ["'b"]]
    """
    for column in frame.columns:
        values = frame[column]
        if values.str.startswith("'").any():
            frame[column] = [_unguard_formula(v) for v in values]
    return frame
