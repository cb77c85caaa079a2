"""`resources.alignment`: do investments follow revenue, volume and velocity?

Resources are the plan's investments whose recipient is an organization (MDF, co-op,
training, ...). For each partner, `ratio = resource share / revenue share`: 1 means it
gets resources in proportion to the revenue it brings. Large, fast partners deserve more;
small, slow ones less.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from itertools import repeat
from operator import attrgetter
from typing import TYPE_CHECKING

import numpy as np

from ...core.arrays import arrays
from ...metrics import concentration, gini
from ...model import Finding, Severity
from ..registry import register
from ._common import (
    FloatArray,
    cached,
    emit_ranked,
    key_mask,
    labels,
    money,
    partner_mask,
    pct,
    shares,
)

if TYPE_CHECKING:
    from ...core.network import ChannelNetwork
    from ..config import AuditConfig

__all__ = ["investments_known", "resource_alignment"]


def _build_resources(net: ChannelNetwork) -> FloatArray:
    a = arrays(net)
    invs = list(net.investments.values())
    # recipients that are levers, not organizations, get row -1 and are left out
    recipients = map(a.org_index.get, map(attrgetter("recipient"), invs), repeat(-1))
    rows = np.fromiter(recipients, dtype=np.int64, count=len(invs))
    amounts = np.fromiter(map(attrgetter("amount"), invs), dtype=np.float64, count=len(invs))
    keep = rows >= 0
    summed = np.bincount(rows[keep], weights=amounts[keep], minlength=a.n_orgs)
    out: FloatArray = summed.astype(np.float64, copy=False)
    return out


def _resources(net: ChannelNetwork) -> FloatArray:
    """Per organization, the investments it receives (cached per network version)."""
    return cached(net, _build_resources)


def _scaled(values: FloatArray) -> FloatArray:
    """`values` divided by their largest when their sum nears the float limit (Gini and
    concentration sum `rank * value`, up to `n` times the sum, and do not change with
    scale), else as they are."""
    with np.errstate(over="ignore"):
        if float(values.sum()) <= 1e290:
            return values
    out: FloatArray = values / float(values.max())
    return out


def investments_known(net: ChannelNetwork) -> str | None:
    """Why `resources.alignment` cannot be assessed (no investment in any partner), or None.

    Examples:
        >>> import channelvalue as cv
        >>> investments_known(cv.ChannelNetwork())
        'no investments in partners'
    """
    a = arrays(net)
    partners = partner_mask(net, a)
    if not partners.any() or float(_resources(net)[partners].sum()) <= 0:
        return "no investments in partners"
    return None


@register(
    "resources.alignment",
    title="Fast movers starved, small slow partners over-funded",
    requires=investments_known,
)
def resource_alignment(net: ChannelNetwork, config: AuditConfig) -> Iterator[Finding]:
    """Investments against revenue, volume and velocity.

    *Starved*: volume at or above the `fast_volume_quantile` of partners, velocity at
    or above `fast_velocity` and `ratio < starved_ratio` (an error for key partners).
    *Over-funded*: volume at or below the `small_volume_quantile`, velocity at or below
    `slow_velocity` and `ratio > overfunded_ratio` (a warning). A network-wide
    warning reports the *Gini gap* when it exceeds `max_gini_gap`: the Gini of partner
    revenue minus the concentration of resources along revenue (0 when resources are as
    concentrated on the big partners as revenue; larger as they go elsewhere). With no
    investment in any partner the check is not assessed.

    Shares: a starved partner's share of partner revenue; an over-funded partner's share of
    resources; the Gini-gap warning's, the share of resources that would have to move for
    resources to follow revenue (half the sum of `|resource share - revenue share|`).

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.aligning import AuditConfig
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add_all([cv.Organization("v", role="vendor"),
        ...     cv.Organization("big", role="reseller", revenue=90, volume=90, velocity=0.5),
        ...     cv.Organization("small", role="reseller", revenue=10, volume=10, velocity=0),
        ...     cv.Investment("i", recipient="small", amount=100)])
        >>> sorted((f.subjects[0], f.evidence.get("ratio")) for f in
        ...        resource_alignment(net, AuditConfig()) if f.subjects)
        [('big', 0.0), ('small', 10.0), ('v', None)]
    """
    a = arrays(net)
    partners = partner_mask(net, a)
    res = _resources(net)
    if not partners.any() or float(res[partners].sum()) <= 0:
        return
    rev_share = shares(a.revenue, partners)
    res_share = shares(res, partners)
    # a ratio too large for a float (a partner with a denormal revenue share) is inf, like
    # no revenue at all: the evidence then has no ratio and the message says so
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        ratio = np.where(rev_share > 0, res_share / rev_share, np.where(res_share > 0, np.inf, 1.0))
    vol = a.volume[partners]
    fast_vol, small_vol = np.quantile(
        vol, [config.fast_volume_quantile, config.small_volume_quantile]
    )
    fast = partners & (a.volume >= fast_vol) & (a.velocity >= config.fast_velocity)
    slow = partners & (a.volume <= small_vol) & (a.velocity <= config.slow_velocity)
    starved = fast & (ratio < config.starved_ratio)
    overfunded = slow & (ratio > config.overfunded_ratio) & (res > 0)
    name = labels(net)

    def evidence(i: int) -> dict[str, float]:
        ev = {
            "resources": float(res[i]),
            "resource_share": float(res_share[i]),
            "revenue": float(a.revenue[i]),
            "revenue_share": float(rev_share[i]),
            "volume": float(a.volume[i]),
            "velocity": float(a.velocity[i]),
        }
        if np.isfinite(ratio[i]):
            ev["ratio"] = round(float(ratio[i]), 12)
        return ev

    def make_starved(i: int, severity: Severity) -> Finding:
        pid = a.org_ids[i]
        return Finding(
            "resources.alignment",
            severity,
            subjects=(pid,),
            message=(
                f"{name[i]} is a fast mover (volume {a.volume[i]:g}, growth {pct(a.velocity[i])}) "
                f"with {pct(rev_share[i])} of partner revenue but {pct(res_share[i])} of "
                "resources: move MDF, training or headcount toward it"
            ),
            evidence=evidence(i),
            share=float(rev_share[i]),
        )

    def make_overfunded(i: int, severity: Severity) -> Finding:
        pid = a.org_ids[i]
        if np.isfinite(ratio[i]):
            ratio_text = f"{ratio[i]:.1f}x its revenue share"
        else:
            ratio_text = "no revenue" if rev_share[i] == 0 else "far above its revenue share"
        return Finding(
            "resources.alignment",
            severity,
            subjects=(pid,),
            message=(
                f"{name[i]} is small and slow (volume {a.volume[i]:g}, growth "
                f"{pct(a.velocity[i])}) yet gets {money(res[i])} in resources "
                f"({ratio_text}): tie further funding to growth milestones"
            ),
            evidence=evidence(i),
            share=float(res_share[i]),
        )

    yield from emit_ranked(
        np.flatnonzero(starved),
        importance=a.revenue,
        errors=key_mask(a.revenue, partners, config.key_partner_cover),
        make=make_starved,
    )
    yield from emit_ranked(
        np.flatnonzero(overfunded),
        importance=res,
        errors=None,
        make=make_overfunded,
    )
    rev_p, res_p = _scaled(a.revenue[partners]), _scaled(res[partners])
    g_rev, g_res = gini(rev_p), gini(res_p)
    conc = concentration(res_p, rev_p)
    gap = round(g_rev - conc, 12)
    if gap > config.max_gini_gap:
        steward = net.steward_id
        yield Finding(
            "resources.alignment",
            Severity.WARNING,
            subjects=(steward,) if steward is not None and steward in net.organizations else (),
            message=(
                f"resources do not follow revenue: revenue Gini {g_rev:.2f}, resources "
                f"concentrated {conc:.2f} along revenue (gap {gap:.2f} > "
                f"{config.max_gini_gap:g}): rebalance the investment plan by revenue and growth"
            ),
            evidence={
                "gini_revenue": g_rev,
                "gini_resources": g_res,
                "resource_concentration": conc,
                "gini_gap": gap,
            },
            share=min(1.0, 0.5 * math.fsum(np.abs(res_share[partners] - rev_share[partners]))),
        )
