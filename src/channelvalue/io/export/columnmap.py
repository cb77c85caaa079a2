"""A saved column map: what each header of an export means, to reuse next month.

[`read_export`][channelvalue.io.read_export] reports the mapping it used as a
[`ColumnMap`][channelvalue.io.ColumnMap] (`report.column_map`). Save it (TOML or JSON), edit it if
you like, and pass it back as `columns=` so the next import of the same export is one line:

```toml
# channelvalue column map
[columns]
"Account Name" = "name"
"Partner Type" = "role"
"Notes" = "ignore"

[terms.role]
"Referral" = "agent"

[options]
locale = "de_DE"
steward = "Acme Networks"

[rates]
"USD" = 1.0
"EUR" = 1.08
```

`columns` maps each header as written to a target (see `channelvalue.io.export.headers`);
`terms` adds spellings to the vocabulary (`{category: {term: canonical}}`); `options` holds
the `locale`, `currency` and `steward`, and `rates` the currency rates, to use when the call
does not give them.

Examples:
    >>> m = ColumnMap({"Acct": "name", "Type": "role"}, terms={"role": {"Referral": "agent"}})
    >>> ColumnMap.from_toml(m.to_toml()) == m, ColumnMap.from_json(m.to_json()) == m
    (True, True)
"""

from __future__ import annotations

import json
import math
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from ..._files import as_path, file_errors, write_file
from ...errors import DocumentError, Problem, ValidationError, WrongTypeError
from ...model._frozen import FrozenMap
from ..vocabulary import CATEGORIES
from .headers import TARGETS, is_target

__all__ = ["ColumnMap"]

_OPTIONS = ("locale", "currency", "steward")


def _columns(value: Any) -> FrozenMap[str, str]:
    if not isinstance(value, Mapping):
        raise ValidationError("ColumnMap", "columns", value, "a mapping of header to target")
    out: dict[str, str] = {}
    for header, target in value.items():
        if type(header) is not str:
            raise ValidationError("ColumnMap", "columns", header, "headers that are strings")
        if target is None:
            target = "ignore"
        if type(target) is not str or not is_target(target):
            valid = ", ".join((*TARGETS, "attribute.<key>", "ignore"))
            raise ValidationError("ColumnMap", f"columns[{header!r}]", target, f"one of {valid}")
        out[" ".join(header.split())] = target
    return FrozenMap(out)


def _terms(value: Any) -> FrozenMap[str, FrozenMap[str, str]]:
    if not isinstance(value, Mapping):
        raise ValidationError(
            "ColumnMap", "terms", value, "a mapping {category: {term: canonical}}"
        )
    out: dict[str, FrozenMap[str, str]] = {}
    for category, table in value.items():
        if category not in CATEGORIES:
            valid = ", ".join(CATEGORIES)
            raise ValidationError("ColumnMap", "terms", category, f"a category among {valid}")
        if not isinstance(table, Mapping) or not all(
            type(k) is str and type(v) is str for k, v in table.items()
        ):
            raise ValidationError(
                "ColumnMap", f"terms[{category!r}]", table, "a mapping of term to canonical term"
            )
        valid_values = {m.value for m in CATEGORIES[category]}
        for term, canonical in table.items():
            if canonical not in valid_values:
                shown = ", ".join(sorted(valid_values))
                raise ValidationError(
                    "ColumnMap", f"terms[{category!r}][{term!r}]", canonical, f"one of {shown}"
                )
        out[category] = FrozenMap(dict(table))
    return FrozenMap(out)


def _rates(value: Any) -> FrozenMap[str, float]:
    if not isinstance(value, Mapping):
        raise ValidationError("ColumnMap", "rates", value, "a mapping of currency code to rate")
    out: dict[str, float] = {}
    for code, rate in value.items():
        if type(code) is not str or not code:
            raise ValidationError("ColumnMap", "rates", code, "currency codes such as 'EUR'")
        if isinstance(rate, bool) or not isinstance(rate, int | float):
            raise ValidationError("ColumnMap", f"rates[{code!r}]", rate, "a number > 0")
        x = float(rate)
        if not math.isfinite(x) or x <= 0:
            raise ValidationError("ColumnMap", f"rates[{code!r}]", rate, "a number > 0")
        out[code] = x
    return FrozenMap(out)


def _option(value: Any) -> str | None:
    if value is not None and (type(value) is not str or not value):
        raise ValidationError("ColumnMap", "option", value, "a non-empty string or None")
    return value


@attrs.frozen
class ColumnMap:
    """What each header of an export means, plus extra terms and default options.

    Attributes:
        columns: header as written -> target (`"name"`, `"revenue"`, `"attribute.nps"`,
            `"ignore"`, ...).
        terms: extra vocabulary spellings, `{category: {term: canonical}}` (e.g.
            `{"role": {"Referral": "agent"}}`).
        locale: the number locale to use when `read_export` is not given one.
        currency: the currency of amounts, when `read_export` is not given one.
        steward: the steward (name or id), when `read_export` is not given one.
        rates: currency rates (`{"USD": 1.0, "EUR": 1.08}`: the factor that converts an amount
            into the base currency), when `read_export` is not given any.

    Examples:
        >>> ColumnMap({"Acct": "nam"})
        Traceback (most recent call last):
        ...
        channelvalue.errors.ValidationError: ColumnMap.columns['Acct']: got 'nam' but ...
    """

    columns: FrozenMap[str, str] = attrs.field(factory=FrozenMap, converter=_columns)
    terms: FrozenMap[str, FrozenMap[str, str]] = attrs.field(
        factory=FrozenMap, converter=_terms, kw_only=True
    )
    locale: str | None = attrs.field(default=None, converter=_option, kw_only=True)
    currency: str | None = attrs.field(default=None, converter=_option, kw_only=True)
    steward: str | None = attrs.field(default=None, converter=_option, kw_only=True)
    rates: FrozenMap[str, float] = attrs.field(factory=FrozenMap, converter=_rates, kw_only=True)

    # ---------------------------------------------------------------- data
    def to_dict(self) -> dict[str, Any]:
        """The map as plain data (`columns`, `terms`, `options`, and `rates` when there are
        any).

        Examples:
            >>> ColumnMap({"Acct": "name"}, locale="de_DE").to_dict()
            {'columns': {'Acct': 'name'}, 'terms': {}, 'options': {'locale': 'de_DE'}}
        """
        options = {k: getattr(self, k) for k in _OPTIONS if getattr(self, k) is not None}
        out: dict[str, Any] = {
            "columns": dict(self.columns),
            "terms": {k: dict(v) for k, v in self.terms.items()},
            "options": options,
        }
        if self.rates:
            out["rates"] = dict(self.rates)
        return out

    @classmethod
    def from_dict(cls, data: Any) -> ColumnMap:
        """A map from plain data as [`to_dict`][channelvalue.io.ColumnMap.to_dict] gives it;
        a flat `{header: target}` mapping is read as the `columns`.

        Examples:
            >>> ColumnMap.from_dict({"Acct": "name"}).columns["Acct"]
            'name'
        """
        if isinstance(data, ColumnMap):
            return data
        if not isinstance(data, Mapping):
            raise WrongTypeError("ColumnMap.from_dict", data, "a mapping")
        sections = {"columns", "terms", "options", "rates"}
        if not (sections & set(data)):
            return cls(data)
        extra = set(data) - sections
        if extra:
            raise ValidationError(
                "ColumnMap", "sections", sorted(extra), "only columns, terms, options and rates"
            )
        options = data.get("options", {})
        if not isinstance(options, Mapping) or set(options) - set(_OPTIONS):
            raise ValidationError(
                "ColumnMap", "options", options, f"a mapping with keys among {', '.join(_OPTIONS)}"
            )
        return cls(
            data.get("columns", {}),
            terms=data.get("terms", {}),
            rates=data.get("rates", {}),
            **options,
        )

    # ---------------------------------------------------------------- text
    def to_json(self) -> str:
        """The map as JSON text.

        Examples:
            >>> print(ColumnMap({"Acct": "name"}).to_json().splitlines()[1])
              "columns": {
        """
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str | bytes) -> ColumnMap:
        """A map from JSON text.

        Raises:
            DocumentError: not JSON.
            ValidationError: an unknown target, category or option.
        """
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as err:
            raise DocumentError(
                [Problem("column map", f"not JSON: {err}", kind="bad-column-map")]
            ) from None
        return cls.from_dict(data)

    def to_toml(self) -> str:
        """The map as TOML text (every key and value a quoted string).

        Examples:
            >>> print(ColumnMap({'Revenue "USD"': "revenue"}).to_toml())
            # channelvalue column map: header = target
            [columns]
            "Revenue \\"USD\\"" = "revenue"
            <BLANKLINE>
        """
        lines = ["# channelvalue column map: header = target", "[columns]"]
        lines += [f"{_toml_string(h)} = {_toml_string(t)}" for h, t in self.columns.items()]
        for category, table in self.terms.items():
            lines += ["", f"[terms.{category}]"]
            lines += [f"{_toml_string(k)} = {_toml_string(v)}" for k, v in table.items()]
        options = {k: getattr(self, k) for k in _OPTIONS if getattr(self, k) is not None}
        if options:
            lines += ["", "[options]"]
            lines += [f"{k} = {_toml_string(v)}" for k, v in options.items()]
        if self.rates:
            lines += ["", "[rates]"]
            lines += [f"{_toml_string(k)} = {v!r}" for k, v in self.rates.items()]
        return "\n".join(lines) + "\n"

    @classmethod
    def from_toml(cls, text: str) -> ColumnMap:
        """A map from TOML text.

        Raises:
            DocumentError: not TOML.
            ValidationError: an unknown target, category or option.
        """
        try:
            data = tomllib.loads(text)
        except (tomllib.TOMLDecodeError, RecursionError) as err:
            raise DocumentError(
                [Problem("column map", f"not TOML: {err}", kind="bad-column-map")]
            ) from None
        return cls.from_dict(data)

    # ---------------------------------------------------------------- files
    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the map to `path`: TOML for `.toml`, JSON for `.json` (atomically).

        Examples:
            >>> import tempfile, pathlib
            >>> p = pathlib.Path(tempfile.mkdtemp()) / "map.toml"
            >>> ColumnMap({"Acct": "name"}).save(p)
            >>> ColumnMap.load(p).columns["Acct"]
            'name'
        """
        p = as_path(path, "ColumnMap.save(path=...)")
        suffix = p.suffix.lower()
        if suffix not in (".toml", ".json"):
            raise ValidationError(
                "ColumnMap.save", "path", str(p), "a path ending in .toml or .json"
            )
        text = self.to_toml() if suffix == ".toml" else self.to_json()
        write_file(p, text.encode("utf-8"), where="ColumnMap.save(path=...)")

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> ColumnMap:
        """Read a map saved by [`save`][channelvalue.io.ColumnMap.save] (`.toml` or `.json`;
        another suffix is tried as TOML).

        Raises:
            FileError: the file cannot be read.
            DocumentError: it is not TOML / JSON.
            ValidationError: an unknown target, category or option.
        """
        p = as_path(path, "ColumnMap.load(path=...)")
        with file_errors(p, "read"):
            raw = Path(p).read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DocumentError(
                [Problem(str(p), "not UTF-8 text", kind="bad-column-map")]
            ) from None
        if p.suffix.lower() == ".json":
            return cls.from_json(text)
        return cls.from_toml(text)


def _toml_string(text: str) -> str:
    """`text` as a TOML basic string (quotes, backslashes and control characters escaped).

    Examples:
        >>> _toml_string('a"b\\\\c\\n')
        '"a\\\\"b\\\\\\\\c\\\\n"'
    """
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif code < 0x20 or code == 0x7F or 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)
