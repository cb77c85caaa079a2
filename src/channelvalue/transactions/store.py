"""The store of channel data: the five transaction tables in an analytical engine.

[`ChannelData`][channelvalue.transactions.store.ChannelData] keeps the tables of
[`schema`][channelvalue.transactions.schema] in an [ibis](https://ibis-project.org) backend:
DuckDB by default (in memory; a `.duckdb` file or a folder of Parquet files when a path is
given), or any backend you connect yourself (`ibis.polars.connect()`, a Spark session through
`ibis.pyspark.connect(session)`, Snowflake, BigQuery, ...). Every load is validated against the
schema and is one transaction: a load that fails leaves the store as it was.

Nothing is pulled into Python to be stored: a Parquet file is read by the engine, and a pyarrow
table or pandas frame is handed to it as Arrow.

Examples:
    >>> import datetime as dt
    >>> import pyarrow as pa
    >>> from channelvalue.transactions import ChannelData
    >>> data = ChannelData()
    >>> data.load("deals", pa.table({"date": [dt.date(2026, 1, 5)], "partner": ["r1"],
    ...     "customer": ["Globex"], "value": [1000.0], "status": ["won"]}), source="crm")
    1
    >>> data.rows("deals"), data.table("deals").source.execute().tolist()
    (1, ['crm'])
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import DocumentError, Problem, ValidationError
from ._compat import duckdb_compat
from .schema import TABLES, Column, _require, arrow_schema, ibis_schema, validate_table

__all__ = ["ChannelData"]

_PARQUET = (".parquet", ".pq")


class ChannelData:
    """The transaction tables of a channel, held by an analytical engine.

    Args:
        path: where the data lives. `None` (the default): in memory, gone when the object is.
            A path ending in `.duckdb` (or `.db`): a DuckDB database file, created if missing.
            Any other path: a folder of Parquet files, one sub-folder per table
            (`<path>/sell_in/*.parquet`, ...), created if missing; each load adds one file.
        backend: an ibis backend to use instead (any backend ibis supports: Polars in
            memory, a Spark session, a warehouse). The five tables are created in it when
            missing. Not with `path`.

    Attributes:
        backend: the ibis backend the tables live in.

    Raises:
        ValidationError: both `path` and `backend`, or an existing table whose columns do not
            match the schema.

    Examples:
        >>> import ibis
        >>> ChannelData(backend=ibis.polars.connect()).rows("sell_in")
        0
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, backend: Any = None):
        ibis = _require("ibis", "ChannelData")
        duckdb_compat()
        self._folder: Path | None = None
        if backend is not None and path is not None:
            raise ValidationError(
                "ChannelData", "path", str(path), "no path when a backend is given"
            )
        if backend is None:
            if path is None:
                backend = ibis.duckdb.connect()
            elif str(path).endswith((".duckdb", ".db")):
                backend = ibis.duckdb.connect(str(path))
            else:
                self._folder = Path(path)
                self._folder.mkdir(parents=True, exist_ok=True)
                backend = ibis.duckdb.connect()
        self.backend: Any = backend
        self._ibis = ibis
        if self._folder is not None:
            for name in TABLES:
                (self._folder / name).mkdir(exist_ok=True)
                self._refresh_view(name)
        else:
            existing = set(backend.list_tables())
            for name in TABLES:
                if name in existing:
                    self._check_existing(name)
                else:
                    backend.create_table(name, schema=ibis_schema(name))

    def __repr__(self) -> str:
        rows = ", ".join(f"{name}={self.rows(name)}" for name in TABLES)
        return f"ChannelData({self.backend.name}: {rows})"

    # ------------------------------------------------------------------------ reading
    def table(self, name: str) -> Any:
        """The table `name` as an `ibis.Table` expression (nothing is read until executed).

        Examples:
            >>> ChannelData().table("inventory").columns
            ('date', 'partner', 'product', 'on_hand', 'source')
        """
        if name not in TABLES:
            raise ValidationError(
                "ChannelData", "table", name, "one of " + ", ".join(map(repr, TABLES))
            )
        return self.backend.table(name)

    def rows(self, name: str) -> int:
        """The number of lines in table `name`."""
        return int(self.table(name).count().execute())

    @property
    def tables(self) -> dict[str, Any]:
        """Every table name -> its ibis expression."""
        return {name: self.table(name) for name in TABLES}

    # ------------------------------------------------------------------------ loading
    def load(self, table: str, data: Any, *, source: str) -> int:
        """Add the lines of `data` to `table`, in one transaction; return how many.

        `data` is a `pyarrow.Table`, a `pandas.DataFrame`, the path of a Parquet file (or a
        glob of them), or an ibis table expression of the same backend. It must have the
        table's columns (see [`TABLES`][channelvalue.transactions.schema.TABLES]) except
        that nullable columns may be left out (they are null) and `source` may be left out or
        null (it is then `source`). Extra columns are ignored.

        Every problem is found before anything is written: missing columns, wrong types,
        nulls in a required column, values outside a vocabulary, numbers that are not finite.
        The lines are written in one transaction (one Parquet file written aside and renamed
        into place, for a folder): a load that fails leaves the store as it was.

        Raises:
            DocumentError: every problem found, at once.
            ValidationError: an unknown table or an unreadable kind of `data`.

        Examples:
            >>> import pyarrow as pa, datetime as dt
            >>> data = ChannelData()
            >>> data.load("deals", pa.table({"date": [dt.date(2026, 1, 5)], "partner": ["r1"],
            ...     "customer": ["Globex"], "value": [1.0], "status": ["maybe"]}), source="crm")
            Traceback (most recent call last):
            ...
            channelvalue.errors.DocumentError: transaction table 'deals':
              deals, column 'status': 1 value(s) outside the vocabulary, the first 'maybe' ...
            >>> data.rows("deals")
            0
        """
        if table not in TABLES:
            raise ValidationError(
                "ChannelData.load", "table", table, "one of " + ", ".join(map(repr, TABLES))
            )
        if not isinstance(source, str) or not source:
            raise ValidationError("ChannelData.load", "source", source, "a non-empty string")
        cols = TABLES[table]
        expr = self._as_expr(table, cols, data, source)
        with self._transaction():
            self._check_values(table, cols, expr)
            count = int(expr.count().execute())
            if count:
                self._write(table, expr)
        return count

    def _as_expr(self, table: str, cols: tuple[Column, ...], data: Any, source: str) -> Any:
        """`data` as an ibis expression with exactly the schema's columns, types checked."""
        ibis = self._ibis
        if isinstance(data, str | os.PathLike):
            text = str(data)
            if not text.endswith(_PARQUET) and "*" not in text and not Path(text).is_dir():
                raise ValidationError(
                    "ChannelData.load", "data", text, "a Parquet file path (.parquet)"
                )
            if "*" not in text and not Path(text).exists():
                raise DocumentError(
                    [Problem(text, "no such file", table=table, kind="missing-file")],
                    title=f"transaction table {table!r}",
                )
            data = self.backend.read_parquet(text)
        if type(data).__module__.startswith("ibis."):
            present = set(data.columns)
            extra = {}
            for c in cols:
                if c.name == "source":
                    value = ibis.literal(source)
                    extra[c.name] = data[c.name].fill_null(value) if c.name in present else value
                elif c.name not in present and c.nullable:
                    extra[c.name] = ibis.null(ibis_schema(table)[c.name].copy(nullable=True))
            return validate_table(table, data.mutate(**extra) if extra else data)
        pa = _require("pyarrow", "ChannelData.load")
        pc = _require("pyarrow.compute", "ChannelData.load")
        if type(data).__name__ == "DataFrame" and hasattr(data, "to_dict"):
            data = pa.Table.from_pandas(data, preserve_index=False)
        if not isinstance(data, pa.Table):
            raise ValidationError(
                "ChannelData.load",
                "data",
                type(data).__name__,
                "a pyarrow Table, pandas DataFrame, Parquet path or ibis table",
            )
        for c in cols:
            if c.name == "source":
                if c.name in data.column_names:
                    i = data.column_names.index(c.name)
                    filled = pc.fill_null(data.column(i).cast(pa.string()), source)
                    data = data.set_column(i, c.name, filled)
                else:
                    data = data.append_column(c.name, pa.repeat(source, data.num_rows))
            elif c.name not in data.column_names and c.nullable:
                data = data.append_column(c.name, pa.nulls(data.num_rows))
        checked = validate_table(table, data)
        return ibis.memtable(checked)

    def _check_values(self, table: str, cols: tuple[Column, ...], expr: Any) -> None:
        """Count, in the engine, the values the schema refuses; raise if any."""
        ibis = self._ibis
        tests: dict[str, Any] = {}
        for c in cols:
            col = expr[c.name]
            if not c.nullable:
                tests[f"{c.name}\x00null"] = col.isnull()
            if c.values:
                tests[f"{c.name}\x00term"] = col.notnull() & ~col.isin(c.values)
            if c.type == "float64":
                tests[f"{c.name}\x00number"] = col.notnull() & (col.isnan() | col.isinf())
        counts = expr.aggregate(
            **{f"n{i}": ibis.ifelse(t, 1, 0).sum() for i, t in enumerate(tests.values())}
        ).to_pyarrow()
        problems = []
        for i, key in enumerate(tests):
            n = counts.column(f"n{i}")[0].as_py() or 0
            if not n:
                continue
            name, what = key.split("\x00")
            column = next(c for c in cols if c.name == name)
            message = {
                "null": f"{n} empty value(s)",
                "term": f"{n} value(s) outside the vocabulary; expected one of "
                + ", ".join(map(repr, column.values)),
                "number": f"{n} value(s) not finite",
            }[what]
            kind = {"null": "missing-value", "term": "unknown-term", "number": "bad-number"}[what]
            problems.append(
                Problem(f"{table}, column {name!r}", message, table=table, column=name, kind=kind)
            )
        if problems:
            raise DocumentError(problems, title=f"transaction table {table!r}")

    # ------------------------------------------------------------------------ engines
    def _is_duckdb(self) -> bool:
        return bool(self.backend.name == "duckdb")

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        if not self._is_duckdb() or self._folder is not None:
            yield  # a single statement (or a renamed file) is the transaction
            return
        raw = self.backend.con
        raw.begin()
        try:
            yield
        except BaseException:
            raw.rollback()
            raise
        raw.commit()

    def _write(self, table: str, expr: Any) -> None:
        types = self._target_types(table)
        expr = expr.select(*[expr[c.name].cast(t).name(c.name) for c, t in types])
        if self._folder is not None:
            folder = self._folder / table
            tmp = folder / f".loading-{uuid.uuid4().hex}.parquet.tmp"
            try:
                self.backend.to_parquet(expr, tmp)
                os.replace(tmp, folder / f"part-{uuid.uuid4().hex}.parquet")
            finally:
                tmp.unlink(missing_ok=True)
            self._refresh_view(table)
        elif self.backend.name == "polars":
            whole = self.backend.table(table).union(expr)
            frame = self.backend.to_polars(whole)
            self.backend.create_table(table, frame, overwrite=True)
        else:
            self.backend.insert(table, expr)

    def _target_types(self, table: str) -> list[tuple[Column, Any]]:
        schema = ibis_schema(table)
        return [(c, schema[c.name].copy(nullable=True)) for c in TABLES[table]]

    def _refresh_view(self, table: str) -> None:
        assert self._folder is not None
        files = sorted((self._folder / table).glob("*.parquet"))
        if files:
            frame = self.backend.read_parquet([str(f) for f in files])
        else:
            frame = self._ibis.memtable(
                _require("pyarrow", "ChannelData").table(
                    {c.name: [] for c in TABLES[table]}, schema=arrow_schema(table)
                )
            )
        cols = [frame[c.name].cast(t).name(c.name) for c, t in self._target_types(table)]
        self.backend.create_view(table, frame.select(cols), overwrite=True)

    def _check_existing(self, name: str) -> None:
        have = self.backend.table(name).schema()
        want = ibis_schema(name)
        if list(have.names) != list(want.names) or any(
            have[n].copy(nullable=True) != want[n].copy(nullable=True) for n in want.names
        ):
            raise ValidationError(
                "ChannelData",
                name,
                ", ".join(f"{n} {t}" for n, t in have.items()),
                "the columns " + ", ".join(f"{n} {t}" for n, t in want.items()),
            )
