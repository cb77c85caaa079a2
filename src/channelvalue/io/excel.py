"""A network as an Excel workbook (`.xlsx`), one sheet per frame of
[`to_frames`][channelvalue.io.to_frames]: [`write_excel`][channelvalue.io.write_excel] /
[`read_excel`][channelvalue.io.read_excel].

The workbook holds what the CSV folder holds ([`write_csv`][channelvalue.io.write_csv]), one
sheet per file, and round trips just as losslessly: `read_excel(path) == net` after
`write_excel(net, path)`. The header row of each sheet is bold, frozen and has a filter, so
the tables can be browsed, sorted and edited in a spreadsheet and read back.

- **Numbers** are numeric cells holding every digit of the float (a value Excel would
  round on display keeps its exact value in the file); missing values are empty cells.
- **Text** is stored as text, never as a formula. A text cell that a spreadsheet could run
  as a formula is guarded as in the CSV folder (one apostrophe in front of `=`, `+`, `-`,
  `@`, a tab or a carriage return, removed again on reading), so a workbook saved back to
  CSV from a spreadsheet stays safe. Characters XML cannot hold (control characters) are
  written with the `_xHHHH_` escapes of the Office Open XML format, which Excel shows as
  the characters themselves.
- **Reading** takes every cell as text (numbers in their shortest exact form, dates as ISO
  text) and checks it as [`from_frames`][channelvalue.io.from_frames] does; sheet names
  match case-insensitively; a formula cell is read as the value the spreadsheet last
  computed (nothing is evaluated). Messages name the sheet (`table`), the spreadsheet row
  (`row`, the header is row 1) and the column header (`column`).
- **Limits**: the file may not exceed `max_bytes`, nor may the XML inside it once
  uncompressed (a "zip bomb" is refused before it is parsed).

Needs the `excel` extra (openpyxl) and pandas.

Examples:
    >>> import channelvalue as cv, tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "network.xlsx"
    >>> cv.io.write_excel(cv.datasets.example(), path)
    >>> cv.io.read_excel(path) == cv.datasets.example()
    True
"""

from __future__ import annotations

import io
import math
import numbers
import os
import re
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, Literal

import numpy as np

from .._files import as_path, file_errors, write_file
from .._optional import require_openpyxl, require_pandas
from ..core.network import ChannelNetwork
from ..errors import (
    ChannelValueError,
    DocumentError,
    FileError,
    Problem,
    ValidationError,
    WrongTypeError,
)
from .json import DEFAULT_MAX_BYTES
from .tables.csv import _guard_formulas, _unguard_formulas
from .tables.read import network_from_tables
from .tables.schema import FRAME_NAMES
from .tables.write import to_frames
from .vocabulary import Vocabulary, term_key

__all__ = ["MAX_CELL_CHARS", "read_excel", "write_excel"]

MAX_CELL_CHARS = 32_767
"""The most characters an Excel cell holds."""
MAX_ROWS = 1_048_576
"""The most rows an Excel sheet holds (the header included)."""
MAX_COLUMNS = 16_384
"""The most columns an Excel sheet holds."""

# characters XML 1.0 cannot hold, "\r" (XML parsers turn it into "\n") and a literal escape
_UNSAFE = re.compile("[\x00-\x08\x0b-\x0d\x0e-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_ESCAPED = re.compile("_x([0-9A-Fa-f]{4})_")


def _escape(text: str) -> str:
    """`text` with the characters XML cannot hold written as `_xHHHH_` (and the `_` of a
    literal `_xHHHH_` as `_x005F_`), as Office Open XML does.

    Examples:
        >>> _escape("a\\x01b\\rc"), _escape("_x0041_"), _unescape(_escape("_x0041_\\x00"))
        ('a_x0001_b_x000D_c', '_x005F_x0041_', '_x0041_\\x00')
    """
    return _UNSAFE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def _unescape(text: str) -> str:
    """`text` with every `_xHHHH_` escape of Office Open XML replaced by its character."""
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def write_excel(
    net: ChannelNetwork, path: str | os.PathLike[str], *, follow_symlinks: bool = False
) -> None:
    """Write `net` as an Excel workbook with one sheet per frame of
    [`to_frames`][channelvalue.io.to_frames] (`organizations`, `links`, ...); an empty
    `accounts` frame is left out, as in the CSV folder.

    The header row of every sheet is bold, frozen and filtered. The file is replaced
    atomically (see "File writes" in the security page): after any error the old file is
    unchanged. A symbolic link at `path` is refused unless `follow_symlinks=True`.

    Raises:
        DocumentError: a text holds a lone surrogate, or is longer than an Excel cell
            holds ([`MAX_CELL_CHARS`][channelvalue.io.excel.MAX_CELL_CHARS]), or a table has
            more rows or columns than a sheet holds; nothing is written then.
        FileError: the file cannot be written (the message says why and what to do).
        WrongTypeError: `net` is not a network or `path` is not a path.

    Examples:
        >>> import channelvalue as cv, tempfile, pathlib, openpyxl
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "network.xlsx"
        >>> cv.io.write_excel(cv.datasets.example(), path)
        >>> sheet = openpyxl.load_workbook(path)["organizations"]
        >>> sheet["A1"].value, sheet["A1"].font.b, sheet.freeze_panes, sheet.auto_filter.ref
        ('id', True, 'A2', 'A1:AE61')
    """
    if not isinstance(net, ChannelNetwork):
        raise WrongTypeError("write_excel(net=...)", net, "a ChannelNetwork")
    as_path(path, "write_excel(path=...)", "a path to a .xlsx file (str or os.PathLike)")
    openpyxl = require_openpyxl("write_excel()")
    write_only_cell = openpyxl.cell.WriteOnlyCell
    font = openpyxl.styles.Font
    get_column_letter = openpyxl.utils.get_column_letter

    book = openpyxl.Workbook(write_only=True)
    bold = font(bold=True)
    problems: list[Problem] = []
    for key, frame in to_frames(net).items():
        if key == "accounts" and frame.empty:
            continue
        n_rows, n_cols = frame.shape
        if n_rows + 1 > MAX_ROWS or n_cols > MAX_COLUMNS:
            problems.append(
                Problem(
                    key,
                    f"{n_rows:,} rows and {n_cols:,} columns do not fit in a sheet (at most "
                    f"{MAX_ROWS - 1:,} rows and {MAX_COLUMNS:,} columns); use write_csv",
                    table=key,
                    kind="too-large",
                )
            )
            continue
        sheet = book.create_sheet(key)
        headers = [str(c) for c in frame.columns]
        for j, header in enumerate(headers, start=1):
            width = min(max(len(header) + 2, 10), 40)
            sheet.column_dimensions[get_column_letter(j)].width = width
        sheet.freeze_panes = "A2"
        if n_cols:
            sheet.auto_filter.ref = f"A1:{get_column_letter(n_cols)}{n_rows + 1}"
        head = []
        for header in headers:
            cell = write_only_cell(sheet, value=_text_cell(header, key, 1, header, problems))
            cell.data_type = "s"  # a header is never a formula
            cell.font = bold
            head.append(cell)
        sheet.append(head)
        guarded = _guard_formulas(frame)
        for i, row in enumerate(guarded.itertuples(index=False, name=None), start=2):
            sheet.append(
                [
                    _cell(value, sheet, write_only_cell, key, i, header, problems)
                    for value, header in zip(row, headers, strict=True)
                ]
            )
    buffer = io.BytesIO()
    book.save(buffer)  # also on problems: it closes the sheets' temporary files
    if problems:
        raise DocumentError(problems)
    write_file(path, buffer.getvalue(), follow_symlinks=follow_symlinks, where="write_excel")


def _text_cell(text: str, sheet: str, row: int, header: str, problems: list[Problem]) -> str:
    """`text` escaped for a cell, or a problem (lone surrogate, too long)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as err:
        bad = text[max(0, err.start - 20) : err.end + 20]
        message = f"a string holds a lone surrogate, not valid Unicode: {bad!r}"
        problems.append(_where(sheet, row, header, message, text, "bad-text"))
        return ""
    escaped = _escape(text)
    if len(escaped) > MAX_CELL_CHARS:
        message = (
            f"a text of {len(escaped):,} characters does not fit in an Excel cell "
            f"(at most {MAX_CELL_CHARS:,}); use write_csv"
        )
        problems.append(_where(sheet, row, header, message, text[:80], "too-large"))
        return ""
    return escaped


def _where(sheet: str, row: int, header: str, message: str, value: Any, kind: str) -> Problem:
    return Problem(
        f"{sheet} row {row}, column {header!r}",
        message,
        table=sheet,
        row=row,
        column=header,
        value=value,
        kind=kind,
    )


def _cell(
    value: Any,
    sheet: Any,
    cell_type: Any,
    key: str,
    row: int,
    header: str,
    problems: list[Problem],
) -> Any:
    """One value as written to a sheet (None for a missing one)."""
    if value is None:
        return None
    if isinstance(value, str):
        return _text_cell(value, key, row, header, problems) or None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        if math.isnan(number):
            return None
        if math.isinf(number):
            return repr(number)  # text, as the CSV file has it
        negative_zero = number == 0 and math.copysign(1.0, number) < 0
        if float(f"{number:.16g}") == number and not negative_zero:
            return number
        # openpyxl writes 16 significant digits (and -0.0 as 0): write the shortest exact form
        cell = cell_type(sheet, value=number)
        cell._value = repr(number)
        return cell
    if _missing(value):
        return None
    return _text_cell(str(value), key, row, header, problems) or None


def _missing(value: Any) -> bool:
    """Whether `value` is a missing-value marker such as `pandas.NA` or `NaT`."""
    import pandas as pd

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def read_excel(
    path: str | os.PathLike[str],
    *,
    vocabulary: Vocabulary | None = None,
    steward: str | None = None,
    name: str = "",
    extra_columns: Literal["error", "ignore"] = "error",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ChannelNetwork:
    """Read a network from an Excel workbook with one sheet per table (see
    [`write_excel`][channelvalue.io.write_excel]); only the `organizations` sheet is required.

    Every cell is read as text and checked as [`from_frames`][channelvalue.io.from_frames]
    does; sheet names match case-insensitively; empty rows are skipped. Every problem of the
    workbook is reported at once, each with the sheet (`table`), the spreadsheet row and the
    column header.

    Args:
        vocabulary: the terms to accept (default: the default vocabulary).
        steward: the steward's id, if the `network` sheet does not give it.
        name: the network's name, if the `network` sheet does not give it.
        extra_columns: `"ignore"` skips unknown columns and unknown sheets.
        max_bytes: the largest file, and the largest content once uncompressed, to read.

    Raises:
        FileError: the file cannot be read, or is not an `.xlsx` workbook (a
            [`DocumentError`][channelvalue.DocumentError]).
        DocumentError: the workbook is over `max_bytes`, a sheet is unknown, empty or
            missing, or any cell or reference is bad.
        WrongTypeError: `path` is not a path.
        ValidationError: `extra_columns` or `max_bytes` is not valid.

    Examples:
        >>> import channelvalue as cv, tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "network.xlsx"
        >>> cv.io.write_excel(cv.datasets.example(), path)
        >>> net = cv.io.read_excel(path)
        >>> net.steward_id, len(net.organizations)
        ('acme', 60)
    """
    p = as_path(path, "read_excel(path=...)", "a path to a .xlsx file (str or os.PathLike)")
    if type(extra_columns) is not str or extra_columns not in ("error", "ignore"):
        raise ValidationError("read_excel", "extra_columns", extra_columns, "'error' or 'ignore'")
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1:
        raise ValidationError("read_excel", "max_bytes", max_bytes, "a whole number >= 1")

    pd = require_pandas("read_excel()")
    openpyxl = require_openpyxl("read_excel()")
    with file_errors(p, "read"):
        if p.is_dir():
            raise FileError(str(p), "not a file but a folder", "give the path of a .xlsx file")
        with p.open("rb") as file:
            raw = file.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise DocumentError(
            [Problem(str(p), f"file is over the limit of {max_bytes:,} bytes", kind="too-large")]
        )
    book = _open_book(p, raw, max_bytes, openpyxl)
    try:
        frames, labels, problems = _read_sheets(book, pd, extra_columns)
    except ChannelValueError:
        raise
    except Exception as err:  # a malformed sheet: openpyxl raises many kinds of error
        raise _not_a_workbook(p, err) from None
    finally:
        book.close()
    if "organizations" not in labels:
        problems.append(
            Problem(
                p.name,
                "no organizations sheet in this workbook",
                hint=f"sheets: {', '.join(map(repr, book.sheetnames))}",
                kind="missing-table",
            )
        )
    if problems:
        raise DocumentError(problems)
    return network_from_tables(
        frames,
        vocabulary=vocabulary,
        steward=steward,
        name=name,
        extra_columns=extra_columns,
        labels=labels,
    )


def _not_a_workbook(p: Path, err: BaseException) -> FileError:
    reason = f"{type(err).__name__}: {err}" if str(err) else type(err).__name__
    return FileError(
        str(p),
        f"cannot read it as an Excel workbook (.xlsx): {reason}"[:300],
        "save it from the spreadsheet as an Excel Workbook (.xlsx)",
    )


def _open_book(p: Path, raw: bytes, max_bytes: int, openpyxl: Any) -> Any:
    """The workbook in `raw`, opened read-only once its size inside the zip is checked."""
    if raw[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise FileError(
            str(p),
            "an old binary Excel file (.xls) or an encrypted workbook, not a .xlsx workbook",
            "save it from the spreadsheet as an Excel Workbook (.xlsx), without a password",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        inflated = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as err:
        raise _not_a_workbook(p, err) from None
    if inflated > max_bytes:
        raise DocumentError(
            [
                Problem(
                    str(p),
                    f"the workbook holds {inflated:,} bytes uncompressed, over the limit of "
                    f"{max_bytes:,} (pass a larger max_bytes to read it)",
                    kind="too-large",
                )
            ]
        )
    try:
        return openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as err:  # not a workbook: openpyxl raises many kinds of error
        raise _not_a_workbook(p, err) from None


def _read_sheets(
    book: Any, pd: Any, extra_columns: str
) -> tuple[dict[str, Any], dict[str, str], list[Problem]]:
    """The frames (every cell text, indexed by spreadsheet row), the sheet title of each
    table, and the problems of the sheets themselves."""
    known = {term_key(k): k for k in FRAME_NAMES}
    frames: dict[str, Any] = {}
    labels: dict[str, str] = {}
    problems: list[Problem] = []
    for sheet in book.worksheets:
        title = str(sheet.title)
        key = known.get(term_key(title))
        if key is None:
            if extra_columns != "ignore":
                problems.append(
                    Problem(
                        title,
                        f"unknown sheet (known: {', '.join(FRAME_NAMES)})",
                        table=title,
                        kind="unknown-table",
                    )
                )
            continue
        if key in labels:
            problems.append(
                Problem(title, f"same table as sheet {labels[key]!r}", table=title, kind="table")
            )
            continue
        labels[key] = title
        frame = _sheet_frame(sheet, title, pd, problems)
        if frame is not None:
            frames[key] = _unguard_formulas(frame)
    return frames, labels, problems


def _sheet_frame(sheet: Any, title: str, pd: Any, problems: list[Problem]) -> Any:
    """One sheet as a frame of text cells, or None (with a problem) if it has no header."""
    get_column_letter = require_openpyxl("read_excel()").utils.get_column_letter
    rows = sheet.iter_rows(values_only=True)
    header_row = next(rows, None)
    while header_row is not None and all(v is None for v in header_row):
        header_row = None  # the header must be row 1: an empty row 1 is an empty sheet
    if header_row is None:
        problems.append(
            Problem(title, "the sheet is empty (expected a header row)", table=title, kind="table")
        )
        return None
    headers = [_text(v) for v in header_row]
    while headers and headers[-1] == "":
        headers.pop()
    width = len(headers)
    data: list[list[str]] = []
    index: list[int] = []
    for number, values in enumerate(rows, start=2):
        cells = [_text(v) for v in values]
        if not any(cells):
            continue
        extra = [j for j in range(width, len(cells)) if cells[j]]
        for j in extra[:1]:
            problems.append(
                Problem(
                    f"{title} row {number}, column {get_column_letter(j + 1)}",
                    "a value in a column without a header",
                    table=title,
                    row=number,
                    column=get_column_letter(j + 1),
                    value=cells[j],
                    kind="table",
                )
            )
        cells = cells[:width] + [""] * (width - len(cells))
        data.append(cells)
        index.append(number)
    frame = pd.DataFrame(data, columns=headers, dtype=object)
    frame.index = pd.Index(index, dtype="int64")
    return frame.astype(str) if len(frame.columns) else frame


def _text(value: Any) -> str:
    """A cell value as the text a CSV file would hold."""
    if value is None:
        return ""
    if isinstance(value, str):
        return _unescape(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value.total_seconds())
    return str(value)
