"""`engagement.fit`: does each partner get the engagement model its profile calls for?

The profile and the recommendation come from
[`channelvalue.mapping.segment_partners`][channelvalue.mapping.segment_partners] with
`config.engagement_policy` and `config.abc_thresholds`: ABC class by revenue, volume x velocity
quadrant, segment focus and role decide between `self_service`, `pooled` and `dedicated`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np

from ...core.arrays import ENGAGEMENTS, ROLES, arrays
from ...mapping import segment_partners
from ...mapping.segmentation import ABC_CLASSES, FOCI, QUADRANTS
from ...model import EngagementModel, Finding, Severity
from ..registry import register
from ._common import emit_ranked, money, no_steward, partner_mask, shares, steward_index

if TYPE_CHECKING:
    from ...core.network import ChannelNetwork
    from ..config import AuditConfig

__all__ = ["engagement_fit"]

_LEVEL = {
    EngagementModel.SELF_SERVICE: 0,
    EngagementModel.POOLED: 1,
    EngagementModel.DEDICATED: 2,
}


@register("engagement.fit", title="Partners whose engagement model does not fit their profile")
def engagement_fit(net: ChannelNetwork, config: AuditConfig) -> Iterator[Finding]:
    """Partners whose engagement model differs from what the engagement policy recommends.

    *Under-served* partners (they get less than recommended) are warnings, errors for key
    partners; *over-served* ones (more than recommended: cost without return) are
    warnings; partners with no engagement model recorded are info. Owned units are not
    judged.

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.aligning import AuditConfig
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add_all([cv.Organization("v", role="vendor"),
        ...     cv.Organization("big", role="reseller", revenue=90, engagement="self_service"),
        ...     cv.Organization("small", role="reseller", revenue=10, engagement="self_service")])
        >>> [(f.subjects, f.evidence["recommended_level"]) for f in
        ...  engagement_fit(net, AuditConfig())]  # class A: dedicated (2); B: pooled (1)
        [(('big',), 2.0), (('small',), 1.0)]
    """
    a = arrays(net)
    s = steward_index(net, a)
    if s is None:
        yield no_steward("engagement.fit", net)
        return
    seg = segment_partners(net, policy=config.engagement_policy, thresholds=config.abc_thresholds)
    idx = np.flatnonzero(np.arange(a.n_orgs) != s)  # segment_partners' rows, in id order
    level = np.array([_LEVEL[e] for e in ENGAGEMENTS], dtype=np.int64)
    rec = level[seg.recommended]
    cur = np.where(seg.current >= 0, level[np.maximum(seg.current, 0)], -1)
    judged = ~a.owned[idx]
    under = judged & (cur >= 0) & (cur < rec)
    over = judged & (cur > rec)
    unknown = judged & (cur < 0)
    share = shares(a.revenue, partner_mask(net, a))[idx]
    keys = share >= config.key_partner_share

    def make(k: int, severity: Severity) -> Finding:
        pid = seg.ids[k]
        recommended = ENGAGEMENTS[int(seg.recommended[k])].value
        profile = (
            f"{ROLES[int(seg.role[k])].value}, class {ABC_CLASSES[int(seg.abc[k])]}, "
            f"{QUADRANTS[int(seg.quadrant[k])]}, {FOCI[int(seg.focus[k])]} focus"
        )
        if cur[k] < 0:
            message = (
                f"{pid} ({profile}) has no engagement model recorded; the policy "
                f"recommends {recommended}: record and apply it"
            )
        else:
            current = ENGAGEMENTS[int(seg.current[k])].value
            advice = "step up coverage" if cur[k] < rec[k] else "free up the manager's time"
            message = (
                f"{pid} ({profile}, {money(seg.revenue[k])} revenue) is engaged {current} "
                f"but the policy recommends {recommended}: {advice}"
            )
        return Finding(
            "engagement.fit",
            severity,
            subjects=(pid,),
            message=message,
            evidence={
                "revenue": float(seg.revenue[k]),
                "revenue_share": float(share[k]),
                "current_level": float(cur[k]),
                "recommended_level": float(rec[k]),
            },
        )

    for mask, errors, severity, what in (
        (under, keys, Severity.WARNING, "under-served partners (engagement below the policy)"),
        (over, None, Severity.WARNING, "over-served partners (engagement above the policy)"),
        (unknown, None, Severity.INFO, "partners with no engagement model"),
    ):
        yield from emit_ranked(
            "engagement.fit",
            np.flatnonzero(mask),
            importance=seg.revenue,
            errors=errors,
            make=make,
            config=config,
            what=what,
            revenue=seg.revenue,
            severity=severity,
        )
