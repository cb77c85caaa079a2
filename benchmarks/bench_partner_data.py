"""Benchmark: partner data in — the transaction generator, the file and X12 readers and the
data-quality pass — on ``synthetic(partners=N)`` with 24 months of lines.

All measurements run in **one** process:

- ``networkx build (same process)``: the baseline of the other modules (the network's graph);
- ``synthetic_transactions(net, periods=24)``: every line of the five tables, with the
  anomalies and their ground truth (about 200 lines per partner: 80 sell-through, 72 sell-in,
  36 inventory, claims and deals);
- ``read_transactions(sell_through.parquet)``: a typed Parquet file of the sell-through lines
  (renamed, validated and conformed in Arrow; no pandas);
- ``parse_x12(867 of 10,000 lines)``: an X12 867 written from the first 10,000 sell-through
  lines (its size does not grow with ``N``);
- ``quality_report(...)``: every data-quality rule on the DuckDB store holding the lines
  (loading them is not timed); the counts are checked against the generator's truth.

Run alone (default 100,000 partners)::

    python benchmarks/bench_partner_data.py 10000

``run(partners)`` returns the rows for ``benchmarks/run.py``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from _harness import networkx_build, partners_arg, print_rows, timed

__all__ = ["main", "run"]

SEED = 0


def run(partners: int) -> list[dict[str, Any]]:
    """Time the generator, the readers and the quality pass; one row per measurement."""
    import pyarrow.parquet as pq

    import channelvalue as cv
    from channelvalue.transactions import ChannelData
    from channelvalue.transactions.quality import quality_report
    from channelvalue.transactions.readers import read_transactions
    from channelvalue.transactions.x12 import format_867, parse_x12

    net = cv.datasets.synthetic(partners=partners, seed=SEED, plan=False)
    size = {"organizations": len(net.organizations), "links": net.count_links()}
    rows: list[dict[str, Any]] = []
    nx_row, graph = timed("networkx build (same process)", networkx_build(net))
    del graph
    rows.append(nx_row)
    row, ts = timed(
        "synthetic_transactions(net, periods=24)",
        lambda: cv.datasets.synthetic_transactions(net, periods=24, seed=SEED),
    )
    row["name"] += f" ({ts.lines:,} lines)"
    rows.append(row)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sell_through.parquet"
        pq.write_table(ts.tables["sell_through"], path)
        row, _ = timed(
            "read_transactions(sell_through.parquet)",
            lambda: read_transactions(path, "sell_through"),
        )
        rows.append(row)
    head = ts.tables["sell_through"].slice(0, 10_000).to_pandas()
    doc = format_867(head, sender="dist", receiver="vendor")
    row, _ = timed("parse_x12(867 of 10,000 lines)", lambda: parse_x12(doc, name="b.x12"))
    rows.append(row)
    data = ChannelData()
    for name, table in ts.tables.items():
        data.load(name, table, source=f"bench {name}")
    row, report = timed(
        "quality_report(store, net, products=...)",
        lambda: quality_report(
            data, net, start=ts.start, end=ts.end, as_of=ts.end, products=ts.products,
            limit=1000,
        ),
    )  # fmt: skip
    assert report.counts["duplicate"] == len(ts.truth.duplicates)
    rows.append(row)
    base = nx_row["seconds"] or 1e-9
    for r in rows:
        r.update(size)
        r["x_networkx"] = r["seconds"] / base
    return rows


def main(argv: list[str] | None = None) -> None:
    partners = partners_arg(argv, __doc__ or "")
    print(f"partner data on synthetic({partners:,}), 24 months")
    print_rows(run(partners), width=56)


if __name__ == "__main__":
    main(sys.argv[1:])
