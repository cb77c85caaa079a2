"""Reading the source of an export into one table of raw cells.

A source is a CSV file (any common encoding, a byte-order mark, CRLF line ends, `,`, `;`,
tab or `|` between cells), an Excel workbook (`.xlsx`, one sheet), a Parquet file or a
pandas DataFrame. Whatever it is, the result is a `RawTable`:
the headers as written, one object array of cells per column and the number of each row *as
the user counts rows*:

- CSV and `.xlsx`: the header is row 1, the first data row is row 2 (a record whose cell holds
  a line break is still one row, as in a spreadsheet);
- a DataFrame: its index + 1 when the index is made of integers (the default index gives
  1, 2, 3, ...), else the position + 1; Parquet: the position + 1.

Examples:
    >>> import pandas as pd
    >>> raw = read_source(pd.DataFrame({"Account Name": ["A", "B"]}), table=None)
    >>> raw.table, raw.headers, raw.rows.tolist()
    ('DataFrame', ('Account Name',), [1, 2])
"""

from __future__ import annotations

import io as stdio
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import numpy as np

from ..._files import file_errors
from ..._optional import require_openpyxl, require_pandas
from ...errors import DocumentError, FileError, Problem, WrongTypeError

__all__ = ["RawTable", "decode", "read_source", "sniff_delimiter"]

_DELIMITERS = (",", ";", "\t", "|")
_QUOTED = re.compile(r'"[^"]*"')


@attrs.frozen
class RawTable:
    """The cells of an export as read, before any meaning is given to them.

    Attributes:
        table: the name used in problems (file name, `file.xlsx[Sheet]`, or `DataFrame`).
        headers: the headers as written (stripped), one per column.
        cells: one object array per column (str, numbers, None for an empty cell).
        rows: the row number of each data row as the user counts rows.
        encoding: the text encoding of a CSV file (empty otherwise).
        delimiter: the delimiter of a CSV file (empty otherwise).
        problems: text that is not valid Unicode (a lone surrogate, from a DataFrame or a
            workbook), replaced by U+FFFD.
    """

    table: str
    headers: tuple[str, ...]
    cells: tuple[np.ndarray[Any, Any], ...]
    rows: np.ndarray[Any, np.dtype[np.int64]]
    encoding: str = ""
    delimiter: str = ""
    problems: tuple[Problem, ...] = ()

    def __len__(self) -> int:
        return len(self.rows)


def decode(raw: bytes) -> tuple[str, str]:
    """The text of a CSV file and its encoding: UTF-16 or UTF-8 when a byte-order mark says
    so, else UTF-8 if it decodes, else Windows-1252, else Latin-1 (which always decodes).

    Examples:
        >>> decode("Café".encode("cp1252")), decode(b"\\xef\\xbb\\xbfx")
        (('Café', 'cp1252'), ('x', 'utf-8-sig'))
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else (
            "utf-8" if encoding == "utf-8-sig" else encoding
        )
    return raw.decode("latin-1"), "latin-1"


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV text: whichever of `,` `;` tab `|` occurs most often in its
    first line outside quotes (`,` when none does).

    Examples:
        >>> sniff_delimiter('"a;b",c,d\\n1,2,3'), sniff_delimiter("a;b;c"), sniff_delimiter("x")
        (',', ';', ',')
    """
    first = _QUOTED.sub("", text[:65536].split("\n", 1)[0])
    counts = [(first.count(d), -i, d) for i, d in enumerate(_DELIMITERS)]
    best = max(counts)
    return best[2] if best[0] else ","


def _problem(
    table: str, message: str, *, hint: str = "", kind: str = "unreadable"
) -> DocumentError:
    return DocumentError([Problem(table, message, table=table, kind=kind, hint=hint)])


def read_source(source: Any, *, table: str | None) -> RawTable:
    """The raw table of `source` (see the module text).

    Raises:
        FileError: the file cannot be opened.
        DocumentError: it cannot be parsed, has no header row, or is of an unknown kind.
        WrongTypeError: `source` is not a path or a DataFrame.
    """
    pd = require_pandas("read_export()")
    if isinstance(source, pd.DataFrame):
        return _from_frame(source, table or "DataFrame", position_rows=False)
    if not isinstance(source, str | os.PathLike):
        raise WrongTypeError(
            "read_export(source=...)",
            source,
            "a path to a .csv, .xlsx or .parquet file, or a DataFrame",
        )
    try:
        path = Path(source)
    except TypeError:
        raise WrongTypeError(
            "read_export(source=...)", source, "a path (str or os.PathLike)"
        ) from None
    suffix = path.suffix.lower()
    with file_errors(path, "read"):
        if path.is_dir():
            raise FileError(str(path), "a folder, not an export file", "give the path of the file")
        if suffix in (".xlsx", ".xlsm"):
            return _read_excel(pd, path, table)
        if suffix in (".parquet", ".pq"):
            return _read_parquet(pd, path, table)
        if suffix in (".xls",):
            raise _problem(
                path.name, "old .xls workbooks are not read", hint="save it as .xlsx or CSV"
            )
        raw = path.read_bytes()
    return _read_csv(pd, raw, table or path.name)


def _read_csv(pd: Any, raw: bytes, label: str) -> RawTable:
    text, encoding = decode(raw)
    if "\x00" in text:
        raise _problem(
            label, "not a text file (it holds NUL bytes)", hint="give a CSV, .xlsx or .parquet file"
        )
    if not text.strip():
        raise _problem(label, "the file is empty (expected a header row)", kind="no-header")
    skipped = 0  # blank lines above the header
    while True:
        line, sep, rest = text.partition("\n")
        if not sep or line.strip(" \t\r,;|\"'"):
            break
        text, skipped = rest, skipped + 1
    delimiter = sniff_delimiter(text)
    try:
        frame = pd.read_csv(
            stdio.StringIO(text),
            sep=delimiter,
            header=None,
            dtype=object,
            keep_default_na=False,
            na_values=[],
            skip_blank_lines=False,
            engine="c",
        )
    except Exception as err:  # any parser failure is a problem of the file
        message = " ".join(str(err).split())[:200]
        raise _problem(
            label, f"cannot read it as CSV: {message}", hint="check the quotes and the delimiter"
        ) from None
    return _split_header(
        frame,
        label,
        encoding=encoding,
        delimiter=delimiter,
        first_row=1 + skipped,
        valid=_valid(text),  # one check of the whole text, not one per column
    )


def _read_excel(pd: Any, path: Path, table: str | None) -> RawTable:
    require_openpyxl("read_export() of .xlsx")
    try:
        with pd.ExcelFile(path, engine="openpyxl") as book:
            sheets = list(book.sheet_names)
            sheet = table if table is not None else (sheets[0] if sheets else None)
            if sheet not in sheets:
                shown = ", ".join(repr(s) for s in sheets[:20])
                raise _problem(
                    path.name,
                    f"no sheet {sheet!r} (sheets: {shown})",
                    hint="pass table='<sheet name>'",
                )
            frame = pd.read_excel(book, sheet_name=sheet, header=None, dtype=object)
    except DocumentError:
        raise
    except Exception as err:  # openpyxl raises many kinds on a broken workbook
        message = " ".join(str(err).split())[:200] or type(err).__name__
        raise _problem(path.name, f"cannot read it as an .xlsx workbook: {message}") from None
    return _split_header(frame, f"{path.name}[{sheet}]", first_row=1)


def _read_parquet(pd: Any, path: Path, table: str | None) -> RawTable:
    try:
        frame = pd.read_parquet(path)
    except ImportError:
        from ...errors import MissingDependencyError

        raise MissingDependencyError(
            "pyarrow", extra="data", feature="read_export() of .parquet"
        ) from None
    except Exception as err:  # pyarrow raises many kinds on a broken file
        message = " ".join(str(err).split())[:200] or type(err).__name__
        raise _problem(path.name, f"cannot read it as Parquet: {message}") from None
    return _from_frame(frame, table or path.name, position_rows=True)


def _cells(values: Any) -> np.ndarray[Any, Any]:
    out = np.asarray(values, dtype=object)
    return out if out.ndim == 1 else np.array(list(values), dtype=object)


def _split_header(
    frame: Any,
    label: str,
    *,
    first_row: int,
    encoding: str = "",
    delimiter: str = "",
    valid: bool = False,
) -> RawTable:
    if frame.shape[0] == 0 or frame.shape[1] == 0:
        raise _problem(label, "the file is empty (expected a header row)", kind="no-header")
    data = frame.to_numpy(dtype=object)
    top = 0  # blank rows above the header (a sheet often starts lower down)
    while top < len(data) - 1 and not any(_header(v) for v in data[top]):
        top += 1
    headers = tuple(_header(v) for v in data[top])
    body = data[top + 1 :]
    start = first_row + top + 1
    rows = np.arange(start, start + len(body), dtype=np.int64)
    columns = tuple(_cells(body[:, j]) for j in range(body.shape[1]))
    table = RawTable(label, headers, columns, rows, encoding, delimiter)
    return table if valid else _checked(table)


def _header(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _from_frame(frame: Any, label: str, *, position_rows: bool) -> RawTable:
    headers = tuple(_header(c) for c in frame.columns)
    index = frame.index
    n = len(frame)
    rows: np.ndarray[Any, np.dtype[np.int64]]
    if not position_rows and n and index.dtype.kind in "iu":
        rows = np.asarray(index, dtype=np.int64) + 1
    else:
        rows = np.arange(1, n + 1, dtype=np.int64)
    cells = tuple(_cells(frame.iloc[:, j].to_numpy(dtype=object)) for j in range(frame.shape[1]))
    return _checked(RawTable(label, headers, cells, rows))


def _valid(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _repaired(text: str) -> str:
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def _checked(raw: RawTable) -> RawTable:
    """`raw` with every lone surrogate (in a header or a text cell) replaced by U+FFFD, each
    replacement a problem of kind `bad-text` (one pass over the text when there is none)."""
    problems: list[Problem] = []
    headers = list(raw.headers)
    for j, header in enumerate(headers):
        if not _valid(header):
            headers[j] = _repaired(header)
            problems.append(
                Problem(
                    f"{raw.table} column {headers[j]!r}",
                    "the header is not valid Unicode (a lone surrogate); read with U+FFFD",
                    table=raw.table, column=headers[j], value=headers[j], kind="bad-text",
                )
            )  # fmt: skip
    cells = list(raw.cells)
    for j, column in enumerate(cells):
        texts = [c for c in column.tolist() if isinstance(c, str)]
        if _valid("".join(texts)):
            continue
        column = column.copy()
        for i, cell in enumerate(column.tolist()):
            if isinstance(cell, str) and not _valid(cell):
                column[i] = fixed = _repaired(cell)
                row = int(raw.rows[i])
                problems.append(
                    Problem(
                        f"{raw.table} row {row}, column {headers[j]!r}",
                        "not valid Unicode (a lone surrogate); read with U+FFFD",
                        table=raw.table, row=row, column=headers[j], value=fixed,
                        kind="bad-text", hint="correct the text in the source",
                    )
                )  # fmt: skip
        cells[j] = column
    if not problems:
        return raw
    return attrs.evolve(raw, headers=tuple(headers), cells=tuple(cells), problems=tuple(problems))


def text_cells(values: Sequence[Any]) -> list[str]:
    """Cells as stripped text: `""` for an empty cell (None, NaN, blank); numbers as written
    (`3.0` -> `"3"`).

    Examples:
        >>> text_cells([" a ", None, float("nan"), 3.0, 2.5, ""])
        ['a', '', '', '3', '2.5', '']
    """
    return [v.strip() if type(v) is str else _cell_text(v) for v in values]


def _cell_text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return "" if v != v else (str(int(v)) if v.is_integer() and abs(v) < 1e16 else repr(v))
    try:
        missing = bool(v != v)
    except Exception:  # pd.NA and the like: missing
        missing = True
    return "" if missing else " ".join(str(v).split())
