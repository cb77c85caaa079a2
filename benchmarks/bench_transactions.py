"""Benchmark: channel data, ingest from Parquet and every metric, next to hand-written SQL.

Untimed set-up: synthetic lines for N partners over 24 months, written to Parquet files (one
per table): per partner and month one sell-in line, two sell-through lines (two products), one
inventory snapshot, and a claim and a deal every fifth month: ``105.6 * N`` lines
(N = 100,000 gives 10.56 million).

Timed, in one process each (see ``_harness.py``), on the same files:

- ``channelvalue``: ``ChannelData()`` (DuckDB in memory), ``load`` of the five files (each
  validated: types, nulls, vocabularies, finite numbers), ``channel_metrics(data)`` and
  ``to_frame()`` (every metric per partner and month, as pandas) and ``measures()``;
- ``hand-written DuckDB SQL``: ``CREATE TABLE ... AS SELECT * FROM read_parquet(...)`` for
  the five files and one SQL query with window functions computing the same columns,
  fetched as pandas (no validation; the hand-written baseline).

The ``x SQL`` figure of the first row is its time over the second's (the issue's target: at
most 1.5). The two frames are compared (same rows, same numbers) before the times are
reported.

Run alone::

    python benchmarks/bench_transactions.py --partners 10000      # about 1 million lines
    python benchmarks/bench_transactions.py --large               # 100,000: 10.56 million

``run(partners)`` returns the rows for ``benchmarks/run.py``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from _harness import Timer, measure  # this folder is on sys.path when run as a script

__all__ = ["SQL", "channelvalue_step", "run", "sql_step", "write_lines"]

SEED = 0
MONTHS = 24
LARGE_PARTNERS = 100_000
TABLES = ("sell_in", "sell_through", "inventory", "claims", "deals")


def write_lines(partners: int, folder: Path, seed: int = SEED) -> int:
    """Write the five Parquet files of `partners` partners into `folder`; the line count."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(seed)
    ids = np.array([f"p{i:07d}" for i in range(partners)], dtype=object)
    base = rng.lognormal(3.0, 1.0, size=partners)
    growth = rng.normal(0.1, 0.2, size=partners)
    months = np.arange(MONTHS)
    first = np.datetime64("2025-01-01", "M")

    def days(day: int, count: int) -> Any:
        m = np.tile(months, count // MONTHS)
        return (first + m).astype("datetime64[D]") + (day - 1)

    n = partners * MONTHS
    p_idx = np.repeat(np.arange(partners), MONTHS)
    m_idx = np.tile(months, partners)
    level = base[p_idx] * (1 + growth[p_idx]) ** (m_idx / 12)
    units = np.maximum(1.0, np.round(level * rng.uniform(0.8, 1.2, size=n)))
    partner = pa.array(ids[p_idx], pa.string())
    total = 0

    def write(name: str, cols: dict[str, Any]) -> None:
        nonlocal total
        table = pa.table(cols)
        pq.write_table(table, folder / f"{name}.parquet")
        total += table.num_rows

    write(
        "sell_in",
        {
            "date": days(3, n),
            "seller": pa.array(np.full(n, "acme", dtype=object), pa.string()),
            "buyer": partner,
            "product": pa.array(np.full(n, "a", dtype=object), pa.string()),
            "quantity": units * rng.uniform(0.9, 1.3, size=n).round(2),
            "amount": units * 10.0,
            "is_return": np.zeros(n, dtype=bool),
            "document": pa.nulls(n, pa.string()),
            "source": pa.array(np.full(n, "erp", dtype=object), pa.string()),
        },
    )
    st_p = np.concatenate([p_idx, p_idx])
    st_units = np.concatenate([units * 0.7, units * 0.3]).round()
    write(
        "sell_through",
        {
            "date": np.concatenate([days(12, n), days(20, n)]),
            "partner": pa.array(ids[st_p], pa.string()),
            "product": pa.array(np.repeat(np.array(["a", "b"], dtype=object), n), pa.string()),
            "quantity": st_units,
            "amount": st_units * 12.0,
            "is_return": np.zeros(2 * n, dtype=bool),
            "segment": pa.nulls(2 * n, pa.string()),
            "region": pa.nulls(2 * n, pa.string()),
            "customer": pa.nulls(2 * n, pa.string()),
            "document": pa.nulls(2 * n, pa.string()),
            "source": pa.array(np.full(2 * n, "pos", dtype=object), pa.string()),
        },
    )
    write(
        "inventory",
        {
            "date": days(28, n),
            "partner": partner,
            "product": pa.array(np.full(n, "a", dtype=object), pa.string()),
            "on_hand": (units * 1.5).round(),
            "source": pa.array(np.full(n, "inv", dtype=object), pa.string()),
        },
    )
    every5 = m_idx % 5 == 0
    k = int(every5.sum())
    write(
        "claims",
        {
            "date": days(15, n)[every5],
            "partner": pa.array(ids[p_idx[every5]], pa.string()),
            "programme": pa.array(np.full(k, "MDF", dtype=object), pa.string()),
            "kind": pa.array(np.full(k, "mdf", dtype=object), pa.string()),
            "amount": units[every5] * 2.0,
            "status": pa.array(
                rng.choice(np.array(["paid", "approved", "submitted"], dtype=object), k),
                pa.string(),
            ),
            "earned": units[every5] * 2.5,
            "source": pa.array(np.full(k, "claims", dtype=object), pa.string()),
        },
    )
    write(
        "deals",
        {
            "date": days(8, n)[every5],
            "partner": pa.array(ids[p_idx[every5]], pa.string()),
            "customer": pa.array(np.full(k, "Globex", dtype=object), pa.string()),
            "value": units[every5] * 100.0,
            "status": pa.array(
                rng.choice(np.array(["won", "lost", "registered", "expired"], dtype=object), k),
                pa.string(),
            ),
            "source": pa.array(np.full(k, "crm", dtype=object), pa.string()),
        },
    )
    return total


# The same figures as channel_metrics(period="month", window=3).to_frame(), written by hand
# with window functions over a dense partner x month grid.
SQL = """
WITH lines AS (
  SELECT buyer AS partner, year(date) * 12 + month(date) - 1 AS idx,
         amount AS si, quantity AS si_u, 0::DOUBLE AS st, 0::DOUBLE AS st_u,
         0::DOUBLE AS paid, 0::DOUBLE AS earned, 0::DOUBLE AS won, 0::DOUBLE AS closed,
         1::DOUBLE AS lines, 0::DOUBLE AS inv, NULL::DOUBLE AS on_hand
  FROM sell_in
  UNION ALL
  SELECT partner, year(date) * 12 + month(date) - 1, 0, 0, amount, quantity, 0, 0, 0, 0, 1, 0,
         NULL FROM sell_through
  UNION ALL
  SELECT partner, year(date) * 12 + month(date) - 1, 0, 0, 0, 0,
         CASE WHEN status = 'paid' THEN amount ELSE 0 END, coalesce(earned, 0), 0, 0, 1, 0, NULL
  FROM claims
  UNION ALL
  SELECT partner, year(date) * 12 + month(date) - 1, 0, 0, 0, 0, 0, 0,
         CASE WHEN status = 'won' THEN 1 ELSE 0 END,
         CASE WHEN status IN ('won', 'lost', 'expired') THEN 1 ELSE 0 END, 1, 0, NULL
  FROM deals
  UNION ALL
  SELECT partner, idx, 0, 0, 0, 0, 0, 0, 0, 0, sum(n), sum(n), sum(on_hand) FROM (
    SELECT partner, product, year(date) * 12 + month(date) - 1 AS idx,
           arg_max(on_hand, date) AS on_hand, count(*) AS n
    FROM inventory GROUP BY ALL) GROUP BY partner, idx
),
base AS (
  SELECT partner, idx, sum(si) si, sum(si_u) si_u, sum(st) st, sum(st_u) st_u,
         sum(paid) paid, sum(earned) earned, sum(won) won, sum(closed) closed,
         sum(lines) lines, sum(inv) inv, sum(on_hand) on_hand
  FROM lines GROUP BY partner, idx
),
span AS (SELECT min(idx) AS lo, max(idx) AS hi FROM base),
grid AS (
  SELECT p.partner, g.idx FROM (SELECT DISTINCT partner FROM base) p,
       (SELECT unnest(range(lo, hi + 1)) AS idx FROM span) g
),
dense AS (
  SELECT g.partner, g.idx, coalesce(si, 0) si, coalesce(si_u, 0) si_u, coalesce(st, 0) st,
         coalesce(st_u, 0) st_u, coalesce(paid, 0) paid, coalesce(earned, 0) earned,
         coalesce(won, 0) won, coalesce(closed, 0) closed, coalesce(lines, 0) lines,
         coalesce(inv, 0) inv, on_hand
  FROM grid g LEFT JOIN base b USING (partner, idx)
),
w AS (
  SELECT *, idx - (SELECT lo FROM span) + 1 AS seen,
    lag(st) OVER p AS st_before,
    sum(si) OVER (p ROWS 2 PRECEDING) AS si_w,
    sum(st) OVER (p ROWS 2 PRECEDING) AS st_w,
    sum(st_u) OVER (p ROWS 2 PRECEDING) AS u_w,
    sum(st_u) OVER (p ROWS BETWEEN 5 PRECEDING AND 3 PRECEDING) AS u_w_before,
    lag(on_hand, 3) OVER p AS on_hand_before,
    lag(inv, 3) OVER p AS inv_before,
    sum(st) OVER (p ROWS 11 PRECEDING) AS st_y,
    sum(st) OVER (p ROWS BETWEEN 23 PRECEDING AND 12 PRECEDING) AS st_y_before,
    sum(lines) OVER (p ROWS 23 PRECEDING) AS used
  FROM dense WINDOW p AS (PARTITION BY partner ORDER BY idx)
),
r AS (
  SELECT *,
    CASE WHEN inv > 0 AND u_w > 0
         THEN on_hand / (u_w / (least(seen, 3) * (365.25 / 12 / 7))) END AS woi,
    CASE WHEN inv_before > 0 AND u_w_before > 0 AND seen - 3 >= 1
         THEN on_hand_before / (u_w_before / (least(seen - 3, 3) * (365.25 / 12 / 7)))
         END AS woi_before
  FROM w
)
SELECT partner, idx, si AS sell_in, si_u AS sell_in_units, st AS sell_through,
  st_u AS sell_through_units, st_u AS volume,
  CASE WHEN seen >= 2 AND st_before > 0 THEN st / st_before - 1 END AS velocity,
  CASE WHEN seen >= 24 AND st_y_before > 0 THEN st_y / st_y_before - 1 END AS velocity_ttm,
  CASE WHEN inv > 0 THEN on_hand END AS on_hand,
  woi AS weeks_of_inventory, woi - woi_before AS weeks_of_inventory_change,
  CASE WHEN st_w > 0 THEN si_w / st_w END AS sell_in_ratio,
  paid AS claims_paid, earned AS claims_earned, won AS deals_won, closed AS deals_closed,
  CASE WHEN closed > 0 THEN won / closed END AS win_rate, lines
FROM r WHERE used > 0
"""


def channelvalue_step(timer: Timer, partners: int, folder: str) -> dict[str, Any]:
    """Time the store, the loads and every metric of channelvalue."""
    import ibis

    from channelvalue.transactions import ChannelData, channel_metrics

    ibis.duckdb.connect().disconnect()  # imports, as `import duckdb` for the SQL
    files = {name: Path(folder) / f"{name}.parquet" for name in TABLES}
    cpu = _cpu()
    with timer:
        data = ChannelData()
        lines = sum(data.load(name, path, source=name) for name, path in files.items())
        metrics = channel_metrics(data)
        frame = metrics.to_frame()
        measures = metrics.measures()
    cpu = _cpu() - cpu
    _checksum(frame, Path(folder) / "channelvalue.json")
    return {
        "cpu_seconds": cpu,
        "partners": partners,
        "lines": lines,
        "frame_rows": len(frame),
        "measured_partners": len(measures.partners),
    }


def sql_step(timer: Timer, partners: int, folder: str) -> dict[str, Any]:
    """Time the same aggregates in hand-written DuckDB SQL."""
    import duckdb

    cpu = _cpu()
    with timer:
        con = duckdb.connect()
        for name in TABLES:
            path = str(Path(folder) / f"{name}.parquet").replace("'", "''")
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_parquet('{path}')")
        frame = con.sql(SQL).to_arrow_table().to_pandas()
    cpu = _cpu() - cpu
    _checksum(frame, Path(folder) / "sql.json")
    return {"cpu_seconds": cpu, "partners": partners, "frame_rows": len(frame)}


def _cpu() -> float:
    """CPU seconds of this process so far, all threads (user + system): on a shared machine
    a fairer figure than wall time, which includes waiting for a core."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _checksum(frame: Any, path: Path) -> None:
    import json

    numeric = frame.select_dtypes("number").drop(columns=["idx"], errors="ignore")
    sums = {c: float(numeric[c].fillna(0).sum()) for c in sorted(numeric.columns)}
    path.write_text(json.dumps({"rows": len(frame), "sums": sums}))


def _same(folder: Path) -> bool:
    import json
    import math

    a = json.loads((folder / "channelvalue.json").read_text())
    b = json.loads((folder / "sql.json").read_text())
    if a["rows"] != b["rows"] or set(a["sums"]) != set(b["sums"]):
        return False
    return all(math.isclose(a["sums"][c], b["sums"][c], rel_tol=1e-9) for c in a["sums"])


def run(partners: int) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory(prefix="cvbench-tx-") as tmp:
        folder = Path(tmp)
        lines = write_lines(partners, folder)
        ours = measure("bench_transactions:channelvalue_step", partners, str(folder))
        sql = measure("bench_transactions:sql_step", partners, str(folder))
        same = _same(folder)
    if not same:
        raise RuntimeError("channelvalue and the hand-written SQL disagree")
    ratio = ours["seconds"] / sql["seconds"]
    cpu_ratio = ours["cpu_seconds"] / sql["cpu_seconds"]
    return [
        {
            "name": f"transactions: ingest + all metrics, {lines:,} lines",
            **ours,
            "x_sql": round(ratio, 3),
            "x_sql_cpu": round(cpu_ratio, 3),
        },
        {"name": f"transactions: hand-written DuckDB SQL, {lines:,} lines", **sql},
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partners", type=int, default=10_000)
    parser.add_argument(
        "--large", action="store_true", help=f"{LARGE_PARTNERS:,} partners (10 million lines)"
    )
    args = parser.parse_args(argv)
    partners = LARGE_PARTNERS if args.large else args.partners
    for row in run(partners):
        extra = ""
        if "x_sql" in row:
            extra = f"  {row['x_sql']:.2f}x the SQL (CPU time: {row['x_sql_cpu']:.2f}x)"
        print(
            f"{row['name']}: {row['seconds']:.2f} s ({row['cpu_seconds']:.2f} s CPU),"
            f" peak {row['peak_mb']:.0f} MB{extra}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
