"""`margins.stacking`: do the margins stacked along each priced route pay each member for the
flows it carries, and keep the end price within its target?

Built on [`channelvalue.mapping.margin_build_up`][channelvalue.mapping.margin_build_up]: for
every [`RoutePricing`][channelvalue.RoutePricing] of the network, each member's share of the
route's channel margin is compared with its normative share (the efficiency template of the
route's segment, rescaled over the route's members), and the end price with the route's
`target_price`. A network without route pricings is not assessed ("no route pricing").
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np

from ...core.arrays import arrays
from ...errors import CycleError
from ...mapping import RouteMargins, margin_build_up
from ...model import Finding, Severity
from ..registry import REGISTRY, Check
from ._common import emit_ranked, partner_revenue_coverage, pct, supply_cycle

if TYPE_CHECKING:
    from ...core.network import ChannelNetwork
    from ..config import AuditConfig

__all__ = ["has_route_pricing", "margins_stacking", "route_pricing_known"]

CHECK = "margins.stacking"


def has_route_pricing(net: ChannelNetwork) -> bool:
    """Whether the network holds any [`RoutePricing`][channelvalue.RoutePricing] (else the
    check is not assessed).

    Examples:
        >>> import channelvalue as cv
        >>> net = cv.datasets.example()
        >>> has_route_pricing(net)
        True
        >>> net.remove("price-smb-north")
        >>> has_route_pricing(net)
        False
    """
    return len(net.registry("route_pricing")) > 0


def route_pricing_known(net: ChannelNetwork) -> str | None:
    """Why `margins.stacking` cannot be assessed (no route pricing), or None.

    Examples:
        >>> import channelvalue as cv
        >>> route_pricing_known(cv.ChannelNetwork())
        'no route pricing'
    """
    return None if has_route_pricing(net) else "no route pricing"


def _priced_coverage(net: ChannelNetwork) -> float:
    a = arrays(net)
    seen = np.zeros(a.n_orgs, dtype=np.bool_)
    for pricing in net.registry("route_pricing").values():
        for level in pricing.levels:
            row = a.org_index.get(level.member)
            if row is not None:
                seen[row] = True
    return partner_revenue_coverage(net, seen)


def _label(net: ChannelNetwork, ident: str) -> str:
    org = net.organizations.get(ident)
    return org.label if org is not None else ident


def margins_stacking(net: ChannelNetwork, config: AuditConfig) -> Iterator[Finding]:
    """Members paid above or below their normative share on a priced route, and routes whose
    stacked margins push the end price above its target.

    A share gap beyond `config.stacking_tolerance` (absolute) is a warning, beyond twice
    that an error; members are ranked by the size of their gap (routes without a flow table
    for their segment have no normative shares and give no such finding). A route whose end
    price exceeds `target_price x (1 + config.target_price_tolerance)` is a warning, with the
    largest margin stacked on it; routes are ranked by how far they exceed their target.
    Every priced route weighs the same in the score: a member's finding has the share
    `gap / routes`, a route's `min(1, excess / target) / routes`.

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.aligning import AuditConfig
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add_all([cv.Organization("v", role="vendor"),
        ...     cv.Organization("d", role="distributor"), cv.Organization("r", role="reseller"),
        ...     cv.RoutePricing("rt", steward="v", list_price=100, target_price=80, levels=[
        ...         cv.PriceLevel("d", buy=60, sell=66), cv.PriceLevel("r", buy=66, sell=85)])])
        >>> [(f.subjects, f.evidence["excess"]) for f in margins_stacking(net, AuditConfig())]
        [(('rt', 'r'), 5.0)]
    """
    try:
        build = margin_build_up(net)
    except CycleError as err:
        yield supply_cycle(CHECK, err)
        return
    routes = list(build.routes.values())
    yield from _share_gaps(net, routes, config)
    yield from _over_target(net, routes, config)


def _share_gaps(
    net: ChannelNetwork, routes: list[RouteMargins], config: AuditConfig
) -> Iterator[Finding]:
    rows = [(r, k) for r in routes for k in range(len(r.margins))]
    if not rows:
        return
    gap = np.array([r.share_gaps[k] for r, k in rows], dtype=np.float64)
    gap = np.round(gap, 12)
    known = ~np.isnan(gap)
    size = np.where(known, np.abs(gap), 0.0)
    tol = config.stacking_tolerance

    def make(i: int, severity: Severity) -> Finding:
        r, k = rows[i]
        member, route = r.members[k], r.pricing.id
        over = gap[i] > 0
        return Finding(
            CHECK,
            severity,
            subjects=(member, route),
            message=(
                f"{_label(net, member)} takes {pct(r.shares[k])} of the channel margin on route "
                f"{route} "
                f"but carries {pct(r.normative[k])} of its members' flow work: "
                + (
                    "trim its margin or give it more of the flows"
                    if over
                    else "raise its margin or move flows away from it"
                )
            ),
            evidence={
                "margin": round(r.margins[k], 10),
                "channel_margin": round(r.channel_margin, 10),
                "share": round(r.shares[k], 12),
                "normative": round(r.normative[k], 12),
                "gap": float(gap[i]),
            },
            share=min(1.0, float(size[i]) / len(routes)),
        )

    yield from emit_ranked(
        np.flatnonzero(known & (size > tol + 1e-12)),
        importance=size,
        errors=known & (size > 2 * tol + 1e-12),
        make=make,
    )


def _over_target(
    net: ChannelNetwork, routes: list[RouteMargins], config: AuditConfig
) -> Iterator[Finding]:
    priced = [r for r in routes if r.pricing.target_price is not None]
    if not priced:
        return
    target = np.array([r.pricing.target_price for r in priced], dtype=np.float64)
    end = np.array([r.end_price for r in priced], dtype=np.float64)
    excess = end - target
    flagged = excess > target * config.target_price_tolerance + 1e-9

    def make(i: int, severity: Severity) -> Finding:
        r = priced[i]
        k = max(range(len(r.margins)), key=lambda j: (r.margins[j], -j))
        return Finding(
            CHECK,
            severity,
            subjects=(r.pricing.id, *r.members[-1:]),
            message=(
                f"route {r.pricing.id} ends at {end[i]:.2f} per unit, {excess[i]:.2f} above its "
                f"target {target[i]:.2f}: the channel margin of {r.channel_margin:.2f} is "
                f"stacked over {len(r.margins)} levels, the largest {_label(net, r.members[k])}'s "
                f"{r.margins[k]:.2f}; cut a level's margin or a level"
            ),
            evidence={
                "end_price": float(end[i]),
                "target_price": float(target[i]),
                "excess": round(float(excess[i]), 10),
                "channel_margin": round(r.channel_margin, 10),
                "largest_margin": round(r.margins[k], 10),
            },
            share=min(1.0, float(excess[i]) / float(target[i])) / len(routes)
            if target[i] > 0
            else 1.0 / len(routes),
        )

    yield from emit_ranked(
        np.flatnonzero(flagged),
        importance=excess,
        errors=None,
        make=make,
    )


REGISTRY.add(
    Check(
        CHECK,
        margins_stacking,
        title="Stacked margins off the normative share or above the target price",
        requires=route_pricing_known,
        coverage=_priced_coverage,
    )
)
