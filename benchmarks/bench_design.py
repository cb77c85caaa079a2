"""Benchmark: zero-based channel design (``channelvalue.building.design_channel``) for T types.

One segment demanding five service outputs, T candidate member types drawn with a fixed
seed: capabilities uniform in [0, 1] for all nine service outputs, a cost uniform in [1, 10]
for each of the eight flows (one flow in five left out: the type cannot carry it), a fixed
cost uniform in [0, 20]. Each demanded level is the 80th percentile of the types'
capabilities for it, so about one type in five reaches it and the design is feasible. The
MILP has ``9 T`` binaries and about ``9 T + 13`` rows; HiGHS solves it (``mip_rel_gap=0``).

Measurements, each in a fresh process (``_harness.measure``):

- ``design_channel, T types``: building and solving the programme for T = 5, 10, 20, 40
  (the instance is drawn before the clock starts). The issue asks for under 1 s at 10 types.

The design does not depend on the number of partners, so ``run(partners)`` ignores it.
Run alone::

    python benchmarks/bench_design.py            # 5, 10, 20, 40 types
    python benchmarks/bench_design.py 10 80 160  # other sizes

``run(partners)`` returns the rows ``{name, seconds, peak_mb, ...}`` for ``run.py``.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from _harness import Timer, measure  # this folder is on sys.path as a script

__all__ = ["TYPES", "design_step", "instance", "main", "run"]

SEED = 0
TYPES = (5, 10, 20, 40)


def instance(n_types: int, seed: int = SEED) -> tuple[Any, list[Any]]:
    """A feasible segment and `n_types` member types (see the module docstring)."""
    import numpy as np

    import channelvalue as cv
    from channelvalue.building import MemberType

    rng = np.random.default_rng(seed)
    outputs = list(cv.ServiceOutput)
    flows = list(cv.Flow)
    caps = rng.uniform(0.0, 1.0, (n_types, len(outputs)))
    cost = rng.uniform(1.0, 10.0, (n_types, len(flows)))
    carries = rng.uniform(size=(n_types, len(flows))) >= 0.2
    carries[0] = True  # every flow has a carrier
    fixed = rng.uniform(0.0, 20.0, n_types)
    types = [
        MemberType(
            f"type-{t:03d}",
            role=cv.Role.OTHER,
            capabilities={o.value: float(caps[t, j]) for j, o in enumerate(outputs)},
            costs={f.value: float(cost[t, k]) for k, f in enumerate(flows) if carries[t, k]},
            fixed_cost=float(fixed[t]),
        )
        for t in range(n_types)
    ]
    demanded = rng.choice(len(outputs), 5, replace=False)
    needs = {
        outputs[j].value: (round(float(np.quantile(caps[:, j], 0.8)), 6), 1.0)
        for j in sorted(demanded.tolist())
    }
    return cv.Segment("s", needs=needs), types


def design_step(timer: Timer, n_types: int) -> dict[str, Any]:
    """Time one `design_channel` on `n_types` member types."""
    import scipy.optimize  # noqa: F401  (imported before the clock starts)

    from channelvalue.building import design_channel

    segment, types = instance(n_types)
    with timer:
        design = design_channel(segment, types)
    return {"types": n_types, "chosen": len(design.types), "cost": design.cost}


def run(partners: int, types: tuple[int, ...] = TYPES) -> list[dict[str, Any]]:
    """One row per number of member types (`partners` is ignored: see the docstring)."""
    del partners
    rows = []
    for n in types:
        row = measure("bench_design:design_step", n, timeout=600)
        rows.append({"name": f"design_channel, {n} types", **row})
    return rows


def main(argv: list[str] | None = None) -> int:
    """Print the time per number of member types."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("types", nargs="*", type=int, default=list(TYPES))
    args = parser.parse_args(argv)
    rows = run(0, tuple(args.types))
    print("zero-based design of one segment (8 flows, 5 demanded service outputs)")
    print(f"  {'member types':>12} {'seconds':>9} {'peak MB':>9} {'chosen':>7} {'cost':>9}")
    for row in rows:
        print(
            f"  {row['types']:>12} {row['seconds']:9.4f} {row['peak_mb']:9,.0f} "
            f"{row['chosen']:>7} {row['cost']:9.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
