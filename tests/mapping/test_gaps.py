"""Service-output gaps: worked example, weighting rules, properties, errors."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue.mapping import GapRow, GapScore, service_gaps
from channelvalue.model import ServiceOutput
from channelvalue.testing import strategies as cvst

AS = ServiceOutput.AFTER_SALES_SERVICE
AV = ServiceOutput.AVAILABILITY
CU = ServiceOutput.CUSTOMIZATION
SP = ServiceOutput.SPATIAL_CONVENIENCE
VDR = "vendor>distributor>reseller"


def _row(seg: str, out: ServiceOutput, imp: float, dem: float, dlv: float, **kw: object) -> GapRow:
    gap = dem - dlv
    status = "under" if gap > 0.05 + 1e-9 else "over" if gap < -0.05 - 1e-9 else "met"
    return GapRow(
        seg, out, importance=imp, demanded=dem, delivered=dlv, gap=gap, status=status, **kw
    )  # type: ignore[arg-type]


def test_paper_segment_rows(paper: cv.ChannelNetwork) -> None:
    g = service_gaps(paper)
    # smb routes: v>d1>r1, v>d2>r1 (merged: same partner and pattern -> best of both),
    # v>d1>r2. Per partner: r1 availability max(.8, .6) = .8, after-sales .7;
    # r2 availability .8, after-sales .4; nobody customizes (0).
    # Revenue weights 100 (r1) and 60 (r2): after-sales = (100*.7 + 60*.4)/160 = .5875
    smb = [r for r in g.segments if r.segment == "smb"]
    assert smb == [
        _row("smb", AS, 2.0, 0.7, 0.5875),  # gap .1125 -> under
        _row("smb", AV, 3.0, 0.7, 0.8),  # gap -.1 -> over
        _row("smb", CU, 1.0, 0.5, 0.0),  # gap .5 -> under
    ]
    assert [r.status for r in smb] == ["under", "over", "under"]
    # ent: one route v>d1>s1; customization .9 (s1), after-sales 0
    ent = [(r.output, r.delivered, r.status) for r in g.segments if r.segment == "ent"]
    assert ent == [(AS, 0.0, "under"), (CU, 0.9, "over")]
    # home: no route at all, delivers 0
    assert [r for r in g.segments if r.segment == "home"] == [_row("home", SP, 1.0, 0.9, 0.0)]


def test_paper_scores(paper: cv.ChannelNetwork) -> None:
    g = service_gaps(paper)
    smb = g.score("smb")
    # shortfall: (2 * .1125 + 1 * .5) / (2 + 3 + 1) = .725 / 6; excess: 3 * .1 / 6
    assert smb.score == pytest.approx(0.725 / 6, abs=1e-12)
    assert smb.excess == pytest.approx(0.05, abs=1e-12)
    assert (smb.routes, smb.revenue, smb.under) == (3, 160.0, 2)
    # ent: shortfall 1 * .8 / 3, excess 2 * .1 / 3
    assert g.score("ent").score == pytest.approx(0.8 / 3, abs=1e-12)
    assert g.score("ent").excess == pytest.approx(0.2 / 3, abs=1e-12)
    assert g.score("home") == GapScore(
        "home", None, routes=0, revenue=0.0, score=0.9, excess=0.0, under=1
    )
    # one pattern per segment here, so the pattern score equals the segment score
    assert g.score("smb", VDR).score == smb.score


def test_paper_pattern_and_partner_rows(paper: cv.ChannelNetwork) -> None:
    g = service_gaps(paper, "smb")
    assert [(r.pattern, r.output, r.delivered) for r in g.patterns] == [
        (VDR, AS, pytest.approx(0.5875)),
        (VDR, AV, 0.8),
        (VDR, CU, 0.0),
    ]
    rows = {(r.partner, r.output): (r.delivered, r.status) for r in g.partner_rows()}
    assert rows == {
        ("r1", AS): (0.7, "met"),
        ("r1", AV): (0.8, "over"),
        ("r1", CU): (0.0, "under"),
        ("r2", AS): (0.4, "under"),
        ("r2", AV): (0.8, "over"),
        ("r2", CU): (0.0, "under"),
    }
    assert [r.segment for r in g.segments] == ["smb", "smb", "smb"]


def test_underserved_key_needs(paper: cv.ChannelNetwork) -> None:
    g = service_gaps(paper)
    # key = importance >= the segment's mean: smb mean 2 -> after-sales (2), availability (3)
    # ent mean 1.5 -> customization (over-served); home mean 1 -> spatial convenience
    assert [(r.segment, r.output) for r in g.underserved()] == [("home", SP), ("smb", AS)]
    assert [r.output for r in g.underserved("smb", min_importance=0)] == [AS, CU]
    assert g.underserved("ent") == ()


def test_tolerance_moves_the_class(paper: cv.ChannelNetwork) -> None:
    g = service_gaps(paper, "smb", tolerance=0.12)
    assert [r.status for r in g.segments] == ["met", "met", "under"]
    assert g.tolerance == 0.12


def test_route_weights_when_no_revenue(paper_items, build) -> None:
    items = [
        attrs.evolve(x, revenue=0.0) if isinstance(x, cv.Organization) else x for x in paper_items
    ]
    g = service_gaps(build(items), "smb")
    # 2 routes into r1 (.7), 1 into r2 (.4): (2 * .7 + .4) / 3 = .6
    assert g.segments[0].delivered == pytest.approx(0.6)


def test_frames_and_repr(paper: cv.ChannelNetwork) -> None:
    g = service_gaps(paper)
    assert repr(g) == "ServiceGaps(segments=3, patterns=2, under=4, met=0, over=2, tolerance=0.05)"
    seg = g.to_frame()
    assert seg.columns.tolist() == [
        "segment",
        "segment_name",
        "output",
        "importance",
        "demanded",
        "delivered",
        "gap",
        "status",
    ]
    assert seg["status"].tolist() == ["under", "over", "under", "under", "over", "under"]
    assert g.to_frame(level="pattern")["pattern"].unique().tolist() == [
        "vendor>distributor>system_integrator",
        VDR,
    ]
    part = g.to_frame(level="partner")
    assert part["partner"].tolist().count("r2") == 3
    rows = sorted(
        (r.segment, r.output.value, r.partner, r.delivered, r.status) for r in g.partner_rows()
    )
    cols = ["segment", "output", "partner", "delivered", "status"]
    assert sorted(map(tuple, part[cols].itertuples(index=False))) == rows
    assert g.scores_frame()["pattern"].tolist().count("*") == 3


# ------------------------------------------------------------------ properties
@settings(max_examples=60, deadline=None)
@given(cvst.networks(max_organizations=7, max_segments=3, plan=False), st.floats(0, 0.5))
def test_rows_are_consistent(net: cv.ChannelNetwork, tol: float) -> None:
    g = service_gaps(net, tolerance=tol)
    for r in (*g.segments, *g.patterns, *g.partner_rows()):
        assert 0.0 <= r.delivered <= 1.0
        assert r.gap == pytest.approx(r.demanded - r.delivered)
        expected = "under" if r.gap > tol + 1e-9 else "over" if r.gap < -tol - 1e-9 else "met"
        assert r.status == expected
    for s in g.scores:
        assert 0.0 <= s.score <= 1.0
        assert 0.0 <= s.excess <= 1.0
    assert len([s for s in g.scores if s.pattern is None]) == len(net.segments)
    frame = g.to_frame(level="partner")
    cols = ["segment", "output", "partner", "status"]
    expected = sorted((r.segment, r.output.value, r.partner, r.status) for r in g.partner_rows())
    assert sorted(map(tuple, frame[cols].itertuples(index=False))) == expected


# ------------------------------------------------------------------ errors
def test_unknown_segment(paper: cv.ChannelNetwork) -> None:
    with pytest.raises(cv.UnknownIdError, match=r"service_gaps\.segment: unknown segment id"):
        service_gaps(paper, "ghost")


@pytest.mark.parametrize("tol", [-0.1, 1.0, float("nan"), "0.1", True])
def test_bad_tolerance(paper: cv.ChannelNetwork, tol: object) -> None:
    with pytest.raises(cv.ValidationError, match=r"service_gaps\.tolerance: got .* in \[0, 1\)"):
        service_gaps(paper, tolerance=tol)  # type: ignore[arg-type]


def test_accessor_errors(paper: cv.ChannelNetwork) -> None:
    g = service_gaps(paper)
    with pytest.raises(cv.UnknownIdError, match=r"ServiceGaps\.underserved"):
        g.underserved("ghost")
    with pytest.raises(cv.ValidationError, match="min_importance"):
        g.underserved("smb", min_importance="high")  # type: ignore[arg-type]
    with pytest.raises(cv.UnknownIdError, match=r"ServiceGaps\.score"):
        g.score("smb", "vendor>agent")
    with pytest.raises(cv.UnknownIdError, match=r"ServiceGaps\.partner_rows"):
        next(g.partner_rows("ghost"))
    with pytest.raises(cv.ValidationError, match=r"ServiceGaps\.to_frame\.level"):
        g.to_frame(level="route")
