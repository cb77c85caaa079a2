"""Pins of ``mapping.routes``: route revenues split by route count, the listing order and
limit, the refusals and the frame without pandas, on the lattice

    v -> d1, d2;  d1 -> m;  d2 -> m;  m -> r;  d2 -> r;  r serves s (revenue 90)

where ``r`` has 3 routes (v>d1>m>r, v>d2>m>r, v>d2>r), each carrying 90 / 3 = 30.
"""

from __future__ import annotations

import sys

import pytest

import channelvalue as cv
from channelvalue.errors import ChannelValueError, MissingDependencyError
from channelvalue.mapping import routes


def lattice() -> cv.ChannelNetwork:
    net = cv.ChannelNetwork(steward="v")
    net.add_all(
        [cv.Organization("v", role="vendor", revenue=12.0)]
        + [cv.Organization(i, role="distributor") for i in ("d1", "d2", "m")]
        + [cv.Organization("r", role="reseller", revenue=90.0), cv.Segment("s")]
        + [cv.Supplies(a, b) for a, b in [("v", "d1"), ("v", "d2"), ("d1", "m")]]
        + [cv.Supplies(a, b) for a, b in [("d2", "m"), ("m", "r"), ("d2", "r")]]
        + [cv.Serves("r", "s")]
    )
    return net


def test_routes_listed_in_member_order_with_split_revenue() -> None:
    rs = routes(lattice(), "s")
    assert (rs.count, rs.partners, rs.revenue) == (3, ("r",), 90.0)
    listed = [(r.members, r.pattern, r.revenue) for r in rs.list()]
    assert listed == [
        (("v", "d1", "m", "r"), "vendor>distributor>distributor>reseller", 30.0),
        (("v", "d2", "m", "r"), "vendor>distributor>distributor>reseller", 30.0),
        (("v", "d2", "r"), "vendor>distributor>reseller", 30.0),
    ]
    assert [r.members for r in rs.list(limit=1)] == [("v", "d1", "m", "r")]
    assert list(rs.list(limit=0)) == []


def test_routes_from_another_source() -> None:
    rs = routes(lattice(), "s", source="d2")
    assert rs.count == 2
    assert [r.members for r in rs.list()] == [("d2", "m", "r"), ("d2", "r")]
    assert [r.revenue for r in rs.list()] == [45.0, 45.0]


def test_the_steward_serving_a_segment_is_a_route_of_one() -> None:
    net = lattice()
    net.add(cv.Serves("v", "s"))
    rs = routes(net, "s")
    assert rs.count == 4
    assert rs.partners == ("r", "v")
    first = next(iter(rs.list()))
    assert (first.members, first.pattern, first.revenue) == (("v",), "vendor", 12.0)


def test_frame() -> None:
    frame = routes(lattice(), "s").to_frame()
    assert frame.to_dict("list") == {
        "partner": ["r"],
        "partner_name": ["r"],
        "role": ["reseller"],
        "routes": [3],
        "revenue": [90.0],
    }


@pytest.mark.parametrize("limit", [-1, 1.5, True])
def test_bad_limit_word_for_word(limit: object) -> None:
    with pytest.raises(ChannelValueError) as err:
        routes(lattice(), "s").list(limit=limit)  # type: ignore[arg-type]
    assert str(err.value) == (
        f"RouteSet.list.limit: got {limit!r} but expected an integer >= 0 or None"
    )


def test_frame_without_pandas_names_the_call(monkeypatch: pytest.MonkeyPatch) -> None:
    rs = routes(lattice(), "s")
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingDependencyError) as err:
        rs.to_frame()
    assert str(err.value) == (
        "RouteSet.to_frame() needs the optional dependency 'pandas': "
        "pip install 'channelvalue[pandas]'"
    )
