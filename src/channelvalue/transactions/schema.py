"""The five transaction tables: their columns, types and meaning, declared once.

Channel data arrives as lines: what a vendor or distributor sold *into* a partner
(`sell_in`), what the partner sold *through* to its customers (`sell_through`, the
point-of-sale report), what it holds (`inventory` snapshots), what it claims from the
programmes (`claims`: MDF, co-op, rebates) and the deals it registers (`deals`).

[`TABLES`][channelvalue.transactions.schema.TABLES] maps each table name to its ordered
[`Column`][channelvalue.transactions.schema.Column]s; everything else here is derived from it:
the Arrow schemas ([`arrow_schema`][channelvalue.transactions.schema.arrow_schema], also
`SCHEMAS`), the ibis schemas ([`ibis_schema`][channelvalue.transactions.schema.ibis_schema])
and the validation of a table ([`validate_table`][channelvalue.transactions.schema.
validate_table]). Readers (files, X12) produce these tables; the store
([`ChannelData`][channelvalue.transactions.store.ChannelData]) keeps them; the metrics read them.

Types are the six names of [`TYPES`][channelvalue.transactions.schema.TYPES]: `date` (a
calendar day), `str`, `float64`, `bool`, and, for columns with a closed vocabulary, the allowed
values in `Column.values`. A nullable column may hold nulls; the others never do.

This module imports no optional package: `SCHEMAS` (Arrow) is built on first access and needs
the `data` extra (`pip install 'channelvalue[data]'`).

Examples:
    >>> from channelvalue.transactions.schema import TABLES, columns
    >>> list(TABLES)
    ['sell_in', 'sell_through', 'inventory', 'claims', 'deals']
    >>> columns("inventory")
    ('date', 'partner', 'product', 'on_hand', 'source')
    >>> TABLES["claims"][3].values
    ('mdf', 'coop', 'rebate')
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import attrs

from ..errors import DocumentError, MissingDependencyError, Problem, ValidationError

__all__ = [
    "CLAIM_KINDS",
    "CLAIM_STATUSES",
    "DEAL_STATUSES",
    "SCHEMAS",
    "TABLES",
    "TYPES",
    "Column",
    "arrow_schema",
    "columns",
    "ibis_schema",
    "validate_table",
]

TYPES: Final = ("date", "str", "float64", "bool")
"""The column types: a calendar day, text, a 64-bit float, a boolean."""

CLAIM_KINDS: Final = ("mdf", "coop", "rebate")
"""What a claim is for: market development funds, co-op advertising, a rebate."""
CLAIM_STATUSES: Final = ("submitted", "approved", "paid", "rejected")
"""Where a claim stands; only `paid` claims count as money paid out."""
DEAL_STATUSES: Final = ("registered", "won", "lost", "expired")
"""Where a registered deal stands; the win rate is won / (won + lost + expired)."""


@attrs.frozen(slots=True)
class Column:
    """One column of a transaction table.

    Attributes:
        name: the column name (snake case).
        type: one of [`TYPES`][channelvalue.transactions.schema.TYPES].
        meaning: what the column holds, for people.
        nullable: whether nulls are allowed.
        values: for a `str` column with a closed vocabulary, the allowed values (else empty).

    Examples:
        >>> Column("on_hand", "float64", "units held").nullable
        False
    """

    name: str
    type: str = attrs.field(validator=attrs.validators.in_(TYPES))
    meaning: str
    nullable: bool = attrs.field(default=False, kw_only=True)
    values: tuple[str, ...] = attrs.field(default=(), kw_only=True)


def _c(name: str, type: str, meaning: str, **kw: Any) -> Column:
    return Column(name, type, meaning, **kw)


_DATE = _c("date", "date", "the day of the transaction, report or snapshot")
_PRODUCT = _c("product", "str", "the product id (SKU) as the steward knows it")
_QUANTITY = _c("quantity", "float64", "units; negative only on a return line")
_AMOUNT = _c("amount", "float64", "money at the line's price (negative on a return)")
_RETURN = _c("is_return", "bool", "whether the line is a return")
_DOCUMENT = _c(
    "document", "str", "the invoice / report / X12 document id the line came from", nullable=True
)
_SOURCE = _c("source", "str", "where the line was loaded from (file, feed or document)")
_PARTNER = _c("partner", "str", "the organization id of the reporting partner")

TABLES: Final[Mapping[str, tuple[Column, ...]]] = {
    "sell_in": (
        _DATE,
        _c("seller", "str", "organization id of the seller (the vendor or a distributor)"),
        _c("buyer", "str", "organization id of the buying partner"),
        _PRODUCT,
        _QUANTITY,
        _AMOUNT,
        _RETURN,
        _DOCUMENT,
        _SOURCE,
    ),
    "sell_through": (
        _DATE,
        _PARTNER,
        _PRODUCT,
        _QUANTITY,
        _AMOUNT,
        _RETURN,
        _c("segment", "str", "the end customer's segment, where known", nullable=True),
        _c("region", "str", "the end customer's region, where known", nullable=True),
        _c("customer", "str", "the end customer's name or id, where known", nullable=True),
        _DOCUMENT,
        _SOURCE,
    ),
    "inventory": (
        _c("date", "date", "the day of the snapshot"),
        _PARTNER,
        _PRODUCT,
        _c("on_hand", "float64", "units on hand at the partner that day"),
        _SOURCE,
    ),
    "claims": (
        _c("date", "date", "the day the claim was filed (or last changed status)"),
        _PARTNER,
        _c("programme", "str", "the programme claimed from (e.g. 'MDF 2026 H1')"),
        _c("kind", "str", "what the claim is for", values=CLAIM_KINDS),
        _c("amount", "float64", "the money claimed"),
        _c("status", "str", "where the claim stands", values=CLAIM_STATUSES),
        _c(
            "earned",
            "float64",
            "the money the partner had earned under the programme, where known",
            nullable=True,
        ),
        _SOURCE,
    ),
    "deals": (
        _c("date", "date", "the day the deal was registered (or last changed status)"),
        _PARTNER,
        _c("customer", "str", "the end customer of the deal"),
        _c("value", "float64", "the expected deal value"),
        _c("status", "str", "where the deal stands", values=DEAL_STATUSES),
        _SOURCE,
    ),
}
"""Each table's ordered columns (see the [guide](../guides/transactions.md))."""


def _known(table: str) -> tuple[Column, ...]:
    try:
        return TABLES[table]
    except (KeyError, TypeError):
        raise ValidationError(
            "transaction table", "name", table, "one of " + ", ".join(map(repr, TABLES))
        ) from None


def columns(table: str) -> tuple[str, ...]:
    """The ordered column names of `table`.

    Examples:
        >>> columns("deals")
        ('date', 'partner', 'customer', 'value', 'status', 'source')
        >>> columns("orders")
        Traceback (most recent call last):
        ...
        channelvalue.errors.ValidationError: transaction table.name: got 'orders' but expected \
one of 'sell_in', 'sell_through', 'inventory', 'claims', 'deals'
    """
    return tuple(c.name for c in _known(table))


# --------------------------------------------------------------------------- engines
def _require(module: str, feature: str) -> Any:
    """`pyarrow`, `pyarrow.compute` or `ibis`, or a `MissingDependencyError` (extra `data`)."""
    try:
        if module == "ibis":
            import ibis

            return ibis
        import pyarrow
        import pyarrow.compute

        return pyarrow.compute if module == "pyarrow.compute" else pyarrow
    except ImportError:
        raise MissingDependencyError(module.split(".")[0], extra="data", feature=feature) from None


def arrow_schema(table: str) -> Any:
    """The `pyarrow.Schema` of `table` (needs the `data` extra).

    Examples:
        >>> print(arrow_schema("inventory"))
        date: date32[day] not null
        partner: string not null
        product: string not null
        on_hand: double not null
        source: string not null
    """
    pa = _require("pyarrow", "transaction tables")
    kinds = {"date": pa.date32(), "str": pa.string(), "float64": pa.float64(), "bool": pa.bool_()}
    return pa.schema([pa.field(c.name, kinds[c.type], c.nullable) for c in _known(table)])


def ibis_schema(table: str) -> Any:
    """The `ibis.Schema` of `table` (needs the `data` extra).

    Examples:
        >>> ibis_schema("deals")["value"]
        Float64(nullable=False)
    """
    ibis = _require("ibis", "transaction tables")
    kinds = {"date": "date", "str": "string", "float64": "float64", "bool": "boolean"}
    return ibis.schema({c.name: ("" if c.nullable else "!") + kinds[c.type] for c in _known(table)})


def __getattr__(name: str) -> Any:
    if name == "SCHEMAS":
        return {t: arrow_schema(t) for t in TABLES}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


SCHEMAS: dict[str, Any]
"""The `pyarrow.Schema` of each table, built on first access (needs the `data` extra)."""


# ------------------------------------------------------------------------ validation
def _arrow_kind(pa: Any, t: Any) -> str | None:
    """The schema type an Arrow type stands for, or `None`."""
    if pa.types.is_date(t) or pa.types.is_timestamp(t):
        return "date"
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t):
        return "str"
    if pa.types.is_dictionary(t):
        return _arrow_kind(pa, t.value_type)
    if pa.types.is_floating(t) or pa.types.is_integer(t) or pa.types.is_decimal(t):
        return "float64"
    if pa.types.is_boolean(t):
        return "bool"
    if pa.types.is_null(t):
        return "null"
    return None


def _ibis_kind(t: Any) -> str | None:
    if t.is_date() or t.is_timestamp():
        return "date"
    if t.is_string():
        return "str"
    if t.is_floating() or t.is_integer() or t.is_decimal():
        return "float64"
    if t.is_boolean():
        return "bool"
    if t.is_null():
        return "null"
    return None


def _problem(table: str, column: str | None, message: str, kind: str, **kw: Any) -> Problem:
    where = f"{table}, column {column!r}" if column else table
    return Problem(where, message, table=table, column=column, kind=kind, **kw)


def validate_table(name: str, table: Any, *, label: str | None = None) -> Any:
    """Check `table` against the schema of `name` and return it conformed to that schema.

    `table` is a `pyarrow.Table`, a `pandas.DataFrame` or an `ibis` table expression. Every
    column of the schema must be there with a compatible type (integers and decimals are
    read as `float64`, timestamps as dates, any string type as `str`); extra columns are
    dropped, and the result has exactly the schema's columns in its order.

    A `pyarrow` or `pandas` input is also checked value by value (nulls in a non-nullable
    column, values outside a closed vocabulary such as a claim's `status`) and returned as a
    `pyarrow.Table` with the schema of [`arrow_schema`][channelvalue.transactions.schema.
    arrow_schema]; an ibis input is checked on its schema only and returned as an ibis
    expression casting to [`ibis_schema`][channelvalue.transactions.schema.ibis_schema]
    (its values are checked by the store, in the engine, when loaded).

    Raises:
        DocumentError: every problem at once (missing columns, wrong types, bad values), each
            naming the table (`label`, default `name`), the column and, for values, the
            first row and the count.

    Examples:
        >>> import pyarrow as pa, datetime as dt
        >>> t = pa.table({"date": [dt.date(2026, 1, 31)], "partner": ["r1"], "product": ["p"],
        ...               "on_hand": [12], "source": ["feed"], "note": ["x"]})
        >>> validate_table("inventory", t).column_names
        ['date', 'partner', 'product', 'on_hand', 'source']
        >>> validate_table("inventory", t.drop(["on_hand"]))
        Traceback (most recent call last):
        ...
        channelvalue.errors.DocumentError: transaction table 'inventory':
          inventory, column 'on_hand': missing column (expected float64: ...) ...
    """
    cols = _known(name)
    label = label or name
    if _is_ibis(table):
        return _validate_ibis(name, cols, table, label)
    pa = _require("pyarrow", "transaction tables")
    if not isinstance(table, pa.Table):
        if type(table).__name__ == "DataFrame" and hasattr(table, "to_dict"):
            table = pa.Table.from_pandas(table, preserve_index=False)
        else:
            raise ValidationError(
                label,
                "table",
                type(table).__name__,
                "a pyarrow Table, pandas DataFrame or ibis table",
            )
    return _validate_arrow(name, cols, table, label, pa)


def _is_ibis(table: Any) -> bool:
    mod = type(table).__module__
    return mod.startswith("ibis.")


def _type_problems(
    cols: tuple[Column, ...], found: Mapping[str, str | None], raw: Mapping[str, Any], label: str
) -> list[Problem]:
    problems: list[Problem] = []
    for c in cols:
        if c.name not in found:
            problems.append(
                _problem(
                    label,
                    c.name,
                    f"missing column (expected {c.type}: {c.meaning})",
                    "missing-column",
                    hint="columns are: " + ", ".join(x.name for x in cols),
                )
            )
            continue
        kind = found[c.name]
        if kind in (c.type, "null"):  # an all-null column: its nulls are checked as values
            continue
        problems.append(
            _problem(
                label,
                c.name,
                f"got type {raw[c.name]} but expected {c.type}",
                "wrong-type",
                value=str(raw[c.name]),
            )
        )
    return problems


def _validate_ibis(name: str, cols: tuple[Column, ...], table: Any, label: str) -> Any:
    schema = table.schema()
    found = {n: _ibis_kind(t) for n, t in schema.items()}
    problems = _type_problems(cols, found, dict(schema.items()), label)
    if problems:
        raise DocumentError(problems, title=f"transaction table {label!r}")
    target = ibis_schema(name)
    return table.select(
        [table[c.name].cast(target[c.name].copy(nullable=True)).name(c.name) for c in cols]
    )


def _validate_arrow(name: str, cols: tuple[Column, ...], table: Any, label: str, pa: Any) -> Any:
    pc = _require("pyarrow.compute", "transaction tables")
    found = {f.name: _arrow_kind(pa, f.type) for f in table.schema}
    raw = {f.name: f.type for f in table.schema}
    problems = _type_problems(cols, found, raw, label)
    if problems:
        raise DocumentError(problems, title=f"transaction table {label!r}")
    target = arrow_schema(name)
    arrays = []
    for c, field in zip(cols, target, strict=True):
        col = table.column(c.name)
        if pa.types.is_dictionary(col.type):
            col = col.cast(col.type.value_type)
        if pa.types.is_timestamp(col.type):
            col = pc.cast(col, pa.date32())
        col = col.cast(field.type)
        if not c.nullable and col.null_count:
            first = pc.index(pc.is_null(col), True).as_py()
            problems.append(
                _problem(
                    label,
                    c.name,
                    f"{col.null_count} empty value(s); the first is on data row {first + 1}",
                    "missing-value",
                    row=first + 1,
                )
            )
        if c.values:
            bad = pc.invert(pc.is_in(col, value_set=pa.array(c.values)))
            bad = pc.and_kleene(bad, pc.is_valid(col))
            count = pc.sum(bad).as_py() or 0
            if count:
                first = pc.index(bad, True).as_py()
                value = col[first].as_py()
                problems.append(
                    _problem(
                        label,
                        c.name,
                        f"{count} value(s) outside the vocabulary, the first {value!r} on data"
                        f" row {first + 1}; expected one of " + ", ".join(map(repr, c.values)),
                        "unknown-term",
                        row=first + 1,
                        value=value,
                    )
                )
        if c.type == "float64":
            bad = pc.invert(pc.is_finite(col))
            count = pc.sum(bad).as_py() or 0
            if count:
                first = pc.index(bad, True).as_py()
                problems.append(
                    _problem(
                        label,
                        c.name,
                        f"{count} value(s) not finite, the first on data row {first + 1}",
                        "bad-number",
                        row=first + 1,
                        value=col[first].as_py(),
                    )
                )
        arrays.append(col)
    if problems:
        raise DocumentError(problems, title=f"transaction table {label!r}")
    return pa.Table.from_arrays(arrays, schema=target)
