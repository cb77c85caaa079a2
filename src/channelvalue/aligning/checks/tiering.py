"""`engagement.tiering`: is each partner in the tier its results earn?

Built on [`place_tiers`][channelvalue.building.place_tiers] with the
[`DEFAULT_TIER_POLICY`][channelvalue.model.DEFAULT_TIER_POLICY]; to audit with your own
policy, register [`tiering_check`][channelvalue.aligning.checks.tiering.tiering_check] in
its place (see the *Scorecard* guide). The check is *not assessed* when no partner has
revenue (nothing to place partners by) or every partner is at the default tier
`registered` (the network records no tiers).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import numpy as np

from ...building.tiering import TierPlacement, partner_rows, place_tiers
from ...core.arrays import arrays
from ...model import DEFAULT_TIER_POLICY, Finding, Severity, Tier, TierPolicy
from ..registry import register
from ._common import emit_ranked, key_mask, money, partner_revenue_coverage, shares

if TYPE_CHECKING:
    from ...core.network import ChannelNetwork
    from ..config import AuditConfig

__all__ = ["CHECK_ID", "engagement_tiering", "tiering_check", "tiering_inputs"]

CHECK_ID = "engagement.tiering"
"""The id of the check."""
TITLE = "Partners whose tier does not match what their results earn"


def tiering_inputs(net: ChannelNetwork) -> str | None:
    """Why `engagement.tiering` cannot judge `net`, or None when it can.

    Examples:
        >>> import channelvalue as cv
        >>> tiering_inputs(cv.datasets.example()) is None
        True
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add_all([cv.Organization("v", role="vendor"),
        ...              cv.Organization("a", role="msp", revenue=5.0)])
        >>> tiering_inputs(net)
        "no partner tiers recorded (every partner is 'registered')"
    """
    a = arrays(net)
    rows = partner_rows(net)
    if len(rows) == 0:
        return "no partners"
    if not (a.revenue[rows] > 0).any():
        return "no partner revenue to place partners by"
    if not (a.tier[rows] != list(Tier).index(Tier.REGISTERED)).any():
        return "no partner tiers recorded (every partner is 'registered')"
    return None


def _coverage(net: ChannelNetwork) -> float:
    """The share of partner revenue the check places (placeholders have no data)."""
    a = arrays(net)
    seen = np.zeros(a.n_orgs, dtype=np.bool_)
    seen[partner_rows(net)] = True
    return partner_revenue_coverage(net, seen)


def tiering_findings(
    net: ChannelNetwork, config: AuditConfig, policy: TierPolicy
) -> Iterator[Finding]:
    """The findings of the tiering check under `policy` (see `engagement_tiering`)."""
    p = place_tiers(net, policy)
    if len(p) == 0:
        return
    everyone = np.ones(len(p), dtype=np.bool_)
    share = shares(p.revenue, everyone)
    costs = p.costs
    missed = np.maximum(p.benefits_recommended - p.benefits_current, 0.0)
    keys = key_mask(p.revenue, everyone, config.key_partner_cover)
    over, under = p.over, p.under
    if over.any() or under.any() or p.skipped:
        yield _summary(p, net, policy)

    def make(i: int, severity: Severity) -> Finding:
        v = p._verdict(i)
        why = "; ".join(v.short_of)
        if v.status == "over":
            message = (
                f"{v.name} ({v.role.value}, {money(v.values.get('revenue', p.revenue[i]))} "
                f"revenue) is {v.current.value} but its results earn {v.recommended.value}"
                f"{f' ({why} for the next tier)' if why else ''}: its benefits cost "
                f"{money(float(costs[i]))} a year more than the tier it earns"
            )
        else:
            message = (
                f"{v.name} ({v.role.value}, {money(float(p.revenue[i]))} revenue) is "
                f"{v.current.value} but its results earn {v.recommended.value}: promote it or "
                f"say why ({money(float(missed[i]))} a year of benefits it earns but does not get)"
            )
        return Finding(
            CHECK_ID,
            severity,
            subjects=(v.id,),
            message=message,
            share=float(share[i]),
            evidence={
                "revenue": float(p.revenue[i]),
                "revenue_share": float(share[i]),
                "current_rank": float(p.current[i]),
                "recommended_rank": float(p.recommended[i]),
                "benefits_current": float(p.benefits_current[i]),
                "benefits_recommended": float(p.benefits_recommended[i]),
                "over_tiering_cost": float(costs[i]),
            },
        )

    yield from emit_ranked(np.flatnonzero(over), importance=costs, errors=None, make=make)
    yield from emit_ranked(
        np.flatnonzero(under & keys), importance=p.revenue, errors=None, make=make
    )
    yield from emit_ranked(
        np.flatnonzero(under & ~keys),
        importance=p.revenue,
        errors=None,
        make=make,
        severity=Severity.INFO,
    )


def _summary(p: TierPlacement, net: ChannelNetwork, policy: TierPolicy) -> Finding:
    n_over, n_under = int(p.over.sum()), int(p.under.sum())
    name = f"the {policy.name!r} tier policy" if policy.name else "the tier policy"
    text = (
        f"{n_over + n_under:,} of {len(p):,} partners are mis-tiered under {name}: "
        f"{n_over:,} over-tiered (benefits {money(p.over_tiering_cost)} a year beyond what "
        f"they earn), {n_under:,} under-tiered"
    )
    if p.skipped:
        text += f"; rules on {', '.join(p.skipped)} left out (no partner records them)"
    missed = np.maximum(p.benefits_recommended - p.benefits_current, 0.0)
    sid = net.steward_id
    return Finding(
        CHECK_ID,
        Severity.INFO,
        subjects=(sid,) if sid is not None and sid in net.organizations else (),
        message=text,
        evidence={
            "partners": float(len(p)),
            "over_tiered": float(n_over),
            "under_tiered": float(n_under),
            "over_tiering_cost": p.over_tiering_cost,
            "under_tiering_benefits": float(missed[p.under].sum()),
            "skipped_rules": float(len(p.skipped)),
        },
    )


def tiering_check(policy: TierPolicy) -> Callable[[ChannelNetwork, AuditConfig], Iterator[Finding]]:
    """The `engagement.tiering` check function under your own `policy`.

    Register it in place of the built-in one to audit against your programme:

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.aligning.authoring import CheckRegistry
        >>> from channelvalue.aligning.audit import REGISTRY
        >>> mine = cv.TierPolicy(rules={"gold": cv.TierRule({"revenue": 1e6})})
        >>> reg = REGISTRY.copy()
        >>> _ = reg.register("engagement.tiering", tiering_check(mine), replace=True,
        ...                  requires=tiering_inputs)
        >>> report = cv.audit(cv.datasets.example(), registry=reg)
    """

    def check(net: ChannelNetwork, config: AuditConfig) -> Iterator[Finding]:
        yield from tiering_findings(net, config, policy)

    check.__doc__ = TITLE
    return check


@register(CHECK_ID, title=TITLE, requires=tiering_inputs, coverage=_coverage)
def engagement_tiering(net: ChannelNetwork, config: AuditConfig) -> Iterator[Finding]:
    """Partners whose tier differs from the one their results earn under the default policy.

    - **Over-tiered** (warning): the current tier is above the recommended one; ranked by
      the yearly benefits paid beyond what the partner earns (`over_tiering_cost`).
    - **Under-tiered**: below the recommended tier; a warning for key partners
      (`config.key_partner_cover`), info otherwise.

    A partner's finding counts in the score by its share of partner revenue.
    - One info finding about the steward sums it up: partners judged, over- and
      under-tiered counts, the cost of over-tiering and rules left out.

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.aligning import AuditConfig
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add_all([cv.Organization("v", role="vendor"),
        ...     cv.Organization("a", role="msp", revenue=2e5, tier="gold")])
        >>> [(f.severity.value, f.evidence.get("over_tiering_cost"))
        ...  for f in engagement_tiering(net, AuditConfig())]
        [('info', 33000.0), ('warning', 33000.0)]
    """
    yield from tiering_findings(net, config, DEFAULT_TIER_POLICY)
