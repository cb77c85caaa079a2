"""Benchmark: importing a one-table partner export (``cv.io.read_export``) beside pandas.

A seeded, generated export of N accounts (one wide row each, as a PRM writes it: ids, names
with legal suffixes, partner types and tiers in mixed spellings, revenue as ``"$1,234.00"``,
``"USD 2.5M"`` or ``"49K"``, growth as ``"19 %"``, parent distributors by name, managers,
multi-valued segments, regions, reporting cadence, MDF and deal registrations; about 2 % of the
rows are duplicates under another id) is written to a CSV file before the clock starts.

Measurements, each in a fresh process (``_harness.measure``):

- ``pandas.read_csv``: ``pd.read_csv(path, dtype=str)`` of the same file — the baseline;
- ``read_export (CSV)``: ``cv.io.read_export(path)`` with duplicate detection on (the default
  ``duplicates="report"``): reading, header recognition, numbers, terms, references,
  duplicates, building and adding every object;
- ``read_export (xlsx)``: the same export as an ``.xlsx`` workbook (only up to 10,000 rows:
  openpyxl reads about 10,000 rows a second, so larger workbooks measure openpyxl);
- ``pandas.read_excel``: the baseline of the xlsx row.

``x_pandas`` is each row's time over its pandas baseline (target for CSV: at most 5).

Run alone (best of ``--repeat``, in this process)::

    python benchmarks/bench_import.py 10000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _harness import Timer, measure  # this folder is on sys.path as a script

__all__ = ["export_frame", "import_step", "run", "write_export"]

SEED = 0
XLSX_LIMIT = 10_000
_TYPES = ["VAR", "Reseller", "MSP", "Managed Service Provider", "SI", "System Integrator",
          "Solution Provider", "Referral Partner", "Retail", "Agent"]  # fmt: skip
_TIERS = ["Platinum", "Gold", "gold", "Silver", "Registered", "Authorized", ""]
_SEGMENTS = ["SMB", "Mid-Market", "Enterprise", "Public Sector", "Consumer", "Education"]
_REGIONS = ["NA", "EMEA", "APAC", "LATAM", "North America", "DACH", "Nordics"]
_CADENCE = ["Weekly", "Monthly", "Quarterly", "None", "Ad hoc", "Daily", ""]
_SUFFIXES = ["", " Inc", " Ltd", " GmbH", " LLC", " Pty Ltd", " S.A."]
_WORDS = ["North", "Blue", "Apex", "Vertex", "Summit", "Bright", "Global", "Prime", "Metro",
          "Pacific", "Atlas", "Nova", "Delta", "Omega", "Crest", "Harbor", "Pioneer", "Quantum",
          "Silver", "Iron"]  # fmt: skip
_NOUNS = ["Systems", "Networks", "Solutions", "IT", "Technologies", "Data", "Cloud", "Digital",
          "Computing", "Services", "Partners", "Group"]  # fmt: skip


def export_frame(rows: int, seed: int = SEED) -> Any:
    """A generated export of `rows` accounts (plus a vendor and 40 distributors) as a
    DataFrame of text cells."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    n_dist = 40
    dist_names = [f"{_WORDS[i % 20]} Distribution {i}" for i in range(n_dist)]
    ids = [f"001{i:012d}" for i in range(rows)]
    w1 = rng.integers(0, len(_WORDS), rows)
    w2 = rng.integers(0, len(_NOUNS), rows)
    suf = rng.integers(0, len(_SUFFIXES), rows)
    # a made-up word per account (no running numbers: "Store 12" and "Store 13" would be
    # similar names), between a common word and a common noun
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    made_up = ["".join(w).capitalize() for w in letters[rng.integers(0, 26, (rows, 7))].tolist()]
    names = [
        f"{_WORDS[a]} {m} {_NOUNS[b]}{_SUFFIXES[c]}"
        for m, a, b, c in zip(made_up, w1.tolist(), w2.tolist(), suf.tolist(), strict=True)
    ]
    revenue = np.round(rng.lognormal(11.5, 1.4, rows), 2)
    style = rng.integers(0, 4, rows)
    rev_text = [
        f"${v:,.2f}" if s == 0 else f"{v:,.2f}" if s == 1 else f"{v / 1000:.0f}K" if s == 2 else ""
        for v, s in zip(revenue.tolist(), style.tolist(), strict=True)
    ]
    growth = np.round(rng.normal(8, 20, rows), 1)
    growth_text = [f"{g}%" if i % 3 else f"{g} %" for i, g in enumerate(growth.tolist())]
    segs = [
        ";".join(sorted(set(rng.choice(_SEGMENTS, size=int(k), replace=False).tolist())))
        for k in rng.integers(1, 4, rows)
    ]
    frame = pd.DataFrame(
        {
            "Account ID": ids,
            "Account Name": names,
            "Partner Type": np.array(_TYPES)[rng.integers(0, len(_TYPES), rows)],
            "Partner Tier": np.array(_TIERS)[rng.integers(0, len(_TIERS), rows)],
            "Annual Revenue": rev_text,
            "Revenue Growth YoY": growth_text,
            "Parent Distributor": np.array(dist_names)[rng.integers(0, n_dist, rows)],
            "Channel Account Manager": [f"Manager {k}" for k in rng.integers(0, 60, rows)],
            "Customer Segments": segs,
            "Region": np.array(_REGIONS)[rng.integers(0, len(_REGIONS), rows)],
            "Sell-Through Reporting": np.array(_CADENCE)[rng.integers(0, len(_CADENCE), rows)],
            "MDF Approved": [f"{v:,.0f}" if v > 5000 else "" for v in rng.integers(0, 20000, rows)],
            "Deal Registrations": rng.integers(0, 40, rows).astype(str),
        }
    )
    # about 2 % duplicates: the same account under another id
    dup = rng.choice(rows, size=max(1, rows // 50), replace=False)
    extra = frame.iloc[dup].copy()
    extra["Account ID"] = [f"002{i:012d}" for i in range(len(extra))]
    head = pd.DataFrame(
        {
            "Account ID": ["000000000000000", *[f"003{i:012d}" for i in range(n_dist)]],
            "Account Name": ["Acme Networks", *dist_names],
            "Partner Type": ["Vendor", *["Distributor"] * n_dist],
        }
    )
    return pd.concat([head, frame, extra], ignore_index=True).fillna("")


def write_export(rows: int, folder: str, *, xlsx: bool = False) -> str:
    """Write the generated export to `folder` (CSV, or xlsx) and return its path."""
    frame = export_frame(rows)
    if xlsx:
        path = str(Path(folder) / f"export-{rows}.xlsx")
        frame.to_excel(path, index=False)
    else:
        path = str(Path(folder) / f"export-{rows}.csv")
        frame.to_csv(path, index=False)
    return path


def import_step(timer: Timer, rows: int, which: str) -> dict[str, Any]:
    """Time one of ``pandas_csv``, ``export_csv``, ``pandas_xlsx`` or ``export_xlsx``."""
    import pandas as pd

    import channelvalue as cv

    with tempfile.TemporaryDirectory(prefix="cvbench-import-") as tmp:
        path = write_export(rows, tmp, xlsx=which.endswith("xlsx"))
        extra: dict[str, Any] = {}
        if which == "pandas_csv":
            with timer:
                frame = pd.read_csv(path, dtype=str, keep_default_na=False)
            extra["rows"] = len(frame)
        elif which == "pandas_xlsx":
            with timer:
                frame = pd.read_excel(path, dtype=object)
            extra["rows"] = len(frame)
        else:
            with timer:
                net, report = cv.io.read_export(path)
            extra.update(
                rows=report.rows,
                organizations=len(net.organizations),
                links=net.count_links(),
                duplicate_groups=len(report.duplicates),
            )
    return extra


def run(rows: int) -> list[dict[str, Any]]:
    """The measurements at `rows` accounts, each in a fresh process; ``x_pandas`` is the
    ratio to the pandas read of the same file."""
    base = measure("bench_import:import_step", rows, "pandas_csv")
    out = [
        {"name": "pandas.read_csv (same export)", **base},
        {"name": "read_export (CSV, duplicates on)",
         **measure("bench_import:import_step", rows, "export_csv")},
    ]  # fmt: skip
    out[0]["x_pandas"] = 1.0
    out[1]["x_pandas"] = out[1]["seconds"] / base["seconds"]
    if rows <= XLSX_LIMIT:
        xbase = measure("bench_import:import_step", rows, "pandas_xlsx")
        xrow = measure("bench_import:import_step", rows, "export_xlsx")
        out.append({"name": "pandas.read_excel (same export)", **xbase, "x_pandas": 1.0})
        out.append(
            {"name": "read_export (xlsx, duplicates on)", **xrow,
             "x_pandas": xrow["seconds"] / xbase["seconds"]}
        )  # fmt: skip
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int, nargs="?", default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="cProfile the import once")
    args = parser.parse_args(argv)
    import pandas as pd

    import channelvalue as cv

    with tempfile.TemporaryDirectory(prefix="cvbench-import-") as tmp:
        path = write_export(args.rows, tmp)
        if args.profile:
            import cProfile
            import pstats

            cProfile.runctx("cv.io.read_export(path)", globals(), {"cv": cv, "path": path},
                            "/tmp/import.prof")  # fmt: skip
            pstats.Stats("/tmp/import.prof").sort_stats("cumulative").print_stats(30)
            return 0
        best = {"pandas.read_csv": float("inf"), "read_export": float("inf")}
        for _ in range(args.repeat):
            for name in best:
                start = time.perf_counter()
                if name == "read_export":
                    cv.io.read_export(path)
                else:
                    pd.read_csv(path, dtype=str, keep_default_na=False)
                best[name] = min(best[name], time.perf_counter() - start)
    base = best["pandas.read_csv"]
    print(f"{args.rows:,} rows, best of {args.repeat}, one process:")
    for name, seconds in best.items():
        print(f"  {name:<18} {seconds:8.3f} s   {seconds / base:6.2f}x pandas.read_csv")
    return 0


if __name__ == "__main__":
    sys.exit(main())
