"""`compensation.equity`: does each member earn in line with the work it does?

For every segment with a [`FlowTable`][channelvalue.FlowTable], the *normative* profit
share of each member comes from the efficiency template
([`channelvalue.mapping.segment_efficiency`][channelvalue.mapping.segment_efficiency]: flow weights
x each member's share of each flow) and the *actual* share from the segment's margins; the equity
gap is `actual - normative`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np

from ...core.arrays import arrays
from ...errors import CycleError, ValidationError
from ...mapping import EfficiencyTemplate, efficiency_from_table, segment_efficiency
from ...model import Finding, Severity
from ..registry import register
from ._common import (
    FloatArray,
    emit_ranked,
    fractions,
    link_revenue,
    partner_revenue_coverage,
    pct,
    supply_cycle,
)

if TYPE_CHECKING:
    from ...core.network import ChannelNetwork
    from ..config import AuditConfig

__all__ = ["compensation_equity", "has_flow_tables"]


def has_flow_tables(net: ChannelNetwork) -> str | None:
    """Why `compensation.equity` cannot be assessed (no flow tables, or no margins for the
    segments that have one), or None.

    Examples:
        >>> import channelvalue as cv
        >>> has_flow_tables(cv.ChannelNetwork())
        'no flow tables or margins'
        >>> has_flow_tables(cv.datasets.example()) is None
        True
    """
    if not net.flow_tables:
        return "no flow tables or margins"
    tables = set(net.flow_tables)
    if not any(m.segment in tables for m in net.margins.values()):
        return "no margins for the segments with flow tables"
    return None


def _segment_weights(net: ChannelNetwork, segments: list[str]) -> dict[str, float]:
    """Each segment's share of the end-customer revenue of `segments` (equal shares when
    they have none)."""
    a = arrays(net)
    la = a.links["serves"]
    rev = np.bincount(la.dst, weights=link_revenue(a), minlength=a.n_segs).astype(np.float64)
    rows = [a.seg_index[s] for s in segments]
    values: FloatArray = rev[rows] if rows else np.zeros(0)
    if not len(values) or float(values.sum()) <= 0:
        return {s: 1.0 / len(segments) for s in segments}
    return dict(zip(segments, fractions(values).tolist(), strict=True))


def _tables_coverage(net: ChannelNetwork) -> float:
    a = arrays(net)
    la = a.links["serves"]
    rows = [a.seg_index[s] for s in net.flow_tables if s in a.seg_index]
    serves = np.isin(la.dst, np.array(rows, dtype=np.int64))
    seen = np.bincount(la.src[serves], minlength=a.n_orgs) > 0
    return partner_revenue_coverage(net, seen)


def _name(net: ChannelNetwork, ident: str) -> str:
    org = net.organizations.get(ident)
    if org is not None:
        return org.label
    seg = net.segments.get(ident)
    return seg.label if seg is not None else ident


def _template(net: ChannelNetwork, segment: str) -> tuple[EfficiencyTemplate, list[Finding]]:
    """The segment's template, and a finding when its table does not fit the routes."""
    try:
        return segment_efficiency(net, segment), []
    except ValidationError as err:  # table members that no route passes through
        off = [str(m) for m in err.value] if isinstance(err.value, list) else []
    note = Finding(
        "compensation.equity",
        Severity.WARNING,
        subjects=(segment, *off),
        message=(
            f"the flow table of {_name(net, segment)} names "
            f"{', '.join(_name(net, m) for m in off) or 'members'} that no route "
            "to the segment passes through: correct the table"
        ),
        share=0.0,
    )
    margins = [m for m in net.margins.values() if m.segment == segment]
    return efficiency_from_table(net.flow_tables[segment], margins or None), [note]


@register(
    "compensation.equity",
    title="Margins that depart from the normative profit share",
    requires=has_flow_tables,
    coverage=_tables_coverage,
)
def compensation_equity(net: ChannelNetwork, config: AuditConfig) -> Iterator[Finding]:
    """Members whose actual margin share departs from their normative profit share.

    A gap beyond `config.margin_tolerance` (absolute) is a warning, beyond twice that an
    error. A member with a margin but no work in the table has a normative share of 0.
    A segment with a flow table but no margins gets one info finding; a table that names
    members off every route of its segment gets a warning (the gaps are still computed).
    Members are ranked by the size of their gap. A finding's share is its segment's share
    of the end-customer revenue of the segments with flow tables times the gap (the part
    of the segment's channel margin that is misallocated to or from the member).

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.aligning import AuditConfig
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add_all([cv.Organization("v", role="vendor"),
        ...     cv.Organization("r", role="reseller"), cv.Segment("s"),
        ...     cv.Supplies("v", "r"), cv.Serves("r", "s"),
        ...     cv.FlowTable("s", weights={"promotion": 1.0},
        ...                  shares={"promotion": {"v": 0.5, "r": 0.5}}),
        ...     cv.Margin("s", "v", share=0.8), cv.Margin("s", "r", share=0.2)])
        >>> [(f.subjects[0], f.evidence["gap"]) for f in compensation_equity(net, AuditConfig())]
        [('r', -0.3), ('v', 0.3)]
    """
    with_tables = sorted(net.flow_tables)
    weights = _segment_weights(net, with_tables)
    for segment in with_tables:
        try:
            template, notes = _template(net, segment)
        except CycleError as err:
            yield supply_cycle("compensation.equity", err)
            return
        yield from notes
        if template.share_gap is None or template.actual_share is None:
            yield Finding(
                "compensation.equity",
                Severity.INFO,
                subjects=(segment,),
                message=(
                    f"{_name(net, segment)} has a flow table but no margins: record each "
                    "member's margin share to compare it with the normative share"
                ),
                share=0.0,
            )
            continue
        yield from _gaps(net, segment, template, config, weights[segment])


def _gaps(
    net: ChannelNetwork,
    segment: str,
    template: EfficiencyTemplate,
    config: AuditConfig,
    weight: float,
) -> Iterator[Finding]:
    """The equity findings of one segment's template (which has margins)."""
    gap, actual, normative = template.share_gap, template.actual_share, template.normative_share
    assert gap is not None
    assert actual is not None
    tol = config.margin_tolerance
    members = list(template.normative_share)
    g = np.array([round(gap[m], 12) for m in members], dtype=np.float64)

    def make(k: int, severity: Severity) -> Finding:
        m = members[k]
        over = g[k] > 0
        return Finding(
            "compensation.equity",
            severity,
            subjects=(m, segment),
            message=(
                f"{_name(net, m)} earns {pct(actual[m])} of the {_name(net, segment)} channel "
                "margin but does "
                f"{pct(normative[m])} of the work (normative share): "
                + (
                    "shift margin to the members that carry the flows"
                    if over
                    else "raise its margin or move flows away from it"
                )
            ),
            evidence={
                "actual": float(actual[m]),
                "normative": round(float(normative[m]), 12),
                "gap": float(g[k]),
            },
            share=min(1.0, weight * abs(float(g[k]))),
        )

    yield from emit_ranked(
        np.flatnonzero(np.abs(g) > tol + 1e-12),
        importance=np.abs(g),
        errors=np.abs(g) > 2 * tol + 1e-12,
        make=make,
    )
