"""`coverage.segments` and `coverage.needs`: is every segment reached, robustly, by routes
that serve its needs?

Built on the mapping discipline: `channelvalue.mapping.coverage` (routes from the
steward to each segment),
[`channelvalue.mapping.single_points_of_failure`][channelvalue.mapping.single_points_of_failure]
(dominators of the route graph) and
[`channelvalue.mapping.service_gaps`][channelvalue.mapping.service_gaps] (demanded against delivered
service outputs, with `config.service_tolerance`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np

from ...core.arrays import arrays
from ...errors import CycleError
from ...mapping import coverage, service_gaps, single_points_of_failure
from ...model import Finding, Severity
from ..registry import register
from ._common import (
    FloatArray,
    cached,
    fractions,
    group_fractions,
    link_revenue,
    money,
    needs_steward,
    supply_cycle,
)

if TYPE_CHECKING:
    from ...core.network import ChannelNetwork
    from ..config import AuditConfig

__all__ = ["needs_stated", "segment_coverage", "segment_needs", "segment_weights", "segments_known"]


def segments_known(net: ChannelNetwork) -> str | None:
    """Why `coverage.segments` cannot be assessed (no steward, no segments), or None.

    Examples:
        >>> import channelvalue as cv
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add(cv.Organization("v", role="vendor"))
        >>> segments_known(net)
        'no segments'
    """
    missing = needs_steward(net)
    if missing is not None:
        return missing
    return None if net.segments else "no segments"


def needs_stated(net: ChannelNetwork) -> str | None:
    """Why `coverage.needs` cannot be assessed (no steward, no segment states its needs),
    or None.

    Examples:
        >>> import channelvalue as cv
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add_all([cv.Organization("v", role="vendor"), cv.Segment("s")])
        >>> needs_stated(net)
        'no segment needs'
    """
    missing = segments_known(net)
    if missing is not None:
        return missing
    return None if any(s.needs for s in net.segments.values()) else "no segment needs"


def segment_weights(net: ChannelNetwork) -> FloatArray:
    """Per segment (in id order), its weight in the coverage checks' scores: the mean of
    its share of all segments' size and of end-customer revenue (cached per network
    version).

    Examples:
        >>> import channelvalue as cv
        >>> float(segment_weights(cv.datasets.example()).sum())
        1.0
    """
    return cached(net, _build_weights)


def _build_weights(net: ChannelNetwork) -> FloatArray:
    a = arrays(net)
    la = a.links["serves"]
    size = fractions(a.seg_size)
    rev = group_fractions(la.dst, link_revenue(a), a.n_segs)
    parts = [x for x in (size, rev) if float(x.sum()) > 0]
    if not parts:
        return np.full(a.n_segs, 1.0 / a.n_segs) if a.n_segs else np.zeros(0)
    out: FloatArray = np.mean(np.vstack(parts), axis=0)
    return out


@register(
    "coverage.segments",
    title="Segments with no route, or hanging on a single point of failure",
    requires=segments_known,
)
def segment_coverage(net: ChannelNetwork, config: AuditConfig) -> Iterator[Finding]:
    """Segments with no route, or hanging on a single point of failure.

    - *No route* from the steward reaches the segment: an error.
    - Every route passes through one member (a *single point of failure*): a warning
      naming the members and the revenue at risk.

    A finding's share is the segment's weight: the mean of its share of all segments' size
    and of end-customer revenue
    ([`segment_weights`][channelvalue.aligning.checks.coverage.segment_weights]).
    When the supply links form a cycle, routes cannot be traced: one error says so.

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.aligning import AuditConfig
        >>> found = segment_coverage(cv.datasets.example(), AuditConfig())
        >>> [f.subjects for f in found]
        [('public', 'dist-south', 'sys-gov')]
    """
    sid = net.steward_id
    if sid is None or sid not in net.organizations or not net.segments:
        return
    try:
        yield from _routes(net, sid)
    except CycleError as err:
        yield supply_cycle("coverage.segments", err)


@register(
    "coverage.needs",
    title="Segments whose routes under-serve their key needs",
    requires=needs_stated,
)
def segment_needs(net: ChannelNetwork, config: AuditConfig) -> Iterator[Finding]:
    """Segments whose routes under-serve their *key needs* (importance at or above the
    segment's mean importance; gap beyond `config.service_tolerance`): a warning with each
    need's gap as evidence (`gap.<service output>`); segments no route reaches are left to
    `coverage.segments`. A finding's share is the segment's weight times its shortfall
    (the importance-weighted mean shortfall of its needs, the evidence `score`).

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.aligning import AuditConfig
        >>> found = segment_needs(cv.datasets.example(), AuditConfig())
        >>> [f.subjects for f in found]
        [('enterprise',), ('midmarket',), ('smb',)]
    """
    sid = net.steward_id
    if sid is None or sid not in net.organizations or not net.segments:
        return
    try:
        yield from _needs(net, config)
    except CycleError as err:
        yield supply_cycle("coverage.needs", err)


def _seg_label(net: ChannelNetwork, sid: str) -> str:
    seg = net.segments.get(sid)
    return seg.label if seg is not None else sid


def _org_label(net: ChannelNetwork, oid: str) -> str:
    org = net.organizations.get(oid)
    return org.label if org is not None else oid


def _routes(net: ChannelNetwork, sid: str) -> Iterator[Finding]:
    a = arrays(net)
    weight = segment_weights(net)
    steward = _org_label(net, sid)
    cov = coverage(net)
    for row in cov.segments:
        if not row.covered:
            size = net.segments[row.segment].size
            yield Finding(
                "coverage.segments",
                Severity.ERROR,
                subjects=(row.segment,),
                message=(
                    f"no route from {steward} reaches {_seg_label(net, row.segment)} "
                    f"(size {size:g}"
                    + (f", {row.unrouted} serving partners off the channel" if row.unrouted else "")
                    + "): recruit or supply a partner that serves it"
                ),
                evidence={"size": size, "unrouted_partners": float(row.unrouted)},
                share=float(weight[a.seg_index[row.segment]]),
            )
    res = single_points_of_failure(net)
    for segment in res.segments:
        points = res.for_segment(segment)
        if not points:
            continue
        members = tuple(p.member for p in points)
        risk = points[0].revenue_at_risk
        yield Finding(
            "coverage.segments",
            Severity.WARNING,
            subjects=(segment, *members),
            message=(
                f"every route from {steward} to {_seg_label(net, segment)} passes through "
                f"{', '.join(_org_label(net, m) for m in members)}: "
                f"losing one cuts off {money(risk)} of revenue; add a second route"
            ),
            evidence={
                "revenue_at_risk": risk,
                "routes": float(points[0].routes),
                "single_points": float(len(points)),
            },
            share=float(weight[a.seg_index[segment]]),
        )


def _needs(net: ChannelNetwork, config: AuditConfig) -> Iterator[Finding]:
    a = arrays(net)
    weight = segment_weights(net)
    cov = coverage(net)
    gaps = service_gaps(net, tolerance=config.service_tolerance)
    uncovered = set(cov.uncovered)
    by_segment: dict[str, list[tuple[str, float, float, float]]] = {}
    for r in gaps.underserved():
        if r.segment not in uncovered:
            by_segment.setdefault(r.segment, []).append(
                (r.output.value, r.demanded, r.delivered, r.gap)
            )
    for segment in sorted(by_segment):
        needs = by_segment[segment]
        listed = ", ".join(f"{o} ({d:.2f} demanded, {v:.2f} delivered)" for o, d, v, _ in needs)
        score = round(gaps.score(segment).score, 12)
        yield Finding(
            "coverage.needs",
            Severity.WARNING,
            subjects=(segment,),
            message=(
                f"the routes to {_seg_label(net, segment)} under-serve its key needs {listed}: "
                "recruit or enable partners that deliver them"
            ),
            evidence={
                "score": score,
                **{f"gap.{o}": round(g, 12) for o, _, _, g in needs},
            },
            share=min(1.0, max(0.0, float(weight[a.seg_index[segment]]) * score)),
        )
