"""`transparency.sell_through`: does the steward see what the channel sells?

Sell-through data *reaches* the steward from a partner when a chain of `shares_data`
links that all carry sell-through leads from the partner up to the steward (a partner
portal, or a distributor that passes its resellers' data on). Revenue here is
end-customer revenue: what each organization's `serves` links carry.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np

from ...core.arrays import arrays
from ...model import Finding, Severity
from ..registry import register
from ._common import (
    emit_ranked,
    end_revenue,
    fractions,
    key_mask,
    labels,
    money,
    needs_steward,
    partner_mask,
    pct,
    reaching,
    shares,
    steward_index,
)

if TYPE_CHECKING:
    from ...core.network import ChannelNetwork
    from ..config import AuditConfig

__all__ = ["feeds_recorded", "sell_through"]


def feeds_recorded(net: ChannelNetwork) -> str | None:
    """Why `transparency.sell_through` cannot be assessed (no steward; no data feed at all,
    so the data does not record them), or None.

    Examples:
        >>> import channelvalue as cv
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add(cv.Organization("v", role="vendor"))
        >>> feeds_recorded(net)
        'no data feeds (shares_data links)'
    """
    missing = needs_steward(net)
    if missing is not None:
        return missing
    return None if len(arrays(net).links["shares_data"]) else "no data feeds (shares_data links)"


@register(
    "transparency.sell_through",
    title="Sell-through visibility, missing and stale data feeds",
    requires=feeds_recorded,
)
def sell_through(net: ChannelNetwork, config: AuditConfig) -> Iterator[Finding]:
    """Share of revenue whose sell-through reaches the steward; missing and stale feeds.

    Three kinds of finding:

    - the share of partner end-customer revenue whose sell-through reaches the steward is
      below `config.min_sell_through_share` (one warning about the steward);
    - a partner with no data feed at all (an error for key partners);
    - a feed refreshed less often than `config.max_feed_interval_days` (a warning).

    Shares: a partner with no feed, its share of partner revenue; a stale feed, its
    source's; the visibility warning, the share of partner end-customer revenue that does
    not reach the steward from partners that do have a feed (those without one are counted
    by their own findings). Not assessed without a steward or without any data feed (the
    data does not record them).

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.aligning import AuditConfig
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add_all([cv.Organization("v", role="vendor"), cv.Segment("s"),
        ...     cv.Organization("a", role="reseller", revenue=75), cv.Serves("a", "s"),
        ...     cv.Organization("b", role="reseller", revenue=25), cv.Serves("b", "s"),
        ...     cv.SharesData("a", "v", interval_days=7)])
        >>> found = sell_through(net, AuditConfig())
        >>> [(f.subjects, f.evidence.get("covered_share")) for f in found]
        [(('v',), 0.75), (('b',), None)]
    """
    a = arrays(net)
    s = steward_index(net, a)
    if s is None:
        return
    steward = a.org_ids[s]
    name = labels(net)
    partners = partner_mask(net, a)
    end = end_revenue(net)
    reached = reaching(a, "shares_data", s, keep=a.data_sell_through)
    la = a.links["shares_data"]
    has_feed = np.bincount(la.src, minlength=a.n_orgs) > 0
    with np.errstate(over="ignore"):
        total = float(end[partners].sum())
        covered = float(end[partners & reached].sum())
    if total > 0:
        if total < np.inf:
            share = round(covered / total, 12)
        else:  # the sum overflows a float: the share from scaled figures (no NaN)
            share = round(float(fractions(end[partners])[reached[partners]].sum()), 12)
        if share < config.min_sell_through_share:
            blind = fractions(end[partners])[(has_feed & ~reached)[partners]]
            yield Finding(
                "transparency.sell_through",
                Severity.WARNING,
                subjects=(steward,),
                message=(
                    f"only {pct(share)} of partner end-customer revenue"
                    + (f" ({money(covered)} of {money(total)})" if total < np.inf else "")
                    + f" reports sell-through to {name[s]} (target "
                    f"{pct(config.min_sell_through_share)}): onboard the largest partners "
                    "to the portal's sell-through upload"
                ),
                # amounts too large for a float are left out of the evidence
                evidence={
                    k: v
                    for k, v in (
                        ("covered_share", share),
                        ("covered_revenue", covered),
                        ("partner_revenue", total),
                    )
                    if v < np.inf
                },
                share=min(1.0, math.fsum(blind.tolist())),
            )

    rev_share = shares(a.revenue, partners)

    ids, revenue, rev_share_ = a.org_ids, a.revenue.tolist(), rev_share.tolist()

    def make_missing(i: int, severity: Severity) -> Finding:
        rev, sh = float(revenue[i]), float(rev_share_[i])
        return Finding(
            "transparency.sell_through",
            severity,
            subjects=(ids[i],),
            message=(
                f"{name[i]} ({money(rev)} revenue) shares no data upstream: set up "
                "a sell-through and inventory feed through the partner portal"
            ),
            evidence={"revenue": rev, "revenue_share": sh},
            share=sh,
        )

    yield from emit_ranked(
        np.flatnonzero(partners & ~has_feed),
        importance=a.revenue,
        errors=key_mask(a.revenue, partners, config.key_partner_cover),
        make=make_missing,
    )

    stale = np.flatnonzero(a.data_interval > config.max_feed_interval_days)
    # rank stale feeds (links) by the revenue of their source; work in link index space
    link_rev = a.revenue[la.src]

    def make_stale(k: int, severity: Severity) -> Finding:
        src, dst = a.org_ids[la.src[k]], a.org_ids[la.dst[k]]
        src_name, dst_name = name[int(la.src[k])], name[int(la.dst[k])]
        days = float(a.data_interval[k])
        return Finding(
            "transparency.sell_through",
            severity,
            subjects=(src, dst),
            message=(
                f"the data feed from {src_name} to {dst_name} refreshes every {days:g} days "
                "(more than "
                f"{config.max_feed_interval_days:g}): move it to a weekly or automated upload"
            ),
            evidence={
                "interval_days": days,
                "max_interval_days": config.max_feed_interval_days,
                "revenue": float(link_rev[k]),
            },
            share=float(rev_share[la.src[k]]),
        )

    yield from emit_ranked(
        stale,
        importance=link_rev,
        errors=None,
        make=make_stale,
    )
