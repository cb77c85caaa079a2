"""Compatibility of the installed engines with each other.

ibis 12.0 calls `fetch_arrow_table()` and `fetch_record_batch()` on DuckDB *connections*
(after `execute`); duckdb 2.0 removed both from connections (their replacements are
`to_arrow_table()` and `to_arrow_reader()`). ibis fixed this upstream (ibis-project/ibis pull
request 12001, "switch deprecated .fetch_arrow_table() to .to_arrow_table()"), not yet in a
release. Until it is, [`duckdb_compat`][channelvalue.transactions._compat.duckdb_compat] adds the
two old names back to the connection class, as thin aliases of the new ones, when and only
when they are missing. It changes nothing with duckdb < 2 or a fixed ibis.
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
