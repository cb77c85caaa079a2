"""Benchmark: investment allocation (``channelvalue.building.allocate``) for N candidates.

The candidates are drawn with a fixed seed: revenue log-normal (median about 160,000),
velocity uniform in [-0.2, 0.6], two kinds (two thirds MDF, one third co-op), every tenth
with a floor of 500, every one capped at 5 % of its revenue, each with a concave response
curve of three pieces (slopes ``(1, 0.5, 0.25) x (1 + velocity)``, each 2 % of revenue
wide); the budget is 1 % of their total revenue, co-op limited to 20 % of it.

Measurements, each in a fresh process (``_harness.measure``), so ``peak_mb`` is its own:

- ``Candidate x N``: constructing the N validated candidates;
- ``allocate(..., method="proportional")``: to revenue, with the floors and caps;
- ``allocate(..., method="optimal")``: the LP — one variable per piece (3N), a budget row
  and a co-op row, solved by HiGHS — and the N investments it returns;
- ``candidates_from(synthetic(N))``: candidates made from a synthetic network of N
  partners in one array pass (the network is built before the clock starts).

Run alone (default 100,000 candidates)::

    python benchmarks/bench_allocation.py 100000

``run(candidates)`` returns the rows ``{name, seconds, peak_mb, ...}`` for ``run.py``.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from _harness import Timer, measure  # this folder is on sys.path as a script

__all__ = ["allocate_step", "candidates_from_step", "candidates_step", "main", "run"]

SEED = 0


def _candidates(n: int) -> tuple[list[Any], float]:
    import numpy as np

    from channelvalue.building import Candidate

    rng = np.random.default_rng(SEED)
    revenue = rng.lognormal(12.0, 1.2, n).tolist()
    velocity = rng.uniform(-0.2, 0.6, n).tolist()
    out = []
    for i in range(n):
        rev, vel = revenue[i], velocity[i]
        w = 0.02 * rev
        gain = 1.0 + vel
        out.append(
            Candidate(
                f"p{i:07d}",
                kind="coop" if i % 3 == 0 else "mdf",
                revenue=rev,
                velocity=vel,
                floor=500.0 if i % 10 == 0 else 0.0,
                cap=max(0.05 * rev, 500.0),
                response=(
                    (0.0, 0.0),
                    (w, gain * w),
                    (2 * w, 1.5 * gain * w),
                    (3 * w, 1.75 * gain * w),
                ),
            )
        )
    return out, 0.01 * float(sum(revenue))


def candidates_step(timer: Timer, n: int) -> dict[str, Any]:
    """Time constructing ``n`` candidates (imports done before the clock starts)."""
    import numpy  # noqa: F401

    import channelvalue.building  # noqa: F401

    with timer:
        cands, _ = _candidates(n)
    return {"candidates": len(cands)}


def allocate_step(timer: Timer, n: int, method: str) -> dict[str, Any]:
    """Time one allocation of ``n`` candidates with ``method``."""
    from channelvalue.building import allocate

    cands, budget = _candidates(n)
    limits = {"coop": 0.2 * budget} if method == "optimal" else None
    with timer:
        result = allocate(budget, cands, method=method, kind_limits=limits)
    return {
        "candidates": n,
        "recipients": len(result.investments),
        "budget_used": result.total / budget,
        "objective": result.objective,
        "binding": len(result.binding),
    }


def candidates_from_step(timer: Timer, n: int) -> dict[str, Any]:
    """Time ``candidates_from`` on a synthetic network of ``n`` partners."""
    import channelvalue as cv
    from channelvalue.building import candidates_from

    net = cv.datasets.synthetic(partners=n, seed=SEED)
    with timer:
        cands = candidates_from(net)
    return {"candidates": len(cands), "organizations": len(net.organizations)}


def run(candidates: int) -> list[dict[str, Any]]:
    """One row per measurement: ``{"name", "seconds", "peak_mb", "candidates", ...}``."""
    steps = [
        (f"Candidate x {candidates:,}", "bench_allocation:candidates_step", ()),
        ("allocate proportional", "bench_allocation:allocate_step", ("proportional",)),
        ("allocate optimal (LP, HiGHS)", "bench_allocation:allocate_step", ("optimal",)),
        ("candidates_from(synthetic)", "bench_allocation:candidates_from_step", ()),
    ]
    rows = []
    for name, target, extra in steps:
        row = measure(target, candidates, *extra, timeout=3600)
        rows.append({"name": name, **row})
    return rows


def main(argv: list[str] | None = None) -> int:
    """Print the table for the number of candidates given on the command line."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("candidates", nargs="?", type=int, default=100_000)
    args = parser.parse_args(argv)
    rows = run(args.candidates)
    print(f"allocation of {args.candidates:,} candidates")
    print(f"  {'step':<34} {'seconds':>9} {'peak MB':>9}")
    for row in rows:
        print(f"  {row['name']:<34} {row['seconds']:9.3f} {row['peak_mb']:9,.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
