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
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from ..._files import MARKER_PREFIX, as_path, file_errors, write_folder
from ...core.network import ChannelNetwork
from ...errors import DocumentError, FileError, Problem, ValidationError, WrongTypeError
from ..vocabulary import Vocabulary, term_key
from .read import network_from_tables
from .schema import FRAME_NAMES
from .write import to_frames

__all__ = ["read_csv", "write_csv"]

_LINE_END = "\r\n"  # RFC 4180: cells holding a bare "\r" or "\n" are then quoted


def write_csv(
    net: ChannelNetwork, folder: str | os.PathLike[str], *, follow_symlinks: bool = False
) -> None:
    """Write `net` as one UTF-8 CSV file per frame of [`to_frames`][channelvalue.io.to_frames]
    (`organizations.csv`, `links.csv`, ...); the folder is created if needed. An empty
    `accounts` frame is not written (a network without account lists).

    Numbers are written exactly (shortest round-trip form), empty cells mean "not set",
    and `read_csv(folder) == net`.

    The folder is written as a whole: every file is first written and synced next to
    its destination, then all are renamed in under a marker file
    (`.channelvalue-writing-*`) that is removed last. After any error the folder holds
    its old tables; if the process is killed while the files are renamed in, the marker
    stays and [`read_csv`][channelvalue.io.read_csv] refuses the folder until it is written again,
    so a mix of two networks is never read. Other files in the folder are left alone. A symbolic
    link at `folder` or at one of the table files is refused unless
    `follow_symlinks=True`. See "File writes" in the security page.

    Raises:
        DocumentError: a string holds a lone surrogate (it cannot be written as UTF-8);
            nothing is written then.
        FileError: the folder or a file cannot be written (no permission, disk full, a
            file where the folder should be, a symbolic link, ...); the message names the
            path and says what to do. The old tables are unchanged.
        WrongTypeError: `folder` is not a path.

    Examples:
        >>> import channelvalue as cv, tempfile
        >>> folder = tempfile.mkdtemp()
        >>> cv.io.write_csv(cv.datasets.example(), folder)
        >>> cv.io.read_csv(folder) == cv.datasets.example()
        True
    """
    as_path(folder, "write_csv(folder=...)", "a path to a folder (str or os.PathLike)")
    files: dict[str, bytes] = {}
    for key, frame in to_frames(net).items():
        text = _guard_formulas(frame).to_csv(index=False, lineterminator=_LINE_END)
        try:
            files[f"{key}.csv"] = text.encode("utf-8")
        except UnicodeEncodeError as err:  # a lone surrogate in some string: nothing is written
            bad = text[max(0, err.start - 20) : err.end + 20]
            message = f"a string holds a lone surrogate, not valid Unicode: {bad!r}"
            raise DocumentError([Problem(f"{key}.csv", message)]) from None
    write_folder(folder, files, follow_symlinks=follow_symlinks, where="write_csv")


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

    A folder holding the marker of a [`write_csv`][channelvalue.io.write_csv] that did not finish
    (`.channelvalue-writing-*`), or whose tables are replaced while they are read, is
    refused: its tables may come from two networks.

    Raises:
        FileError: the folder is not a folder, cannot be listed, holds the marker of an
            unfinished write, or changed while it was read (a
            [`DocumentError`][channelvalue.DocumentError]).
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
    with file_errors(root, "read", "the folder"):  # a name too long, no permission, ...
        entries = sorted(root.iterdir()) if root.is_dir() else None
    if entries is None:
        raise FileError(str(root), "not a folder", "give the folder that holds organizations.csv")
    _refuse_unfinished(root, [p.name for p in entries])
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
    before = _stamps(files.values())
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
    with file_errors(root, "read", "the folder"):
        _refuse_unfinished(root, os.listdir(root))
    if _stamps(files.values()) != before:
        raise FileError(
            str(root),
            "the tables changed while they were read (a write into the folder was running)",
            "read the folder again",
        )
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
    import pandas as pd
    from pandas.api.types import is_numeric_dtype

    out = frame.copy(deep=False)
    for column in out.columns:
        values = out[column]
        if not is_numeric_dtype(values.dtype):  # text (or object) columns: bool is numeric
            # an object column: Arrow-stored strings refuse lone surrogates, CSV text does not
            guarded = [_guard_formula(v) if isinstance(v, str) else v for v in values]
            out[column] = pd.Series(guarded, index=out.index, dtype=object)
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


def _refuse_unfinished(root: Path, names: list[str]) -> None:
    """Refuse a folder that holds the marker of a write that has not finished."""
    if markers := sorted(n for n in names if n.startswith(MARKER_PREFIX)):
        raise FileError(
            str(root),
            f"a write into this folder did not finish ({markers[0]} is there): its tables "
            "may come from two different networks",
            "write the folder again (or delete that file if you know the tables are right)",
        )


def _stamps(paths: Iterable[Path]) -> list[tuple[int, int, int] | None]:
    """Identity and version of each file (a write replaces files, so the inode changes)."""
    out: list[tuple[int, int, int] | None] = []
    for path in paths:
        try:
            st = path.stat()
        except OSError:
            out.append(None)
        else:
            out.append((st.st_ino, st.st_size, st.st_mtime_ns))
    return out
