"""Benchmark: ``power_map`` and the ``power.balance`` check on ``synthetic(partners=N)``,
next to a networkx build of the same graph (as ``bench_mapping.py`` measures it).

The synthetic network carries no shares of business, so the set-up (untimed) gives every
partner a ``steward_share`` and every other one a ``switching_ease`` (seeded random
numbers) through the ``organizations`` frame, and reads the network back with
``from_frames``. All measurements run in **one** process, on that network:

- ``networkx build (same process)``: a bare ``networkx.MultiDiGraph`` of the network's
  nodes and edges, built with ``add_nodes_from`` + ``add_edges_from``;
- ``power_map(net)``, *cold*: every cached value (array view, supply levels, path counts)
  dropped first;
- ``power.balance`` (the check, through ``audit(checks=[...])``), cold as well.

Run alone (default 100,000 partners)::

    python benchmarks/bench_power.py 100000

``run(partners)`` returns the rows for ``benchmarks/run.py``.
"""

from __future__ import annotations

import sys
from typing import Any

from _harness import networkx_build, partners_arg, print_rows, timed

__all__ = ["main", "run"]

SEED = 0


def _cold(net: Any) -> None:
    """Drop every derived value cached on the network (the array view included)."""
    from channelvalue.core import cache

    cache.clear(net)


def with_shares(partners: int, seed: int = SEED) -> Any:
    """``synthetic(partners)`` with a share of business on every partner (untimed set-up)."""
    import numpy as np

    import channelvalue as cv

    net = cv.datasets.synthetic(partners=partners, seed=seed)
    frames = cv.io.to_frames(net)
    orgs = frames["organizations"]
    rng = np.random.default_rng(seed)
    n = len(orgs)
    orgs["steward_share"] = rng.uniform(0.0, 1.0, n).round(3)
    ease = rng.uniform(0.0, 1.0, n).round(3)
    ease[::2] = np.nan
    orgs["switching_ease"] = ease
    frames["organizations"] = orgs
    return cv.io.from_frames(**frames)


def run(partners: int) -> list[dict[str, Any]]:
    """Time ``power_map`` and ``power.balance``; one row per measurement.

    Rows: ``{"name", "seconds", "peak_mb", "organizations", "links", "x_networkx"}``.
    """
    from channelvalue import mapping
    from channelvalue.aligning import audit

    net = with_shares(partners)
    size = {"organizations": len(net.organizations), "links": net.count_links()}
    rows: list[dict[str, Any]] = []
    nx_row, graph = timed("networkx build (same process)", networkx_build(net))
    del graph
    rows.append(nx_row)
    _cold(net)
    row, pm = timed("power_map(net), cold", lambda: mapping.power_map(net))
    rows.append(row)
    _cold(net)
    row, report = timed(
        "audit(net, checks=['power.balance']), cold",
        lambda: audit(net, checks=["power.balance"]),
    )
    rows.append(row)
    for r in rows:
        r.update(size)
        r["x_networkx"] = r["seconds"] / nx_row["seconds"]
    rows[1]["partners"] = len(pm)
    rows[2]["findings"] = len(report)
    return rows


def main(argv: list[str] | None = None) -> int:
    """Print the table for the size given on the command line."""
    partners = partners_arg(argv, __doc__.splitlines()[0])
    rows = run(partners)
    print(
        f"synthetic(partners={partners:,}) with shares: {rows[0]['organizations']:,} "
        f"organizations, {rows[0]['links']:,} links"
    )
    print_rows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
