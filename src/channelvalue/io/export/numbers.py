"""Numbers as people type them into CRMs and spreadsheets.

[`parse_numbers`][channelvalue.io.export.numbers.parse_numbers] reads a whole column of cells
(text or numbers) into a float array, where a blank cell is missing (`NaN`), never `0`. It
understands, in one pass over the column:

- thousands separators and the decimal mark of a locale (`"1,234.50"` in `en_US`,
  `"1.234,50"` in `de_DE`, `"1 234,50"` in `fr_FR`); spaces, non-breaking spaces, thin spaces and
  apostrophes between digit groups are group separators in every locale;
- currency symbols and ISO codes before or after the number (`"$1,234.00"`, `"USD 2.5M"`,
  `"€49,800"`, `"49,800 EUR"`), collected in `currencies`;
- the suffixes `K` (thousand), `M`/`Mn`/`MM`/`Mio` (million), `B`/`Bn`/`Bln` (billion) and
  `T`/`Tn` (trillion), in any case;
- percentages (`"19%"`, `"19 %"` are 0.19), accounting negatives (`"(1,234)"` is -1234), signs;
- blank-like tokens ([`BLANK_TOKENS`][channelvalue.io.export.numbers.BLANK_TOKENS]: `""`, `"n/a"`,
  `"-"`, `"—"`, `"TBD"`, ...) as missing, without a problem.

Anything else is reported as a problem with the cell's position, never guessed. The common
cases are parsed with vectorised pandas string methods; the rest (other locales' grouping such
as `"12,34,567"` in `en_IN`, and the errors) go through Babel's `parse_decimal`, whose
suggestions become the hints. Needs the `import` extra (Babel and pandas).

Examples:
    >>> from channelvalue.io.export.numbers import parse_numbers
    >>> parsed = parse_numbers(["1,234,567", "$1,234.00", "USD 2.5M", "49K", "", "(1,234)"])
    >>> parsed.values.tolist()
    [1234567.0, 1234.0, 2500000.0, 49000.0, nan, -1234.0]
    >>> parsed.currencies, parsed.problems
    (('USD',), ())
"""

from __future__ import annotations

import decimal
import functools
import importlib
import math
import numbers
import re
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple, cast

import attrs
import numpy as np
import numpy.typing as npt

from ...errors import MissingDependencyError, Problem, ValidationError

__all__ = [
    "BLANK_TOKENS",
    "MAX_CELL_CHARS",
    "NumberProblem",
    "ParsedNumbers",
    "parse_number",
    "parse_numbers",
]

BLANK_TOKENS = frozenset(
    {
        "",
        "-",
        "--",
        "---",
        "\u2013",  # en dash
        "\u2014",  # em dash
        "n/a",
        "n.a.",
        "na",
        "#n/a",
        "nan",
        "null",
        "none",
        "nil",
        "tbd",
        "tba",
        "tbc",
        "unknown",
        "not available",
    }
)
"""Cell texts (compared case-insensitively, after trimming) that mean "no value": the cell is
missing (`NaN`) and no problem is reported."""

MAX_CELL_CHARS = 64
"""A text cell longer than this is not a number (reported without being parsed)."""

_SUFFIXES = {
    "k": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "mn": 1e6,
    "mio": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "t": 1e12,
    "tn": 1e12,
}
_SYMBOLS = {
    "$": "USD",
    "us$": "USD",
    "a$": "AUD",
    "au$": "AUD",
    "c$": "CAD",
    "ca$": "CAD",
    "nz$": "NZD",
    "hk$": "HKD",
    "s$": "SGD",
    "r$": "BRL",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "₩": "KRW",
    "₽": "RUB",
    "₺": "TRY",
    "₪": "ILS",
    "₱": "PHP",
    "₦": "NGN",
    "฿": "THB",
}
"""Currency symbols and the currency they mean when the locale's own currency does not use the
symbol (in `en_CA`, `"$"` is CAD)."""

_OTHER_SPACES = "\t\u00a0\u202f\u2009\u2007"
"""Space-like characters read as a plain space (before anything else)."""
_GROUP_CHARS = " '\u2019"
"""Characters that separate digit groups in any locale (after the spaces are normalised)."""
_MINUS = ("-", "\u2212", "\u2013")
_SYMBOL_RE = "|".join(re.escape(s) for s in sorted(_SYMBOLS, key=len, reverse=True))
_SUFFIX_RE = "|".join(sorted(_SUFFIXES, key=len, reverse=True))
_CURRENCY_RE = f"{_SYMBOL_RE}|[a-z]{{3}}"
_CELL_PATTERN = (
    r"^(?P<open>\()? *"
    "(?P<s1>[-+\u2212\u2013])? *"
    f"(?:(?P<c1>{_CURRENCY_RE}) *)?"
    "(?P<s2>[-+\u2212\u2013])? *"
    f"(?P<body>[0-9.,][0-9.,{_GROUP_CHARS}]*)"
    "(?P<exp>e[-+]?[0-9]{1,3})?"
    f" *(?P<suffix>{_SUFFIX_RE})?"
    " *(?P<pct>%)?"
    f" *(?P<c2>{_CURRENCY_RE})?"
    r" *(?P<close>\))?$"
)
"""One cell: `(`, sign, currency, sign, digits with separators, exponent, suffix, `%`, currency,
`)`; every part but the digits optional; matched against lower-cased text. The same pattern
runs in Python's `re` and, where pyarrow is installed, in RE2 (vectorised); cells are at most
`MAX_CELL_CHARS` long, so the body (whose trailing spaces are trimmed afterwards) cannot
backtrack for long."""
_CELL = re.compile(_CELL_PATTERN)
_PARTS = ("open", "s1", "c1", "s2", "body", "exp", "suffix", "pct", "c2", "close")


class NumberProblem(NamedTuple):
    """A cell [`parse_numbers`][channelvalue.io.export.numbers.parse_numbers] could not read.

    Attributes:
        position: the cell's index in the input (0-based).
        text: the cell as given (as text).
        kind: `"bad-number"`, `"mixed-currency"`, `"unknown-currency"`, `"missing-rate"` or
            `"ambiguous-share"`.
        message: what is wrong.
        hint: what would fix it (may be empty).

    Examples:
        >>> parse_numbers(["12", "twelve"]).problems[0].kind
        'bad-number'
    """

    position: int
    text: str
    kind: str
    message: str
    hint: str


@attrs.frozen
class ParsedNumbers:
    """A column of numbers read by [`parse_numbers`][channelvalue.io.export.numbers.parse_numbers].

    Attributes:
        values: one float per cell (`NaN` for a blank cell and for a cell with a problem).
        currencies: the ISO codes of the currencies the cells named, sorted.
        problems: every cell that could not be read, in order of position.

    Examples:
        >>> parsed = parse_numbers(["5", "n/a", "x"])
        >>> parsed.values.tolist(), parsed.ok
        ([5.0, nan, nan], False)
        >>> parsed.to_problems(table="export.csv", column="Revenue")[0].row
        4
    """

    values: npt.NDArray[np.float64] = attrs.field(eq=False, repr=lambda v: f"<{len(v)} values>")
    currencies: tuple[str, ...] = ()
    problems: tuple[NumberProblem, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether every cell was read (blank cells count as read).

        Examples:
            >>> parse_numbers(["1", ""]).ok
            True
        """
        return not self.problems

    def to_problems(
        self, *, table: str, column: str, rows: Sequence[int] | None = None
    ) -> tuple[Problem, ...]:
        """The problems as [`Problem`][channelvalue.Problem]s located in `table` and `column`.

        `rows[i]` is the row of cell `i` as the user counts rows in the file; by default cell
        `i` is row `i + 2` (row 1 being the header).

        Examples:
            >>> (p,) = parse_numbers(["1", "1,2,3"]).to_problems(table="t.csv", column="x")
            >>> p.row, p.kind, p.hint
            (3, 'bad-number', "did you mean '123'?")
        """
        out = []
        for problem in self.problems:
            row = rows[problem.position] if rows is not None else problem.position + 2
            out.append(
                Problem(
                    f"{table} row {row}, column {column!r}",
                    problem.message,
                    table=table,
                    row=row,
                    column=column,
                    value=problem.text,
                    kind=problem.kind,
                    hint=problem.hint,
                )
            )
        return tuple(out)


@attrs.frozen
class _Locale:
    """What parsing needs to know about a locale."""

    name: str
    group: str  # a space-like group symbol is normalised to " "
    babel_group: str  # the locale's own group symbol, for Babel
    decimal: str
    fast: str  # a plain number in this locale (a pattern for fullmatch)
    own: Mapping[str, str]  # currency symbol -> the locale's currency, where it uses it


def _babel() -> Any:
    try:
        import babel.numbers
    except ImportError:
        raise MissingDependencyError("babel", extra="import", feature="parse_numbers()") from None
    return babel.numbers


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise MissingDependencyError("pandas", extra="import", feature="parse_numbers()") from None
    return pandas


@functools.lru_cache(maxsize=64)
def _locale(name: str) -> _Locale:
    bn = _babel()
    from babel.core import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(name)
    except (UnknownLocaleError, ValueError, TypeError):
        raise ValidationError(
            "parse_numbers", "locale", name, "a locale such as 'en_US', 'de_DE' or 'fr_FR'"
        ) from None
    babel_group = bn.get_group_symbol(locale)
    mark = bn.get_decimal_symbol(locale)
    group = " " if babel_group.isspace() else babel_group
    g, d = f"[{group}]", f"[{mark}]"
    fast = f"[-+]?(?:[0-9]{{1,3}}(?:{g}[0-9]{{3}})*(?:{d}[0-9]+)?|[0-9]+(?:{d}[0-9]+)?|{d}[0-9]+)"
    own: dict[str, str] = {}
    if locale.territory:
        for code in bn.get_territory_currencies(locale.territory)[:1]:
            own[bn.get_currency_symbol(code, locale=locale).casefold()] = code
    return _Locale(str(locale), group, babel_group, mark, fast, own)


@functools.lru_cache(maxsize=1)
def _iso_codes() -> frozenset[str]:
    return frozenset(_babel().list_currencies())


def _check_rates(rates: Mapping[str, float] | None) -> dict[str, float] | None:
    if rates is None:
        return None
    if not isinstance(rates, Mapping):
        raise ValidationError(
            "parse_numbers", "rates", rates, "a mapping of currency codes to factors"
        )
    out: dict[str, float] = {}
    for code, rate in rates.items():
        if not isinstance(code, str) or code.upper() not in _iso_codes():
            raise ValidationError(
                "parse_numbers", "rates", code, "ISO 4217 currency codes such as 'USD' as keys"
            )
        if isinstance(rate, bool) or not isinstance(rate, numbers.Real):
            raise ValidationError("parse_numbers", f"rates[{code!r}]", rate, "a number > 0")
        if not (math.isfinite(float(rate)) and float(rate) > 0):
            raise ValidationError("parse_numbers", f"rates[{code!r}]", rate, "a number > 0")
        out[code.upper()] = float(rate)
    return out


def _currency(token: str, loc: _Locale) -> str:
    """The ISO code a currency token means (the token upper-cased if not a known symbol)."""
    key = token.casefold()
    if key in loc.own:
        return loc.own[key]
    if key in _SYMBOLS:
        return _SYMBOLS[key]
    return token.upper()


def parse_numbers(
    cells: Sequence[object],
    *,
    locale: str = "en_US",
    share: bool = False,
    rates: Mapping[str, float] | None = None,
) -> ParsedNumbers:
    """Read a column of cells as numbers: one float per cell, `NaN` where blank.

    Numbers (`int`, `float`, numpy numbers, `Decimal`) pass through; `bool` is refused. `None`
    and `NaN` cells are missing. Text is read as described in the
    [module][channelvalue.io.export.numbers]: separators and decimal mark of `locale`, currency
    symbols and codes, `K`/`M`/`B` suffixes, `%`, `(1,234)` negatives, blank-like tokens.

    **Currencies.** Cells without a currency are taken to be in the column's currency. When the
    cells name more than one currency and `rates` is not given, one `"mixed-currency"` problem
    lists them (the values stay unconverted). With `rates` (ISO code -> factor that converts an
    amount into the base currency, e.g. `{"USD": 1.0, "EUR": 1.1}`), every amount with a
    currency is multiplied by its rate; a currency without a rate is a `"missing-rate"` problem.
    A three-letter code that is not an ISO 4217 currency is an `"unknown-currency"` problem.

    **Shares** (`share=True`, for growth rates, margins, shares of revenue). `"19%"` is 0.19
    (as it is in any column). Plain numbers are read one way for the whole column:

    - if every plain number is between -1 and 1, they are fractions: `"0.19"` is 0.19;
    - if no plain number is strictly between -1 and 1 (zeros aside), they are percents:
      `"19"` is 0.19, `"-5"` is -0.05, `"1"` is 0.01;
    - otherwise (both kinds in one column) the column is ambiguous, and every non-zero plain
      number is an `"ambiguous-share"` problem: write them as `"19%"` or as fractions.

    A currency in a share column is a `"bad-number"` problem.

    Args:
        cells: the cells of one column, in order.
        locale: the locale whose group and decimal symbols the text uses (a Babel locale name).
        share: read the column as shares (fractions), see above.
        rates: conversion factors by currency code, see above.

    Returns:
        The values, the currencies found, and the problems (position, text, kind, message,
        hint), so a loader can report every bad cell of a file at once.

    Raises:
        ValidationError: `locale` is not a known locale, or `rates` is not a mapping of ISO
            codes to positive numbers.

    Examples:
        >>> parse_numbers(["1.234,5", "€49.800", "2,5 Mio"], locale="de_DE").values.tolist()
        [1234.5, 49800.0, 2500000.0]
        >>> parse_numbers(["19%", "19 %", "0.19", "-5%"], share=True).values.tolist()
        [0.19, 0.19, 0.19, -0.05]
        >>> parse_numbers(["19", "-5", "19%"], share=True).values.tolist()
        [0.19, -0.05, 0.19]
        >>> mixed = parse_numbers(["$10", "€10", "10"])
        >>> mixed.currencies, mixed.problems[0].kind
        (('EUR', 'USD'), 'mixed-currency')
        >>> parse_numbers(["$10", "€10", "10"], rates={"USD": 1, "EUR": 1.1}).values.tolist()
        [10.0, 11.0, 10.0]
    """
    loc = _locale(locale) if isinstance(locale, str) else _locale_error(locale)
    factors = _check_rates(rates)
    if isinstance(cells, (str, bytes)):
        raise ValidationError("parse_numbers", "cells", cells, "a sequence of cells, not text")
    items = list(cells)
    n = len(items)
    values = np.full(n, np.nan)
    problems: list[NumberProblem] = []
    text_pos: list[int] = []
    texts: list[str] = []
    all_text = all(type(cell) is str for cell in items)
    for i, cell in enumerate([] if all_text else items):
        if isinstance(cell, str):
            text_pos.append(i)
            texts.append(cell)
        elif cell is None:
            continue
        elif isinstance(cell, (bool, np.bool_)):
            problems.append(_bad(i, cell, f"got {cell!r} (a yes/no value) but expected a number"))
        elif isinstance(cell, (numbers.Real, decimal.Decimal)):
            try:
                value = float(cell)
            except (OverflowError, ValueError):
                problems.append(_bad(i, cell, "the number is too large"))
                continue
            if math.isinf(value):
                problems.append(_bad(i, cell, "got an infinite number"))
            else:
                values[i] = value  # NaN stays missing
        elif _is_missing(cell):
            continue
        else:
            problems.append(
                _bad(i, cell, f"got a {type(cell).__name__} but expected a number or text")
            )
    currency = np.full(n, "", dtype=object)
    percent = np.zeros(n, dtype=bool)
    if all_text:
        texts, positions = cast("list[str]", items), np.arange(n, dtype=np.int64)
    else:
        positions = np.asarray(text_pos, dtype=np.int64)
    if texts:
        _parse_distinct(texts, positions, loc, values, currency, percent, problems)
    bad = np.zeros(n, dtype=bool)
    bad[[p.position for p in problems]] = True
    found = sorted({c for c in currency[~bad].tolist() if c})
    if share:
        _shares(items, values, currency, percent, bad, problems)
    elif factors is not None:
        for code in found:
            where = (currency == code) & ~bad
            if code in factors:
                values[where] *= factors[code]
            else:
                for i in np.flatnonzero(where).tolist():
                    problems.append(
                        NumberProblem(
                            i,
                            _as_text(items[i]),
                            "missing-rate",
                            f"no rate for the currency {code}",
                            f"add {code!r} to rates (known: {', '.join(sorted(factors))})",
                        )
                    )
                    values[i] = np.nan
    elif len(found) > 1:
        problems.append(_mixed(items, currency, bad, found))
    problems.sort(key=lambda p: p.position)
    return ParsedNumbers(values, tuple(found), tuple(problems))


def _locale_error(locale: object) -> _Locale:
    raise ValidationError("parse_numbers", "locale", locale, "a locale name such as 'en_US'")


def _is_missing(cell: object) -> bool:
    try:
        return bool(cell != cell)  # NaN-like (pandas.NA, NaT)
    except (TypeError, ValueError):
        return False


def _as_text(cell: object) -> str:
    return cell if isinstance(cell, str) else repr(cell)


def _bad(position: int, cell: object, message: str, hint: str = "") -> NumberProblem:
    return NumberProblem(position, _as_text(cell), "bad-number", message, hint)


_HINT = "write it like '1,234.50', '$2.5M', '49K', '19%' or '(1,234)', or leave the cell blank"


def _parse_distinct(
    texts: list[str],
    positions: npt.NDArray[np.int64],
    loc: _Locale,
    values: npt.NDArray[np.float64],
    currency: npt.NDArray[Any],
    percent: npt.NDArray[np.bool_],
    problems: list[NumberProblem],
) -> None:
    """`_parse_texts`, once per distinct text when texts repeat (a column of a few hundred
    distinct amounts in 100,000 rows), the results spread back to every cell."""
    pd = _pandas()
    codes, distinct = pd.factorize(np.asarray(texts, dtype=object))
    m = len(distinct)
    if 2 * m > len(texts):  # mostly distinct: no gain
        _parse_texts(texts, positions, loc, values, currency, percent, problems)
        return
    u_values = np.full(m, np.nan)
    u_currency = np.full(m, "", dtype=object)
    u_percent = np.zeros(m, dtype=bool)
    u_problems: list[NumberProblem] = []
    unique = [str(t) for t in distinct.tolist()]
    _parse_texts(
        unique, np.arange(m, dtype=np.int64), loc, u_values, u_currency, u_percent, u_problems
    )
    values[positions] = u_values[codes]
    currency[positions] = u_currency[codes]
    percent[positions] = u_percent[codes]
    if u_problems:
        order = np.argsort(codes, kind="stable")
        cuts = np.searchsorted(codes[order], np.arange(m + 1))
        for problem in u_problems:
            u = problem.position
            for k in order[cuts[u] : cuts[u + 1]].tolist():
                problems.append(NumberProblem(int(positions[k]), texts[k], *problem[2:]))


def _parse_texts(
    texts: list[str],
    positions: npt.NDArray[np.int64],
    loc: _Locale,
    values: npt.NDArray[np.float64],
    currency: npt.NDArray[Any],
    percent: npt.NDArray[np.bool_],
    problems: list[NumberProblem],
) -> None:
    """Parse the text cells (at `positions`) into `values`, `currency` and `percent`.

    Three tiers, each on what the one before left: blank-like tokens; plain numbers of the
    locale (one vectorised full match); the full cell pattern (vectorised in RE2 where pyarrow
    is installed), whose digits are checked by the same full match or else by Babel."""
    pd = _pandas()
    arrow = _pyarrow()
    raw = pd.Series(texts, dtype="string[pyarrow]" if arrow is not None else object)
    norm = raw.str.replace(f"[{_OTHER_SPACES}]", " ", regex=True).str.strip()
    blank = norm.str.lower().isin(BLANK_TOKENS).to_numpy(dtype=bool, na_value=False)
    long = (norm.str.len() > MAX_CELL_CHARS).to_numpy(dtype=bool, na_value=False)
    for k in np.flatnonzero(long).tolist():
        problems.append(_bad(int(positions[k]), texts[k], "the text is too long for a number"))
    todo = ~blank & ~long
    plain = todo & norm.str.fullmatch(loc.fast).to_numpy(dtype=bool, na_value=False)
    if plain.any():
        values[positions[plain]] = _to_float(pd, norm[plain], loc)
    todo &= ~plain
    if not todo.any():
        return
    idx = np.flatnonzero(todo)
    parts = _extract(norm[todo].str.lower(), arrow)
    matched = parts["body"] != ""
    for k in idx[~matched].tolist():
        problems.append(_bad(int(positions[k]), texts[k], "not a number", _HINT))
    if not matched.any():
        return
    idx = idx[matched]
    parts = {name: column[matched] for name, column in parts.items()}
    body = (
        pd.Series(parts["body"], dtype=raw.dtype)
        .str.rstrip()
        .str.replace(f"[{_GROUP_CHARS}]", loc.group, regex=True)
    )
    number = np.full(len(idx), np.nan)
    fast = body.str.fullmatch(loc.fast).to_numpy(dtype=bool)
    if fast.any():
        number[fast] = _to_float(pd, body[fast], loc)
    failed = np.zeros(len(idx), dtype=bool)
    slow = np.flatnonzero(~fast).tolist()
    bodies = body.tolist()
    read = {bodies[j]: _babel_parse(bodies[j], loc) for j in slow}
    for j in slow:
        k = int(idx[j])
        outcome = read[bodies[j]]
        if isinstance(outcome, float):
            number[j] = outcome
        else:
            failed[j] = True
            problems.append(_bad(int(positions[k]), texts[k], *outcome))
    # Sign, parentheses, exponent, suffix, percent and currency of each cell.
    opened, closed = parts["open"] != "", parts["close"] != ""
    s1, s2, c1, c2 = parts["s1"], parts["s2"], parts["c1"], parts["c2"]
    negative = (opened & closed) | np.isin(s1, _MINUS) | np.isin(s2, _MINUS)
    suffix = parts["suffix"] != ""
    scale = np.ones(len(idx))
    for j in np.flatnonzero(suffix).tolist():
        scale[j] = _SUFFIXES[str(parts["suffix"][j]).lower()]
    for j in np.flatnonzero(parts["exp"] != "").tolist():
        power = int(str(parts["exp"][j])[1:])
        scale[j] = math.inf if power > 308 else float(scale[j]) * 10.0**power
    pct = parts["pct"] != ""
    named = (c1 != "") | (c2 != "")
    tokens = np.where(c1 != "", c1, c2)
    meaning = {token: _currency(token, loc) for token in set(tokens.tolist())}
    codes = np.array([meaning[t] for t in tokens.tolist()], dtype=object)
    malformed = (
        (opened != closed)
        | ((s1 != "") & (s2 != ""))
        | ((c1 != "") & (c2 != ""))
        | (pct & (suffix | named))
    )
    iso = _iso_codes()
    unknown = named & np.array([meaning[t] not in iso for t in tokens.tolist()], dtype=bool)
    with np.errstate(over="ignore", invalid="ignore"):
        result = number * scale
    result = np.where(negative, -np.abs(result), result)
    result = np.where(pct, result / 100.0, result)
    for j in np.flatnonzero((malformed | unknown) & ~failed).tolist():
        k = int(idx[j])
        if malformed[j]:
            problems.append(_bad(int(positions[k]), texts[k], "not a number", _HINT))
        else:
            problems.append(
                NumberProblem(
                    int(positions[k]),
                    texts[k],
                    "unknown-currency",
                    f"unknown currency {codes[j]!r}",
                    "use an ISO 4217 code such as 'USD', 'EUR' or 'GBP', or a symbol such as '$'",
                )
            )
    good = ~(malformed | unknown | failed)
    finite = good & np.isfinite(result)
    for k in idx[good & ~finite].tolist():
        problems.append(_bad(int(positions[k]), texts[k], "the number is too large"))
    target = positions[idx[finite]]
    values[target] = result[finite]
    currency[target] = codes[finite]
    percent[target] = pct[finite]


def _pyarrow() -> Any:
    """`pyarrow.compute`, or `None` when pyarrow is not installed (the pure-Python path)."""
    try:
        return importlib.import_module("pyarrow.compute")
    except ImportError:  # pragma: no cover - pyarrow comes with the data extra
        return None


def _to_float(pd: Any, texts: Any, loc: _Locale) -> npt.NDArray[np.float64]:
    """Plain numbers of the locale (matched by `loc.fast`) as floats."""
    digits = texts.str.replace(loc.group, "", regex=False)
    if loc.decimal != ".":
        digits = digits.str.replace(loc.decimal, ".", regex=False)
    out: npt.NDArray[np.float64] = pd.to_numeric(digits, errors="coerce").to_numpy(
        dtype=float, na_value=np.nan
    )
    return out


def _extract(texts: Any, arrow: Any) -> dict[str, npt.NDArray[Any]]:
    """The parts of `_CELL` in every text, `""` where a part (or the whole match) is absent."""
    if arrow is not None:
        pa = importlib.import_module("pyarrow")
        array = pa.array(texts.to_numpy(dtype=object), type=pa.string())
        found = arrow.extract_regex(array, "(?i)" + _CELL_PATTERN)
        return {
            name: found.field(name).fill_null("").to_numpy(zero_copy_only=False).astype(object)
            for name in _PARTS
        }
    rows = [m.groupdict("") if (m := _CELL.match(t)) else {} for t in texts.tolist()]
    return {name: np.array([row.get(name, "") for row in rows], dtype=object) for name in _PARTS}


def _babel_parse(body: str, loc: _Locale) -> float | tuple[str, str]:
    """Digits that are not a plain number of the locale, read by Babel (strictly), or the
    message and hint saying why not."""
    bn = _babel()
    try:
        given = body.replace(loc.group, loc.babel_group)
        return float(bn.parse_decimal(given, locale=loc.name, strict=True))
    except bn.NumberFormatError as err:
        tried = [s for s in getattr(err, "suggestions", None) or [] if s]
        hint = (
            "did you mean " + " or ".join(repr(s) for s in tried) + "?"
            if tried
            else f"the {loc.name} locale groups digits with {loc.babel_group!r} and marks "
            f"decimals with {loc.decimal!r}"
        )
        return (f"not a number in the {loc.name} locale", hint)
    except (ValueError, ArithmeticError):
        return ("not a number", _HINT)


def _shares(
    items: list[object],
    values: npt.NDArray[np.float64],
    currency: npt.NDArray[Any],
    percent: npt.NDArray[np.bool_],
    bad: npt.NDArray[np.bool_],
    problems: list[NumberProblem],
) -> None:
    """Apply the column rule for plain numbers of a share column (see `parse_numbers`)."""
    for i in np.flatnonzero((currency != "") & ~bad).tolist():
        problems.append(
            _bad(i, items[i], "a currency amount is not a share", "write '19%' or 0.19")
        )
        values[i] = np.nan
    plain = ~percent & ~bad & (currency == "") & np.isfinite(values) & (values != 0)
    if not plain.any():
        return
    size = np.abs(values[plain])
    if size.max() <= 1:
        return  # fractions (|x| <= 1 throughout)
    if not (size < 1).any():
        values[plain] /= 100.0  # percents (no plain number strictly inside (-1, 1))
        return
    for i in np.flatnonzero(plain).tolist():
        problems.append(
            NumberProblem(
                i,
                _as_text(items[i]),
                "ambiguous-share",
                "the column mixes fractions (such as 0.19) and percents (such as 19)",
                "write percents with a % sign ('19%') or every share as a fraction (0.19)",
            )
        )
        values[i] = np.nan


def _mixed(
    items: list[object],
    currency: npt.NDArray[Any],
    bad: npt.NDArray[np.bool_],
    found: list[str],
) -> NumberProblem:
    """One problem for a column mixing currencies, at the first cell of the second currency."""
    ok = ~bad & (currency != "")
    first = {code: int(np.flatnonzero(ok & (currency == code))[0]) for code in found}
    counts = {code: int((ok & (currency == code)).sum()) for code in found}
    second = sorted(first.values())[1]
    listed = ", ".join(
        f"{code} ({counts[code]:,} cell{'s' if counts[code] != 1 else ''})" for code in found
    )
    example = ", ".join(f"{code!r}: ..." for code in found)
    return NumberProblem(
        second,
        _as_text(items[second]),
        "mixed-currency",
        f"the column mixes currencies: {listed}",
        f"pass rates={{{example}}} to convert them into one currency",
    )


def parse_number(
    text: object,
    *,
    locale: str = "en_US",
    share: bool = False,
    rates: Mapping[str, float] | None = None,
) -> float:
    """One cell read as [`parse_numbers`][channelvalue.io.export.numbers.parse_numbers] reads a
    column; a blank cell gives `NaN`.

    With `share=True` a lone plain number is a fraction when it lies in [-1, 1] and a percent
    otherwise (the column rule applied to a column of one).

    Raises:
        ValidationError: the cell is not a number (the message says why and how to write it).

    Examples:
        >>> parse_number("USD 2.5M"), parse_number("(1,234)"), parse_number("19 %", share=True)
        (2500000.0, -1234.0, 0.19)
        >>> parse_number("n/a")
        nan
        >>> parse_number("1,23")
        Traceback (most recent call last):
        ...
        channelvalue.errors.ValidationError: parse_number.text: got '1,23' but expected a number \
(not a number in the en_US locale; did you mean '123' or '1.23'?)
    """
    parsed = parse_numbers([text], locale=locale, share=share, rates=rates)
    if parsed.problems:
        problem = parsed.problems[0]
        hint = f"; {problem.hint}" if problem.hint else ""
        raise ValidationError("parse_number", "text", text, f"a number ({problem.message}{hint})")
    return float(parsed.values[0])
