"""Column readers for tables: whole-column validation with problems named by row and column.

Each reader turns one column of a pandas frame into a list of *converted* values (what
the domain field's converter returns: `float`, enum member, sorted tuple, checked
`FrozenMap`), so objects can be built in bulk (`channelvalue.model._bulk.build_many`)
with exactly the validation of their constructors. Work is column-wise: numbers are
checked by the fields' own `NumberRule` on whole
float64 arrays (the predicate the converters run on each float), and terms, lists and
mappings are converted once per *distinct* value. Every bad cell is reported, with its row label,
column header, value and what would be valid.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ...errors import Problem, ValidationError
from ...model._fields import number_rule
from ..vocabulary import UnknownTermError, Vocabulary, term_key
from .cells import (
    FALSE_WORDS,
    MISSING,
    TRUE_WORDS,
    BadCell,
    BoolArray,
    FloatArray,
    objects,
    pandas,
    plain,
    row_codes,
    split_items,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Table"]


class Table:
    """One input frame: its columns matched to known names, and the problems found.

    Headers match known column names case-, space- and punctuation-insensitively;
    `<prefix>.<rest>` headers are collected per prefix (`rest` kept verbatim).

    Args:
        name: the table's name in messages (`"organizations"`, `"links.csv"`).
        frame: the pandas frame.
        known: the known column names.
        prefixes: the known prefixes of mapping columns.
        problems: the list to append problems to (shared across tables).
        extra_columns: `"error"` or `"ignore"` for unknown columns.
    """

    def __init__(
        self,
        name: str,
        frame: pd.DataFrame,
        known: Sequence[str],
        prefixes: Sequence[str],
        problems: list[Problem],
        extra_columns: str,
    ) -> None:
        self.name = name
        self.frame: Any = frame
        self.n = len(frame)
        self.problems = problems
        self.columns: dict[str, str] = {}
        self.prefixed: dict[str, list[tuple[str, str]]] = {p: [] for p in prefixes}
        self._labels: list[Any] | None = None
        self._series: dict[str, Any] = {}
        by_key = {term_key(k): k for k in known}
        pre_keys = {term_key(p): p for p in prefixes}
        pre_keys.update({term_key(p) + "s": p for p in prefixes})
        pre_keys.update({term_key(p)[:-1] + "ies": p for p in prefixes if p.endswith("y")})
        if not all(type(c) is str for c in frame.columns):
            frame = self.frame = frame.set_axis([str(c) for c in frame.columns], axis=1)
        dups = set(frame.columns[frame.columns.duplicated()])
        for dup in sorted(dups):
            self.table_problem(dup, "column given twice")
        for header in frame.columns:
            text = str(header)
            if text in dups:
                continue
            head, dot, rest = text.lstrip().partition(".")
            if dot and term_key(head) in pre_keys:
                self.prefixed[pre_keys[term_key(head)]].append((rest, text))
                continue
            col = by_key.get(term_key(text))
            if col is None:
                if extra_columns != "ignore":
                    close = _suggest(text, known)
                    hint = f"did you mean {' or '.join(map(repr, close))}? " if close else ""
                    shown = [*known, *(f"{p}.<...>" for p in prefixes)]
                    self.table_problem(text, f"unknown column; {hint}known: {', '.join(shown)}")
            elif col in self.columns:
                self.table_problem(text, f"same column as {self.columns[col]!r}")
            else:
                self.columns[col] = text

    def series(self, header: str) -> Any:
        """The column under `header` (looked up once)."""
        found = self._series.get(header)
        if found is None:
            found = self._series[header] = self.frame[header]
        return found

    # ------------------------------------------------------------------ problems
    def label(self, pos: int) -> Any:
        """The row label (frame index) at position `pos`."""
        if self._labels is None:
            self._labels = list(self.frame.index)
        return self._labels[pos]

    def where(self, pos: int, header: str | None = None) -> str:
        """`"<table> row <label>, column '<header>'"`."""
        col = f", column {header!r}" if header is not None else ""
        return f"{self.name} row {self.label(pos)}{col}"

    def table_problem(self, header: str | None, message: str) -> None:
        """Record a problem of a whole column (or of the table when `header` is None)."""
        path = self.name if header is None else f"{self.name}, column {header!r}"
        kind = "unknown-column" if message.startswith("unknown column") else "table"
        self.problems.append(Problem(path, message, table=self.name, column=header, kind=kind))

    def cell_problem(self, pos: int, header: str, value: Any, expected: str) -> None:
        """Record a bad cell."""
        label = self.label(pos)
        self.problems.append(
            Problem(
                self.where(pos, header),
                f"got {value!r} but {expected}",
                table=self.name,
                row=label if isinstance(label, int) else None,
                column=header,
                value=value,
                kind="bad-value",
            )
        )

    def require(self, *columns: str) -> bool:
        """Record a problem for each required column that is missing; True if all exist."""
        ok = True
        for col in columns:
            if col not in self.columns:
                self.table_problem(None, f"missing column {col!r}")
                ok = False
        return ok

    # ------------------------------------------------------------------ cells
    def _blank(self, header: str) -> tuple[np.ndarray[Any, Any], BoolArray]:
        """Object array of the column's values and its missing mask (NaN, None, blank)."""
        series = self.series(header)
        values = series.to_numpy(dtype=object, na_value=None)
        missing = series.isna().to_numpy()
        if series.dtype.kind not in "biuf":
            if pandas().api.types.infer_dtype(series, skipna=True) == "string":
                stripped = series.str.strip().to_numpy(dtype=object, na_value="")
                missing = missing | (stripped == "")
            else:
                blank = [type(v) is str and not v.strip() for v in values]
                missing = missing | np.array(blank, dtype=bool)
        return values, missing

    def _lookup(self, header: str, convert: Callable[[Any], Any], missing: Any) -> list[Any]:
        """Convert each distinct cell once; a `BadCell` result is a problem.

        `convert` never sees a missing cell (NaN, None, blank): those get `missing`.
        """
        codes, uniques = _factorize(self.series(header).to_numpy(dtype=object))
        canon: list[Any] = []
        for u in uniques:
            if isinstance(u, str) and not u.strip():
                canon.append(missing)
                continue
            try:
                canon.append(convert(u))
            except BadCell as err:
                canon.append(err)
        canon.append(missing)  # code -1: NaN or None
        table = objects(canon)
        out = table[codes]
        flagged = [k for k, v in enumerate(canon) if isinstance(v, BadCell)]
        if flagged:
            for i in np.flatnonzero(np.isin(np.where(codes < 0, len(canon) - 1, codes), flagged)):
                bad = out[i]
                self.cell_problem(int(i), header, bad.value, f"expected {bad.expected}")
                out[i] = None
        result: list[Any] = out.tolist()
        return result

    def text(self, col: str, *, required: bool = False, default: Any = "") -> list[Any]:
        """Strings kept verbatim (ids: non-empty); integer columns become text.

        A missing cell gives `default` (`None` for optional ids), or a problem when
        `required`. Only NaN and None are missing for free text (`""` is text).
        """
        header = self.columns.get(col)
        if header is None:
            return [default] * self.n
        series = self.series(header)
        if series.dtype.kind in "iu":
            series = series.astype(str)
        values = series.to_numpy(dtype=object, na_value=None, copy=True)
        missing = series.isna().to_numpy()
        if pandas().api.types.infer_dtype(series, skipna=True) not in ("string", "empty"):
            for i in [k for k, v in enumerate(values) if v is not None and type(v) is not str]:
                self.cell_problem(i, header, plain(values[i]), "expected text")
                values[i] = default
        if required or default is None:
            missing = missing | (values == "")
        if missing.any():
            if required:
                for pos in np.flatnonzero(missing).tolist():
                    self.cell_problem(pos, header, "", "expected a non-empty id")
            values[missing] = default
        out: list[Any] = values.tolist()
        return out

    def numbers(self, col: str, conv: Callable[..., Any], *, default: Any) -> list[Any]:
        """Floats checked by the rule of the number converter `conv`; a missing cell
        gives `default` (`None` keeps it missing, `MISSING` makes it a problem)."""
        header = self.columns.get(col)
        if header is None:
            if default is MISSING:
                self.table_problem(None, f"missing column {col!r}")
            return [None if default is MISSING else default] * self.n
        x, missing, _ = self.checked_floats(header, conv)
        if not missing.any():
            out: list[Any] = x.tolist()
            return out
        if default is MISSING:
            for pos in np.flatnonzero(missing).tolist():
                self.cell_problem(pos, header, "", "expected a number")
        values = x.astype(object)  # Python floats
        values[missing] = None if default is MISSING else default
        filled: list[Any] = values.tolist()
        return filled

    def checked_floats(
        self, header: str, conv: Callable[..., Any]
    ) -> tuple[FloatArray, BoolArray, BoolArray]:
        """The column as float64, its missing mask, and where the value is good; every
        unreadable or refused cell is a problem.

        A cell is judged as the converter `conv` judges a value, by the same
        `NumberRule` (with the converter's message);
        only reading differs: a blank cell is missing, number text is read as its number,
        and other text, complex numbers and bytes are not numbers.
        """
        rule = number_rule(conv)
        series = self.series(header)
        if series.dtype.kind in "iuf":
            x = series.to_numpy(dtype=np.float64, na_value=np.nan)
            missing = np.isnan(x)
            unreadable = np.zeros(len(x), dtype=bool)
        else:
            values, missing = self._blank(header)
            # complex numbers and bytes would be read as numbers (the real part, b"1" as 1)
            odd = np.fromiter(map(_not_real, values), dtype=bool, count=len(values))
            # True and False are not numbers to the converters: refused by the rule below
            flags = np.fromiter(map(_is_bool, values), dtype=bool, count=len(values))
            text = pandas().Series(values, dtype=object).where(~(missing | odd | flags), None)
            try:
                parsed = pandas().to_numeric(text, errors="coerce")
            except OverflowError:  # an integer beyond the float range: an infinity
                parsed = pandas().to_numeric(text.map(_beyond_float_as_inf), errors="coerce")
            x = parsed.to_numpy(dtype=np.float64, na_value=np.nan)
            # float cells as they are: to_numeric reads [0, -0.0] as integers, losing the sign
            floats = np.fromiter(map(_is_float, values), dtype=bool, count=len(values))
            if floats.any():
                x = np.where(floats, np.where(floats, values, 0.0).astype(np.float64), x)
            unreadable = (np.isnan(x) | odd) & ~(missing | flags)
            for i in np.flatnonzero(unreadable):
                self.cell_problem(int(i), header, plain(values[i]), "expected a number")
        ok = rule.accepts(np.where(missing | unreadable, 0.5, x))
        for i in np.flatnonzero(~ok):
            self.cell_problem(int(i), header, plain(series.iloc[i]), f"expected {rule.expected}")
        return x, missing, ok & ~unreadable

    def terms(
        self, col: str, vocab: Vocabulary, category: str, *, default: Any = MISSING
    ) -> list[Any]:
        """Vocabulary terms made canonical (enum members), once per distinct cell value;
        a missing cell gives `default` (`MISSING`: a problem)."""
        header = self.columns.get(col)
        if header is None:
            return [None if default is MISSING else default] * self.n

        def convert(value: Any) -> Any:
            if not isinstance(value, str):
                raise BadCell(plain(value), f"a {category} (text)")
            try:
                return vocab.normalise(category, value)
            except UnknownTermError as err:
                raise BadCell(value, err.expected) from None

        missing = BadCell("", f"a {category}") if default is MISSING else default
        return self._lookup(header, convert, missing)

    def lists(self, col: str, convert: Callable[[list[str]], Any], default: Any) -> list[Any]:
        """List cells (see `split_items`) converted once per distinct cell."""
        header = self.columns.get(col)
        if header is None:
            return [default] * self.n

        def parse(value: Any) -> Any:
            if not isinstance(value, str):
                raise BadCell(plain(value), "a ';'-separated list")
            try:
                items = split_items(value)
            except ValueError as err:
                raise BadCell(value, f"a ';'-separated list or a JSON list ({err})") from None
            try:
                return convert(items) if items else default
            except UnknownTermError as err:
                raise BadCell(err.term, err.expected) from None
            except ValidationError as err:
                raise BadCell(err.value, err.expected) from None

        return [default if v is None else v for v in self._lookup(header, parse, default)]

    def booleans(self, col: str, *, default: bool = False) -> list[bool]:
        """True/False, yes/no, y/n, 1/0 (any case); a missing cell gives `default`."""
        header = self.columns.get(col)
        if header is None:
            return [default] * self.n
        series = self.series(header)
        if series.dtype.kind == "b":
            flags: list[bool] = series.to_numpy(dtype=bool).tolist()
            return flags

        def convert(value: Any) -> bool:
            key = (
                str(value).strip().lower()
                if isinstance(value, str | int | np.integer | np.bool_)
                else "?"
            )
            if key in TRUE_WORDS:
                return True
            if key in FALSE_WORDS:
                return False
            raise BadCell(plain(value), "true or false (or yes/no, 1/0)")

        return [default if v is None else v for v in self._lookup(header, convert, default)]

    def mappings(
        self,
        prefix: str,
        key: Callable[[str], Any],
        conv: Callable[[Any], Any],
        number: Callable[[Any], Any],
        empty: Any,
    ) -> list[Any]:
        """Mappings from `<prefix>.<key>` number columns, one per distinct row of values.

        `key` turns a header's rest into the mapping key (or raises ValueError),
        `number` is the per-value converter, `conv` the mapping converter. A missing
        cell means the key is absent from that row's mapping.
        """
        cols: list[tuple[Any, str]] = []
        seen: dict[Any, str] = {}
        for rest, header in self.prefixed.get(prefix, []):
            try:
                k = key(rest)
            except ValueError as err:
                self.table_problem(header, f"unknown key {rest!r}: {err}")
                continue
            if k in seen:
                self.table_problem(header, f"same column as {seen[k]!r}")
                continue
            seen[k] = header
            cols.append((k, header))
        if not cols:
            return [empty] * self.n
        grid = np.empty((self.n, len(cols)), dtype=np.float64)
        for j, (_, header) in enumerate(cols):
            x, missing, ok = self.checked_floats(header, number)
            grid[:, j] = np.where(missing | ~ok, np.inf, x)  # inf: absent (values are finite)
        # rows compared bit for bit: -0.0 and 0.0 are kept apart, as the converters keep them
        codes, first = row_codes(grid.view(np.int64))
        keys = [k for k, _ in cols]
        maps = []
        for r in first:
            row = grid[r]
            maps.append(conv({k: float(v) for k, v in zip(keys, row, strict=True) if v < np.inf}))
        table = objects(maps)
        result: list[Any] = table[codes].tolist()
        return result


def _factorize(values: np.ndarray[Any, Any]) -> tuple[np.ndarray[Any, Any], list[Any]]:
    """`pd.factorize` of an object column; an unhashable cell (a list, a dict, an array)
    is a distinct value of its own."""
    try:
        codes, uniques = pandas().factorize(values)
    except TypeError:
        unhashable = [i for i, v in enumerate(values) if not _hashable(v)]
        rest = values.copy()
        rest[unhashable] = None
        codes, uniques = pandas().factorize(rest)
        codes[unhashable] = np.arange(len(uniques), len(uniques) + len(unhashable))
        return codes, [*uniques, *values[unhashable]]
    return codes, list(uniques)


def _not_real(value: Any) -> bool:
    """True for a cell a number column must not read as a real number."""
    return isinstance(value, complex | np.complexfloating | bytes | bytearray)


def _is_float(value: Any) -> bool:
    """True for Python and numpy floats."""
    return isinstance(value, float | np.floating)


def _is_bool(value: Any) -> bool:
    """True for `True`, `False` and numpy booleans."""
    return isinstance(value, bool | np.bool_)


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _beyond_float_as_inf(value: Any) -> Any:
    """An integer too large for a float as a signed infinity (other values unchanged)."""
    if isinstance(value, int):
        try:
            float(value)
        except OverflowError:
            return math.inf if value > 0 else -math.inf
    return value


def _suggest(header: str, known: Sequence[str]) -> list[str]:
    """Known columns a header probably means: one whose key ends or starts it
    (`"Account ID"` -> `id`, `"Partner Tier"` -> `tier`), else a close spelling."""
    key = term_key(header)
    ends = [k for k in known if key.endswith(term_key(k)) or key.startswith(term_key(k))]
    if ends:
        return sorted(ends, key=lambda k: -len(k))[:1]
    by_key = {term_key(k): k for k in known}
    return [by_key[k] for k in difflib.get_close_matches(key, list(by_key), n=2, cutoff=0.75)]
