"""Route totals beyond int64: a chain of diamonds doubles the routes at every diamond.

The steward ``x0`` supplies ``a0`` and ``b0``, both supply ``x1``; ``x1`` starts the next
diamond, and so on up to ``x{n}``, which supplies ``k`` resellers serving segment ``s``.
Each diamond doubles the routes, so ``x{n}`` and every reseller are reached by ``2**n``
routes and the segment by ``k * 2**n``. With ``n = 61`` and ``k = 4`` every path count
fits in int64 (``2**61``) but the segment's total, ``2**63``, does not.
"""

from __future__ import annotations

import numpy as np
import pytest

import channelvalue as cv
from channelvalue.mapping._core import exact_sums, path_counts, source_index

N, K = 61, 4
TOTAL = K * 2**N  # closed form: 2**63 = 9223372036854775808
REVENUE = 10.0  # per reseller


def chain(n: int = N, k: int = K) -> cv.ChannelNetwork:
    """``n`` diamonds in a row, then ``k`` resellers serving ``s``."""
    net = cv.ChannelNetwork(steward="x0")
    items: list[object] = [cv.Organization("x0", role="vendor"), cv.Segment("s")]
    for i in range(n):
        items += [
            cv.Organization(f"a{i}", role="distributor"),
            cv.Organization(f"b{i}", role="distributor"),
            cv.Organization(f"x{i + 1}", role="distributor"),
            cv.Supplies(f"x{i}", f"a{i}"),
            cv.Supplies(f"x{i}", f"b{i}"),
            cv.Supplies(f"a{i}", f"x{i + 1}"),
            cv.Supplies(f"b{i}", f"x{i + 1}"),
        ]
    for j in range(k):
        items += [
            cv.Organization(f"r{j}", role="reseller", revenue=REVENUE),
            cv.Supplies(f"x{n}", f"r{j}"),
            cv.Serves(f"r{j}", "s"),
        ]
    net.add_all(items)
    return net


@pytest.fixture(scope="module")
def net() -> cv.ChannelNetwork:
    return chain()


def test_the_total_is_past_int64() -> None:
    assert TOTAL == 2**63 == 9223372036854775808
    assert np.iinfo(np.int64).max < TOTAL


def test_routes_count(net: cv.ChannelNetwork) -> None:
    rs = cv.mapping.routes(net, "s")
    assert rs.count == TOTAL
    assert rs.partners == ("r0", "r1", "r2", "r3")
    assert rs.revenue == K * REVENUE


def test_coverage_is_exact_and_covered(net: cv.ChannelNetwork) -> None:
    row = cv.mapping.coverage(net).segment("s")
    assert row.routes == TOTAL
    assert type(row.routes) is int
    assert row.covered
    assert row.partners == K
    assert row.revenue == K * REVENUE
    assert row.unrouted == 0


def test_removing_a_diamond_side_halves_the_routes(net: cv.ChannelNetwork) -> None:
    (seg,) = cv.mapping.what_if_removed(net, "a0").segments
    assert seg.routes_before == TOTAL
    assert seg.routes_after == TOTAL // 2 == 2**62
    assert seg.routes_before - seg.routes_after == 2**62
    assert (seg.partners_before, seg.partners_after) == (K, K)
    assert seg.revenue_lost == 0.0


def test_removing_a_reseller_loses_a_quarter(net: cv.ChannelNetwork) -> None:
    impact = cv.mapping.what_if_removed(net, "r0")
    (seg,) = impact.segments
    assert seg.routes_before == TOTAL
    assert seg.routes_after == (K - 1) * 2**N
    assert seg.routes_before - seg.routes_after == 2**N >= 0
    assert (seg.partners_before, seg.partners_after) == (K, K - 1)
    assert seg.revenue_lost == REVENUE
    assert impact.stranded == ()


def test_removing_the_last_hub_loses_everything(net: cv.ChannelNetwork) -> None:
    impact = cv.mapping.what_if_removed(net, f"x{N}")
    (seg,) = impact.segments
    assert (seg.routes_before, seg.routes_after) == (TOTAL, 0)
    assert seg.revenue_lost == K * REVENUE
    assert impact.stranded == ("r0", "r1", "r2", "r3")


def test_audit_finds_a_route(net: cv.ChannelNetwork) -> None:
    report = cv.aligning.audit(net)
    assert not [f for f in report.findings if "no route" in f.message]
    # every hub x1..x61 is a single point of failure of all 2**63 routes
    spof = [f for f in report.findings if "passes through" in f.message]
    assert len(spof) == 1
    assert spof[0].subjects == ("s", *(f"x{i}" for i in range(1, N + 1)))
    assert spof[0].evidence["routes"] == float(TOTAL)


def test_single_points_carry_the_exact_total(net: cv.ChannelNetwork) -> None:
    points = cv.mapping.single_points_of_failure(net).points
    assert [p.member for p in points] == [f"x{i}" for i in range(1, N + 1)]
    assert {p.routes for p in points} == {TOTAL}


def test_route_patterns_total(net: cv.ChannelNetwork) -> None:
    rp = cv.mapping.route_patterns(net)
    # every route: the vendor, two distributors per diamond, a reseller
    pattern = ">".join(["vendor", *["distributor"] * (2 * N), "reseller"])
    assert [(r.segment, r.pattern, r.routes, r.partners) for r in rp.rows] == [
        ("s", pattern, TOTAL, K)
    ]
    assert rp.rows[0].revenue == K * REVENUE
    assert [(r.pattern, r.routes) for r in rp.overall()] == [(pattern, TOTAL)]
    assert rp.uncovered == ()


@pytest.mark.parametrize("n", [62, 64, 70])
def test_past_int64_per_organization(n: int) -> None:
    """Here the path counts themselves leave int64 (Python ints): totals stay exact."""
    big = chain(n)
    total = K * 2**n
    assert cv.mapping.routes(big, "s").count == total
    assert cv.mapping.coverage(big).segment("s").routes == total
    assert cv.mapping.route_patterns(big).overall()[0].routes == total
    (seg,) = cv.mapping.what_if_removed(big, "b3").segments
    assert (seg.routes_before, seg.routes_after) == (total, total // 2)


def test_small_counts_stay_int64_without_a_copy() -> None:
    counts = np.array([2**60, 2**60, 2**60], dtype=np.int64)  # total 3 * 2**60 < 2**62
    assert exact_sums(counts) is counts
    big = exact_sums(np.array([2**61, 2**61], dtype=np.int64))  # total 2**62: not safe
    assert big.dtype == object
    assert big.sum() == 2**62
    objs = np.array([1, 2], dtype=object)
    assert exact_sums(objs) is objs


def test_the_example_keeps_int64() -> None:
    net = cv.datasets.example()
    paths = path_counts(net, source_index(net, None, "test"))
    assert paths.dtype == np.int64
    assert exact_sums(paths).dtype == np.int64
