"""Route patterns and coverage: worked example, monotonicity, errors."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue.mapping import PatternRow, SegmentCoverage, coverage, route_patterns, routes
from channelvalue.testing import strategies as cvst


# ------------------------------------------------------------------ route patterns
def test_paper_patterns(paper: cv.ChannelNetwork) -> None:
    rp = route_patterns(paper)
    vdr, vds = "vendor>distributor>reseller", "vendor>distributor>system_integrator"
    # smb: 3 routes, revenue 50 + 50 + 60, partners r1 and r2; ent: 1 route, 40, s1
    assert rp.rows == (
        PatternRow("ent", pattern=vds, routes=1, revenue=40.0, partners=1),
        PatternRow("smb", pattern=vdr, routes=3, revenue=160.0, partners=2),
    )
    assert rp.uncovered == ("home",)
    assert rp.patterns == (vdr, vds)
    assert rp.for_segment("home") == ()
    assert repr(rp) == "RoutePatterns(source='v', segments=2, patterns=2, routes=4, uncovered=1)"


def test_overall_counts_partners_once(paper_items, build) -> None:
    # r1 also serves ent: r1's 100 splits 50/50 over smb and ent, then over its 2 routes
    items = [*paper_items, cv.Serves("r1", "ent")]
    rp = route_patterns(build(items))
    vdr = "vendor>distributor>reseller"
    assert rp.for_segment("ent")[0] == PatternRow(
        "ent", pattern=vdr, routes=2, revenue=50.0, partners=1
    )
    assert rp.overall()[0] == PatternRow("*", pattern=vdr, routes=5, revenue=160.0, partners=2)


def test_patterns_frame(paper: cv.ChannelNetwork) -> None:
    df = route_patterns(paper).to_frame(overall=True)
    assert df["segment"].tolist() == ["*", "*"]
    assert df["routes"].tolist() == [3, 1]


@settings(max_examples=50, deadline=None)
@given(cvst.networks(max_organizations=8, max_segments=3, max_parents=3, plan=False))
def test_patterns_add_up_to_routes(net: cv.ChannelNetwork) -> None:
    rp = route_patterns(net)
    for segment in net.segments:
        rs = routes(net, segment)
        rows = rp.for_segment(segment)
        assert sum(r.routes for r in rows) == rs.count
        assert sum(r.revenue for r in rows) == pytest.approx(rs.revenue)
        by_pattern: dict[str, int] = {}
        for route in rs.list():
            by_pattern[route.pattern] = by_pattern.get(route.pattern, 0) + 1
        assert {r.pattern: r.routes for r in rows} == by_pattern
        assert (segment in rp.uncovered) == (rs.count == 0)


# ------------------------------------------------------------------ coverage
def test_paper_coverage(paper: cv.ChannelNetwork) -> None:
    cov = coverage(paper)
    # smb: r1 100, r2 60 of 160 -> hhi = (100/160)^2 + (60/160)^2 = 0.390625 + 0.140625
    assert cov.segment("smb") == SegmentCoverage(
        "smb", partners=2, routes=3, revenue=160.0, hhi=0.53125, unrouted=0
    )
    assert cov.segment("ent") == SegmentCoverage(
        "ent", partners=1, routes=1, revenue=40.0, hhi=1.0, unrouted=0
    )
    home = cov.segment("home")
    assert (home.partners, home.routes, home.revenue, home.covered) == (0, 0, 0.0, False)
    assert home.hhi is None  # no routed revenue: no concentration to speak of
    assert cov.uncovered == ("home",)
    assert cov.partners_of("smb") == ("r1", "r2")


def test_coverage_matrices(paper: cv.ChannelNetwork) -> None:
    cov = coverage(paper)
    assert cov.segment_ids == ("ent", "home", "smb")
    assert cov.org_ids == ("d1", "d2", "r1", "r2", "s1", "v")
    assert cov.revenue.toarray().tolist() == [
        [0, 0, 0, 0, 40, 0],
        [0, 0, 0, 0, 0, 0],
        [0, 0, 100, 60, 0, 0],
    ]
    assert cov.routes.toarray()[2].tolist() == [0, 0, 2, 1, 0, 0]
    m = cov.matrix_frame(value="routes")
    assert m.columns.tolist() == ["r1", "r2", "s1"]
    assert m.loc["smb"].tolist() == [2.0, 1.0, 0.0]
    assert cov.to_frame()["unrouted"].tolist() == [0, 0, 0]


def test_unrouted_partner(paper_items, build) -> None:
    items = [*paper_items, cv.Organization("x", role="retailer", revenue=9.0)]
    items.append(cv.Serves("x", "home"))
    cov = coverage(build(items))
    assert cov.segment("home").unrouted == 1
    assert cov.uncovered == ("home",)


def test_coverage_repr(paper: cv.ChannelNetwork) -> None:
    assert repr(coverage(paper)) == (
        "Coverage(segments=3, covered=2, uncovered=('home',), partners=3, revenue=200)"
    )


def test_coverage_errors(paper: cv.ChannelNetwork) -> None:
    cov = coverage(paper)
    with pytest.raises(cv.UnknownIdError, match=r"Coverage\.segment: unknown segment id 'x'"):
        cov.segment("x")
    with pytest.raises(cv.ValidationError, match=r"Coverage\.matrix_frame\.value"):
        cov.matrix_frame(value="share")


@settings(max_examples=60, deadline=None)
@given(cvst.networks(max_organizations=7, max_segments=3, plan=False), st.data())
def test_adding_serves_never_lowers_coverage(net: cv.ChannelNetwork, data: st.DataObject) -> None:
    if not net.segments:
        return
    org = data.draw(st.sampled_from(sorted(net.organizations)))
    seg = data.draw(st.sampled_from(sorted(net.segments)))
    before = coverage(net)
    if seg in net.segments_of(org):
        return
    more = net.copy()
    more.add(cv.Serves(org, seg))
    after = coverage(more)
    for b, a in zip(before.segments, after.segments, strict=True):
        assert a.partners >= b.partners
        assert a.routes >= b.routes
        assert a.covered or not b.covered
    assert set(after.uncovered) <= set(before.uncovered)
