"""`resources.stuffing`: sell-in running ahead of sell-through while inventory piles up.

Channel stuffing shows in channel data as two signals at once at one partner: more goods
sold *into* it than it sells *through* to its customers over the rolling window (the sell-in
ratio above 1), and its weeks of inventory rising over that window. Either alone has innocent
explanations (a stocking order before a season, a slow month); both together are the pattern
the steward must look at before it books the revenue.

The check reads the [measures][channelvalue.model.measures.ChannelMeasures] the network
carries ([`ChannelNetwork.with_measures`][channelvalue.ChannelNetwork.with_measures]); a
network without them is *not assessed* (no findings, no score), for the reason
[`missing_measures`][channelvalue.aligning.checks.stuffing.missing_measures] gives.

Thresholds come from `AuditConfig.options`: `stuffing_ratio` (default
[`STUFFING_RATIO`][channelvalue.aligning.checks.stuffing.STUFFING_RATIO]) and
`stuffing_weeks_rise` (default
[`STUFFING_WEEKS_RISE`][channelvalue.aligning.checks.stuffing.STUFFING_WEEKS_RISE]).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Final

import numpy as np

from ...core.arrays import arrays
from ...model import Finding, Severity
from ..registry import register
from ._common import emit_ranked, key_mask, partner_mask, partner_revenue_coverage, pct, shares

if TYPE_CHECKING:
    from ...core.network import ChannelNetwork
    from ..config import AuditConfig

__all__ = [
    "CHECK",
    "NO_MEASURES",
    "STUFFING_RATIO",
    "STUFFING_WEEKS_RISE",
    "channel_stuffing",
    "has_measures",
    "measured_evidence",
    "missing_measures",
]

CHECK: Final = "resources.stuffing"
STUFFING_RATIO: Final = 1.2
"""Sell-in at least this many times sell-through over the rolling window flags a partner."""
STUFFING_WEEKS_RISE: Final = 0.5
"""...when its weeks of inventory also rose by more than this over the window."""
NO_MEASURES: Final = "no measures from channel data (load them with net.with_measures)"
"""The not-assessed reason of a network without measures."""


def missing_measures(net: ChannelNetwork) -> str | None:
    """Why `resources.stuffing` cannot be assessed on `net` (it has no measures), or None.

    Examples:
        >>> import channelvalue as cv
        >>> missing_measures(cv.ChannelNetwork())
        'no measures from channel data (load them with net.with_measures)'
    """
    return NO_MEASURES if net.measures is None else None


def has_measures(net: ChannelNetwork) -> bool:
    """Whether `net` carries measures from channel data (else `resources.stuffing` is not
    assessed).

    Examples:
        >>> import channelvalue as cv
        >>> has_measures(cv.datasets.example())
        False
    """
    return net.measures is not None


def measured_evidence(net: ChannelNetwork, partner: str) -> dict[str, float]:
    """What a finding about `partner` adds as evidence when its figures are measured:
    `velocity_measured` (1 when its velocity comes from channel data, 0 when it is as
    entered) and `measured_lines`; nothing for a network without measures.

    `resources.alignment` judges partners on the `volume` and `velocity` of the organizations,
    which [`with_measures`][channelvalue.ChannelNetwork.with_measures] sets from the data
    where it is measured; this says which ones were.

    Examples:
        >>> import channelvalue as cv
        >>> measured_evidence(cv.datasets.example(), "r1")
        {}
    """
    measures = net.measures
    if measures is None:
        return {}
    m = measures.partners.get(partner)
    if m is None:
        return {"velocity_measured": 0.0}
    return {
        "velocity_measured": 0.0 if m.velocity is None else 1.0,
        "measured_lines": float(m.lines),
    }


def _option(config: AuditConfig, name: str, default: float) -> float:
    return float(config.options.get(name, default))


def _coverage(net: ChannelNetwork) -> float:
    """The share of partner revenue held by partners with measures."""
    measures = net.measures
    if measures is None:
        return 0.0
    a = arrays(net)
    seen = np.zeros(len(a.org_ids), dtype=np.bool_)
    for pid in measures.partners:
        i = a.org_index.get(pid)
        if i is not None:
            seen[i] = True
    return partner_revenue_coverage(net, seen)


@register(
    CHECK,
    title="Sell-in running ahead of sell-through, inventory rising (channel stuffing)",
    requires=missing_measures,
    coverage=_coverage,
)
def channel_stuffing(net: ChannelNetwork, config: AuditConfig) -> Iterator[Finding]:
    """Partners whose sell-in runs ahead of their sell-through while their weeks of
    inventory rise: the channel-stuffing signal.

    A partner is flagged when its measured sell-in ÷ sell-through over the rolling window is
    at least `stuffing_ratio` (option, default 1.2) and its weeks of inventory rose by more
    than `stuffing_weeks_rise` weeks (option, default 0.5) over the window. A warning; an
    error for key partners (the largest that together bring `key_partner_cover` of partner
    revenue). A partner with no
    inventory snapshots cannot show a rise and is not flagged. The evidence holds the
    numbers: `sell_in_ratio`, `weeks_of_inventory`, `weeks_of_inventory_change`, `sell_in`,
    `sell_through` and `on_hand`.

    Examples:
        >>> import datetime as dt
        >>> import channelvalue as cv
        >>> from channelvalue.aligning import AuditConfig
        >>> from channelvalue.model import ChannelMeasures, PartnerMeasure, Provenance
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add_all([cv.Organization("v", role="vendor"),
        ...     cv.Organization("r1", role="reseller", name="Northwind", revenue=100)])
        >>> m = PartnerMeasure("r1", volume=100.0, velocity=0.0, sell_in=300.0,
        ...     sell_through=150.0, on_hand=80.0, weeks_of_inventory=8.0,
        ...     weeks_of_inventory_change=3.0, sell_in_ratio=2.0, claims_paid=0.0,
        ...     claims_earned=0.0, win_rate=None, lines=30)
        >>> p = Provenance("month", "2026-01-01", "2026-06-30", "2026-06-30")
        >>> [f] = channel_stuffing(net.with_measures(ChannelMeasures([m], p)), AuditConfig())
        >>> f.severity.value, f.evidence["sell_in_ratio"], f.evidence["weeks_of_inventory"]
        ('error', 2.0, 8.0)
    """
    measures = net.measures
    if measures is None:  # not assessed (the audit does not run it); direct calls say nothing
        return
    a = arrays(net)
    partners = partner_mask(net, a)
    threshold = _option(config, "stuffing_ratio", STUFFING_RATIO)
    rise = _option(config, "stuffing_weeks_rise", STUFFING_WEEKS_RISE)
    flagged: list[int] = []
    for pid, m in measures.partners.items():
        i = a.org_index.get(pid)
        if i is None or not partners[i]:
            continue
        if (
            m.sell_in_ratio is not None
            and m.sell_in_ratio >= threshold
            and m.weeks_of_inventory_change is not None
            and m.weeks_of_inventory_change > rise
        ):
            flagged.append(i)
    if not flagged:
        return
    rev_share = shares(a.revenue, partners)
    orgs = net.organizations
    period = measures.provenance.period
    as_of = measures.provenance.as_of.isoformat()

    def make(i: int, severity: Severity) -> Finding:
        pid = a.org_ids[i]
        m = measures.partners[pid]
        assert m.sell_in_ratio is not None
        assert m.weeks_of_inventory_change is not None
        name = orgs[pid].name or pid
        ev = {
            "sell_in_ratio": round(m.sell_in_ratio, 12),
            "weeks_of_inventory_change": round(m.weeks_of_inventory_change, 12),
            "sell_in": m.sell_in,
            "sell_through": m.sell_through,
            "revenue_share": float(rev_share[i]),
        }
        woi = ""
        if m.weeks_of_inventory is not None:
            ev["weeks_of_inventory"] = round(m.weeks_of_inventory, 12)
            woi = f" to {m.weeks_of_inventory:.1f}"
        if m.on_hand is not None:
            ev["on_hand"] = m.on_hand
        return Finding(
            CHECK,
            severity,
            subjects=(pid,),
            message=(
                f"{name} is buying ahead of what it sells: sell-in {m.sell_in_ratio:.2f}x"
                f" sell-through over the rolling window, weeks of inventory up"
                f" {m.weeks_of_inventory_change:.1f}{woi} (per {period}, as of {as_of};"
                f" {pct(rev_share[i])} of partner revenue): hold further shipments and tie"
                " rebates to sell-through"
            ),
            evidence=ev,
            share=float(rev_share[i]),
        )

    idx = np.asarray(sorted(flagged), dtype=np.int64)
    yield from emit_ranked(
        idx,
        importance=a.revenue,
        errors=key_mask(a.revenue, partners, config.key_partner_cover),
        make=make,
    )
