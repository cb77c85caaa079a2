"""Pins of ``mapping.resilience``: single points of failure of a chain, the refusals and
the frame without pandas.

    v -> d -> m -> r1, r2 (r1, r2 serve s; revenue 5 and 7);  v -> e -> m

Every route to ``s`` passes through ``m`` (``d`` and ``e`` are alternatives), so ``m``
alone is the single point of failure: its immediate dominator is ``v`` (depth 1 in the
dominator tree); the segment has 2 x 2 = 4 routes and 5 + 7 = 12 at risk.
"""

from __future__ import annotations

import sys

import numpy as np
import pytest

import channelvalue as cv
from channelvalue.core.arrays import arrays
from channelvalue.errors import ChannelValueError, MissingDependencyError
from channelvalue.mapping import single_points_of_failure
from channelvalue.mapping.resilience import _lca, dominator_tree


def net_with_hub() -> cv.ChannelNetwork:
    net = cv.ChannelNetwork(steward="v")
    net.add_all(
        [
            cv.Organization("v", role="vendor"),
            cv.Organization("d", role="distributor"),
            cv.Organization("e", role="distributor"),
            cv.Organization("m", role="distributor"),
            cv.Organization("r1", role="reseller", revenue=5.0),
            cv.Organization("r2", role="reseller", revenue=7.0),
            cv.Segment("s"),
            cv.Segment("t"),
            cv.Supplies("v", "d"),
            cv.Supplies("v", "e"),
            cv.Supplies("d", "m"),
            cv.Supplies("e", "m"),
            cv.Supplies("m", "r1"),
            cv.Supplies("m", "r2"),
            cv.Serves("r1", "s"),
            cv.Serves("r2", "s"),
        ]
    )
    return net


def test_the_hub_is_the_single_point() -> None:
    res = single_points_of_failure(net_with_hub())
    assert [(p.segment, p.member, p.depth, p.routes, p.revenue_at_risk) for p in res.points] == [
        ("s", "m", 1, 4, 12.0)
    ]
    assert res.points[0].role.value == "distributor"
    assert res.segments == ("s", "t")
    assert res.uncovered == ("t",)
    assert res.members == ("m",)
    assert res.revenue_at_risk("m") == 12.0
    assert res.revenue_at_risk("d") == 0.0
    assert res.for_segment("t") == ()


def test_one_segment_only() -> None:
    res = single_points_of_failure(net_with_hub(), "t")
    assert (res.segments, res.uncovered, res.points) == (("t",), ("t",), ())


def test_refusals_word_for_word() -> None:
    res = single_points_of_failure(net_with_hub(), "s")
    with pytest.raises(ChannelValueError) as err:
        res.for_segment("t")
    assert str(err.value) == "Resilience.for_segment: unknown segment id 't'"
    with pytest.raises(ChannelValueError) as err:
        single_points_of_failure(net_with_hub(), "zz")
    assert str(err.value) == (
        "single_points_of_failure: unknown segment id 'zz' (valid segments: 's', 't')"
    )


def test_frame_without_pandas_names_the_call(monkeypatch: pytest.MonkeyPatch) -> None:
    res = single_points_of_failure(net_with_hub())
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingDependencyError) as err:
        res.to_frame()
    assert str(err.value) == (
        "Resilience.to_frame() needs the optional dependency 'pandas': "
        "pip install 'channelvalue[pandas]'"
    )


def test_dominator_tree_by_hand() -> None:
    """v -> d, e -> m; x unreachable: d, e and m hang off v (depth 1), x is -1, -1."""
    net = cv.ChannelNetwork(steward="v")
    net.add_all(
        [cv.Organization(i, role="vendor" if i == "v" else "distributor") for i in "vdemx"]
        + [cv.Supplies("v", "d"), cv.Supplies("v", "e")]
        + [cv.Supplies("d", "m"), cv.Supplies("e", "m")]
    )
    a = arrays(net)
    assert a.org_ids == ("d", "e", "m", "v", "x")
    idom, depth = dominator_tree(net, a.org_index["v"])
    assert idom.tolist() == [3, 3, 3, 3, -1]
    assert depth.tolist() == [1, 1, 1, 0, -1]


def test_lca_of_several_pairs_at_once() -> None:
    """Tree 0 -> 1 -> 2 -> 3 and 1 -> 4: a pair that meets early must stay where it met."""
    idom = np.array([0, 0, 1, 2, 1])
    depth = np.array([0, 1, 2, 3, 2])
    got = _lca(np.array([3, 3, 2, 4]), np.array([3, 4, 3, 0]), idom, depth)
    assert got.tolist() == [3, 1, 2, 0]
