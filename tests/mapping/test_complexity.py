"""Growth of the route-pattern work on adversarial inputs: polynomial, never exponential.

Work is measured by the number of (organization, pattern) states kept and by the peak of
memory traced with :mod:`tracemalloc`, never by wall time.
"""

from __future__ import annotations

import tracemalloc
from itertools import pairwise
from typing import Any

import channelvalue as cv
from channelvalue.core.arrays import arrays
from channelvalue.mapping import route_patterns, service_gaps
from channelvalue.mapping._patterns import pattern_states


def layered(layers: int) -> cv.ChannelNetwork:
    """``layers`` layers of a distributor and a logistics provider, each supplying both
    organizations of the next layer (``2**layers`` role patterns), then a reseller serving
    a segment."""
    net = cv.ChannelNetwork(steward="v")
    items: list[Any] = [cv.Organization("v", role="vendor"), cv.Segment("s")]
    previous = ["v"]
    for k in range(layers):
        layer = [f"d{k}", f"l{k}"]
        items += [
            cv.Organization(layer[0], role="distributor", capabilities={"availability": 0.5}),
            cv.Organization(layer[1], role="logistics", capabilities={"lot_size": 0.5}),
        ]
        items += [cv.Supplies(u, w) for u in previous for w in layer]
        previous = layer
    items += [cv.Organization("r", role="reseller", revenue=100.0), cv.Serves("r", "s")]
    items += [cv.Supplies(u, "r") for u in previous]
    net.add_all(items)
    return net


def chain(n: int) -> cv.ChannelNetwork:
    """A supply chain of ``n`` distributors in a line, ending at a reseller serving ``s``."""
    net = cv.ChannelNetwork(steward="v")
    ids = ["v", *(f"d{k}" for k in range(n)), "r"]
    items: list[Any] = [cv.Organization("v", role="vendor"), cv.Segment("s")]
    items += [cv.Organization(f"d{k}", role="distributor") for k in range(n)]
    items += [cv.Organization("r", role="reseller", revenue=5.0), cv.Serves("r", "s")]
    items += [cv.Supplies(u, w) for u, w in pairwise(ids)]
    net.add_all(items)
    return net


def states_of(net: cv.ChannelNetwork) -> int:
    return len(pattern_states(net, arrays(net).org_index["v"]).node)


def test_layered_states_grow_polynomially() -> None:
    small, large = states_of(layered(10)), states_of(layered(16))
    # without a bound: 2**k states in layer k, 64 x more for 16 layers than for 10;
    # with it: at most 2 x max_patterns per layer, linear in the layers past the first few
    assert large <= 2.5 * small


def test_layered_result_is_capped_with_exact_counts() -> None:
    net = layered(20)
    rp = route_patterns(net)
    assert rp.capped
    assert sum(r.routes for r in rp.rows) == 2**20  # every route counted once
    assert rp.other_routes > 0
    assert any(r.pattern == "(other patterns)" for r in rp.rows)
    assert "other_routes=" in repr(rp)
    gaps = service_gaps(net)
    assert gaps.capped
    assert gaps.score("s").routes == 2**20
    full = route_patterns(layered(4), max_patterns=2**6)
    assert not full.capped
    assert full.other_routes == 0
    assert len(full.rows) == 2**4


def test_audit_of_the_layered_file_stays_small() -> None:
    net = layered(16)
    cv.audit(cv.datasets.example())  # imports and registries are not what is measured
    tracemalloc.start()
    try:
        cv.audit(net)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 40 * 2**20  # 2**16 patterns per organization took 120 MB


def _peak(net: cv.ChannelNetwork) -> int:
    tracemalloc.start()
    try:
        rp = route_patterns(net)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(rp.rows) == 1
    return peak


def test_chain_memory_is_linear() -> None:
    n = 500
    small, large = chain(n), chain(4 * n)
    # one pattern string per prefix: 16 x more memory for a chain 4 x longer
    assert _peak(large) <= 6 * _peak(small)
