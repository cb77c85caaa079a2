"""Benchmark: the hostile inputs of issue 14, which must stay polynomial.

- ``audit(net)`` and ``route_patterns(net)`` on **20 fully connected layers** of two roles
  (distributor, logistics): 2**20 role patterns, a 6 KB document; before the bound on
  patterns per organization the audit took 11 s and 2.2 GB;
- a **supply chain** of N/10 distributors in a line (every route-pattern prefix was kept);
- a **reporting chain** of N/20 links added one at a time (the cycle check walked the whole
  chain on every add: 8,000 adds took 65 s).

The layered input has the same size at every N; the chains grow with N. Tests check the
*work done* (tests/mapping/test_complexity.py, tests/core/test_complexity.py); this prints
the time and peak memory.

Run alone (default 100,000)::

    python benchmarks/bench_hostile.py 100000
"""

from __future__ import annotations

import argparse
import itertools
import sys
from typing import Any

from _harness import timed

__all__ = ["main", "run"]

LAYERS = 20


def layered(layers: int = LAYERS) -> Any:
    """`layers` fully connected layers of {distributor, logistics}, then a reseller."""
    import channelvalue as cv

    net = cv.ChannelNetwork(steward="v", name=f"{layers} layers")
    items: list[Any] = [cv.Organization("v", role="vendor"), cv.Segment("s")]
    above = ["v"]
    for i in range(layers):
        here = [f"d{i}", f"l{i}"]
        items += [cv.Organization(here[0], role="distributor")]
        items += [cv.Organization(here[1], role="logistics")]
        items += [cv.Supplies(a, b) for a in above for b in here]
        above = here
    items += [cv.Organization("r", role="reseller", revenue=1.0)]
    items += [cv.Supplies(a, "r") for a in above] + [cv.Serves("r", "s")]
    net.add_all(items)
    return net


def supply_chain(n: int) -> Any:
    """A line of `n` distributors from the vendor to a reseller serving one segment."""
    import channelvalue as cv

    net = cv.ChannelNetwork(steward="v", name=f"chain of {n}")
    ids = ["v", *(f"d{i}" for i in range(n)), "r"]
    items: list[Any] = [cv.Organization("v", role="vendor"), cv.Segment("s")]
    items += [cv.Organization(f"d{i}", role="distributor") for i in range(n)]
    items += [cv.Organization("r", role="reseller", revenue=1.0), cv.Serves("r", "s")]
    items += [cv.Supplies(a, b) for a, b in itertools.pairwise(ids)]
    net.add_all(items)
    return net


def reporting_chain(n: int) -> None:
    """Grow a `reports_to` chain of `n` links, one `add` at a time."""
    import channelvalue as cv

    net = cv.ChannelNetwork(steward="v")
    net.add_all([cv.Organization("v", role="vendor")])
    above = "v"
    for i in range(n):
        net.add(cv.Organization(f"p{i}", role="reseller"))
        net.add(cv.ReportsTo(f"p{i}", above))
        above = f"p{i}"


def run(size: int) -> list[dict[str, Any]]:
    """Time the hostile inputs; one row per measurement."""
    import channelvalue as cv

    rows: list[dict[str, Any]] = []
    net = layered()
    row, report = timed(f"audit(net), {LAYERS} fully connected layers", lambda: cv.audit(net))
    rows.append({**row, "findings": len(report)})
    net = layered()
    row, rp = timed(
        f"route_patterns(net), {LAYERS} fully connected layers",
        lambda: cv.mapping.route_patterns(net),
    )
    rows.append({**row, "capped": rp.capped})
    chain = supply_chain(size // 10)
    row, _ = timed(
        f"route_patterns(net), supply chain of {size // 10:,}",
        lambda: cv.mapping.route_patterns(chain),
    )
    rows.append(row)
    row, _ = timed(
        f"reports_to chain of {size // 20:,}, one add at a time",
        lambda: reporting_chain(size // 20),
    )
    rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> int:
    """Print the table for the size given on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", nargs="?", type=int, default=100_000)
    args = parser.parse_args(argv)
    for r in run(args.size):
        print(f"  {r['name']:<55} {r['seconds']:8.3f} s {r['peak_mb']:8.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
