"""Pins of ``mapping._core``: the cycle named, the id errors word for word, path counts."""

from __future__ import annotations

import numpy as np
import pytest

import channelvalue as cv
from channelvalue.core.arrays import arrays
from channelvalue.errors import ChannelValueError, CycleError
from channelvalue.mapping._core import path_counts, ranges, reaches, supply_order


def test_the_cycle_of_the_first_stuck_organization_is_named() -> None:
    """Two separate cycles, a <-> y and b <-> c: the message names a's (smallest index)."""
    net = cv.ChannelNetwork(steward="a")
    net.add_all(
        [cv.Organization(i, role="vendor" if i == "a" else "distributor") for i in "abcy"]
        + [
            cv.Supplies("a", "y"),
            cv.Supplies("y", "a"),
            cv.Supplies("b", "c"),
            cv.Supplies("c", "b"),
            cv.Segment("s"),
        ]
    )
    assert arrays(net).org_ids == ("a", "b", "c", "y")
    with pytest.raises(CycleError) as err:
        cv.mapping.coverage(net)
    assert str(err.value) == "supplies links form a cycle: a -> y -> a"


def test_a_cycle_is_rotated_to_its_smallest_id() -> None:
    net = cv.ChannelNetwork(steward="v")
    net.add_all(
        [cv.Organization("v", role="vendor")]
        + [cv.Organization(i, role="distributor") for i in ("p", "q", "r")]
        + [cv.Supplies("v", "r"), cv.Supplies("r", "q"), cv.Supplies("q", "p")]
        + [cv.Supplies("p", "r")]
    )
    with pytest.raises(CycleError) as err:
        supply_order(net)
    assert str(err.value) == "supplies links form a cycle: p -> r -> q -> p"


def ten_segments() -> cv.ChannelNetwork:
    net = cv.ChannelNetwork(steward="v")
    net.add_all([cv.Organization("v", role="vendor")] + [cv.Segment(f"s{i}") for i in range(10)])
    return net


def test_unknown_segment_lists_eight_then_the_count() -> None:
    with pytest.raises(ChannelValueError) as err:
        cv.mapping.routes(ten_segments(), "zz")
    assert str(err.value) == (
        "routes.segment: unknown segment id 'zz' (valid segments: 's0', 's1', 's2', 's3', "
        "'s4', 's5', 's6', 's7', ... (10 in all))"
    )


def test_unknown_segment_without_segments() -> None:
    net = cv.ChannelNetwork(steward="v")
    net.add_all([cv.Organization("v", role="vendor")])
    with pytest.raises(ChannelValueError) as err:
        cv.mapping.routes(net, "zz")
    assert str(err.value) == "routes.segment: unknown segment id 'zz' (the network has no segments)"


def test_unknown_segment_lists_all_when_few() -> None:
    net = cv.ChannelNetwork(steward="v")
    net.add_all([cv.Organization("v", role="vendor"), cv.Segment("b"), cv.Segment("a")])
    with pytest.raises(ChannelValueError) as err:
        cv.mapping.routes(net, "zz")
    assert str(err.value) == "routes.segment: unknown segment id 'zz' (valid segments: 'a', 'b')"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("nope", "routes.source: unknown organization id 'nope'"),
        (5, "routes.source: got 5 (int) but expected an organization id (str)"),
    ],
)
def test_bad_source_word_for_word(source: object, message: str) -> None:
    with pytest.raises(ChannelValueError) as err:
        cv.mapping.routes(ten_segments(), "s1", source=source)  # type: ignore[arg-type]
    assert str(err.value) == message


def test_bad_segment_type_word_for_word() -> None:
    with pytest.raises(ChannelValueError) as err:
        cv.mapping.routes(ten_segments(), 3)  # type: ignore[arg-type]
    assert str(err.value) == "routes.segment: got 3 (int) but expected a segment id (str)"


def lattice() -> cv.ChannelNetwork:
    """v -> d1, d2; d1 -> m; d2 -> m; m -> r; d2 -> r (r: 3 paths, m: 2)."""
    net = cv.ChannelNetwork(steward="v")
    net.add_all(
        [cv.Organization("v", role="vendor")]
        + [cv.Organization(i, role="distributor") for i in ("d1", "d2", "m")]
        + [cv.Organization("r", role="reseller")]
        + [cv.Supplies(a, b) for a, b in [("v", "d1"), ("v", "d2"), ("d1", "m")]]
        + [cv.Supplies(a, b) for a, b in [("d2", "m"), ("m", "r"), ("d2", "r")]]
    )
    return net


def test_path_counts_from_any_source_and_with_removals() -> None:
    net = lattice()
    a = arrays(net)
    ids = a.org_ids  # ('d1', 'd2', 'm', 'r', 'v')
    assert ids == ("d1", "d2", "m", "r", "v")
    assert path_counts(net, a.org_index["v"]).tolist() == [1, 1, 2, 3, 1]
    assert path_counts(net, a.org_index["d2"]).tolist() == [0, 1, 1, 2, 0]
    assert path_counts(net, a.org_index["m"]).tolist() == [0, 0, 1, 1, 0]
    alive = np.ones(5, dtype=np.bool_)
    alive[a.org_index["d1"]] = False
    assert path_counts(net, a.org_index["v"], alive).tolist() == [0, 1, 1, 2, 1]
    alive[:] = True
    alive[a.org_index["v"]] = False
    assert path_counts(net, a.org_index["v"], alive).tolist() == [0, 0, 0, 0, 0]


def test_supply_order_levels_and_reach() -> None:
    net = lattice()
    so = supply_order(net)
    assert so.level.tolist() == [1, 1, 2, 3, 0]
    assert so.depth == 4
    assert so.bounds.tolist() == [0, 0, 2, 4, 6]
    target = np.zeros(5, dtype=np.bool_)
    target[2] = True  # m
    assert reaches(net, target).tolist() == [True, True, True, False, True]


def test_ranges_skips_empty_pairs() -> None:
    assert ranges(np.array([3, 4, 7]), np.array([3, 6, 8])).tolist() == [4, 5, 7]
    assert ranges(np.array([2]), np.array([2])).tolist() == []
