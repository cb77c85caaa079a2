"""Demand-side gaps: what each segment needs against what its routes deliver.

For every segment, every stated [`ServiceOutput`][channelvalue.ServiceOutput] need and every
route to the segment, the **delivered level** of a route is the best level any member of
the route delivers (`Organization.capabilities`; 0 when not listed). Routes into the same
partner with the same role pattern are merged (their delivered level is the best of them).
Levels are then averaged over routes, weighted by the revenue each route carries
(each route equally when the routes of the group carry no revenue), at three grains:

* per segment (all its routes; a segment no route reaches delivers 0),
* per segment and role pattern,
* per segment and serving partner.

`gap = demanded - delivered`; its *status* is `'under'` when the gap exceeds the
tolerance, `'over'` when it is below minus the tolerance and `'met'` otherwise (a 1e-9
slack absorbs rounding). The **score** of a segment or pattern is the importance-weighted
mean shortfall `sum(importance * max(gap, 0)) / sum(importance)` over the stated needs:
0 when every need is met; `excess` is the same for over-service.

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.mapping import service_gaps
    >>> g = service_gaps(cv.datasets.example(), "public")
    >>> for r in g.segments:
    ...     print(r.output.value, r.demanded, r.delivered, r.status)
    customization 0.7 0.7 met
    logistics 0.6 0.9 over
    quality_assurance 0.95 0.95 met
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, get_args

import attrs
import numpy as np

from .._html import frame_html
from ..core.arrays import arrays
from ..core.labels import NO_NAMES, name_index
from ..errors import UnknownIdError, ValidationError
from ..model import ServiceOutput
from ..model._frozen import FrozenMap
from ._core import (
    ARRAY_EQ,
    FloatArray,
    IntArray,
    check_segment,
    make_frame,
    reduce_runs,
    runs,
    source_index,
    supply_order,
)
from ._levels import OUTPUTS, SLACK, grouped_mean, need_matrix, revenue_weights, status
from ._patterns import MAX_PATTERNS, check_max_patterns, serving_rows

if TYPE_CHECKING:
    import pandas as pd

    from ..core.network import ChannelNetwork

__all__ = ["GapLevel", "GapRow", "GapScore", "ServiceGaps", "service_gaps"]

GapLevel: TypeAlias = Literal["segment", "pattern", "partner"]
"""The `level` of [`ServiceGaps.to_frame`][channelvalue.mapping.ServiceGaps.to_frame]: one row per
segment, pattern or partner."""

_LEVELS: tuple[GapLevel, ...] = get_args(GapLevel)


@attrs.frozen
class GapRow:
    """One need of one segment against what a group of its routes delivers.

    Attributes:
        segment: the segment id.
        output: the service output.
        pattern: the role pattern of the routes (`None`: all the segment's routes).
        partner: the serving partner (`None` unless a per-partner row).
        importance: the need's importance weight.
        demanded: the demanded level.
        delivered: the delivered level (see the module's rule).
        gap: `demanded - delivered` (positive: under-served).
        status: `'under'`, `'met'` or `'over'`.

    Examples:
        >>> r = GapRow("smb", ServiceOutput.AVAILABILITY, importance=3.0, demanded=0.9,
        ...            delivered=0.85, gap=0.05, status="met")
        >>> r.output.value, r.status
        ('availability', 'met')
    """

    segment: str
    output: ServiceOutput
    pattern: str | None = attrs.field(default=None, kw_only=True)
    partner: str | None = attrs.field(default=None, kw_only=True)
    importance: float = attrs.field(kw_only=True)
    demanded: float = attrs.field(kw_only=True)
    delivered: float = attrs.field(kw_only=True)
    gap: float = attrs.field(kw_only=True)
    status: str = attrs.field(kw_only=True)


@attrs.frozen
class GapScore:
    """The importance-weighted gap score of a segment, or of one pattern into it.

    Attributes:
        segment: the segment id.
        pattern: the role pattern (`None`: the whole segment).
        routes: routes in the group.
        revenue: revenue the routes carry.
        score: importance-weighted mean shortfall (0 = every need met).
        excess: importance-weighted mean over-service.
        under: how many needs are under-served.

    Examples:
        >>> GapScore("smb", None, routes=3, revenue=1.0, score=0.1, excess=0.0, under=1).score
        0.1
    """

    segment: str
    pattern: str | None
    routes: int = attrs.field(kw_only=True)
    revenue: float = attrs.field(kw_only=True)
    score: float = attrs.field(kw_only=True)
    excess: float = attrs.field(kw_only=True)
    under: int = attrs.field(kw_only=True)


@attrs.frozen(repr=False)
class ServiceGaps:
    """Service-output gaps of one or all segments, per segment, pattern and partner.

    Attributes:
        tolerance: the tolerance of the status classes.
        segments: per (segment, stated need): the [`GapRow`][channelvalue.mapping.GapRow] over all
            its routes.
        patterns: per (segment, pattern, stated need): a [`GapRow`][channelvalue.mapping.GapRow].
        scores: per segment (`pattern=None`) and per (segment, pattern): a
            [`GapScore`][channelvalue.mapping.GapScore].
        capped: the patterns were capped per organization (see
            [`service_gaps`][channelvalue.mapping.service_gaps]); the overflow is the pattern
            `'(other patterns)'`.

    Examples:
        >>> import channelvalue as cv
        >>> g = service_gaps(cv.datasets.example())
        >>> g
        ServiceGaps(segments=5, patterns=16, under=6, met=7, over=7, tolerance=0.05)
        >>> [r.output.value for r in g.underserved("smb")]
        ['lot_size', 'spatial_convenience']
    """

    tolerance: float
    segments: tuple[GapRow, ...]
    patterns: tuple[GapRow, ...]
    scores: tuple[GapScore, ...]
    _seg_ids: tuple[str, ...] = attrs.field(alias="seg_ids")
    _org_ids: tuple[str, ...] = attrs.field(alias="org_ids")
    _p_seg: IntArray = attrs.field(alias="p_seg", eq=ARRAY_EQ, hash=False)
    _p_org: IntArray = attrs.field(alias="p_org", eq=ARRAY_EQ, hash=False)
    _p_delivered: FloatArray = attrs.field(alias="p_delivered", eq=ARRAY_EQ, hash=False)
    _needs: tuple[FloatArray, FloatArray, Any] = attrs.field(alias="needs", eq=False)
    capped: bool = attrs.field(default=False, kw_only=True)
    names: FrozenMap[str, str] = attrs.field(default=NO_NAMES, kw_only=True, eq=False, repr=False)

    def __repr__(self) -> str:
        count = {s: sum(r.status == s for r in self.segments) for s in ("under", "met", "over")}
        segs = len({r.segment for r in self.scores})
        pats = sum(s.pattern is not None for s in self.scores)
        return (
            f"ServiceGaps(segments={segs}, patterns={pats}, under={count['under']}, "
            f"met={count['met']}, over={count['over']}, tolerance={self.tolerance})"
        )

    def underserved(
        self, segment: str | None = None, *, min_importance: float | None = None
    ) -> tuple[GapRow, ...]:
        """The under-served *key* needs of a segment (or of every segment), segment-wide.

        A key need has `importance >= min_importance`; by default the segment's mean
        importance over its stated needs.

        Examples:
            >>> import channelvalue as cv
            >>> g = service_gaps(cv.datasets.example())
            >>> for r in g.underserved(min_importance=0):
            ...     print(r.segment, r.output.value, round(r.gap, 3))
            enterprise after_sales_service 0.272
            enterprise customization 0.172
            midmarket after_sales_service 0.193
            midmarket customization 0.115
            smb lot_size 0.168
            smb spatial_convenience 0.18
        """
        if segment is not None and segment not in self._seg_ids:
            raise UnknownIdError(segment, kind="segment", where="ServiceGaps.underserved")
        if min_importance is not None and not (
            isinstance(min_importance, int | float) and math.isfinite(min_importance)
        ):
            raise ValidationError(
                "ServiceGaps.underserved", "min_importance", min_importance, "a number or None"
            )
        out: list[GapRow] = []
        for seg in self._seg_ids if segment is None else (segment,):
            rows = [r for r in self.segments if r.segment == seg]
            if not rows:
                continue
            floor = (
                min_importance
                if min_importance is not None
                else math.fsum(r.importance for r in rows) / len(rows)
            )
            out.extend(r for r in rows if r.status == "under" and r.importance >= floor)
        return tuple(out)

    def score(self, segment: str, pattern: str | None = None) -> GapScore:
        """The [`GapScore`][channelvalue.mapping.GapScore] of a segment (or of one pattern into it).

        Examples:
            >>> import channelvalue as cv
            >>> round(service_gaps(cv.datasets.example()).score("public").score, 6)
            0.0
        """
        for s in self.scores:
            if s.segment == segment and s.pattern == pattern:
                return s
        what = f"{segment}/{pattern}" if pattern is not None else segment
        raise UnknownIdError(what, kind="segment or pattern", where="ServiceGaps.score")

    def partner_rows(self, segment: str | None = None) -> Iterator[GapRow]:
        """Per (segment, serving partner, stated need) rows, built lazily.

        Examples:
            >>> import channelvalue as cv
            >>> row = next(service_gaps(cv.datasets.example()).partner_rows("public"))
            >>> row.partner, row.output.value, row.delivered
            ('sys-gov', 'customization', 0.7)
        """
        if segment is not None and segment not in self._seg_ids:
            raise UnknownIdError(segment, kind="segment", where="ServiceGaps.partner_rows")
        level, weight, stated = self._needs
        for k in range(len(self._p_seg)):
            s = int(self._p_seg[k])
            sid = self._seg_ids[s]
            if segment is not None and sid != segment:
                continue
            for j in np.flatnonzero(stated[s]).tolist():
                d = float(self._p_delivered[k, j])
                gap = float(level[s, j]) - d
                yield GapRow(
                    sid,
                    OUTPUTS[j],
                    partner=self._org_ids[int(self._p_org[k])],
                    importance=float(weight[s, j]),
                    demanded=float(level[s, j]),
                    delivered=d,
                    gap=gap,
                    status=status(gap, self.tolerance),
                )

    def _repr_html_(self) -> str:
        """Its `repr` and the first rows of `to_frame()`, escaped (bounded in size)."""
        return frame_html(self)

    def to_frame(self, *, level: GapLevel = "segment") -> pd.DataFrame:
        """The rows of one grain as a table: `'segment'`, `'pattern'` or `'partner'`.

        Examples:
            >>> import channelvalue as cv
            >>> service_gaps(cv.datasets.example(), "smb").to_frame(level="partner").shape
            (215, 10)
        """
        if level not in _LEVELS:
            valid = ", ".join(map(repr, _LEVELS))
            raise ValidationError("ServiceGaps.to_frame", "level", level, f"one of {valid}")
        if level == "partner":
            return self._partner_frame()
        rows = self.segments if level == "segment" else self.patterns
        drop = {"segment": ("pattern", "partner"), "pattern": ("partner",)}
        names = [f.name for f in attrs.fields(GapRow) if f.name not in drop[level]]
        cols = {n: [getattr(r, n) for r in rows] for n in names}
        cols["output"] = [o.value for o in cols["output"]]
        return make_frame("ServiceGaps.to_frame()", cols, self.names)

    def _partner_frame(self) -> pd.DataFrame:
        """The per-partner rows as columns, in one array pass (no row objects)."""
        level, weight, stated = self._needs
        k, j = np.nonzero(stated[self._p_seg])  # row k of the partner table, output j
        s = self._p_seg[k]
        delivered = self._p_delivered[k, j]
        demanded = level[s, j]
        gap = demanded - delivered
        tol = self.tolerance + SLACK
        seg_ids = np.array(self._seg_ids, dtype=object)
        org_ids = np.array(self._org_ids, dtype=object)
        return make_frame(
            "ServiceGaps.to_frame()",
            {
                "segment": seg_ids[s],
                "output": np.array([o.value for o in OUTPUTS], dtype=object)[j],
                "partner": org_ids[self._p_org[k]],
                "importance": weight[s, j],
                "demanded": demanded,
                "delivered": delivered,
                "gap": gap,
                "status": np.where(gap > tol, "under", np.where(gap < -tol, "over", "met")),
            },
            self.names,
        )

    def scores_frame(self) -> pd.DataFrame:
        """The scores as a table (`pattern` is `'*'` for the whole segment).

        Examples:
            >>> import channelvalue as cv
            >>> service_gaps(cv.datasets.example(), "public").scores_frame()["pattern"].tolist()
            ['*', 'vendor>distributor>system_integrator']
        """
        names = [f.name for f in attrs.fields(GapScore)]
        cols = {n: [getattr(s, n) for s in self.scores] for n in names}
        cols["pattern"] = [p or "*" for p in cols["pattern"]]
        return make_frame("ServiceGaps.scores_frame()", cols, self.names)


def service_gaps(
    net: ChannelNetwork,
    segment: str | None = None,
    *,
    tolerance: float = 0.05,
    max_patterns: int = MAX_PATTERNS,
) -> ServiceGaps:
    """Service-output gaps per segment, route pattern and serving partner.

    Routes are grouped as in [`route_patterns`][channelvalue.mapping.route_patterns], never
    enumerated: time and memory are `O(E x P)` for `E` supply and serving links and
    `P = max_patterns` patterns kept per organization (the rarest past the bound are
    merged into `'(other patterns)'`, and the result says `capped`),
    plus `O(rows x outputs)` for the rows.

    Args:
        net: the network.
        segment: one segment id, or `None` for every segment.
        tolerance: gaps within `+-tolerance` count as met (0 <= tolerance < 1).
        max_patterns: the bound on patterns per organization (an integer >= 2).

    Raises:
        UnknownIdError: unknown segment (or no steward).
        ValidationError: a tolerance outside [0, 1), or `max_patterns` not an integer >= 2.
        CycleError: the supply links form a cycle.

    Examples:
        >>> import channelvalue as cv
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add_all([cv.Organization("v", role="vendor"),
        ...              cv.Organization("d", role="distributor",
        ...                              capabilities={"availability": 0.9}),
        ...              cv.Organization("r", role="reseller",
        ...                              capabilities={"availability": 0.5}),
        ...              cv.Segment("smb", needs={"availability": (0.8, 1.0)}),
        ...              cv.Supplies("v", "d"), cv.Supplies("d", "r"), cv.Serves("r", "smb")])
        >>> row = service_gaps(net).segments[0]   # best member on v>d>r delivers 0.9
        >>> row.delivered, row.status
        (0.9, 'over')
    """
    if (
        isinstance(tolerance, bool)
        or not isinstance(tolerance, int | float)
        or not (0.0 <= tolerance < 1.0)
    ):
        raise ValidationError("service_gaps", "tolerance", tolerance, "a number in [0, 1)")
    tol = float(tolerance)
    bound = check_max_patterns(max_patterns, "service_gaps")
    only = None if segment is None else check_segment(net, segment, "service_gaps.segment")
    src = source_index(net, None, "service_gaps")
    supply_order(net)
    a = arrays(net)
    level, weight, stated = need_matrix(net)
    sr = serving_rows(net, src, bound)
    keep = np.ones(len(sr.segment), dtype=np.bool_) if only is None else sr.segment == only
    seg, org, pat = sr.segment[keep], sr.org[keep], sr.pattern[keep]
    best, rev = sr.best[keep], sr.revenue[keep]
    cnt = sr.count[keep]
    cntf = cnt.astype(np.float64)
    seg_list = list(range(a.n_segs)) if only is None else [only]

    # per (segment, pattern)
    pcut = runs(seg, pat)
    p_del = grouped_mean(pcut, best, revenue_weights(pcut, rev, cntf)) if len(pcut) else best[:0]
    # per segment
    scut = runs(seg)
    s_del = np.zeros((a.n_segs, len(OUTPUTS)))
    if len(scut):
        s_del[seg[scut]] = grouped_mean(scut, best, revenue_weights(scut, rev, cntf))
    # per (segment, partner): routes into one partner carry equal revenue
    order = np.lexsort((org, seg))
    ocut = runs(seg[order], org[order])
    o_del = grouped_mean(ocut, best[order], cntf[order]) if len(ocut) else best[:0]

    def group_sum(cut: IntArray, values: Any) -> list[Any]:
        return reduce_runs(np.add, values, cut).tolist() if len(cut) else []

    seg_routes = dict(zip(seg[scut].tolist(), group_sum(scut, cnt), strict=True))
    seg_rev = dict(zip(seg[scut].tolist(), group_sum(scut, rev), strict=True))
    groups: list[tuple[int, str | None, Any, int, float]] = [
        (s, None, s_del[s], int(seg_routes.get(s, 0)), float(seg_rev.get(s, 0.0))) for s in seg_list
    ]
    groups.extend(
        (int(s), sr.names[int(p)], p_del[g], int(n), float(r))
        for g, (s, p, n, r) in enumerate(
            zip(seg[pcut], pat[pcut], group_sum(pcut, cnt), group_sum(pcut, rev), strict=True)
        )
    )
    seg_rows: list[GapRow] = []
    pat_rows: list[GapRow] = []
    scores: list[GapScore] = []
    for s, pattern, delivered, n_routes, revenue in groups:
        sid = a.seg_ids[s]
        cols = np.flatnonzero(stated[s]).tolist()
        gaps = [float(level[s, j]) - float(delivered[j]) for j in cols]
        rows = [
            GapRow(
                sid,
                OUTPUTS[j],
                pattern=pattern,
                importance=float(weight[s, j]),
                demanded=float(level[s, j]),
                delivered=float(delivered[j]),
                gap=gap,
                status=status(gap, tol),
            )
            for j, gap in zip(cols, gaps, strict=True)
        ]
        (seg_rows if pattern is None else pat_rows).extend(rows)
        wsum = math.fsum(r.importance for r in rows)
        short = math.fsum(r.importance * max(r.gap, 0.0) for r in rows)
        over = math.fsum(r.importance * max(-r.gap, 0.0) for r in rows)
        scores.append(
            GapScore(
                sid,
                pattern,
                routes=n_routes,
                revenue=revenue,
                score=short / wsum if wsum > 0 else 0.0,
                excess=over / wsum if wsum > 0 else 0.0,
                under=sum(r.status == "under" for r in rows),
            )
        )
    return ServiceGaps(
        names=name_index(net),
        tolerance=tol,
        segments=tuple(seg_rows),
        patterns=tuple(sorted(pat_rows, key=lambda r: (r.segment, r.pattern or "", r.output))),
        scores=tuple(sorted(scores, key=lambda x: (x.segment, x.pattern or ""))),
        seg_ids=a.seg_ids,
        org_ids=a.org_ids,
        p_seg=seg[order][ocut],
        p_org=org[order][ocut],
        p_delivered=o_del,
        needs=(level, weight, stated),
        capped=sr.capped,
    )
