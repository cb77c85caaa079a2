"""Coverage: which partners reach which segments, with how much revenue, how concentrated.

Only *routed* coverage counts: a partner covers a segment when it serves it **and** some
route of supply links leads from the steward to it. Serving partners with no route (e.g.
buying from outside the mapped channel) are reported per segment as `unrouted`.
Revenue is attributed as in `channelvalue.mapping.routes`.

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.mapping import coverage
    >>> cov = coverage(cv.datasets.example())
    >>> row = cov.segment("public")
    >>> row.partners, row.routes, row.hhi
    (1, 1, 1.0)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, TypeAlias, get_args

import attrs
import numpy as np
import scipy.sparse as sp

from .._html import frame_html
from .._optional import require_pandas
from ..core.arrays import arrays
from ..core.labels import NO_NAMES, name_index
from ..errors import UnknownIdError, ValidationError
from ..model._frozen import FrozenMap
from ._core import SPARSE_EQ, make_frame, path_counts, segment_totals, serving_revenue, source_index

if TYPE_CHECKING:
    import pandas as pd

    from ..core.network import ChannelNetwork

__all__ = ["Coverage", "CoverageValue", "SegmentCoverage", "coverage"]

CoverageValue: TypeAlias = Literal["revenue", "routes"]
"""The `value` of [`Coverage.matrix_frame`][channelvalue.mapping.Coverage.matrix_frame]: partner
revenue or route counts."""

_VALUES: tuple[CoverageValue, ...] = get_args(CoverageValue)


@attrs.frozen
class SegmentCoverage:
    """How one segment is covered.

    Attributes:
        segment: the segment id.
        partners: serving partners that some route from the steward reaches.
        routes: routes from the steward to the segment (exact).
        revenue: the revenue those partners make in the segment.
        hhi: Herfindahl index of partner revenue in the segment (sum of squared revenue
            shares, `1/partners` .. 1; `None` when the segment has no routed revenue).
        unrouted: partners that serve the segment but have no route from the steward.

    Examples:
        >>> SegmentCoverage("smb", partners=2, routes=2, revenue=10.0, hhi=0.5, unrouted=0)
        SegmentCoverage(segment='smb', partners=2, routes=2, revenue=10.0, hhi=0.5, unrouted=0)
    """

    segment: str
    partners: int = attrs.field(kw_only=True)
    routes: int = attrs.field(kw_only=True)
    revenue: float = attrs.field(kw_only=True)
    hhi: float | None = attrs.field(kw_only=True)
    unrouted: int = attrs.field(kw_only=True)

    @property
    def covered(self) -> bool:
        """True when at least one route reaches the segment.

        Examples:
            >>> SegmentCoverage("s", partners=0, routes=0, revenue=0.0, hhi=None,
            ...                 unrouted=1).covered
            False
        """
        return self.routes > 0


@attrs.frozen(repr=False)
class Coverage:
    """The segment x partner coverage of a network.

    Attributes:
        segments: one [`SegmentCoverage`][channelvalue.mapping.SegmentCoverage] per segment, sorted
            by id.
        segment_ids: row labels of the matrices (sorted segment ids).
        org_ids: column labels of the matrices (sorted organization ids).
        revenue: sparse `segments x organizations` matrix of routed revenue.
        routes: sparse `segments x organizations` matrix of route counts (floats).

    Examples:
        >>> import channelvalue as cv
        >>> cov = coverage(cv.datasets.example())
        >>> cov
        Coverage(segments=5, covered=5, uncovered=(), partners=56, revenue=66,264,000)
        >>> cov.revenue.shape
        (5, 60)
    """

    segments: tuple[SegmentCoverage, ...]
    segment_ids: tuple[str, ...]
    org_ids: tuple[str, ...]
    revenue: sp.csr_matrix = attrs.field(eq=SPARSE_EQ, hash=False)
    routes: sp.csr_matrix = attrs.field(eq=SPARSE_EQ, hash=False)
    names: FrozenMap[str, str] = attrs.field(default=NO_NAMES, kw_only=True, eq=False, repr=False)

    def __repr__(self) -> str:
        covered = sum(s.covered for s in self.segments)
        partners = int(np.count_nonzero(self.routes.getnnz(axis=0)))
        total = sum(s.revenue for s in self.segments)
        return (
            f"Coverage(segments={len(self.segments)}, covered={covered}, "
            f"uncovered={self.uncovered!r}, partners={partners}, revenue={total:,.0f})"
        )

    @property
    def uncovered(self) -> tuple[str, ...]:
        """Segments that no route from the steward reaches, sorted.

        Examples:
            >>> import channelvalue as cv
            >>> coverage(cv.datasets.example()).uncovered
            ()
        """
        return tuple(s.segment for s in self.segments if not s.covered)

    def segment(self, segment: str) -> SegmentCoverage:
        """The coverage of one segment.

        Raises:
            UnknownIdError: `segment` is not a segment of the network.

        Examples:
            >>> import channelvalue as cv
            >>> coverage(cv.datasets.example()).segment("home-office").partners
            12
        """
        for row in self.segments:
            if row.segment == segment:
                return row
        raise UnknownIdError(segment, kind="segment", where="Coverage.segment")

    def partners_of(self, segment: str) -> tuple[str, ...]:
        """The routed partners of `segment`, sorted by id.

        Examples:
            >>> import channelvalue as cv
            >>> coverage(cv.datasets.example()).partners_of("public")
            ('sys-gov',)
        """
        self.segment(segment)
        i = self.segment_ids.index(segment)
        cols = self.routes.indices[self.routes.indptr[i] : self.routes.indptr[i + 1]]
        return tuple(self.org_ids[int(j)] for j in np.sort(cols))

    def _repr_html_(self) -> str:
        """Its `repr` and the first rows of `to_frame()`, escaped (bounded in size)."""
        return frame_html(self)

    def to_frame(self) -> pd.DataFrame:
        """One row per segment: partners, routes, revenue, hhi, unrouted.

        Examples:
            >>> import channelvalue as cv
            >>> coverage(cv.datasets.example()).to_frame()["partners"].tolist()
            [7, 12, 27, 1, 43]
        """
        rows = self.segments
        return make_frame(
            "Coverage.to_frame()",
            {
                "segment": [r.segment for r in rows],
                "partners": [r.partners for r in rows],
                "routes": [r.routes for r in rows],
                "revenue": [r.revenue for r in rows],
                "hhi": [r.hhi for r in rows],
                "unrouted": [r.unrouted for r in rows],
            },
            self.names,
        )

    def matrix_frame(self, *, value: CoverageValue = "revenue") -> pd.DataFrame:
        """The matrix as a dense table: segments x routed partners (`value`: revenue/routes).

        Only partners that cover at least one segment get a column.

        Examples:
            >>> import channelvalue as cv
            >>> m = coverage(cv.datasets.example()).matrix_frame(value="routes")
            >>> m.shape, int(m.loc["public", "sys-gov"])
            ((5, 56), 1)
        """
        if value not in _VALUES:
            valid = ", ".join(map(repr, _VALUES))
            raise ValidationError("Coverage.matrix_frame", "value", value, f"one of {valid}")
        mat = self.revenue if value == "revenue" else self.routes
        used = np.flatnonzero(np.asarray(self.routes.getnnz(axis=0)) > 0)
        dense = mat.tocsc()[:, used].toarray()
        pd_mod = require_pandas("Coverage.matrix_frame()")
        frame: pd.DataFrame = pd_mod.DataFrame(
            dense, index=list(self.segment_ids), columns=[self.org_ids[int(j)] for j in used]
        )
        return frame


def coverage(net: ChannelNetwork) -> Coverage:
    """The coverage of every segment by the partners the steward's routes reach.

    Raises:
        UnknownIdError: the network has no steward.
        CycleError: the supply links form a cycle.

    Examples:
        >>> import channelvalue as cv
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add_all([cv.Organization("v", role="vendor"),
        ...              cv.Organization("a", role="reseller", revenue=30.0),
        ...              cv.Organization("b", role="reseller", revenue=10.0),
        ...              cv.Segment("smb"), cv.Segment("ent"),
        ...              cv.Supplies("v", "a"), cv.Supplies("v", "b"),
        ...              cv.Serves("a", "smb"), cv.Serves("b", "smb")])
        >>> cov = coverage(net)   # shares 0.75 and 0.25: hhi = 0.5625 + 0.0625
        >>> cov.segment("smb").hhi, cov.uncovered
        (0.625, ('ent',))
    """
    src = source_index(net, None, "coverage")
    a = arrays(net)
    paths = path_counts(net, src)
    tot = segment_totals(net, paths)
    ls = a.links["serves"]
    rev = serving_revenue(net)
    on = tot.reached
    seg, org = ls.dst[on], ls.src[on]
    shape = (a.n_segs, a.n_orgs)
    revenue = sp.csr_matrix((rev[on], (seg, org)), shape=shape)
    routes = sp.csr_matrix((paths[org].astype(np.float64), (seg, org)), shape=shape)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = rev[on] / tot.revenue[seg]
    hhi = np.bincount(seg, weights=share * share, minlength=a.n_segs)
    rows = tuple(
        SegmentCoverage(
            sid,
            partners=int(tot.partners[i]),
            routes=tot.routes[i],
            revenue=float(tot.revenue[i]),
            hhi=float(hhi[i]) if tot.revenue[i] > 0 else None,
            unrouted=int(tot.unrouted[i]),
        )
        for i, sid in enumerate(a.seg_ids)
    )
    return Coverage(
        names=name_index(net),
        segments=rows,
        segment_ids=a.seg_ids,
        org_ids=a.org_ids,
        revenue=revenue,
        routes=routes,
    )
