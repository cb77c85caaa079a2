"""Benchmark: the margin build-up of one priced route per partner of ``synthetic(partners=N)``,
next to a networkx build of the same graph.

All measurements run in **one** process, on one network:

- ``networkx build (same process)``: a bare ``networkx.MultiDiGraph`` of the network's
  nodes and edges (one keyed edge per link carrying ``link=<the link>``), as in
  ``bench_mapping.py``;
- ``add_all(route pricings)``: adding one ``RoutePricing`` per partner (steward -> its first
  supplier -> the partner, or steward -> partner when the steward supplies it; the segment
  is the first one the partner serves), the references checked by the network;
- ``margin_build_up(net)``: every route's margins, shares and normative shares (one
  efficiency template per segment with a flow table);
- ``margin_build_up(net).to_frame()``: the same, as one pandas frame (one row per level);
- ``margins.stacking``: the audit check on the same network.

Seconds are wall time; ``peak_mb`` the process's peak resident memory after the step.

Run alone (default 100,000 partners)::

    python benchmarks/bench_margins.py 100000

``run(partners)`` returns the rows for ``benchmarks/run.py``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from _harness import networkx_build, partners_arg, print_rows, timed

__all__ = ["main", "run"]

SEED = 0


def _pricings(net: Any) -> list[Any]:
    """One priced route per partner: steward -> first supplier -> partner."""
    import channelvalue as cv

    steward = net.steward_id
    first_supplier: dict[str, str] = {}
    for lk in net.links("supplies"):
        first_supplier.setdefault(lk.target, lk.source)
    first_segment: dict[str, str] = {}
    for lk in net.links("serves"):
        first_segment.setdefault(lk.source, lk.target)
    out = []
    for k, (partner, segment) in enumerate(first_segment.items()):
        if partner == steward or partner not in first_supplier:
            continue
        above = first_supplier[partner]
        list_price = 100.0 + k % 50
        levels = [cv.PriceLevel(partner, buy=60.0, sell=list_price * 0.9, rebate=1.0)]
        if above != steward:
            levels.insert(0, cv.PriceLevel(above, buy=55.0, sell=60.0, back_end=0.5))
        out.append(
            cv.RoutePricing(
                f"price-{partner}",
                steward=steward,
                segment=segment,
                list_price=list_price,
                target_price=list_price * 0.85,
                levels=levels,
            )
        )
    return out


def run(partners: int) -> list[dict[str, Any]]:
    """Time the margin build-up on ``synthetic(partners)``; one row per measurement.

    Rows: ``{"name", "seconds", "peak_mb", "organizations", "links", "routes",
    "x_networkx"}``.
    """
    import channelvalue as cv
    from channelvalue import mapping as m
    from channelvalue.aligning import AuditConfig
    from channelvalue.aligning.checks.margins import margins_stacking

    net = cv.datasets.synthetic(partners=partners, seed=SEED)
    size = {"organizations": len(net.organizations), "links": net.count_links()}
    rows: list[dict[str, Any]] = []
    nx_row, graph = timed("networkx build (same process)", networkx_build(net))
    del graph
    rows.append(nx_row)
    pricings = _pricings(net)
    import pandas  # noqa: F401 - imported before the timings (to_frame needs it)

    row, _ = timed("add_all(route pricings)", lambda: net.add_all(pricings))
    rows.append(row)
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("margin_build_up(net)", lambda: m.margin_build_up(net)),
        ("margin_build_up(net).to_frame()", lambda: m.margin_build_up(net).to_frame()),
        ("margins.stacking", lambda: list(margins_stacking(net, AuditConfig()))),
    ]
    for name, step in steps:
        row, _ = timed(name, step)
        rows.append(row)
    for row in rows:
        row.update(size)
        row["routes"] = len(pricings)
        row["x_networkx"] = row["seconds"] / nx_row["seconds"]
    return rows


def main(argv: list[str] | None = None) -> int:
    """Print the table for the size given on the command line."""
    partners = partners_arg(argv, __doc__.splitlines()[0])
    rows = run(partners)
    print(
        f"synthetic(partners={partners:,}): {rows[0]['organizations']:,} organizations, "
        f"{rows[0]['links']:,} links, {rows[0]['routes']:,} priced routes"
    )
    print_rows(rows, 36)
    return 0


if __name__ == "__main__":
    sys.exit(main())
