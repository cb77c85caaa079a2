"""The measurement behind the engine choice of channelvalue.transactions: ibis or narwhals?

One representative piece of the metrics, written with each library, on the same lines: the
sell-through of N partners over 24 months (two lines per partner and month), summed per
partner and month, with the rolling sum over 3 months and the month before, fetched as
Arrow. Each is timed on DuckDB and on Polars (wall and CPU seconds, best of 3):

- ibis: the expressions of channelvalue (group-by, then a cross join with the offsets and a
  second group-by: no window functions, since ibis's Polars backend has none);
- narwhals: a group-by, then `rolling_sum(...).over(partition_by, order_by)` and
  `shift(1).over(...)` (its lazy DuckDB and Polars backends both have windows).

Run (narwhals is not a dependency of channelvalue; install it to compare)::

    python benchmarks/compare_ibis_narwhals.py --partners 20000    # 960,000 lines

Not a ``bench_*`` module: ``make bench`` does not run it.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Callable
from typing import Any

MONTHS = 24


def lines(partners: int) -> Any:
    """Two sell-through lines per partner and month, as a pyarrow table."""
    import numpy as np
    import pyarrow as pa

    rng = np.random.default_rng(0)
    n = partners * MONTHS * 2
    p = np.repeat(np.arange(partners), MONTHS * 2)
    m = np.tile(np.repeat(np.arange(MONTHS), 2), partners)
    days = (np.datetime64("2025-01-01", "M") + m).astype("datetime64[D]") + 10
    return pa.table(
        {
            "partner": pa.array([f"p{i:07d}" for i in p]),
            "date": days,
            "amount": rng.uniform(1, 100, size=n).round(2),
        }
    )


def with_ibis(table: Any, backend: str) -> Callable[[], Any]:
    import ibis

    from channelvalue.transactions._compat import duckdb_compat

    duckdb_compat()
    con = ibis.duckdb.connect() if backend == "duckdb" else ibis.polars.connect()

    def run() -> Any:
        t = ibis.memtable(table)
        t = t.mutate(idx=t.date.year() * 12 + t.date.month() - 1)
        base = t.group_by(["partner", "idx"]).aggregate(st=t.amount.sum())
        ks = ibis.memtable({"k": [0, 1, 2]})
        fan = base.cross_join(ks).mutate(target=base.idx + ks.k)
        zero = ibis.literal(0.0)
        out = fan.group_by(["partner", "target"]).aggregate(
            st=ibis.ifelse(fan.k == 0, fan.st, zero).sum(),
            before=ibis.ifelse(fan.k == 1, fan.st, zero).sum(),
            window=fan.st.sum(),
        )
        return con.to_pyarrow(out)

    return run


def with_narwhals(table: Any, backend: str) -> Callable[[], Any]:
    import duckdb
    import narwhals as nw
    import polars as pl

    con = duckdb.connect()

    def run() -> Any:
        native = con.from_arrow(table) if backend == "duckdb" else pl.from_arrow(table).lazy()
        t = nw.from_native(native)
        t = t.with_columns(idx=nw.col("date").dt.year() * 12 + nw.col("date").dt.month() - 1)
        base = t.group_by("partner", "idx").agg(nw.col("amount").sum().alias("st"))
        out = base.with_columns(
            before=nw.col("st").shift(1).over("partner", order_by="idx"),
            window=nw.col("st").rolling_sum(3, min_samples=1).over("partner", order_by="idx"),
        )
        native_out = out.to_native()
        if backend == "duckdb":
            return native_out.to_arrow_table()
        return native_out.collect().to_arrow()

    return run


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed(run: Callable[[], Any], repeat: int = 3) -> tuple[float, float, int]:
    best = (float("inf"), float("inf"), 0)
    for _ in range(repeat):
        c, w = cpu(), time.perf_counter()
        rows = run().num_rows
        best = min(best, (time.perf_counter() - w, cpu() - c, rows))
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partners", type=int, default=20_000)
    args = parser.parse_args(argv)
    table = lines(args.partners)
    print(f"{table.num_rows:,} lines, {args.partners:,} partners x {MONTHS} months")
    for name, make in (("ibis", with_ibis), ("narwhals", with_narwhals)):
        for backend in ("duckdb", "polars"):
            try:
                wall, used, rows = timed(make(table, backend))
            except Exception as err:  # a library or backend missing here
                print(f"  {name:9} on {backend:6}: not run ({type(err).__name__}: {err})")
                continue
            figures = f"{wall:6.2f} s wall, {used:6.2f} s CPU, {rows:,} rows"
            print(f"  {name:9} on {backend:6}: {figures}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
