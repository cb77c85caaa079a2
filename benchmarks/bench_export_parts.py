"""Benchmark: the building blocks of a one-table import, on the messy partner export.

Measured on the columns of ``channelvalue.datasets.prm_export(n=N, seed=0)`` (made before the
clock starts), in this one process, best of ``--repeat`` runs, wall time and CPU time (the
CPU time is the steadier figure on a busy machine):

- ``parse_numbers revenue``: ``parse_numbers`` of the "Annual Revenue" column (separators,
  ``$``, ``USD 2.5M``, ``€49,800``, ``49K``, blanks) with the euro rate;
- ``parse_numbers growth``: the "Revenue Growth YoY" column with ``share=True``;
- ``find_duplicates``: exact rows, repeated ids and same / similar names over the whole
  frame (rows, ids and names).

The bars (issue 15): 100,000 cells parsed well under a second; duplicate detection never
compares every pair, its time growing linearly from 10,000 to 100,000 rows.

    python benchmarks/bench_export_parts.py 10000 100000
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

__all__ = ["measure_all"]


def _best(fn: Any, repeat: int) -> tuple[float, float]:
    wall, cpu = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    return min(wall), min(cpu)


def measure_all(n: int, repeat: int = 3) -> list[dict[str, Any]]:
    """One row per measurement at `n` rows."""
    import channelvalue as cv
    from channelvalue.io.export.duplicates import find_duplicates
    from channelvalue.io.export.numbers import parse_numbers

    frame = cv.datasets.prm_export(n=n, seed=0)
    revenue = frame["Annual Revenue"].tolist()
    growth = frame["Revenue Growth YoY"].tolist()
    ids, names = frame["Account ID"].tolist(), frame["Account Name"].tolist()
    rows = frame.values.tolist()
    steps = {
        "parse_numbers revenue": lambda: parse_numbers(revenue, rates={"USD": 1, "EUR": 1.08}),
        "parse_numbers growth": lambda: parse_numbers(growth, share=True),
        "find_duplicates": lambda: find_duplicates(ids, names, rows=rows),
    }
    out = []
    for label, fn in steps.items():
        wall, cpu = _best(fn, repeat)
        out.append({"rows": n, "measurement": label, "seconds": wall, "cpu_seconds": cpu})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print(f"{'rows':>8}  {'measurement':<24} {'wall s':>8} {'cpu s':>8}")
    for n in args.sizes:
        for row in measure_all(n, args.repeat):
            print(
                f"{row['rows']:>8,}  {row['measurement']:<24} "
                f"{row['seconds']:>8.3f} {row['cpu_seconds']:>8.3f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
