"""Read what partners send: CSV, Excel and Parquet files of transaction lines.

[`read_transactions`][channelvalue.transactions.readers.read_transactions] turns one file (or a
`pandas.DataFrame`) into a `pyarrow.Table` of one of the five tables of
[`schema`][channelvalue.transactions.schema], with a
[`ReadReport`][channelvalue.transactions.readers.ReadReport] saying how it was read:

- **headers** are recognised the way the vocabulary compares terms
  ([`term_key`][channelvalue.io.vocabulary.term_key]: case, spaces, accents and punctuation
  ignored) against each column's name and its synonyms
  ([`HEADER_SYNONYMS`][channelvalue.transactions.readers.HEADER_SYNONYMS]: "Invoice Date",
  "Qty", "Reseller", "SKU", ...); `columns={"quantity": "Units shipped"}` names the rest;
- **dates** may come in several formats in one column (ISO, day/month/year, month/day/year,
  `31.01.2024`, `20240131`, `31-Jan-2024`, Excel serial numbers and real date cells); the
  formats found are reported per column, and a slash date that could be read both ways is
  read the way the `locale` writes dates unless a value in the file settles it;
- **numbers** are read in the `locale` (`"de_DE"` reads `1.234,50`) with Babel, after currency
  symbols and spaces are removed, `(12.50)` being negative;
- **text** in a broken encoding is reported (line and byte) and read on as Latin-1 so the
  other problems are found too;
- with `net`, partner names (`partner`, `seller`, `buyer`) are matched to the network's
  organizations ([`match_names`][channelvalue.transactions.matching.match_names]); names that
  do not match are kept as written and listed in the report.

Every problem (kind, table, row, column, value, hint) is collected; when there is any, all are
raised together as one [`DocumentError`][channelvalue.DocumentError].

Examples:
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"Inventory Date": ["2024-01-31", "31/01/2024"],
    ...     "Reseller": ["r1", "r1"], "SKU": ["p1", "p2"], "Qty on hand": ["1,200", "7"]})
    >>> table, report = read_transactions(frame, "inventory", source="stock.csv")
    >>> table.column("on_hand").to_pylist(), report.date_formats["date"]
    ([1200.0, 7.0], {'%Y-%m-%d': 1, '%d/%m/%Y': 1})
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from .._optional import require_pandas
from ..errors import DocumentError, FileError, MissingDependencyError, Problem, ValidationError
from ..io.export.numbers import parse_numbers
from ..io.vocabulary import term_key
from ..model._frozen import FrozenMap
from .schema import TABLES, validate_table

__all__ = ["HEADER_SYNONYMS", "ReadReport", "read_transactions"]

_SYN: dict[str, tuple[str, ...]] = {
    "date": (
        "day", "transaction date", "invoice date", "ship date", "sale date", "report date",
        "snapshot date", "inventory date", "stock date", "week ending", "period end",
        "as of", "posting date", "order date", "datum", "fecha",
    ),
    "seller": ("vendor", "supplier", "distributor", "sold by", "from"),
    "buyer": ("customer", "sold to", "ship to", "bill to", "reseller", "partner", "to"),
    "partner": (
        "reseller", "reporting partner", "partner id", "partner name", "reseller name",
        "dealer", "account", "reporter", "distributor", "store",
    ),
    "product": (
        "sku", "item", "part number", "part", "product id", "item number", "material",
        "article", "upc", "mpn",
    ),
    "quantity": ("qty", "units", "unit count", "quantity sold", "qty sold", "volume", "menge"),
    "amount": (
        "value", "revenue", "sales", "net amount", "net sales", "extended price",
        "line amount", "total", "sales amount", "betrag",
    ),
    "is_return": ("return", "returned", "return flag", "credit"),
    "document": ("invoice", "invoice number", "document number", "order", "reference", "doc"),
    "source": ("feed", "file"),
    "segment": ("customer segment", "market segment", "vertical"),
    "region": ("territory", "country", "state", "area"),
    "customer": ("end customer", "end user", "sold to", "customer name", "ship to"),
    "on_hand": (
        "qty on hand", "on hand quantity", "stock", "inventory", "units on hand", "onhand",
        "available", "stock on hand", "soh",
    ),
    "programme": ("program", "programme name", "fund", "campaign"),
    "kind": ("claim type", "type", "fund type"),
    "status": ("state", "claim status", "deal status", "stage"),
    "earned": ("accrued", "earned amount", "eligible", "accrual"),
    "value": ("deal value", "amount", "expected value", "opportunity value", "size"),
}  # fmt: skip

HEADER_SYNONYMS: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    table: {c.name: (c.name, *_SYN.get(c.name, ())) for c in cols} for table, cols in TABLES.items()
}
"""The headers recognised for each column of each table (compared with
[`term_key`][channelvalue.io.vocabulary.term_key]); the column's own name comes first."""

_ENUM_SYNONYMS: Mapping[str, Mapping[str, str]] = {
    "kind": {"mdf": "mdf", "marketdevelopmentfunds": "mdf", "marketdevelopmentfund": "mdf",
             "coop": "coop", "cooperative": "coop", "coopadvertising": "coop",
             "rebate": "rebate", "rebates": "rebate", "backend": "rebate"},
    "status": {"submitted": "submitted", "pending": "submitted", "open": "submitted",
               "new": "submitted", "approved": "approved", "accepted": "approved",
               "paid": "paid", "settled": "paid", "rejected": "rejected",
               "declined": "rejected", "denied": "rejected", "registered": "registered",
               "won": "won", "closedwon": "won", "lost": "lost", "closedlost": "lost",
               "expired": "expired"},
}  # fmt: skip

_TRUE = frozenset({"true", "yes", "y", "1", "x", "return", "r", "ret", "credit", "t", "ja"})
_FALSE = frozenset({"false", "no", "n", "0", "", "sale", "f", "nein", "s"})

# date formats tried, with the regular expression that selects candidate cells
_DATE_FORMATS: tuple[tuple[str, str], ...] = (
    ("%Y-%m-%d", r"\d{4}-\d{1,2}-\d{1,2}"),
    ("%Y/%m/%d", r"\d{4}/\d{1,2}/\d{1,2}"),
    ("%d/%m/%Y", r"\d{1,2}/\d{1,2}/\d{4}"),
    ("%m/%d/%Y", r"\d{1,2}/\d{1,2}/\d{4}"),
    ("%d.%m.%Y", r"\d{1,2}\.\d{1,2}\.\d{4}"),
    ("%Y%m%d", r"\d{8}"),
    ("%d-%b-%Y", r"\d{1,2}-[A-Za-z]{3}-\d{4}"),
    ("%d %b %Y", r"\d{1,2} [A-Za-z]{3} \d{4}"),
)
_MONTH_FIRST_LOCALES = ("en_US", "en_PH", "en_CA", "es_US")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
MAX_PROBLEMS_PER_COLUMN = 200
"""At most this many cell problems are listed per column; the rest are counted in one."""


def _frozen(value: Mapping[str, Any] | None) -> FrozenMap[str, Any]:
    return FrozenMap(dict(value or {}))


@attrs.frozen(slots=True, repr=False)
class ReadReport:
    """How a file of transaction lines was read.

    Attributes:
        table: the transaction table the rows are for.
        source: the file name (or the `source` given), written in each row's `source`.
        rows: the number of rows read.
        columns: `{schema column: header in the file}`; a column filled in by the reader
            (`source`, a missing optional column, `is_return` from the sign) is not listed.
        ignored: headers of the file that were not used.
        date_formats: per date column, `{format: number of cells}` (more than one format
            is a mixed column; `"excel serial"` and `"date cell"` count typed cells).
        ambiguous_dates: per date column, cells a day/month order had to be assumed for.
        locale: the locale numbers were read in.
        encoding: the encoding the text was read in (`""` for Excel, Parquet and frames).
        matched: with a network: per partner column, `{"id": n, "name": n, "fuzzy": n}`.
        unmatched: with a network: the names that matched no organization.

    Examples:
        >>> ReadReport("deals", "d.csv", 3).mixed_dates
        ()
    """

    table: str
    source: str
    rows: int
    columns: FrozenMap[str, str] = attrs.field(factory=FrozenMap, converter=_frozen)
    ignored: tuple[str, ...] = ()
    date_formats: FrozenMap[str, Any] = attrs.field(factory=FrozenMap, converter=_frozen)
    ambiguous_dates: FrozenMap[str, int] = attrs.field(factory=FrozenMap, converter=_frozen)
    locale: str = "en_US"
    encoding: str = ""
    matched: FrozenMap[str, Any] = attrs.field(factory=FrozenMap, converter=_frozen)
    unmatched: tuple[str, ...] = ()

    @property
    def mixed_dates(self) -> tuple[str, ...]:
        """The date columns that held more than one format.

        Examples:
            >>> ReadReport("deals", "d", 2, date_formats={"date": {"%Y-%m-%d": 1,
            ...     "%d.%m.%Y": 1}}).mixed_dates
            ('date',)
        """
        return tuple(c for c, f in self.date_formats.items() if len(f) > 1)

    def to_dict(self) -> dict[str, Any]:
        """The report as plain data.

        Examples:
            >>> ReadReport("deals", "d.csv", 3).to_dict()["rows"]
            3
        """
        return {
            "table": self.table,
            "source": self.source,
            "rows": self.rows,
            "columns": dict(self.columns),
            "ignored": list(self.ignored),
            "date_formats": {k: dict(v) for k, v in self.date_formats.items()},
            "ambiguous_dates": dict(self.ambiguous_dates),
            "locale": self.locale,
            "encoding": self.encoding,
            "matched": {k: dict(v) for k, v in self.matched.items()},
            "unmatched": list(self.unmatched),
        }

    def _repr_html_(self) -> str:
        import html

        cols = "".join(
            f"<tr><td>{html.escape(k)}</td><td>{html.escape(str(v))}</td></tr>"
            for k, v in self.columns.items()
        )
        names = ", ".join(html.escape(n) for n in self.unmatched[:20])
        more = f" and {len(self.unmatched) - 20:,} more" if len(self.unmatched) > 20 else ""
        return (
            f"<p>{html.escape(repr(self))}</p><table><tr><th>column</th><th>header</th></tr>"
            f"{cols}</table>" + (f"<p>unmatched: {names}{more}</p>" if names else "")
        )

    def __repr__(self) -> str:
        extra = ""
        if self.mixed_dates:
            extra += f", mixed date formats in {', '.join(self.mixed_dates)}"
        if self.unmatched:
            extra += f", {len(self.unmatched)} unmatched names"
        return f"<ReadReport {self.table} from {self.source}: {self.rows:,} rows{extra}>"


# ------------------------------------------------------------------ problems
class _Collect:
    def __init__(self, label: str, offset: int) -> None:
        self.label = label
        self.offset = offset  # file row of frame position 0
        self.items: list[Problem] = []
        self._per_column: dict[str, int] = {}

    def table(self, message: str, *, kind: str, column: str | None = None, **kw: Any) -> None:
        where = f"{self.label}, column {column!r}" if column else self.label
        self.items.append(Problem(where, message, table=self.label, column=column, kind=kind, **kw))

    def cells(
        self,
        column: str,
        positions: Sequence[int],
        values: Sequence[Any],
        message: str,
        *,
        kind: str,
        hint: str = "",
        hints: Sequence[str] | None = None,
    ) -> None:
        shown = self._per_column.get(column, 0)
        room = max(0, MAX_PROBLEMS_PER_COLUMN - shown)
        for k, (pos, value) in enumerate(zip(positions[:room], values[:room], strict=False)):
            row = int(pos) + self.offset
            self.items.append(
                Problem(
                    f"{self.label} row {row}, column {column!r}",
                    f"got {value!r} but expected {message}",
                    table=self.label,
                    row=row,
                    column=column,
                    value=value,
                    kind=kind,
                    hint=hints[k] if hints is not None else hint,
                )
            )
        self._per_column[column] = shown + min(room, len(positions))
        rest = len(positions) - room
        if rest > 0:
            self.table(
                f"{rest:,} more cells like these (only the first "
                f"{MAX_PROBLEMS_PER_COLUMN} are listed)",
                kind=kind,
                column=column,
            )


# ------------------------------------------------------------------ loading
def _decode(data: bytes, encoding: str | None, label: str, found: _Collect) -> tuple[str, str]:
    if encoding is not None:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as err:
            found.table(f"cannot be read as {encoding}: {err}", kind="bad-encoding")
            return data.decode(encoding if not isinstance(err, LookupError) else "latin-1",
                               errors="replace"), encoding  # fmt: skip
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    bad: list[int] = []
    pos = 0
    while len(bad) < MAX_PROBLEMS_PER_COLUMN:
        try:
            data[pos:].decode("utf-8")
            break
        except UnicodeDecodeError as err:
            bad.append(pos + err.start)
            pos += err.end
    if not bad:
        return data.decode("utf-8"), "utf-8"
    for at in bad:
        line = data.count(b"\n", 0, at) + 1
        byte = data[at : at + 1]
        found.items.append(
            Problem(
                f"{label} line {line}",
                f"byte {byte!r} at offset {at:,} is not UTF-8",
                table=label,
                row=line,
                value=byte.decode("latin-1"),
                kind="bad-encoding",
                hint="save the file as UTF-8, or pass encoding='cp1252' (or the one used)",
            )
        )
    return data.decode("latin-1"), "latin-1"


def _load(
    source: Any, *, sheet: str | int | None, encoding: str | None, max_bytes: int, found: _Collect
) -> tuple[Any, str, bool]:
    """(frame of objects or arrow table, encoding, typed) for a path or a frame."""
    pd = require_pandas("read_transactions()")
    if isinstance(source, pd.DataFrame):
        return source.reset_index(drop=True), "", False
    path = Path(source)
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
    except OSError as err:
        raise FileError(str(path), f"cannot read file: {err.strerror or err}",
                        errno=err.errno) from None  # fmt: skip
    if size > max_bytes:
        raise FileError(str(path), f"the file is {size:,} bytes, more than {max_bytes:,}",
                        "pass a larger max_bytes")  # fmt: skip
    if suffix == ".parquet" or path.is_dir():
        try:
            import pyarrow.parquet as pq
        except ImportError:
            raise MissingDependencyError("pyarrow", extra="data", feature="Parquet files") from None
        try:
            return pq.read_table(path), "", True
        except (OSError, ValueError) as err:
            raise FileError(str(path), f"cannot read Parquet: {err}") from None
    if suffix in (".xlsx", ".xlsm", ".xls"):
        import importlib.util

        if importlib.util.find_spec("openpyxl") is None:
            raise MissingDependencyError("openpyxl", extra="excel", feature="Excel files") from None
        try:
            frame = pd.read_excel(path, sheet_name=sheet or 0, dtype=object)
        except (OSError, ValueError, KeyError) as err:
            raise FileError(str(path), f"cannot read the workbook: {err}") from None
        return frame, "", False
    import io as _io

    text, used = _decode(path.read_bytes(), encoding, path.name, found)
    try:
        frame = pd.read_csv(
            _io.StringIO(text),
            dtype=str,
            keep_default_na=False,
            sep=None,
            engine="python",
        )
    except (ValueError, pd.errors.ParserError) as err:
        found.table(f"cannot be read as CSV: {err}", kind="bad-csv")
        return pd.DataFrame(), used, False
    return frame, used, False


# ------------------------------------------------------------------ headers
def _map_headers(
    table: str, headers: Sequence[str], given: Mapping[str, str], found: _Collect
) -> dict[str, str]:
    cols = TABLES[table]
    names = {c.name for c in cols}
    out: dict[str, str] = {}
    for col, header in given.items():
        if col not in names:
            found.table(
                f"columns= names {col!r}, which is not a column of {table}",
                kind="unknown-column",
                hint="columns are: " + ", ".join(c.name for c in cols),
            )
        elif header not in headers:
            found.table(
                f"columns= maps {col!r} to {header!r}, which is not a header of the file",
                kind="missing-column",
                column=header,
                hint=_closest(header, headers),
            )
        else:
            out[col] = header
    used = set(out.values())
    keyed: dict[str, str] = {}
    for h in headers:
        keyed.setdefault(term_key(str(h)), h)
    # the column's own name first, then synonyms, so "customer" is the customer column
    for rank in range(max(len(s) for s in HEADER_SYNONYMS[table].values())):
        for col, synonyms in HEADER_SYNONYMS[table].items():
            if col in out or rank >= len(synonyms):
                continue
            hit = keyed.get(term_key(synonyms[rank]))
            if hit is not None and hit not in used:
                out[col] = hit
                used.add(hit)
    # then a header holding a column's name or synonym as a part ("Inventory Date")
    for col, synonyms in HEADER_SYNONYMS[table].items():
        if col in out:
            continue
        for syn in synonyms:
            key = term_key(syn)
            hits = [h for k, h in keyed.items() if len(key) >= 4 and key in k and h not in used]
            if len(hits) == 1:
                out[col] = hits[0]
                used.add(hits[0])
                break
    return out


def _closest(header: str, headers: Sequence[str]) -> str:
    keys = {term_key(str(h)): str(h) for h in headers}
    near = difflib.get_close_matches(term_key(header), list(keys), n=3, cutoff=0.5)
    return ("closest headers: " + ", ".join(repr(keys[k]) for k in near)) if near else ""


# ------------------------------------------------------------------ cells
def _missing(v: Any) -> bool:
    return (
        v is None or (isinstance(v, float) and v != v) or type(v).__name__ in ("NAType", "NaTType")
    )


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and not _missing(v)


def _text(pd: Any, s: Any, skip: Any) -> Any:
    """The cells as plain `str` (missing and `skip` cells as `""`), object dtype."""
    return pd.Series(
        ["" if k or _missing(v) else str(v) for v, k in zip(s, skip, strict=True)], dtype=object
    )


def _parse_dates(
    pd: Any, s: Any, column: str, *, locale: str, date_format: str | None, found: _Collect
) -> tuple[Any, dict[str, int], int]:
    n = len(s)
    out = pd.Series([None] * n, dtype=object)
    counts: dict[str, int] = {}
    is_typed = s.map(lambda v: isinstance(v, dt.date)).astype(bool)
    if is_typed.any():
        out[is_typed] = s[is_typed].map(lambda v: v.date() if isinstance(v, dt.datetime) else v)
        counts["date cell"] = int(is_typed.sum())
    is_num = s.map(_is_number).astype(bool)
    is_num &= ~is_typed
    text = _text(pd, s, is_typed | is_num).str.strip()
    serial = text.str.fullmatch(r"\d{5}(\.\d+)?") & ~text.str.fullmatch(r"\d{8}")
    nums = pd.to_numeric(s.where(is_num), errors="coerce")
    nums = nums.where(is_num, pd.to_numeric(text.where(serial), errors="coerce"))
    ok_serial = nums.between(20000, 80000)
    if ok_serial.any():
        out[ok_serial] = [_EXCEL_EPOCH + dt.timedelta(days=math.floor(v)) for v in nums[ok_serial]]
        counts["excel serial"] = int(ok_serial.sum())
    todo = ~(is_typed | ok_serial) & text.ne("")
    ambiguous = 0
    formats = [(date_format, ".*")] if date_format else list(_DATE_FORMATS)
    if not date_format:
        slash = text.where(todo).str.fullmatch(r"(\d{1,2})/(\d{1,2})/\d{4}").fillna(False)
        parts = text.where(slash & todo).str.extract(r"(\d{1,2})/(\d{1,2})/")
        first = pd.to_numeric(parts[0], errors="coerce")
        second = pd.to_numeric(parts[1], errors="coerce")
        month_first = locale in _MONTH_FIRST_LOCALES
        if (first > 12).any() and not (second > 12).any():
            month_first = False
        elif (second > 12).any() and not (first > 12).any():
            month_first = True
        ambiguous = int(((first <= 12) & (second <= 12) & (first != second)).sum())
        if month_first:
            formats = [f for f in formats if f[0] != "%d/%m/%Y"]
        else:
            formats = [f for f in formats if f[0] != "%m/%d/%Y"]
    for fmt, pattern in formats:
        if not todo.any():
            break
        cand = todo & text.str.fullmatch(pattern).fillna(False)
        if not cand.any():
            continue
        parsed = pd.to_datetime(text.where(cand), format=fmt, errors="coerce")
        good = cand & parsed.notna()
        if good.any():
            out[good] = parsed[good].dt.date
            counts[fmt] = int(good.sum())
            todo &= ~good
    if todo.any():
        pos = list(todo[todo].index)
        found.cells(
            column,
            pos,
            [s[p] for p in pos],
            "a date",
            kind="bad-date",
            hint="e.g. 2024-01-31; pass date_format='%d/%m/%Y' for another format",
        )
    return out, counts, ambiguous


def _number_hint(text: str, locale: str) -> str:
    from babel.numbers import NumberFormatError, parse_decimal

    for other in ("en_US", "de_DE", "fr_FR", "de_CH"):
        if other == locale:
            continue
        try:
            parse_decimal(_spaces(text, other), locale=other, strict=True)
        except (NumberFormatError, ValueError):
            continue
        return f"written as in {other}: pass locale={other!r}"
    return "a plain number such as 1234.5"


def _spaces(text: str, locale: str) -> str:
    from babel.numbers import get_group_symbol

    group = get_group_symbol(locale)
    if group.isspace():
        return re.sub(r"[\s\u00a0\u202f]", group, text)
    return re.sub(r"[\s\u00a0\u202f]", "", text)


def _parse_numbers(pd: Any, s: Any, column: str, *, locale: str, found: _Collect) -> Any:
    """The column as float64 (NaN where blank) and its blank mask, read by the partner
    import's number parser; every unreadable cell is a problem with a locale hint."""
    parsed = parse_numbers(s.tolist(), locale=locale)
    values = pd.Series(parsed.values, dtype="float64")
    bad = [p for p in parsed.problems if p.kind == "bad-number"]
    if bad:
        found.cells(
            column,
            [p.position for p in bad],
            [p.text for p in bad],
            f"a number ({locale})",
            kind="bad-number",
            hints=[_number_hint(p.text, locale) for p in bad],
        )
    for p in parsed.problems:
        if p.kind != "bad-number":
            found.table(p.message, kind=p.kind, column=column, hint=p.hint)
    flagged = {p.position for p in parsed.problems}
    blank = values.isna() & ~values.index.isin(list(flagged))
    return values, blank


def _parse_bools(pd: Any, s: Any, column: str, found: _Collect) -> Any:
    keys = s.map(lambda v: "" if _missing(v) else term_key(str(v)))
    out = keys.map(lambda k: True if k in _TRUE else (False if k in _FALSE else None))
    bad = out.isna()
    if bad.any():
        pos = list(bad[bad].index)
        found.cells(column, pos, [s[p] for p in pos], "yes or no", kind="bad-bool",
                    hint="true/false, yes/no, 1/0")  # fmt: skip
    return out.fillna(False).astype(bool)


def _parse_enum(pd: Any, s: Any, column: str, values: Sequence[str], found: _Collect) -> Any:
    table = _ENUM_SYNONYMS.get(column, {})
    keys = s.map(lambda v: "" if _missing(v) else term_key(str(v)))
    out = keys.map(lambda k: k if k in values else table.get(k))
    out = out.where(out.isin(list(values)))
    bad = out.isna()
    if bad.any():
        pos = list(bad[bad].index)
        found.cells(column, pos, [s[p] for p in pos], "one of " + ", ".join(values),
                    kind="unknown-term")  # fmt: skip
    return out


# ------------------------------------------------------------------ entry point
def read_transactions(
    path_or_frame: Any,
    table: str,
    *,
    columns: Mapping[str, str] | None = None,
    net: Any = None,
    locale: str = "en_US",
    date_format: str | None = None,
    source: str | None = None,
    sheet: str | int | None = None,
    encoding: str | None = None,
    max_bytes: int = 1 << 30,
) -> tuple[Any, ReadReport]:
    """Read a CSV, Excel or Parquet file (or a `pandas.DataFrame`) of `table` lines.

    Args:
        path_or_frame: a `.csv` (any delimiter), `.xlsx`, `.parquet` file (or a folder of
            Parquet files), or a `pandas.DataFrame`.
        table: one of `sell_in`, `sell_through`, `inventory`, `claims`, `deals`.
        columns: `{schema column: header in the file}` for headers not recognised.
        net: a network: partner names are matched to its organizations' ids.
        locale: how numbers (and ambiguous slash dates) are written, e.g. `"de_DE"`.
        date_format: one `strptime` format for every date cell (no detection).
        source: the `source` written on each row (default: the file name).
        sheet: the Excel sheet (default: the first).
        encoding: the text encoding of a CSV (default: UTF-8, reported if broken).
        max_bytes: refuse larger files.

    Returns:
        `(pyarrow.Table, ReadReport)`: the rows conformed to the table's schema, and how
        they were read.

    Raises:
        DocumentError: every problem at once (headers missing, cells that are not dates,
            numbers, yes/no or known terms, bytes that are not UTF-8 ...), each with its kind,
            row, column, value and a hint.
        FileError: the file cannot be read.

    Examples:
        >>> import pandas as pd
        >>> frame = pd.DataFrame({"Datum": ["31.01.2024"], "Partner": ["r1"],
        ...     "Artikel": ["p1"], "Menge": ["1.200,5"], "Betrag": ["(10,00)"],
        ...     "Return": ["no"]})
        >>> t, r = read_transactions(frame, "sell_through", locale="de_DE",
        ...                          columns={"product": "Artikel"}, source="pos.csv")
        >>> t.column("quantity").to_pylist(), t.column("amount").to_pylist()
        ([1200.5], [-10.0])
        >>> read_transactions(frame, "sell_through")
        Traceback (most recent call last):
        ...
        channelvalue.errors.DocumentError: ...
    """
    pd = require_pandas("read_transactions()")
    if table not in TABLES:
        raise ValidationError(
            "read_transactions", "table", table, "one of " + ", ".join(map(repr, TABLES))
        )
    label = source or (
        Path(path_or_frame).name if not isinstance(path_or_frame, pd.DataFrame) else "<frame>"
    )
    found = _Collect(label, offset=2)
    loaded, used_encoding, typed = _load(
        path_or_frame, sheet=sheet, encoding=encoding, max_bytes=max_bytes, found=found
    )
    if typed:
        fast = _typed(loaded, table, columns or {}, net, label)
        if fast is not None:
            return fast
        loaded = loaded.to_pandas()
    frame = loaded
    headers = [str(h) for h in frame.columns]
    frame.columns = headers
    mapping = _map_headers(table, headers, columns or {}, found)
    cols = TABLES[table]
    out: dict[str, Any] = {}
    date_formats: dict[str, dict[str, int]] = {}
    ambiguous: dict[str, int] = {}
    n = len(frame)
    missing_required = []
    for c in cols:
        if c.name not in mapping:
            if c.name == "source":
                out["source"] = pd.Series([label] * n, dtype=object)
            elif c.name == "is_return" and "quantity" in mapping:
                out["is_return"] = None  # from the sign, below
            elif c.nullable:
                out[c.name] = pd.Series([None] * n, dtype=object)
            else:
                missing_required.append(c)
            continue
        s = frame[mapping[c.name]].reset_index(drop=True)
        if c.type == "date":
            parsed, counts, amb = _parse_dates(
                pd, s, mapping[c.name], locale=locale, date_format=date_format, found=found
            )
            blank = parsed.isna() & s.map(lambda v: _missing(v) or str(v).strip() == "").astype(
                bool
            )
            if blank.any() and not c.nullable:
                pos = list(blank[blank].index)
                found.cells(mapping[c.name], pos, [s[p] for p in pos], "a date",
                            kind="missing-value")  # fmt: skip
            out[c.name] = parsed
            date_formats[c.name] = counts
            if amb:
                ambiguous[c.name] = amb
        elif c.type == "float64":
            values, blank = _parse_numbers(pd, s, mapping[c.name], locale=locale, found=found)
            if blank.any() and not c.nullable:
                pos = list(blank[blank].index)
                found.cells(mapping[c.name], pos, [s[p] for p in pos], "a number",
                            kind="missing-value")  # fmt: skip
            out[c.name] = values.astype(object).where(~blank, None)
        elif c.type == "bool":
            out[c.name] = _parse_bools(pd, s, mapping[c.name], found)
        elif c.values:
            out[c.name] = _parse_enum(pd, s, c.name, c.values, found)
        else:
            text = s.map(lambda v: None if _missing(v) else str(v).strip()).astype(object)
            text = text.where(text.ne(""), None)
            if not c.nullable and text.isna().any():
                blank = text.isna()
                pos = list(blank[blank].index)
                found.cells(mapping[c.name], pos, [s[p] for p in pos], "a value",
                            kind="missing-value")  # fmt: skip
            out[c.name] = text
    for c in missing_required:
        found.table(
            f"no column for {c.name!r} ({c.meaning})",
            kind="missing-column",
            hint=(
                f"name it with columns={{{c.name!r}: '<header>'}}; headers are: "
                + ", ".join(repr(h) for h in headers[:20])
            ),
        )
    if out.get("is_return", 0) is None:
        q = out["quantity"]
        out["is_return"] = q.map(lambda v: v is not None and v < 0).astype(bool)
    if found.items:
        raise DocumentError(
            found.items,
            title=f"{label}: cannot read {table} lines "
            f"({len(found.items)} problem{'s' if len(found.items) != 1 else ''})",
        )
    matched: dict[str, dict[str, int]] = {}
    unmatched: list[str] = []
    if net is not None:
        from .matching import match_names

        for col in ("partner", "seller", "buyer"):
            if col not in out:
                continue
            result = match_names(out[col].tolist(), net)
            out[col] = pd.Series(result.resolved(out[col].tolist()), dtype=object)
            matched[col] = result.counts()
            unmatched += [u for u in result.unmatched_names if u not in unmatched]
    arrow = validate_table(table, pd.DataFrame({c.name: out[c.name] for c in cols}), label=label)
    report = ReadReport(
        table=table,
        source=label,
        rows=n,
        columns=mapping,
        ignored=tuple(h for h in headers if h not in set(mapping.values())),
        date_formats=date_formats,
        ambiguous_dates=ambiguous,
        locale=locale,
        encoding=used_encoding,
        matched=matched,
        unmatched=tuple(unmatched),
    )
    return arrow, report


def _typed(
    arrow: Any, table: str, given: Mapping[str, str], net: Any, label: str
) -> tuple[Any, ReadReport] | None:
    """A Parquet table whose columns already have the schema's types: renamed, completed
    and validated in Arrow (no pandas); `None` when cells need parsing."""
    import pyarrow as pa
    import pyarrow.compute as pc

    scratch = _Collect(label, offset=2)
    headers = list(arrow.column_names)
    mapping = _map_headers(table, headers, given, scratch)
    if scratch.items:
        return None
    n = arrow.num_rows
    cols: dict[str, Any] = {}
    for c in TABLES[table]:
        if c.name in mapping:
            cols[c.name] = arrow.column(mapping[c.name])
        elif c.name == "source":
            cols[c.name] = pa.repeat(pa.scalar(label), n)
        elif c.name == "is_return" and "quantity" in mapping:
            q = pc.cast(arrow.column(mapping["quantity"]), pa.float64())
            cols[c.name] = pc.fill_null(pc.less(q, 0.0), False)
        elif c.nullable:
            cols[c.name] = pa.nulls(n, pa.string())
        else:
            return None
    try:
        result = validate_table(table, pa.table(cols), label=label)
    except DocumentError:
        return None
    matched: dict[str, dict[str, int]] = {}
    unmatched: list[str] = []
    if net is not None:
        from .matching import match_names

        for col in ("partner", "seller", "buyer"):
            if col not in cols:
                continue
            i = result.column_names.index(col)
            encoded = pc.dictionary_encode(result.column(col)).combine_chunks()
            names = encoded.dictionary.to_pylist()
            found = match_names(names, net)
            new = pa.DictionaryArray.from_arrays(
                encoded.indices, pa.array(found.resolved(names), pa.string())
            )
            result = result.set_column(i, result.schema.field(i), new.cast(pa.string()))
            matched[col] = found.counts()
            unmatched += [u for u in found.unmatched_names if u not in unmatched]
    report = ReadReport(
        table=table,
        source=label,
        rows=n,
        columns=mapping,
        ignored=tuple(h for h in headers if h not in set(mapping.values())),
        matched=matched,
        unmatched=tuple(unmatched),
    )
    return result, report
