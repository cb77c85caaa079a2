"""Benchmark: every mapping function on ``synthetic(partners=N)``, next to a networkx build.

All measurements run in **one** process, on one network:

- ``networkx build (same process)``: a bare ``networkx.MultiDiGraph`` of the network's
  nodes and edges (one keyed edge per link carrying one attribute, ``link=<the link>``),
  built with ``add_nodes_from`` + ``add_edges_from``; the input lists are made first;
- ``arrays(net)``: the cached array view every whole-graph pass shares (built once per
  network version, by the foundation; shown for reference);
- each mapping function, *cold*: the mapping caches (supply levels, path counts, pattern
  states, dominators) are dropped before each call, so every row pays its own passes.
  ``segment_efficiency`` runs on the first segment whose flow table names only members on
  its routes.

Seconds are wall time (``time.perf_counter``); ``peak_mb`` is the process's peak resident
memory after the step (the whole process: network, inputs and interpreter included).

Run alone (default 100,000 partners)::

    python benchmarks/bench_mapping.py 100000
    python benchmarks/bench_mapping.py --partners 1000000

``run(partners)`` returns the rows for ``benchmarks/run.py``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from _harness import networkx_build, partners_arg, print_rows, timed

__all__ = ["main", "run"]

SEED = 0


def _cold(net: Any) -> None:
    """Drop the mapping caches (keep the foundation's array view)."""
    from channelvalue.core import cache
    from channelvalue.core.arrays import arrays

    cache.clear(net)
    arrays(net)  # rebuilt outside the timed call


def run(partners: int) -> list[dict[str, Any]]:
    """Time every mapping function on ``synthetic(partners)``; one row per measurement.

    Rows: ``{"name", "seconds", "peak_mb", "organizations", "links", "x_networkx"}``.
    """
    import channelvalue as cv
    from channelvalue import mapping as m
    from channelvalue.core.arrays import arrays

    net = cv.datasets.synthetic(partners=partners, seed=SEED)
    size = {"organizations": len(net.organizations), "links": net.count_links()}
    rows: list[dict[str, Any]] = []
    nx_row, graph = timed("networkx build (same process)", networkx_build(net))
    del graph
    rows.append(nx_row)
    row, _ = timed("arrays(net) (shared view)", lambda: arrays(net))
    rows.append(row)

    segment = sorted(net.segments)[0]
    eff_segment = next((s for s in sorted(net.flow_tables) if _efficiency_ok(net, s)), None)
    steps: list[tuple[str, Callable[[], Any]]] = [
        (f"routes(net, {segment!r})", lambda: m.routes(net, segment)),
        ("routes(...).list(limit=1000)", lambda: list(m.routes(net, segment).list(limit=1000))),
        ("route_patterns(net)", lambda: m.route_patterns(net)),
        ("coverage(net)", lambda: m.coverage(net)),
        ("service_gaps(net)", lambda: m.service_gaps(net)),
        ("segment_partners(net)", lambda: m.segment_partners(net)),
        ("single_points_of_failure(net)", lambda: m.single_points_of_failure(net)),
        ("what_if_removed(net, 'dist-0000')", lambda: m.what_if_removed(net, "dist-0000")),
    ]
    if eff_segment is not None:
        steps.append(
            (
                f"segment_efficiency(net, {eff_segment!r})",
                lambda: m.segment_efficiency(net, eff_segment),
            )
        )
    for name, step in steps:
        _cold(net)
        row, _ = timed(name, step)
        rows.append(row)
    for row in rows:
        row.update(size)
        row["x_networkx"] = row["seconds"] / nx_row["seconds"]
    return rows


def _efficiency_ok(net: Any, segment: str) -> bool:
    import channelvalue as cv
    from channelvalue import mapping as m

    try:
        m.segment_efficiency(net, segment)
    except cv.ValidationError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    """Print the table for the size given on the command line."""
    partners = partners_arg(argv, __doc__.splitlines()[0])
    rows = run(partners)
    print(
        f"synthetic(partners={partners:,}): {rows[0]['organizations']:,} organizations, "
        f"{rows[0]['links']:,} links"
    )
    print_rows(rows)
    total = sum(r["seconds"] for r in rows[2:])
    print(
        f"  {'all mapping functions, cold':<44} {total:9.3f} {'':>9} "
        f"{total / rows[0]['seconds']:11.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
