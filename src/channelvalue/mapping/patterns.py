"""The channel map: every segment's routes aggregated by role pattern.

A network of 100,000 partners has hundreds of thousands of routes but only a handful of
*patterns* (`vendor>distributor>reseller`, `vendor>system_integrator`, ...). The
patterns, with the routes, revenue and partners behind each, are the readable map of the
channel. Revenue is attributed as in `channelvalue.mapping.routes`.

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.mapping import route_patterns
    >>> rp = route_patterns(cv.datasets.example())
    >>> for row in rp.for_segment("enterprise"):
    ...     print(row.pattern, row.routes)
    vendor>agent 1
    vendor>distributor>system_integrator 6
    vendor>system_integrator 3
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
import numpy as np

from .._html import frame_html
from ..core.arrays import arrays
from ..core.labels import NO_NAMES, name_index
from ..model._frozen import FrozenMap
from ._core import make_frame, runs, source_index, supply_order
from ._patterns import MAX_PATTERNS, OTHER_PATTERN, check_max_patterns, serving_rows

if TYPE_CHECKING:
    import pandas as pd

    from ..core.network import ChannelNetwork

__all__ = ["PatternRow", "RoutePatterns", "route_patterns"]


@attrs.frozen
class PatternRow:
    """The routes of one role pattern into one segment (`'*'`: all segments).

    Attributes:
        segment: the segment id, or `'*'` in
            [`RoutePatterns.overall`][channelvalue.mapping.RoutePatterns.overall].
        pattern: the role pattern, e.g. `'vendor>distributor>reseller'`.
        routes: the number of routes with this pattern (exact).
        revenue: the revenue those routes carry.
        partners: the number of distinct serving partners at the end of those routes.

    Examples:
        >>> PatternRow("smb", pattern="vendor>reseller", routes=3, revenue=9.0, partners=3)
        PatternRow(segment='smb', pattern='vendor>reseller', routes=3, revenue=9.0, partners=3)
    """

    segment: str
    pattern: str = attrs.field(kw_only=True)
    routes: int = attrs.field(kw_only=True)
    revenue: float = attrs.field(kw_only=True)
    partners: int = attrs.field(kw_only=True)


@attrs.frozen(repr=False)
class RoutePatterns:
    """Routes of every segment grouped by role pattern: the channel map.

    Attributes:
        source: the organization the routes start at (the steward).
        rows: one [`PatternRow`][channelvalue.mapping.PatternRow] per (segment, pattern), sorted by
            both.
        uncovered: segments that no route reaches, sorted.
        capped: some organization had more than `max_patterns` patterns: the routes of
            the rarest ones are counted (exactly) under the pattern
            `'(other patterns)'` (see `other_routes`).

    Examples:
        >>> import channelvalue as cv
        >>> rp = route_patterns(cv.datasets.example())
        >>> rp
        RoutePatterns(source='acme', segments=5, patterns=9, routes=95, uncovered=0)
        >>> rp.overall()[0]
        PatternRow(segment='*', pattern='vendor>agent', routes=1, revenue=22000000.0, partners=1)
    """

    source: str
    rows: tuple[PatternRow, ...]
    uncovered: tuple[str, ...]
    _overall: tuple[PatternRow, ...] = attrs.field(alias="overall", eq=False)
    capped: bool = attrs.field(default=False, kw_only=True)
    names: FrozenMap[str, str] = attrs.field(default=NO_NAMES, kw_only=True, eq=False, repr=False)

    def __repr__(self) -> str:
        segs = len({r.segment for r in self.rows})
        routes = sum(r.routes for r in self.rows)
        other = f", other_routes={self.other_routes}" if self.capped else ""
        return (
            f"RoutePatterns(source={self.source!r}, segments={segs}, "
            f"patterns={len(self._overall)}, routes={routes}, uncovered={len(self.uncovered)}"
            f"{other})"
        )

    @property
    def other_routes(self) -> int:
        """The routes counted under `'(other patterns)'` (0 unless
        [`capped`][channelvalue.aligning.findings.capped]).

        Examples:
            >>> import channelvalue as cv
            >>> route_patterns(cv.datasets.example()).other_routes
            0
        """
        return sum(r.routes for r in self.rows if r.pattern == OTHER_PATTERN)

    @property
    def patterns(self) -> tuple[str, ...]:
        """Every pattern that occurs, sorted.

        Examples:
            >>> import channelvalue as cv
            >>> route_patterns(cv.datasets.example()).patterns[:2]
            ('vendor>agent', 'vendor>distributor>agent')
        """
        return tuple(r.pattern for r in self._overall)

    def for_segment(self, segment: str) -> tuple[PatternRow, ...]:
        """The rows of one segment (empty when no route reaches it).

        Examples:
            >>> import channelvalue as cv
            >>> [r.pattern for r in route_patterns(cv.datasets.example()).for_segment("public")]
            ['vendor>distributor>system_integrator']
        """
        return tuple(r for r in self.rows if r.segment == segment)

    def overall(self) -> tuple[PatternRow, ...]:
        """One row per pattern over all segments (`segment='*'`), sorted by pattern.

        `partners` counts distinct partners; a partner serving two segments through the
        same pattern counts once, its routes once per segment.

        Examples:
            >>> import channelvalue as cv
            >>> len(route_patterns(cv.datasets.example()).overall())
            9
        """
        return self._overall

    def _repr_html_(self) -> str:
        """Its `repr` and the first rows of `to_frame()`, escaped (bounded in size)."""
        return frame_html(self)

    def to_frame(self, *, overall: bool = False) -> pd.DataFrame:
        """The rows as a table (`overall=True`: the per-pattern totals).

        Examples:
            >>> import channelvalue as cv
            >>> route_patterns(cv.datasets.example()).to_frame().columns.tolist()
            ['segment', 'segment_name', 'pattern', 'routes', 'revenue', 'partners']
        """
        rows = self._overall if overall else self.rows
        return make_frame(
            "RoutePatterns.to_frame()",
            {
                "segment": [r.segment for r in rows],
                "pattern": [r.pattern for r in rows],
                "routes": [r.routes for r in rows],
                "revenue": [r.revenue for r in rows],
                "partners": [r.partners for r in rows],
            },
            self.names,
        )


def route_patterns(net: ChannelNetwork, *, max_patterns: int = MAX_PATTERNS) -> RoutePatterns:
    """Aggregate the routes from the steward to every segment by role pattern.

    One dynamic programme over the supply levels keeps, per organization, the number of
    routes of each pattern that reach it — never enumerating paths. At most
    `max_patterns` patterns are kept per organization (a real channel has a handful;
    crafted layers of two roles have `2**layers`): past that, the rarest are merged
    into the pattern `'(other patterns)'` with exact route counts, and the result says
    `capped`. Time and memory: `O(E x P)` for `E` supply and
    serving links and `P = max_patterns` (up to a log factor), plus the length of the
    pattern strings returned.

    Args:
        net: the network.
        max_patterns: the bound on patterns per organization (an integer >= 2).

    Raises:
        UnknownIdError: the network has no steward.
        ValidationError: `max_patterns` is not an integer >= 2.
        CycleError: the supply links form a cycle.

    Examples:
        >>> import channelvalue as cv
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add_all([cv.Organization("v", role="vendor"),
        ...              cv.Organization("d", role="distributor"),
        ...              cv.Organization("r", role="reseller", revenue=90.0),
        ...              cv.Segment("smb"), cv.Supplies("v", "d"), cv.Supplies("d", "r"),
        ...              cv.Supplies("v", "r"), cv.Serves("r", "smb")])
        >>> [(r.pattern, r.routes, r.revenue) for r in route_patterns(net).rows]
        [('vendor>distributor>reseller', 1, 45.0), ('vendor>reseller', 1, 45.0)]
    """
    bound = check_max_patterns(max_patterns, "route_patterns")
    src = source_index(net, None, "route_patterns")
    supply_order(net)
    a = arrays(net)
    sr = serving_rows(net, src, bound)
    cut = runs(sr.segment, sr.pattern)
    routes = np.add.reduceat(sr.count, cut) if len(cut) else sr.count[:0]
    revenue = np.add.reduceat(sr.revenue, cut) if len(cut) else sr.revenue[:0]
    sizes = np.diff(np.r_[cut, len(sr.segment)])
    rows = tuple(
        PatternRow(
            a.seg_ids[int(s)],
            pattern=sr.names[int(p)],
            routes=int(n),
            revenue=float(r),
            partners=int(k),
        )
        for s, p, n, r, k in zip(
            sr.segment[cut], sr.pattern[cut], routes, revenue, sizes, strict=True
        )
    )
    # overall: by pattern name (sorted), partners distinct over segments
    order = np.lexsort((sr.org, sr.pattern))
    pat, org = sr.pattern[order], sr.org[order]
    pcut = runs(pat)
    ocut = runs(pat, org)
    distinct = np.diff(np.r_[np.searchsorted(ocut, pcut), len(ocut)])
    tot_routes = np.add.reduceat(sr.count[order], pcut) if len(pcut) else sr.count[:0]
    tot_rev = np.add.reduceat(sr.revenue[order], pcut) if len(pcut) else sr.revenue[:0]
    overall = sorted(
        (
            PatternRow(
                "*", pattern=sr.names[int(p)], routes=int(n), revenue=float(r), partners=int(k)
            )
            for p, n, r, k in zip(pat[pcut], tot_routes, tot_rev, distinct, strict=True)
        ),
        key=lambda row: row.pattern,
    )
    rows = tuple(sorted(rows, key=lambda row: (row.segment, row.pattern)))
    covered = {r.segment for r in rows}
    return RoutePatterns(
        names=name_index(net),
        source=a.org_ids[src],
        rows=rows,
        uncovered=tuple(s for s in a.seg_ids if s not in covered),
        overall=tuple(overall),
        capped=sr.capped,
    )
