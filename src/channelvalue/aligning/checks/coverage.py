"""`coverage.segments`: is every segment reached, robustly, by routes that serve its needs?

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

from ...errors import CycleError
from ...mapping import coverage, service_gaps, single_points_of_failure
from ...model import Finding, Severity
from ..registry import register
from ._common import money, no_steward, supply_cycle

if TYPE_CHECKING:
    from ...core.network import ChannelNetwork
    from ..config import AuditConfig

__all__ = ["segment_coverage"]


@register("coverage.segments", title="Segments with no route, a single point of failure, or gaps")
def segment_coverage(net: ChannelNetwork, config: AuditConfig) -> Iterator[Finding]:
    """Segments with no route, hanging on a single point of failure, or under-served.

    - *No route* from the steward reaches the segment: an error.
    - Every route passes through one member (a *single point of failure*): a warning
      naming the members and the revenue at risk.
    - The segment's routes under-serve its *key needs* (importance at or above the
      segment's mean importance; gap beyond `config.service_tolerance`): a warning
      with each need's gap as evidence (`gap.<service output>`).

    When the supply links form a cycle, routes cannot be traced: one error says so.

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.aligning import AuditConfig
        >>> found = segment_coverage(cv.datasets.example(), AuditConfig())
        >>> [f.subjects for f in found]  # doctest: +NORMALIZE_WHITESPACE
        [('public', 'dist-south', 'sys-gov'), ('enterprise',), ('midmarket',), ('smb',)]
    """
    sid = net.steward_id
    if sid is None or sid not in net.organizations:
        yield no_steward("coverage.segments", net)
        return
    if not net.segments:
        return
    try:
        yield from _findings(net, config, sid)
    except CycleError as err:
        yield supply_cycle("coverage.segments", err)


def _findings(net: ChannelNetwork, config: AuditConfig, sid: str) -> Iterator[Finding]:
    cov = coverage(net)
    for row in cov.segments:
        if not row.covered:
            size = net.segments[row.segment].size
            yield Finding(
                "coverage.segments",
                Severity.ERROR,
                subjects=(row.segment,),
                message=(
                    f"no route from {sid} reaches {row.segment} (size {size:g}"
                    + (f", {row.unrouted} serving partners off the channel" if row.unrouted else "")
                    + "): recruit or supply a partner that serves it"
                ),
                evidence={"size": size, "unrouted_partners": float(row.unrouted)},
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
                f"every route from {sid} to {segment} passes through {', '.join(members)}: "
                f"losing one cuts off {money(risk)} of revenue; add a second route"
            ),
            evidence={
                "revenue_at_risk": risk,
                "routes": float(points[0].routes),
                "single_points": float(len(points)),
            },
        )
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
        yield Finding(
            "coverage.segments",
            Severity.WARNING,
            subjects=(segment,),
            message=(
                f"the routes to {segment} under-serve its key needs {listed}: recruit or "
                "enable partners that deliver them"
            ),
            evidence={
                "score": round(gaps.score(segment).score, 12),
                **{f"gap.{o}": round(g, 12) for o, _, _, g in needs},
            },
        )
