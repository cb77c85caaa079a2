"""Benchmark: the full audit of ``synthetic(partners=N)``, next to a networkx build of it.

Measurements (each in a fresh Python process, via ``_harness.measure``, so each peak
memory belongs to that step alone; all of them in the same run, on the same network):

- ``networkx build (same nodes and edges)``: a bare ``networkx.MultiDiGraph`` of the
  network's nodes and edges (one keyed edge per link carrying one attribute,
  ``link=<the link>``), built with ``add_nodes_from`` + ``add_edges_from``; the input
  lists are made before the clock starts;
- ``audit(net), cold``: ``channelvalue.aligning.audit(net)`` with every built-in check on
  a network fresh from the generator, so it also pays for the cached array view and every
  mapping pass the checks use;
- ``audit(net), warm``: the same audit again on the same network (the array view and the
  mapping caches are kept), i.e. the cost of the checks themselves;
- ``synthetic + audit(net), one process``: ``synthetic`` and then the cold audit in one
  process, as a user would run them (its peak memory is that of both);
- with ``--checks``, one row per check (array view warm, other caches cold).

Targets: the cold audit takes less time than the networkx build (``x nx`` < 1) at
100,000 partners; at 1,000,000, ``synthetic + audit`` within 60 s and 6 GB; and that
row grows at most 11-fold from 100,000 to 1,000,000 partners (``run.py`` prints it).
``seconds`` is wall time (``time.perf_counter``); ``peak_mb`` the measuring process's peak
resident memory (network, inputs and interpreter included); ``base_mb`` the memory just
before the measured step.

Run alone (default 100,000 partners)::

    python benchmarks/bench_audit.py
    python benchmarks/bench_audit.py --partners 1000000 --checks

``run(partners)`` returns the rows for ``benchmarks/run.py``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import Timer, measure

__all__ = ["TOTAL", "audit_step", "check_step", "main", "networkx_step", "run", "total_step"]

SEED = 0
TOTAL = "synthetic + audit(net), one process"
"""The row of the scale target: building the network and auditing it, end to end."""


def _network(partners: int) -> Any:
    import channelvalue as cv

    return cv.datasets.synthetic(partners=partners, seed=SEED)


def _size(net: Any) -> dict[str, int]:
    return {"organizations": len(net.organizations), "links": net.count_links()}


def networkx_step(timer: Timer, partners: int) -> dict[str, Any]:
    """Build a bare MultiDiGraph of the synthetic network's nodes and edges."""
    import networkx as nx

    net = _network(partners)
    nodes = [*net.organizations, *net.segments]
    edges = [(lk.source, lk.target, lk.kind, {"link": lk}) for lk in net.links()]
    with timer:
        g = nx.MultiDiGraph()
        g.add_nodes_from(nodes)
        g.add_edges_from(edges)
    return {**_size(net), "graph_edges": g.number_of_edges()}


def audit_step(timer: Timer, partners: int, warm: bool) -> dict[str, Any]:
    """The full audit, on a fresh network (cold) or a second time (warm)."""
    from channelvalue.aligning import audit

    net = _network(partners)
    if warm:
        audit(net)
    with timer:
        report = audit(net)
    return {
        **_size(net),
        "findings_listed": len(report.findings),
        "findings_counted": sum(report.counts.values()),
        "score": report.score,
    }


def total_step(timer: Timer, partners: int) -> dict[str, Any]:
    """``synthetic`` then the cold audit, in one process: the issue's scale target."""
    import channelvalue as cv
    from channelvalue.aligning import audit

    with timer:
        net = cv.datasets.synthetic(partners=partners, seed=SEED)
        report = audit(net)
    return {**_size(net), "score": report.score}


def check_step(timer: Timer, partners: int, check_id: str) -> dict[str, Any]:
    """One check alone (array view built beforehand)."""
    from channelvalue.aligning import AuditConfig
    from channelvalue.aligning.authoring import get_check, run_check
    from channelvalue.core.arrays import arrays

    net = _network(partners)
    arrays(net)
    item = get_check(check_id)
    with timer:
        found = run_check(item, net, AuditConfig())
    return {**_size(net), "findings_listed": len(found)}


def run(partners: int = 100_000, *, checks: bool = False) -> list[dict[str, Any]]:
    """Time the networkx build and the audit of ``synthetic(partners)``; one row each.

    Rows: ``{"name", "seconds", "peak_mb", "base_mb", "organizations", "links",
    "x_networkx", ...}``; ``x_networkx`` is the row's time over the networkx build.
    """
    here = "bench_audit"
    base = measure(f"{here}:networkx_step", partners)
    rows = [{"name": "networkx build (same nodes and edges)", **base}]
    rows.append({"name": "audit(net), cold", **measure(f"{here}:audit_step", partners, False)})
    rows.append({"name": "audit(net), warm", **measure(f"{here}:audit_step", partners, True)})
    rows.append({"name": TOTAL, **measure(f"{here}:total_step", partners)})
    if checks:
        from channelvalue.aligning import registered

        for check_id in registered():
            row = measure(f"{here}:check_step", partners, check_id)
            rows.append({"name": f"  check {check_id}", **row})
    for row in rows:
        row["x_networkx"] = row["seconds"] / base["seconds"]
    return rows


def main(argv: list[str] | None = None) -> int:
    """Print the rows as a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("partners_pos", nargs="?", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--partners", type=int, default=100_000)
    parser.add_argument("--checks", action="store_true", help="also time each check alone")
    args = parser.parse_args(argv)
    partners = args.partners_pos or args.partners
    rows = run(partners, checks=args.checks)
    first = rows[0]
    print(
        f"synthetic(partners={partners:,}): {first['organizations']:,} organizations, "
        f"{first['links']:,} links"
    )
    print(f"{'measurement':44} {'seconds':>9} {'peak MB':>9} {'x nx':>6}")
    for row in rows:
        print(
            f"{row['name']:44} {row['seconds']:9.3f} {row['peak_mb']:9.0f} {row['x_networkx']:6.2f}"
        )
    cold = rows[1]
    verdict = "meets" if cold["seconds"] < first["seconds"] else "MISSES"
    print(f"cold audit / networkx build = {cold['x_networkx']:.2f}: {verdict} the target (< 1)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
