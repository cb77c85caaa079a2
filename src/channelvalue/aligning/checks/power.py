"""`power.balance`: power and dependence between the steward and its partners.

Built on [`power_map`][channelvalue.mapping.power_map] (power-dependence theory: Emerson
1962; Heide & John 1988; Kumar, Scheer & Steenkamp 1995). The check needs the partners'
side of the pair, `Organization.steward_share`: on a network where no partner has it, the
check is *not assessed* (no score; the reason says so).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np

from ...core.arrays import arrays
from ...errors import CycleError
from ...mapping import PowerMap, power_map
from ...model import Finding, Severity
from ..registry import register
from ._common import (
    FloatArray,
    emit_ranked,
    key_mask,
    money,
    needs_steward,
    partner_revenue_coverage,
    pct,
    plural,
    supply_cycle,
)

if TYPE_CHECKING:
    from ...core.network import ChannelNetwork
    from ..config import AuditConfig

__all__ = ["power_balance", "shares_known", "steward_shares_known"]


def shares_known(net: ChannelNetwork) -> bool:
    """True when some organization other than the steward has a `steward_share`: the
    input `power.balance` needs (else it is not assessed).

    Examples:
        >>> import channelvalue as cv
        >>> shares_known(cv.datasets.example())  # five of its partners have one
        True
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add(cv.Organization("v", role="vendor", steward_share=1.0))
        >>> shares_known(net)  # the steward's own does not count
        False
    """
    sid = net.steward_id
    return any(o.steward_share is not None and o.id != sid for o in net.organizations.values())


def steward_shares_known(net: ChannelNetwork) -> str | None:
    """Why `power.balance` cannot be assessed (no steward; no partner has a
    `steward_share`), or None.

    Examples:
        >>> import channelvalue as cv
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add(cv.Organization("v", role="vendor"))
        >>> steward_shares_known(net)
        'no partner states its share of business with the steward (steward_share)'
    """
    missing = needs_steward(net)
    if missing is not None:
        return missing
    if not shares_known(net):
        return "no partner states its share of business with the steward (steward_share)"
    return None


def _shares_coverage(net: ChannelNetwork) -> float:
    a = arrays(net)
    seen = np.fromiter(
        (o.steward_share is not None for o in a.organizations), dtype=np.bool_, count=a.n_orgs
    )
    return partner_revenue_coverage(net, seen)


@register(
    "power.balance",
    title="Partners the steward depends on that depend little on it; partners at its mercy",
    requires=steward_shares_known,
    coverage=_shares_coverage,
)
def power_balance(net: ChannelNetwork, config: AuditConfig) -> Iterator[Finding]:
    """Pairs whose power is out of balance, from [`power_map`][channelvalue.mapping.power_map].

    - **Risk** (warning): the steward's dependence on a partner is at least
      `config.power_high_dependence` while the partner's on the steward is at most
      `config.power_low_dependence`: the partner could walk away with the revenue at stake.
      An error when the partner is a key partner (`config.key_partner_cover`) and the
      steward has no alternative partner in some of its cells.
    - **Leverage** (info): the partner's dependence is high and the steward's low; a
      warning (duty of care in changes of terms, tiers or routes) when the partner's
      dependence reaches `config.power_duty_of_care`.

    Only partners with a known `steward_share` are judged. Findings are ranked by revenue
    at stake; a finding's share is the partner's share of the revenue at stake of all
    judged partners. Key partners are those of `config.key_partner_cover` of that revenue.

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.aligning import AuditConfig
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add_all([cv.Organization("v", role="vendor"), cv.Segment("s"),
        ...     cv.Organization("a", role="reseller", steward_share=0.05),
        ...     cv.Supplies("v", "a"), cv.Serves("a", "s", revenue=100.0)])
        >>> [(f.severity.value, f.subjects) for f in power_balance(net, AuditConfig())]
        [('error', ('a',))]
    """
    sid = net.steward_id
    if sid is None or sid not in net.organizations:
        return
    try:
        pm = power_map(net)
    except CycleError as err:
        yield supply_cycle("power.balance", err)
        return
    if not pm.assessed:
        return
    names = {o.id: o.label for o in net.organizations.values()}
    yield from _risks(pm, config, sid, names)
    yield from _leverage(pm, config, sid, names)


def _risks(pm: PowerMap, config: AuditConfig, sid: str, names: dict[str, str]) -> Iterator[Finding]:
    pdep, sdep = pm.partner_dependence, pm.steward_dependence
    known = ~np.isnan(pdep)
    flagged = known & (sdep >= config.power_high_dependence)
    flagged &= np.where(known, pdep, 1.0) <= config.power_low_dependence
    everyone = np.ones(len(pm.revenue), dtype=np.bool_)
    key = key_mask(pm.revenue, everyone, config.key_partner_cover)
    errors = key & (pm.sole_cells > 0)
    share = _share(pm)
    steward = names.get(sid, sid)

    def make(i: int, severity: Severity) -> Finding:
        p = pm.partners[i]
        name = names.get(p, p)
        sole = int(pm.sole_cells[i])
        missing = (
            f"no other partner in {plural(sole, 'cell')} of {int(pm.cells[i])} "
            f"({money(float(pm.sole_revenue[i]))})"
            if sole
            else f"at least {int(pm.alternatives[i])} other partners in each of its cells"
        )
        return Finding(
            "power.balance",
            severity,
            subjects=(p,),
            message=(
                f"{steward} depends on {name} ({pct(float(sdep[i]))} of its revenue in "
                f"{name}'s cells, discounted by alternatives) but {name} depends little on "
                f"{steward} "
                f"({pct(float(pdep[i]))}); {money(float(pm.revenue[i]))} at stake, {missing}: "
                "recruit or develop alternative partners there, or raise its stake in the "
                "steward's lines"
            ),
            evidence={
                "steward_dependence": float(sdep[i]),
                "partner_dependence": float(pdep[i]),
                "balance": float(pdep[i] - sdep[i]),
                "revenue_at_stake": float(pm.revenue[i]),
                "sole_cells": float(sole),
                "sole_revenue": float(pm.sole_revenue[i]),
                "alternatives": float(pm.alternatives[i]),
            },
            share=float(share[i]),
        )

    yield from emit_ranked(
        np.flatnonzero(flagged),
        importance=pm.revenue,
        errors=errors,
        make=make,
    )


def _share(pm: PowerMap) -> FloatArray:
    total = float(pm.revenue.sum())
    if total > 0 and np.isfinite(total):
        out: FloatArray = pm.revenue / total
        return out
    return np.full(len(pm.revenue), 1.0 / max(1, len(pm.revenue)))


def _leverage(
    pm: PowerMap, config: AuditConfig, sid: str, names: dict[str, str]
) -> Iterator[Finding]:
    pdep, sdep = pm.partner_dependence, pm.steward_dependence
    high = np.nan_to_num(pdep, nan=0.0)
    flagged = (high >= config.power_high_dependence) & (sdep <= config.power_low_dependence)
    share = _share(pm)
    steward = names.get(sid, sid)
    for severity, sel in (
        (Severity.WARNING, flagged & (high >= config.power_duty_of_care)),
        (Severity.INFO, flagged & (high < config.power_duty_of_care)),
    ):

        def make(i: int, severity: Severity) -> Finding:
            p = pm.partners[i]
            name = names.get(p, p)
            care = (
                "a duty of care: change its terms, tier or routes only with notice and a transition"
                if severity is Severity.WARNING
                else "leverage to ask for focus, data or investment"
            )
            return Finding(
                "power.balance",
                severity,
                subjects=(p,),
                message=(
                    f"{name} depends heavily on {steward} ({pct(float(pdep[i]))}) while "
                    f"{steward} depends little on it ({pct(float(sdep[i]))}): {steward} holds "
                    f"{care}"
                ),
                evidence={
                    "partner_dependence": float(pdep[i]),
                    "steward_dependence": float(sdep[i]),
                    "balance": float(pdep[i] - sdep[i]),
                    "revenue_at_stake": float(pm.revenue[i]),
                },
                share=float(share[i]),
            )

        yield from emit_ranked(
            np.flatnonzero(sel),
            importance=high,
            errors=None,
            make=make,
            severity=severity,
        )
