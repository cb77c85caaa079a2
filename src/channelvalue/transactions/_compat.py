"""Compatibility of the installed engines with each other.

ibis 12.0 calls `fetch_arrow_table()` and `fetch_record_batch()` on DuckDB *connections*
(after `execute`); duckdb 2.0 removed both from connections (their replacements are
`to_arrow_table()` and `to_arrow_reader()`). ibis fixed this upstream (ibis-project/ibis pull
request 12001, "switch deprecated .fetch_arrow_table() to .to_arrow_table()"), not yet in a
release. Until it is, [`duckdb_compat`][channelvalue.transactions._compat.duckdb_compat] adds the
two old names back to the connection class, as thin aliases of the new ones, when and only
when they are missing. It changes nothing with duckdb < 2 or a fixed ibis.

Likewise sqlglot 30 names the object of a `DROP` statement `tables`, where ibis 12 still
passes `this`: `DROP TABLE IF EXISTS` then comes out without a name (so `drop_table`,
`create_table(overwrite=True)` and the release of `Table.cache()` fail). The same function
makes sqlglot's generator read `this` as the table when `tables` is empty, and only then.
"""

from __future__ import annotations

import warnings
from typing import Any

__all__ = ["duckdb_compat"]

_DONE: list[bool] = []


def _fetch_arrow_table(self: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "makes an extra copy": as it did before
        return self.to_arrow_table()


def _fetch_record_batch(self: Any, rows_per_batch: int = 1_000_000) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return self.to_arrow_reader(rows_per_batch)


def duckdb_compat() -> None:
    """Give DuckDB connections the two methods ibis still calls, if they lack them (once).

    Examples:
        >>> duckdb_compat()
        >>> import sqlglot as sg, sqlglot.expressions as sge
        >>> sge.Drop(kind="TABLE", this=sg.table("t"), exists=True).sql("duckdb")
        'DROP TABLE IF EXISTS t'
        >>> import duckdb
        >>> hasattr(duckdb.DuckDBPyConnection, "fetch_arrow_table")
        True
    """
    if _DONE:
        return
    _DONE.append(True)
    try:
        import duckdb
    except ImportError:  # pragma: no cover - the data extra brings it
        return
    cls = duckdb.DuckDBPyConnection
    for name, impl in (
        ("fetch_arrow_table", _fetch_arrow_table),
        ("fetch_record_batch", _fetch_record_batch),
    ):
        if not hasattr(cls, name):
            setattr(cls, name, impl)
    _sqlglot_drop()


def _sqlglot_drop() -> None:
    try:
        import sqlglot.expressions as sge
        from sqlglot.generator import Generator
    except ImportError:  # pragma: no cover - ibis brings it
        return
    if "this" in sge.Drop.arg_types or "tables" not in sge.Drop.arg_types:
        return  # a sqlglot that reads `this` itself
    original = Generator.drop_sql

    def drop_sql(self: Any, expression: Any) -> str:
        this = expression.args.get("this")
        if this is not None and not expression.args.get("tables"):
            expression = expression.copy()
            expression.set("tables", [this])
        return str(original(self, expression))

    Generator.drop_sql = drop_sql  # type: ignore[method-assign]
