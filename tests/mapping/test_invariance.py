"""Relabelling ids changes no number; the bundled example end to end."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings

import channelvalue as cv
from channelvalue import mapping as m
from channelvalue.testing import strategies as cvst


def _renamer(net: cv.ChannelNetwork) -> Callable[[str], str]:
    """Ids -> new ids whose sort order is the reverse of the old one."""
    ids = sorted([*net.organizations, *net.segments])
    table = {old: f"id{len(ids) - k:04d}" for k, old in enumerate(ids)}
    return table.__getitem__


def _figures(net: cv.ChannelNetwork, name: Callable[[str], str]) -> dict[str, Any]:
    """Every number the mapping functions give, keyed by (renamed) ids, sorted."""

    def r(x: float, _digits: int = 0) -> float:
        """Twelve significant digits: sums may differ in the last bits with the order."""
        return float(f"{x:.12g}")

    out: dict[str, Any] = {}
    out["routes"] = sorted(
        (name(s), rs.count, r(rs.revenue, 6)) for s in net.segments for rs in [m.routes(net, s)]
    )
    out["patterns"] = sorted(
        (name(p.segment), p.pattern, p.routes, r(p.revenue, 6), p.partners)
        for p in m.route_patterns(net).rows
    )
    out["coverage"] = sorted(
        (name(c.segment), c.partners, c.routes, r(c.revenue), r(c.hhi or 0.0), c.unrouted)
        for c in m.coverage(net).segments
    )
    gaps = m.service_gaps(net)
    out["gaps"] = sorted(
        (name(g.segment), g.output.value, g.pattern or "", r(g.delivered, 9), g.status)
        for g in (*gaps.segments, *gaps.patterns)
    )
    out["partner_gaps"] = sorted(
        (name(g.segment), name(g.partner or ""), g.output.value, r(g.delivered, 9))
        for g in gaps.partner_rows()
    )
    out["scores"] = sorted(
        (name(s.segment), s.pattern or "", s.routes, r(s.score, 9), r(s.excess, 9))
        for s in gaps.scores
    )
    seg = m.segment_partners(net)
    out["partners"] = sorted(
        (name(p.id), p.abc, p.quadrant, p.focus, p.recommended.value, r(p.share, 9))
        for p in map(seg.partner, seg.ids)
    )
    out["spof"] = sorted(
        (name(p.segment), name(p.member), p.depth, r(p.revenue_at_risk, 6))
        for p in m.single_points_of_failure(net).points
    )
    out["removal"] = sorted(
        (name(o), imp.routes_lost, r(imp.revenue_lost, 6), len(imp.stranded))
        for o in net.organizations
        if o != net.steward_id
        for imp in [m.what_if_removed(net, o)]
    )
    eff = []
    for s in net.flow_tables:
        try:
            t = m.segment_efficiency(net, s)
        except cv.ValidationError:
            eff.append((name(s), "off-route"))
            continue
        eff.append((name(s), sorted((name(k), r(v, 9)) for k, v in t.normative_share.items())))
        eff.append((name(s), r(t.excess, 9)))
    out["efficiency"] = sorted(eff, key=repr)
    return out


def _same_numbers(net: cv.ChannelNetwork, relabel: Callable[..., cv.ChannelNetwork]) -> None:
    rename = _renamer(net)
    assert _figures(relabel(net, rename), lambda x: x) == _figures(net, rename)


def test_relabel_paper(relabel, paper: cv.ChannelNetwork) -> None:
    _same_numbers(paper, relabel)


def test_relabel_example(relabel) -> None:
    _same_numbers(cv.datasets.example(), relabel)


@settings(max_examples=40, deadline=None)
@given(cvst.networks(max_organizations=8, max_segments=3, max_parents=3))
def test_relabel_random(relabel, net: cv.ChannelNetwork) -> None:
    _same_numbers(net, relabel)


def test_example_end_to_end() -> None:
    net = cv.datasets.example()
    assert [m.routes(net, s).count for s in sorted(net.segments)] == [10, 12, 29, 1, 43]
    assert m.coverage(net).uncovered == ()
    assert m.single_points_of_failure(net).members == ("dist-south", "sys-gov")
    t = m.segment_efficiency(net, "smb")
    # acme .15 * .2 (financing) + .15 * .6 (promotion) = .12; dist-north .445; resellers .2175
    assert {k: round(v, 9) for k, v in t.normative_share.items()} == {
        "acme": 0.12,
        "dist-north": 0.445,
        "res-07": 0.2175,
        "res-13": 0.2175,
    }
    assert sum(t.normative_share.values()) == pytest.approx(1.0, abs=1e-9)


def test_results_compare_by_value(paper: cv.ChannelNetwork) -> None:
    again = cv.ChannelNetwork(steward="v")
    again.add_all([*paper.organizations.values(), *paper.segments.values(), *paper.links()])
    assert m.coverage(paper) == m.coverage(again)
    assert m.segment_partners(paper) == m.segment_partners(again)
    assert m.segment_partners(paper) != m.segment_partners(paper, thresholds=(0.5, 0.9))
    assert m.service_gaps(paper) == m.service_gaps(again)
    assert m.service_gaps(paper) != m.service_gaps(paper, tolerance=0.2)
    assert m.routes(paper, "smb") == m.routes(again, "smb")
    assert len({m.coverage(paper), m.coverage(again)}) == 1  # hashable
