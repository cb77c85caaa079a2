"""Pins of ``mapping._levels``: which weights average the delivered levels.

``v`` supplies two resellers serving ``s``, which needs ``lot_size`` at 1.0:

* ``r1`` delivers 0.2 and makes ``x`` in ``s``; ``r2`` delivers 0.6 and makes ``3x``;
* by revenue the segment gets ``(x * 0.2 + 3x * 0.6) / 4x = 0.5`` whatever ``x > 0``,
  so the gap is 0.5; by route count it would get ``(0.2 + 0.6) / 2 = 0.4``;
* with no revenue at all the route counts weigh: 0.4, gap 0.6.
"""

from __future__ import annotations

import numpy as np
import pytest

import channelvalue as cv
from channelvalue.mapping._levels import (
    OUTPUTS,
    capability_matrix,
    grouped_mean,
    revenue_weights,
    status,
)


def two_resellers(r1: float, r2: float) -> cv.ChannelNetwork:
    net = cv.ChannelNetwork(steward="v")
    net.add_all(
        [
            cv.Organization("v", role="vendor"),
            cv.Organization("r1", role="reseller", revenue=r1, capabilities={"lot_size": 0.2}),
            cv.Organization("r2", role="reseller", revenue=r2, capabilities={"lot_size": 0.6}),
            cv.Segment("s", needs={"lot_size": (1.0, 1.0)}),
            cv.Supplies("v", "r1"),
            cv.Supplies("v", "r2"),
            cv.Serves("r1", "s"),
            cv.Serves("r2", "s"),
        ]
    )
    return net


@pytest.mark.parametrize("x", [0.001, 0.25, 1.0, 250.0])
def test_revenue_weighs_at_any_scale(x: float) -> None:
    g = cv.mapping.service_gaps(two_resellers(x, 3 * x))
    (row,) = g.segments
    assert row.delivered == pytest.approx(0.5, abs=1e-12)
    assert row.gap == pytest.approx(0.5, abs=1e-12)
    (pat,) = g.patterns
    assert pat.pattern == "vendor>reseller"
    assert pat.delivered == pytest.approx(0.5, abs=1e-12)


def test_route_counts_weigh_without_revenue() -> None:
    (row,) = cv.mapping.service_gaps(two_resellers(0.0, 0.0)).segments
    assert row.delivered == pytest.approx(0.4, abs=1e-12)
    assert row.gap == pytest.approx(0.6, abs=1e-12)


def test_revenue_weights_per_run() -> None:
    cut = np.array([0, 2])
    revenue = np.array([0.5, 0.25, 0.0, 0.0])
    count = np.array([1.0, 2.0, 3.0, 4.0])
    # run 0 carries 0.75 of revenue (< 1): revenue; run 1 carries none: counts
    assert revenue_weights(cut, revenue, count).tolist() == [0.5, 0.25, 3.0, 4.0]


def test_grouped_mean_per_run() -> None:
    values = np.array([[1.0], [3.0], [5.0]])
    out = grouped_mean(np.array([0, 2]), values, np.array([1.0, 3.0, 0.0]))
    assert out.tolist() == [[2.5], [0.0]]  # (1 + 9) / 4; a run of weight 0 gives 0


def test_status_edges() -> None:
    assert [status(g, 0.1) for g in (0.11, 0.1, -0.1, -0.11)] == ["under", "met", "met", "over"]


def test_capability_matrix_reads_the_organizations() -> None:
    net = two_resellers(1.0, 3.0)
    caps = capability_matrix(net)
    j = [o.value for o in OUTPUTS].index("lot_size")
    assert caps.shape == (3, len(OUTPUTS))
    assert sorted(caps[:, j].tolist()) == [0.0, 0.2, 0.6]
    assert float(caps.sum()) == pytest.approx(0.8)


def test_capability_matrix_of_an_empty_network() -> None:
    caps = capability_matrix(cv.ChannelNetwork())
    assert caps.shape == (0, len(OUTPUTS))
    assert caps.dtype == np.float64
