"""Pins of ``mapping.patterns`` / ``mapping._patterns``: exact route counts beyond float
precision, the pattern states, and the frame without pandas.

A chain of ``n`` "triamonds" (``x{i}`` supplies ``a{i}``, ``b{i}``, ``c{i}``, which all
supply ``x{i+1}``) ends in ``x{n} -> r``, serving ``s``: ``3**n`` routes of one pattern.
With ``n = 35`` that is 50031545098999707, an odd number past 2**53, so any float on the
way would round it.
"""

from __future__ import annotations

import sys

import numpy as np
import pytest

import channelvalue as cv
from channelvalue.core.arrays import arrays
from channelvalue.errors import MissingDependencyError
from channelvalue.mapping import route_patterns
from channelvalue.mapping._patterns import _Grow, pattern_states, serving_rows

N = 35


def triamonds(n: int = N) -> cv.ChannelNetwork:
    net = cv.ChannelNetwork(steward="x0")
    items: list[object] = [cv.Organization("x0", role="vendor"), cv.Segment("s")]
    for i in range(n):
        items += [cv.Organization(f"{k}{i}", role="distributor") for k in "abc"]
        items += [cv.Organization(f"x{i + 1}", role="distributor")]
        items += [cv.Supplies(f"x{i}", f"{k}{i}") for k in "abc"]
        items += [cv.Supplies(f"{k}{i}", f"x{i + 1}") for k in "abc"]
    items += [
        cv.Organization("r", role="reseller", revenue=7.0),
        cv.Supplies(f"x{n}", "r"),
        cv.Serves("r", "s"),
    ]
    net.add_all(items)
    return net


def test_counts_past_float_precision_are_exact() -> None:
    assert 3**N == 50031545098999707 > 2**53
    net = triamonds()
    rp = route_patterns(net)
    pattern = ">".join(["vendor", *["distributor"] * (2 * N), "reseller"])
    assert [(r.segment, r.pattern, r.routes, r.revenue, r.partners) for r in rp.rows] == [
        ("s", pattern, 3**N, 7.0, 1)
    ]
    assert [(r.pattern, r.routes) for r in rp.overall()] == [(pattern, 3**N)]
    assert cv.mapping.routes(net, "s").count == 3**N
    assert cv.mapping.coverage(net).segment("s").routes == 3**N


def test_pattern_states_one_per_organization() -> None:
    net = triamonds(3)
    a = arrays(net)
    st = pattern_states(net, a.org_index["x0"])
    n = a.n_orgs  # x0, 3 x (a, b, c, x), r
    assert n == 14
    assert sorted(st.node.tolist()) == list(range(n))
    assert st.nstates.tolist() == [1] * n
    assert sorted(st.first.tolist()) == list(range(n))
    assert st.node[st.first].tolist() == list(range(n))
    by_org = dict(zip(st.node.tolist(), st.count.tolist(), strict=True))
    assert by_org[a.org_index["x3"]] == 27
    assert by_org[a.org_index["c1"]] == 3
    assert by_org[a.org_index["r"]] == 27
    assert st.names[0] == "vendor"
    assert st.count.dtype == np.int64


def test_pattern_states_of_two_patterns() -> None:
    """v -> d -> r and v -> r: r has two states, one route each."""
    net = cv.ChannelNetwork(steward="v")
    net.add_all(
        [
            cv.Organization("v", role="vendor"),
            cv.Organization("d", role="distributor"),
            cv.Organization("r", role="reseller", revenue=90.0),
            cv.Segment("smb"),
            cv.Supplies("v", "d"),
            cv.Supplies("d", "r"),
            cv.Supplies("v", "r"),
            cv.Serves("r", "smb"),
        ]
    )
    a = arrays(net)
    st = pattern_states(net, a.org_index["v"])
    r = a.org_index["r"]
    assert st.nstates[r] == 2
    k = st.first[r]
    names = [st.names[p] for p in st.pattern[k : k + 2].tolist()]
    assert names == ["vendor>reseller", "vendor>distributor>reseller"]
    assert st.count[k : k + 2].tolist() == [1, 1]
    sr = serving_rows(net, a.org_index["v"])
    assert sr.count.tolist() == [1, 1]
    assert sr.revenue.tolist() == [45.0, 45.0]
    assert sr.org.tolist() == [r, r]


def test_frame_without_pandas_names_the_call(monkeypatch: pytest.MonkeyPatch) -> None:
    rp = route_patterns(cv.datasets.example())
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingDependencyError) as err:
        rp.to_frame()
    assert str(err.value) == (
        "RoutePatterns.to_frame() needs the optional dependency 'pandas': "
        "pip install 'channelvalue[pandas]'"
    )


def test_no_serving_partner_gives_no_rows() -> None:
    net = cv.ChannelNetwork(steward="v")
    net.add_all([cv.Organization("v", role="vendor"), cv.Segment("s")])
    rp = route_patterns(net)
    assert rp.rows == ()
    assert rp.overall() == ()
    assert rp.uncovered == ("s",)


def test_grow_doubles_its_capacity_only_when_full() -> None:
    g = _Grow(np.arange(16))
    assert (g.size, len(g.data)) == (16, 16)  # exactly full: no growth yet
    g.extend(np.array([16]))
    assert (g.size, len(g.data)) == (17, 32)  # doubled
    g.extend(np.arange(17, 32))
    assert (g.size, len(g.data)) == (32, 32)
    g.extend(np.arange(32, 100))
    assert (g.size, len(g.data)) == (100, 100)  # more than double: what is needed
    assert g.view().tolist() == list(range(100))
    assert g.data.dtype == np.arange(1).dtype
    small = _Grow(np.zeros((2, 3)))
    assert small.data.shape == (16, 3)  # at least 16 rows, the row shape kept
