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
    key_mask,
    labels,
    money,
    needs_steward,
    partner_mask,
    partner_revenue_coverage,
    pct,
    reaching,
    shares,
    steward_index,
)

if TYPE_CHECKING:
    from ...core.network import ChannelNetwork
    from ..config import AuditConfig

__all__ = ["has_reporting_lines", "manager_load", "reporting_coverage"]


def has_reporting_lines(net: ChannelNetwork) -> str | None:
    """Why `reporting.manager_load` cannot be assessed (no reporting lines, no managers), or
    None.

    Examples:
        >>> import channelvalue as cv
        >>> has_reporting_lines(cv.ChannelNetwork())
        'no reporting lines (reports_to links) or managers'
        >>> has_reporting_lines(cv.datasets.example()) is None
        True
    """
    a = arrays(net)
    if len(a.links["reports_to"]) == 0 and not net.managers:
        return "no reporting lines (reports_to links) or managers"
    return None


def _managed_coverage(net: ChannelNetwork) -> float:
    a = arrays(net)
    la = a.links["reports_to"]
    return partner_revenue_coverage(net, np.bincount(la.src, minlength=a.n_orgs) > 0)


@register(
    "reporting.coverage",
    title="Partners with no reporting line up to the steward",
    requires=needs_steward,
)
def reporting_coverage(net: ChannelNetwork, config: AuditConfig) -> Iterator[Finding]:
    """Partners with no (indirect) reporting line to the steward, directly or via a distributor.

    A partner is covered when a chain of `reports_to` links leads from it to the
    steward. Findings about key partners (`config.key_partner_cover`) are errors; each
    finding's share is the partner's share of partner revenue.

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
        return
    la = a.links["reports_to"]
    partners = partner_mask(net, a)
    flagged = np.flatnonzero(partners & ~reaching(a, "reports_to", s))
    share = shares(a.revenue, partners)
    name = labels(net)
    steward = name[s]

    def make(i: int, severity: Severity) -> Finding:
        pid = a.org_ids[i]
        up_rows = la.targets_of(i)
        ups = tuple(a.org_ids[j] for j in up_rows)
        up_names = [name[j] for j in up_rows]
        if ups:
            message = (
                f"{name[i]} reports to {', '.join(up_names)}, but that line never reaches the "
                f"steward {steward}: connect {up_names[0]} to the steward or re-assign "
                f"{name[i]}"
            )
        else:
            message = (
                f"{name[i]} ({money(a.revenue[i])} revenue) has no reporting line: name a "
                f"channel manager and add a reports_to link to {steward} or its distributor"
            )
        return Finding(
            "reporting.coverage",
            severity,
            subjects=(pid, *ups),
            message=message,
            evidence={"revenue": float(a.revenue[i]), "revenue_share": float(share[i])},
            share=float(share[i]),
        )

    yield from emit_ranked(
        flagged,
        importance=a.revenue,
        errors=key_mask(a.revenue, partners, config.key_partner_cover),
        make=make,
    )


@register(
    "reporting.manager_load",
    title="Managers over capacity; partners with no named manager",
    requires=has_reporting_lines,
    coverage=_managed_coverage,
)
def manager_load(net: ChannelNetwork, config: AuditConfig) -> Iterator[Finding]:
    """Managers whose tier-weighted load exceeds their capacity; partners with no manager.

    A manager's load is the sum of `config.tier_weights` over the organizations whose
    reporting link names the manager; `load / capacity` above
    `config.max_manager_load` is a warning, at or above
    `config.manager_overload_error` an error; its share is the partner revenue it carries.
    A partner with reporting links none of which names a manager is flagged too (an error
    for key partners).

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
    key = key_mask(a.revenue, partners, config.key_partner_cover)
    name = labels(net)
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
        carried = np.bincount(mgr, weights=share[src], minlength=n_mgr)

        def make_manager(j: int, severity: Severity) -> Finding:
            mid = a.manager_ids[j]
            return Finding(
                "reporting.manager_load",
                severity,
                subjects=(mid,),
                message=(
                    f"manager {managers[mid].label} carries a tier-weighted load of {load[j]:g} "
                    f"({int(count[j])} organizations) against a capacity of {capacity[j]:g} "
                    f"({pct(ratio[j])}): move partners to another manager or serve the "
                    "small ones through a pooled team"
                ),
                evidence={
                    "load": float(load[j]),
                    "capacity": float(capacity[j]),
                    "ratio": float(ratio[j]),
                    "organizations": float(count[j]),
                    "revenue_share": float(carried[j]),
                },
                share=min(1.0, float(carried[j])),
            )

        yield from emit_ranked(
            np.flatnonzero(ratio > config.max_manager_load),
            importance=ratio,
            errors=ratio >= config.manager_overload_error,
            make=make_manager,
        )

    has_line = np.bincount(la.src, minlength=a.n_orgs) > 0
    has_manager = np.bincount(la.src[named], minlength=a.n_orgs) > 0

    def make_partner(i: int, severity: Severity) -> Finding:
        pid = a.org_ids[i]
        up_rows = la.targets_of(i)
        ups = tuple(a.org_ids[j] for j in up_rows)
        return Finding(
            "reporting.manager_load",
            severity,
            subjects=(pid, *ups),
            message=(
                f"{name[i]} reports to {', '.join(name[j] for j in up_rows)} but no manager "
                "is named on that line: assign a channel account or partner manager"
            ),
            evidence={"revenue": float(a.revenue[i]), "revenue_share": float(share[i])},
            share=float(share[i]),
        )

    yield from emit_ranked(
        np.flatnonzero(partners & has_line & ~has_manager),
        importance=a.revenue,
        errors=key,
        make=make_partner,
    )
