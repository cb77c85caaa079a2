"""`propositions.integrity`: is the plan's value-proposition set sound?

The *key segments* are the largest segments that together hold `config.key_segment_cover`
of the total size of all segments, or of all end-customer revenue (what the `serves` links
carry).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np

from ...core.arrays import arrays
from ...model import Finding, LeverFocus, Severity
from ..registry import register
from ._common import (
    BoolArray,
    FloatArray,
    emit_ranked,
    fractions,
    group_fractions,
    key_mask,
    link_revenue,
    pct,
)
from .coverage import segment_weights

if TYPE_CHECKING:
    from ...core.network import ChannelNetwork
    from ..config import AuditConfig

__all__ = ["key_segments", "proposition_integrity", "segments_defined"]


def key_segments(net: ChannelNetwork, config: AuditConfig) -> dict[str, tuple[float, float]]:
    """The key segments, each with its (size share, end-customer revenue share).

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.aligning import AuditConfig
        >>> key_segments(cv.datasets.example(), AuditConfig())["midmarket"][0]  # 6500/300600
        0.0216...
    """
    a = arrays(net)
    size_share, rev_share = _segment_shares(net)
    key = _key(size_share, rev_share, config.key_segment_cover)
    return {
        sid: (float(size_share[j]), float(rev_share[j]))
        for j, sid in enumerate(a.seg_ids)
        if key[j]
    }


def _key(size_share: FloatArray, rev_share: FloatArray, cover: float) -> BoolArray:
    everything = np.ones(len(size_share), dtype=np.bool_)
    return key_mask(size_share, everything, cover) | key_mask(rev_share, everything, cover)


def segments_defined(net: ChannelNetwork) -> str | None:
    """Why `propositions.integrity` cannot be assessed (no segments), or None.

    Examples:
        >>> import channelvalue as cv
        >>> segments_defined(cv.ChannelNetwork())
        'no segments'
    """
    return None if net.segments else "no segments"


def _segment_shares(net: ChannelNetwork) -> tuple[FloatArray, FloatArray]:
    a = arrays(net)
    la = a.links["serves"]
    return fractions(a.seg_size), group_fractions(la.dst, link_revenue(a), a.n_segs)


@register(
    "propositions.integrity",
    title="Key segments, evidence, levers and owners of the plan",
    requires=segments_defined,
)
def proposition_integrity(net: ChannelNetwork, config: AuditConfig) -> Iterator[Finding]:
    """Gaps in the value propositions and levers of the plan.

    Warnings: a key segment with no value proposition; a proposition with no lever, or
    whose evidence names no source; a lever with no owner; a lever set that acts only on
    satisfaction or only on efficiency. Info: a proposition with no owner.

    Shares are segment weights (the mean of a segment's share of size and of end-customer
    revenue): a key segment's own; a proposition's, its segment's; a lever's, the segments
    of the propositions it delivers; a one-sided lever set's, the segments that have
    propositions.

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.aligning import AuditConfig
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add_all([cv.Organization("v", role="vendor"), cv.Segment("s", size=10),
        ...     cv.Lever("l", acts_on="efficiency", owners=["v"]),
        ...     cv.ValueProposition("vp", segment="s", claim="Cheap", owners=["v"],
        ...                         levers=["l"], evidence=[cv.Evidence("cost", 0.8)])])
        >>> for f in proposition_integrity(net, AuditConfig()):
        ...     print(f.message.split(":")[0])
        vp (for s) backs its claim only with evidence that names no source
        every lever acts on efficiency only
    """
    a = arrays(net)
    size_share, rev_share = _segment_shares(net)
    key = _key(size_share, rev_share, config.key_segment_cover)
    weight = segment_weights(net)
    segments = net.segments

    def seg_weight(sid: str) -> float:
        j = a.seg_index.get(sid)
        return float(weight[j]) if j is not None else 0.0

    def seg_label(sid: str) -> str:
        seg = segments.get(sid)
        return seg.label if seg is not None else sid

    targeted = {vp.segment for vp in net.propositions.values()}
    uncovered = np.array(
        [j for j in np.flatnonzero(key).tolist() if a.seg_ids[j] not in targeted], dtype=np.int64
    )

    def make_segment(j: int, severity: Severity) -> Finding:
        sid = a.seg_ids[j]
        return Finding(
            "propositions.integrity",
            severity,
            subjects=(sid,),
            message=(
                f"key segment {seg_label(sid)} ({pct(size_share[j])} of segment size, "
                f"{pct(rev_share[j])} "
                "of end-customer revenue) has no value proposition: write one, backed by "
                "evidence and delivered by levers"
            ),
            evidence={"size_share": float(size_share[j]), "revenue_share": float(rev_share[j])},
            share=float(weight[j]),
        )

    yield from emit_ranked(
        uncovered,
        importance=np.maximum(size_share, rev_share),
        errors=None,
        make=make_segment,
    )
    for vp in sorted(net.propositions.values(), key=lambda p: p.id):
        subjects = (vp.id, vp.segment)
        share = seg_weight(vp.segment)
        if not vp.levers:
            yield Finding(
                "propositions.integrity",
                Severity.WARNING,
                subjects=subjects,
                message=(
                    f"{vp.id} (for {seg_label(vp.segment)}) names no lever that delivers it: "
                    "link the operating levers"
                ),
                share=share,
            )
        if not any(e.source for e in vp.evidence):
            yield Finding(
                "propositions.integrity",
                Severity.WARNING,
                subjects=subjects,
                message=(
                    f"{vp.id} (for {seg_label(vp.segment)}) backs its claim only with evidence "
                    "that names no source: cite where each figure comes from"
                ),
                evidence={"evidence_items": float(len(vp.evidence))},
                share=share,
            )
        if not vp.owners:
            yield Finding(
                "propositions.integrity",
                Severity.INFO,
                subjects=subjects,
                message=(
                    f"{vp.id} (for {seg_label(vp.segment)}) has no owner: name the members "
                    "accountable for the claim"
                ),
                share=share,
            )
    levers = sorted(net.levers.values(), key=lambda lv: lv.id)
    served: dict[str, set[str]] = {}
    for vp in net.propositions.values():
        for lv in vp.levers:
            served.setdefault(lv, set()).add(vp.segment)
    planned = {vp.segment for vp in net.propositions.values()}
    for lever in levers:
        if not lever.owners:
            yield Finding(
                "propositions.integrity",
                Severity.WARNING,
                subjects=(lever.id,),
                message=f"lever {lever.id} has no owner: name the member that delivers it",
                share=min(1.0, math.fsum(seg_weight(s) for s in sorted(served.get(lever.id, ())))),
            )
    if levers:
        for focus, other in (
            (LeverFocus.SATISFACTION, LeverFocus.EFFICIENCY),
            (LeverFocus.EFFICIENCY, LeverFocus.SATISFACTION),
        ):
            if not any(lv.acts_on.covers(other) for lv in levers):
                yield Finding(
                    "propositions.integrity",
                    Severity.WARNING,
                    subjects=tuple(lv.id for lv in levers[: config.max_subjects]),
                    message=(
                        f"every lever acts on {focus.value} only: add levers for "
                        f"{other.value} so the plan drives both"
                    ),
                    evidence={"levers": float(len(levers))},
                    share=min(1.0, math.fsum(seg_weight(s) for s in sorted(planned))),
                )
