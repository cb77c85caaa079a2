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

from ...core.arrays import ENGAGEMENTS, ROLES, BoolArray, arrays
from ...mapping import segment_partners
from ...mapping.segmentation import ABC_CLASSES, FOCI, QUADRANTS
from ...model import EngagementModel, Finding, Severity
from ..registry import register
from ._common import (
    emit_ranked,
    key_mask,
    labels,
    money,
    needs_steward,
    partner_mask,
    partner_revenue_coverage,
    shares,
    steward_index,
)

if TYPE_CHECKING:
    from ...core.network import ChannelNetwork
    from ..config import AuditConfig

__all__ = ["engagement_fit", "engagement_recorded"]

_LEVEL = {
    EngagementModel.SELF_SERVICE: 0,
    EngagementModel.POOLED: 1,
    EngagementModel.DEDICATED: 2,
}


def _recorded(net: ChannelNetwork) -> BoolArray:
    a = arrays(net)
    out: BoolArray = (a.engagement >= 0) & ~a.owned
    return out


def engagement_recorded(net: ChannelNetwork) -> str | None:
    """Why `engagement.fit` cannot be assessed (no steward; no partner has an engagement
    model recorded), or None.

    Examples:
        >>> import channelvalue as cv
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add_all([cv.Organization("v", role="vendor"),
        ...              cv.Organization("r", role="reseller")])
        >>> engagement_recorded(net)
        'no partner has an engagement model recorded'
    """
    missing = needs_steward(net)
    if missing is not None:
        return missing
    a = arrays(net)
    if not (_recorded(net) & partner_mask(net, a)).any():
        return "no partner has an engagement model recorded"
    return None


def _engagement_coverage(net: ChannelNetwork) -> float:
    return partner_revenue_coverage(net, _recorded(net))


@register(
    "engagement.fit",
    title="Partners whose engagement model does not fit their profile",
    requires=engagement_recorded,
    coverage=_engagement_coverage,
)
def engagement_fit(net: ChannelNetwork, config: AuditConfig) -> Iterator[Finding]:
    """Partners whose engagement model differs from what the engagement policy recommends.

    *Under-served* partners (they get less than recommended) are warnings, errors for key
    partners; *over-served* ones (more than recommended: cost without return) are
    warnings; partners with no engagement model recorded are info. Owned units are not
    judged. Each finding's share is the partner's share of partner revenue.

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
    partners = partner_mask(net, a)
    share = shares(a.revenue, partners)[idx]
    keys = key_mask(a.revenue, partners, config.key_partner_cover)[idx]
    name = labels(net)

    # plain lists, read once per finding (indexing numpy arrays per element is slow)
    ids, rows, revenue, share_ = seg.ids, idx.tolist(), seg.revenue.tolist(), share.tolist()
    rec_, cur_ = rec.tolist(), cur.tolist()
    recommended_, current_ = seg.recommended.tolist(), seg.current.tolist()
    role_, abc_, quadrant_, focus_ = (
        seg.role.tolist(),
        seg.abc.tolist(),
        seg.quadrant.tolist(),
        seg.focus.tolist(),
    )

    engagement_values = [e.value for e in ENGAGEMENTS]
    role_values = [r.value for r in ROLES]
    profiles: dict[tuple[int, int, int, int], str] = {}  # few distinct ones: build each once

    def make(k: int, severity: Severity) -> Finding:
        pid = ids[k]
        label = name[rows[k]]
        recommended = engagement_values[recommended_[k]]
        at = (role_[k], abc_[k], quadrant_[k], focus_[k])
        profile = profiles.get(at)
        if profile is None:
            profile = profiles[at] = (
                f"{role_values[at[0]]}, class {ABC_CLASSES[at[1]]}, "
                f"{QUADRANTS[at[2]]}, {FOCI[at[3]]} focus"
            )
        c, r = cur_[k], rec_[k]
        if c < 0:
            message = (
                f"{label} ({profile}) has no engagement model recorded; the policy "
                f"recommends {recommended}: record and apply it"
            )
        else:
            current = engagement_values[current_[k]]
            advice = "step up coverage" if c < r else "free up the manager's time"
            message = (
                f"{label} ({profile}, {money(revenue[k])} revenue) is engaged {current} "
                f"but the policy recommends {recommended}: {advice}"
            )
        sh = float(share_[k])
        return Finding(
            "engagement.fit",
            severity,
            subjects=(pid,),
            message=message,
            evidence={
                "revenue": float(revenue[k]),
                "revenue_share": sh,
                "current_level": float(c),
                "recommended_level": float(r),
            },
            share=sh,
        )

    for mask, errors, severity in (
        (under, keys, Severity.WARNING),
        (over, None, Severity.WARNING),
        (unknown, None, Severity.INFO),
    ):
        yield from emit_ranked(
            np.flatnonzero(mask),
            importance=seg.revenue,
            errors=errors,
            make=make,
            severity=severity,
        )
