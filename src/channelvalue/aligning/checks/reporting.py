"""Checks of the reporting lines: `reporting.coverage` and `reporting.manager_load`.

Partners do not report to the vendor the way employees do: each answers, indirectly, to a
channel account manager or partner manager upstream. These checks find partners that
answer to nobody on the steward's side, and managers who carry more than they can.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np

from ...core.arrays import TIERS, arrays
from ...model import Finding, Severity
from ..registry import register
from ._common import (
    emit_ranked,
    money,
    no_steward,
    partner_mask,
    pct,
    reaching,
    shares,
    steward_index,
)

if TYPE_CHECKING:
    from ...core.network import ChannelNetwork
    from ..config import AuditConfig

__all__ = ["manager_load", "reporting_coverage"]


@register("reporting.coverage", title="Partners with no reporting line up to the steward")
def reporting_coverage(net: ChannelNetwork, config: AuditConfig) -> Iterator[Finding]:
    """Partners with no (indirect) reporting line to the steward, directly or via a distributor.

    A partner is covered when a chain of `reports_to` links leads from it to the
    steward. Findings about key partners (`config.key_partner_share`) are errors.

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.aligning import AuditConfig
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add_all([cv.Organization("v", role="vendor"),
        ...              cv.Organization("r", role="reseller", revenue=100.0)])
        >>> [f.message for f in reporting_coverage(net, AuditConfig())]  # doctest: +ELLIPSIS
        ['r (100 revenue) has no reporting line: ...']
    """
    a = arrays(net)
    s = steward_index(net, a)
    if s is None:
        yield no_steward("reporting.coverage", net)
        return
    la = a.links["reports_to"]
    partners = partner_mask(net, a)
    flagged = np.flatnonzero(partners & ~reaching(a, "reports_to", s))
    share = shares(a.revenue, partners)
    steward = a.org_ids[s]

    def make(i: int, severity: Severity) -> Finding:
        pid = a.org_ids[i]
        ups = tuple(a.org_ids[j] for j in la.targets_of(i))
        if ups:
            message = (
                f"{pid} reports to {', '.join(ups)}, but that line never reaches the steward "
                f"{steward}: connect {ups[0]} to the steward or re-assign {pid}"
            )
        else:
            message = (
                f"{pid} ({money(a.revenue[i])} revenue) has no reporting line: name a channel "
                f"manager and add a reports_to link to {steward} or its distributor"
            )
        return Finding(
            "reporting.coverage",
            severity,
            subjects=(pid, *ups),
            message=message,
            evidence={"revenue": float(a.revenue[i]), "revenue_share": float(share[i])},
        )

    yield from emit_ranked(
        "reporting.coverage",
        flagged,
        importance=a.revenue,
        errors=share >= config.key_partner_share,
        make=make,
        config=config,
        what="partners with no reporting line to the steward",
        revenue=a.revenue,
    )


@register("reporting.manager_load", title="Managers over capacity; partners with no named manager")
def manager_load(net: ChannelNetwork, config: AuditConfig) -> Iterator[Finding]:
    """Managers whose tier-weighted load exceeds their capacity; partners with no manager.

    A manager's load is the sum of `config.tier_weights` over the organizations whose
    reporting link names the manager; `load / capacity` above
    `config.max_manager_load` is a warning, at or above
    `config.manager_overload_error` an error. A partner with reporting links none of
    which names a manager is flagged too (an error for key partners).

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.aligning import AuditConfig
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add_all([cv.Organization("v", role="vendor"), cv.Manager("m", capacity=1),
        ...     cv.Organization("r1", role="reseller"), cv.ReportsTo("r1", "v", manager="m"),
        ...     cv.Organization("r2", role="reseller"), cv.ReportsTo("r2", "v", manager="m")])
        >>> [(f.severity.value, f.evidence["ratio"]) for f in manager_load(net, AuditConfig())]
        [('error', 2.0)]
    """
    a = arrays(net)
    la = a.links["reports_to"]
    partners = partner_mask(net, a)
    share = shares(a.revenue, partners)
    named = a.reports_manager >= 0
    n_mgr = len(a.manager_ids)
    if n_mgr:
        code = np.unique(a.reports_manager[named] * a.n_orgs + la.src[named])
        mgr, src = code // a.n_orgs, code % a.n_orgs
        weights = np.array([config.tier_weights[t] for t in TIERS])[a.tier]
        load = np.bincount(mgr, weights=weights[src], minlength=n_mgr)
        count = np.bincount(mgr, minlength=n_mgr)
        managers = net.managers
        capacity = np.fromiter(
            (managers[m].capacity for m in a.manager_ids), dtype=np.float64, count=n_mgr
        )
        ratio = load / capacity

        def make_manager(j: int, severity: Severity) -> Finding:
            mid = a.manager_ids[j]
            return Finding(
                "reporting.manager_load",
                severity,
                subjects=(mid,),
                message=(
                    f"manager {mid} carries a tier-weighted load of {load[j]:g} "
                    f"({int(count[j])} organizations) against a capacity of {capacity[j]:g} "
                    f"({pct(ratio[j])}): move partners to another manager or serve the "
                    "small ones through a pooled team"
                ),
                evidence={
                    "load": float(load[j]),
                    "capacity": float(capacity[j]),
                    "ratio": float(ratio[j]),
                    "organizations": float(count[j]),
                },
            )

        yield from emit_ranked(
            "reporting.manager_load",
            np.flatnonzero(ratio > config.max_manager_load),
            importance=ratio,
            errors=ratio >= config.manager_overload_error,
            make=make_manager,
            config=config,
            what="overloaded managers",
        )

    has_line = np.bincount(la.src, minlength=a.n_orgs) > 0
    has_manager = np.bincount(la.src[named], minlength=a.n_orgs) > 0

    def make_partner(i: int, severity: Severity) -> Finding:
        pid = a.org_ids[i]
        ups = tuple(a.org_ids[j] for j in la.targets_of(i))
        return Finding(
            "reporting.manager_load",
            severity,
            subjects=(pid, *ups),
            message=(
                f"{pid} reports to {', '.join(ups)} but no manager is named on that line: "
                "assign a channel account or partner manager"
            ),
            evidence={"revenue": float(a.revenue[i]), "revenue_share": float(share[i])},
        )

    yield from emit_ranked(
        "reporting.manager_load",
        np.flatnonzero(partners & has_line & ~has_manager),
        importance=a.revenue,
        errors=share >= config.key_partner_share,
        make=make_partner,
        config=config,
        what="partners with no named manager",
        revenue=a.revenue,
    )
