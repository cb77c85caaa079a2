"""What if one organization left the channel: the coverage and revenue that would be lost.

The network is not changed: route counts are recomputed with the organization masked out
(one pass over the supply levels). Revenue is attributed as in
`channelvalue.mapping.routes`; the organization's own serving revenue is lost with it.

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.mapping import what_if_removed
    >>> impact = what_if_removed(cv.datasets.example(), "dist-south")
    >>> impact.cut_off, len(impact.stranded)
    (('public',), 18)
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import attrs
import numpy as np

from .._html import frame_html
from ..core.arrays import arrays
from ..core.labels import NO_NAMES, name_index
from ..errors import ValidationError
from ..model._frozen import FrozenMap
from ._core import (
    check_org,
    make_frame,
    path_counts,
    segment_totals,
    serving_revenue,
    source_index,
)

if TYPE_CHECKING:
    import pandas as pd

    from ..core.network import ChannelNetwork

__all__ = ["RemovalImpact", "SegmentImpact", "what_if_removed"]


@attrs.frozen
class SegmentImpact:
    """One segment's coverage before and after a removal.

    Attributes:
        segment: the segment id.
        routes_before, routes_after: routes from the steward before and after.
        partners_before, partners_after: routed serving partners before and after.
        revenue_before, revenue_after: the revenue they make in the segment.
        revenue_lost: the revenue of the partners that lose every route (summed directly,
            not as a difference, so it is exact to rounding even for large totals).

    Examples:
        >>> s = SegmentImpact("smb", routes_before=3, routes_after=1, partners_before=3,
        ...                   partners_after=1, revenue_before=9.0, revenue_after=2.0,
        ...                   revenue_lost=7.0)
        >>> s.cut_off
        False
    """

    segment: str
    routes_before: int = attrs.field(kw_only=True)
    routes_after: int = attrs.field(kw_only=True)
    partners_before: int = attrs.field(kw_only=True)
    partners_after: int = attrs.field(kw_only=True)
    revenue_before: float = attrs.field(kw_only=True)
    revenue_after: float = attrs.field(kw_only=True)
    revenue_lost: float = attrs.field(kw_only=True)

    @property
    def cut_off(self) -> bool:
        """True when the segment had routes and has none left.

        Examples:
            >>> SegmentImpact("s", routes_before=2, routes_after=0, partners_before=1,
            ...               partners_after=0, revenue_before=5.0, revenue_after=0.0,
            ...               revenue_lost=5.0).cut_off
            True
        """
        return self.routes_before > 0 and self.routes_after == 0


@attrs.frozen(repr=False)
class RemovalImpact:
    """The coverage and revenue lost if one organization were removed.

    Attributes:
        org: the organization removed.
        segments: one [`SegmentImpact`][channelvalue.mapping.SegmentImpact] per segment, sorted by
            id.
        stranded: other organizations that would lose every route from the steward.

    Examples:
        >>> import channelvalue as cv
        >>> what_if_removed(cv.datasets.example(), "res-12")
        RemovalImpact('res-12', revenue_lost=6,903,000, routes_lost=1, cut_off=(), stranded=0)
    """

    org: str
    segments: tuple[SegmentImpact, ...]
    stranded: tuple[str, ...]
    names: FrozenMap[str, str] = attrs.field(default=NO_NAMES, kw_only=True, eq=False, repr=False)

    def __repr__(self) -> str:
        return (
            f"RemovalImpact({self.org!r}, revenue_lost={self.revenue_lost:,.0f}, "
            f"routes_lost={self.routes_lost}, cut_off={self.cut_off!r}, "
            f"stranded={len(self.stranded)})"
        )

    @property
    def cut_off(self) -> tuple[str, ...]:
        """Segments that would lose every route.

        Examples:
            >>> import channelvalue as cv
            >>> what_if_removed(cv.datasets.example(), "sys-gov").cut_off
            ('public',)
        """
        return tuple(s.segment for s in self.segments if s.cut_off)

    @property
    def revenue_lost(self) -> float:
        """Revenue lost over all segments.

        Examples:
            >>> import channelvalue as cv
            >>> what_if_removed(cv.datasets.example(), "sys-gov").revenue_lost
            3100000.0
        """
        return math.fsum(s.revenue_lost for s in self.segments)

    @property
    def routes_lost(self) -> int:
        """Routes lost over all segments.

        Examples:
            >>> import channelvalue as cv
            >>> what_if_removed(cv.datasets.example(), "dist-north").routes_lost
            51
        """
        return sum(s.routes_before - s.routes_after for s in self.segments)

    def _repr_html_(self) -> str:
        """Its `repr` and the first rows of `to_frame()`, escaped (bounded in size)."""
        return frame_html(self)

    def to_frame(self) -> pd.DataFrame:
        """One row per segment.

        Examples:
            >>> import channelvalue as cv
            >>> df = what_if_removed(cv.datasets.example(), "dist-south").to_frame()
            >>> df.loc[df.segment == "public", "revenue_lost"].tolist()
            [3100000.0]
        """
        names = [f.name for f in attrs.fields(SegmentImpact)]
        cols = {n: [getattr(s, n) for s in self.segments] for n in names}
        cols["cut_off"] = [s.cut_off for s in self.segments]
        return make_frame("RemovalImpact.to_frame()", cols, self.names)


def what_if_removed(net: ChannelNetwork, org_id: str) -> RemovalImpact:
    """The coverage and revenue that would be lost if `org_id` left the channel.

    Raises:
        UnknownIdError: unknown organization (or no steward).
        ValidationError: `org_id` is the steward (every route starts there).
        CycleError: the supply links form a cycle.

    Examples:
        >>> import channelvalue as cv
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add_all([cv.Organization("v", role="vendor"),
        ...              cv.Organization("d", role="distributor"),
        ...              cv.Organization("r1", role="reseller", revenue=5.0),
        ...              cv.Organization("r2", role="reseller", revenue=7.0),
        ...              cv.Segment("smb"), cv.Supplies("v", "d"), cv.Supplies("d", "r1"),
        ...              cv.Supplies("v", "r2"), cv.Serves("r1", "smb"), cv.Serves("r2", "smb")])
        >>> impact = what_if_removed(net, "d")      # r1's 5.0 goes, r2's 7.0 stays
        >>> impact.revenue_lost, impact.stranded, impact.cut_off
        (5.0, ('r1',), ())
    """
    gone = check_org(net, org_id, "what_if_removed.org_id")
    root = source_index(net, None, "what_if_removed")
    if gone == root:
        raise ValidationError(
            "what_if_removed", "org_id", org_id, "an organization other than the steward"
        )
    a = arrays(net)
    before = path_counts(net, root)
    alive = np.ones(a.n_orgs, dtype=np.bool_)
    alive[gone] = False
    after = path_counts(net, root, alive)
    tb, ta = segment_totals(net, before), segment_totals(net, after)
    ls = a.links["serves"]
    gone_links = tb.reached & ~ta.reached
    lost = np.bincount(
        ls.dst[gone_links], weights=serving_revenue(net)[gone_links], minlength=a.n_segs
    )
    stranded = (before > 0) & (after == 0) & alive
    return RemovalImpact(
        names=name_index(net),
        org=org_id,
        segments=tuple(
            SegmentImpact(
                sid,
                routes_before=tb.routes[i],
                routes_after=ta.routes[i],
                partners_before=int(tb.partners[i]),
                partners_after=int(ta.partners[i]),
                revenue_before=float(tb.revenue[i]),
                revenue_after=float(ta.revenue[i]),
                revenue_lost=float(lost[i]),
            )
            for i, sid in enumerate(a.seg_ids)
        ),
        stranded=tuple(a.org_ids[i] for i in np.flatnonzero(stranded).tolist()),
    )
