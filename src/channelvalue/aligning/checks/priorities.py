"""`priorities.alignment`: partners whose own priorities do not line up with the steward's.

Priorities are weights by free-text key; the part before a colon is the key's
*namespace* (`line:firewall` -> `line`, `vertical:health` -> `vertical`). Within
each namespace both sides' weights are normalised to sum to 1, and the overlap is the
histogram intersection `sum_k min(p_k, s_k)` (1: the same mix, 0: nothing in common).
A partner's overlap is the mean over the steward's namespaces that the partner also
weighs; a partner that weighs none of them overlaps 0. Partners that state no
priorities are not judged.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from operator import attrgetter
from typing import TYPE_CHECKING

import numpy as np

from ...core.arrays import arrays, factorize
from ...model import Finding, Severity
from ..registry import register
from ._common import (
    BoolArray,
    FloatArray,
    cached,
    emit_ranked,
    key_mask,
    labels,
    money,
    needs_steward,
    partner_mask,
    partner_revenue_coverage,
    pct,
    plural,
    shares,
    steward_index,
)

if TYPE_CHECKING:
    from ...core.network import ChannelNetwork
    from ..config import AuditConfig

__all__ = ["normalised", "overlap", "priorities_stated", "priority_alignment"]


def normalised(priorities: Mapping[str, float]) -> dict[str, dict[str, float]]:
    """Weights grouped by namespace and scaled to sum to 1 within each (zero groups dropped).

    Examples:
        >>> normalised({"line:a": 3, "line:b": 1, "vertical:x": 2, "misc": 0})
        {'line': {'line:a': 0.75, 'line:b': 0.25}, 'vertical': {'vertical:x': 1.0}}
    """
    groups: dict[str, dict[str, float]] = {}
    for key, w in priorities.items():
        ns = key.split(":", 1)[0] if ":" in key else ""
        groups.setdefault(ns, {})[key] = float(w)
    out: dict[str, dict[str, float]] = {}
    for ns in sorted(groups):
        total = sum(groups[ns].values())
        if total > 0:
            out[ns] = {k: w / total for k, w in sorted(groups[ns].items())}
    return out


def overlap(partner: Mapping[str, float], steward: Mapping[str, float]) -> float | None:
    """The priority overlap of a partner with the steward, 0..1 (None: partner states none).

    Examples:
        >>> steward = {"line:fw": 0.4, "line:sdwan": 0.3, "line:cloud": 0.3,
        ...            "vertical:health": 0.5, "vertical:finance": 0.5}
        >>> overlap({"line:fw": 0.5, "line:sdwan": 0.5}, steward)  # min(.5,.4)+min(.5,.3)
        0.7
        >>> overlap({"line:storage": 1.0}, steward), overlap({}, steward)
        (0.0, None)
    """
    p = normalised(partner)
    if not p:
        return None
    s = normalised(steward)
    common = [ns for ns in s if ns in p]
    if not common:
        return 0.0
    total = 0.0
    for ns in common:
        pn, sn = p[ns], s[ns]
        total += sum(min(w, sn[k]) for k, w in pn.items() if k in sn)
    return round(total / len(common), 12)


def _overlaps(net: ChannelNetwork, steward: Mapping[str, float]) -> FloatArray:
    """Overlap per organization (NaN: no priorities), computed once per distinct profile
    (cached per network version and steward profile)."""
    return cached(net, _build_overlaps, steward)


def _build_overlaps(net: ChannelNetwork, steward: Mapping[str, float]) -> FloatArray:
    a = arrays(net)
    profiles = list(map(attrgetter("priorities"), a.organizations))
    # profiles are often shared objects: number the distinct ones by identity (cheap),
    # then score each distinct value once
    code, _ = factorize(list(map(id, profiles)))
    # codes number profiles in order of first appearance: code c first appears at
    # the c-th smallest first index
    distinct = [profiles[i] for i in np.unique(code, return_index=True)[1].tolist()]
    by_value: dict[Mapping[str, float], float] = {}
    for p in distinct:
        if p not in by_value:
            value = overlap(p, steward)
            by_value[p] = np.nan if value is None else value
    scores = np.array([by_value[p] for p in distinct], dtype=np.float64)
    out: FloatArray = scores[code] if len(code) else np.zeros(0)
    return out


def priorities_stated(net: ChannelNetwork) -> str | None:
    """Why `priorities.alignment` cannot be assessed (no steward, the steward or no partner
    states priorities), or None.

    Examples:
        >>> import channelvalue as cv
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add_all([cv.Organization("v", role="vendor", priorities={"line:fw": 1}),
        ...              cv.Organization("r", role="reseller")])
        >>> priorities_stated(net)
        'no partner states priorities'
    """
    missing = needs_steward(net)
    if missing is not None:
        return missing
    sid = net.steward_id
    assert sid is not None
    if not normalised(net.organizations[sid].priorities):
        return "the steward states no priorities"
    if _priorities_coverage(net) <= 0:
        return "no partner states priorities"
    return None


def _with_priorities(net: ChannelNetwork) -> BoolArray:
    """Per organization, whether it states priorities (some weight > 0); each distinct
    profile object is looked at once."""
    a = arrays(net)
    seen: dict[int, bool] = {}
    out = np.zeros(a.n_orgs, dtype=np.bool_)
    for i, o in enumerate(a.organizations):
        p = o.priorities
        known = seen.get(id(p))
        if known is None:
            known = seen[id(p)] = any(w > 0 for w in p.values())
        out[i] = known
    return out


def _priorities_coverage(net: ChannelNetwork) -> float:
    a = arrays(net)
    stated = cached(net, _with_priorities)
    if not (stated & partner_mask(net, a)).any():
        return 0.0
    return partner_revenue_coverage(net, stated)


@register(
    "priorities.alignment",
    title="Partners whose priorities overlap the steward's too little",
    requires=priorities_stated,
    coverage=_priorities_coverage,
)
def priority_alignment(net: ChannelNetwork, config: AuditConfig) -> Iterator[Finding]:
    """Partners whose priorities overlap the steward's below `config.min_priority_overlap`.

    Most revenue at stake first; key partners are errors; each finding's share is the
    partner's share of partner revenue. When more than `config.max_misaligned_revenue_share`
    of partner revenue sits with misaligned partners, one network-wide warning about the
    steward adds the total (share 0: its partners are counted already).

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.aligning import AuditConfig
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add_all([cv.Organization("v", role="vendor", priorities={"line:fw": 1}),
        ...              cv.Organization("r", role="reseller", revenue=10.0,
        ...                              priorities={"line:fw": 0.2, "line:nas": 0.8})])
        >>> [(f.subjects, f.evidence) for f in priority_alignment(net, AuditConfig())]
        ... # doctest: +NORMALIZE_WHITESPACE
        [(('r',), FrozenMap({'overlap': 0.2, 'revenue': 10.0, 'revenue_share': 1.0})),
         (('v',), FrozenMap({'judged_partners': 1.0, 'partners': 1.0, 'revenue_share': 1.0}))]
    """
    a = arrays(net)
    s = steward_index(net, a)
    if s is None:
        return
    steward = net.organizations[a.org_ids[s]]
    if not normalised(steward.priorities):
        return
    name = labels(net)
    partners = partner_mask(net, a)
    ov = _overlaps(net, steward.priorities)
    judged = partners & ~np.isnan(ov)
    low = judged & (np.nan_to_num(ov, nan=1.0) < config.min_priority_overlap)
    share = shares(a.revenue, partners)
    t = config.min_priority_overlap

    # plain lists, read once per finding (indexing numpy arrays per element is slow)
    ids, revenue, share_, ov_ = a.org_ids, a.revenue.tolist(), share.tolist(), ov.tolist()
    orgs = net.organizations

    def make(i: int, severity: Severity) -> Finding:
        pid = ids[i]
        top = sorted(orgs[pid].priorities.items(), key=lambda kv: (-kv[1], kv[0]))
        sh, o, rev = float(share_[i]), float(ov_[i]), float(revenue[i])
        return Finding(
            "priorities.alignment",
            severity,
            subjects=(pid,),
            message=(
                f"{name[i]} ({money(rev)} revenue) puts its weight on "
                f"{', '.join(k for k, _ in top[:3])}; overlap with the steward's priorities "
                f"is {o:.2f} (< {t:g}): agree a joint plan or shift incentives"
            ),
            evidence={"overlap": o, "revenue": rev, "revenue_share": sh},
            share=sh,
        )

    yield from emit_ranked(
        np.flatnonzero(low),
        importance=a.revenue,
        errors=key_mask(a.revenue, partners, config.key_partner_cover),
        make=make,
    )
    at_stake = float(share[low].sum())
    if low.any() and at_stake > config.max_misaligned_revenue_share:
        yield Finding(
            "priorities.alignment",
            Severity.WARNING,
            subjects=(steward.id,),
            message=(
                f"{pct(at_stake)} of partner revenue sits with "
                f"{plural(int(low.sum()), 'partner')} whose priorities overlap the "
                f"steward's below {t:g}: review the program's priorities and incentives "
                "with the partner council"
            ),
            evidence={
                "revenue_share": at_stake,
                "partners": float(low.sum()),
                "judged_partners": float(judged.sum()),
            },
            share=0.0,
        )
