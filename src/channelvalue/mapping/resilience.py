"""Resilience: the members whose loss cuts the steward off from a segment.

The *route graph* runs from the steward along `supplies` links to the partners that
serve a segment, and from those partners to a virtual sink for the segment. A member
whose loss cuts the steward off from the segment is a **dominator** of the sink: every
route passes through it. Dominators of a DAG are computed in one pass over the supply
levels: the immediate dominator of a node is the lowest common ancestor, in the dominator
tree built so far, of its predecessors (vectorised pairwise; equivalent to
`networkx.immediate_dominators` on the route graph, without building it).

The revenue at risk of a single point of failure is all the revenue the segment's routes
carry (see `channelvalue.mapping.routes` for the attribution rule).
[`what_if_removed`][channelvalue.mapping.what_if_removed] gives the partial losses of removing any
one organization.

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.mapping import single_points_of_failure
    >>> res = single_points_of_failure(cv.datasets.example(), "public")
    >>> [(p.member, p.revenue_at_risk) for p in res.points]
    [('dist-south', 3100000.0), ('sys-gov', 3100000.0)]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
import numpy as np

from .._html import frame_html
from ..core.arrays import ROLES, arrays
from ..core.cache import CacheKey, cached_by
from ..core.labels import NO_NAMES, name_index
from ..errors import UnknownIdError
from ..model import Role
from ..model._frozen import FrozenMap
from ._core import (
    IntArray,
    check_segment,
    make_frame,
    path_counts,
    runs,
    segment_totals,
    source_index,
    supply_order,
)

if TYPE_CHECKING:
    import pandas as pd

    from ..core.network import ChannelNetwork

__all__ = ["Resilience", "SinglePoint", "single_points_of_failure"]


def _lca(a: IntArray, b: IntArray, idom: IntArray, depth: IntArray) -> IntArray:
    """Pairwise lowest common ancestors in the dominator tree (`idom[root] == root`)."""
    a, b = a.copy(), b.copy()
    while True:
        diff = a != b
        if not diff.any():
            return a
        da, db = depth[a], depth[b]
        up_a, up_b = diff & (da >= db), diff & (db >= da)
        a[up_a] = idom[a[up_a]]
        b[up_b] = idom[b[up_b]]


def group_lca(
    nodes: IntArray, groups: IntArray, idom: IntArray, depth: IntArray
) -> tuple[IntArray, IntArray]:
    """The LCA of the nodes of each group (`groups` sorted); returns (lca, group)."""
    while True:
        cut = runs(groups)
        if len(cut) == len(groups):
            return nodes, groups
        pos = np.arange(len(groups))
        off = pos - np.repeat(cut, np.diff(np.r_[cut, len(groups)]))
        even = off % 2 == 0
        nxt = np.minimum(pos + 1, len(groups) - 1)
        paired = even & (pos + 1 < len(groups)) & (groups[nxt] == groups)
        merged = nodes.copy()
        merged[paired] = _lca(nodes[paired], nodes[nxt[paired]], idom, depth)
        nodes, groups = merged[even], groups[even]


def dominator_tree(net: ChannelNetwork, root: int) -> tuple[IntArray, IntArray]:
    """Immediate dominators (`-1`: not reachable; the root maps to itself) and depths."""

    def build() -> tuple[IntArray, IntArray]:
        so = supply_order(net)
        reach = path_counts(net, root) > 0
        n = len(so.level)
        idom = np.full(n, -1, dtype=np.int64)
        depth = np.full(n, -1, dtype=np.int64)
        idom[root], depth[root] = root, 0
        for lvl in range(int(so.level[root]) + 1, so.depth):
            lo, hi = int(so.bounds[lvl]), int(so.bounds[lvl + 1])
            live = reach[so.src[lo:hi]]
            if not live.any():
                continue
            node, group = group_lca(so.src[lo:hi][live], so.dst[lo:hi][live], idom, depth)
            idom[group] = node
            depth[group] = depth[node] + 1
        return idom, depth

    return cached_by(net, CacheKey(dominator_tree, (root,)), build)


@attrs.frozen
class SinglePoint:
    """A member every route from the steward to a segment passes through.

    Attributes:
        segment: the segment id.
        member: the organization id.
        role: its role.
        depth: its distance from the steward in the dominator tree (1 = nearest).
        routes: the segment's routes (all pass through the member).
        revenue_at_risk: the revenue those routes carry.

    Examples:
        >>> SinglePoint("smb", "dist", role="distributor", depth=1, routes=4,
        ...             revenue_at_risk=9.0).role.value
        'distributor'
    """

    segment: str
    member: str
    role: Role = attrs.field(converter=Role, kw_only=True)
    depth: int = attrs.field(kw_only=True)
    routes: int = attrs.field(kw_only=True)
    revenue_at_risk: float = attrs.field(kw_only=True)


@attrs.frozen(repr=False)
class Resilience:
    """Single points of failure of one or all segments.

    Attributes:
        steward: the steward id.
        segments: the segments analysed, sorted.
        uncovered: those no route reaches at all (nothing left to lose).
        points: every [`SinglePoint`][channelvalue.mapping.SinglePoint], sorted by segment then
            depth.

    Examples:
        >>> import channelvalue as cv
        >>> single_points_of_failure(cv.datasets.example())
        Resilience(segments=5, uncovered=0, exposed=1, points=2, revenue_at_risk=3,100,000)
    """

    steward: str
    segments: tuple[str, ...]
    uncovered: tuple[str, ...]
    points: tuple[SinglePoint, ...]
    names: FrozenMap[str, str] = attrs.field(default=NO_NAMES, kw_only=True, eq=False, repr=False)

    def __repr__(self) -> str:
        exposed = sorted({p.segment for p in self.points})
        risk = sum(self.for_segment(s)[0].revenue_at_risk for s in exposed)
        return (
            f"Resilience(segments={len(self.segments)}, uncovered={len(self.uncovered)}, "
            f"exposed={len(exposed)}, points={len(self.points)}, revenue_at_risk={risk:,.0f})"
        )

    @property
    def members(self) -> tuple[str, ...]:
        """Every member that is a single point of failure of some segment, sorted.

        Examples:
            >>> import channelvalue as cv
            >>> single_points_of_failure(cv.datasets.example()).members
            ('dist-south', 'sys-gov')
        """
        return tuple(sorted({p.member for p in self.points}))

    def for_segment(self, segment: str) -> tuple[SinglePoint, ...]:
        """The single points of failure of one segment, nearest the steward first.

        Examples:
            >>> import channelvalue as cv
            >>> single_points_of_failure(cv.datasets.example()).for_segment("smb")
            ()
        """
        if segment not in self.segments:
            raise UnknownIdError(segment, kind="segment", where="Resilience.for_segment")
        return tuple(p for p in self.points if p.segment == segment)

    def revenue_at_risk(self, member: str) -> float:
        """The revenue of every segment that `member` alone can cut off.

        Examples:
            >>> import channelvalue as cv
            >>> single_points_of_failure(cv.datasets.example()).revenue_at_risk("sys-gov")
            3100000.0
        """
        return float(sum(p.revenue_at_risk for p in self.points if p.member == member))

    def _repr_html_(self) -> str:
        """Its `repr` and the first rows of `to_frame()`, escaped (bounded in size)."""
        return frame_html(self)

    def to_frame(self) -> pd.DataFrame:
        """One row per (segment, single point of failure).

        Examples:
            >>> import channelvalue as cv
            >>> single_points_of_failure(cv.datasets.example()).to_frame()["member"].tolist()
            ['dist-south', 'sys-gov']
        """
        names = [f.name for f in attrs.fields(SinglePoint)]
        cols = {n: [getattr(p, n) for p in self.points] for n in names}
        cols["role"] = [r.value for r in cols["role"]]
        return make_frame("Resilience.to_frame()", cols, self.names)


def single_points_of_failure(net: ChannelNetwork, segment: str | None = None) -> Resilience:
    """Members whose loss alone cuts the steward off from a segment (or from any segment).

    Args:
        net: the network.
        segment: one segment id, or `None` for every segment.

    Raises:
        UnknownIdError: unknown segment (or no steward).
        CycleError: the supply links form a cycle.

    Examples:
        >>> import channelvalue as cv
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add_all([cv.Organization("v", role="vendor"),
        ...              cv.Organization("d", role="distributor"),
        ...              cv.Organization("r1", role="reseller", revenue=5.0),
        ...              cv.Organization("r2", role="reseller", revenue=7.0),
        ...              cv.Segment("smb"), cv.Supplies("v", "d"), cv.Supplies("d", "r1"),
        ...              cv.Supplies("d", "r2"), cv.Serves("r1", "smb"), cv.Serves("r2", "smb")])
        >>> [(p.member, p.revenue_at_risk) for p in single_points_of_failure(net).points]
        [('d', 12.0)]
    """
    only = None if segment is None else check_segment(net, segment, "single_points_of_failure")
    root = source_index(net, None, "single_points_of_failure")
    a = arrays(net)
    idom, depth = dominator_tree(net, root)
    tot = segment_totals(net, path_counts(net, root))
    ls = a.links["serves"]
    on = tot.reached if only is None else tot.reached & (ls.dst == only)
    order = np.lexsort((ls.src[on], ls.dst[on]))
    lca, segs = group_lca(ls.src[on][order], ls.dst[on][order], idom, depth)
    points: list[SinglePoint] = []
    for x, s in zip(lca.tolist(), segs.tolist(), strict=True):
        chain: list[int] = []
        while x != root:
            chain.append(x)
            x = int(idom[x])
        points.extend(
            SinglePoint(
                a.seg_ids[s],
                a.org_ids[m],
                role=ROLES[int(a.role[m])],
                depth=int(depth[m]),
                routes=tot.routes[s],
                revenue_at_risk=float(tot.revenue[s]),
            )
            for m in reversed(chain)
        )
    chosen = a.seg_ids if only is None else (a.seg_ids[only],)
    return Resilience(
        names=name_index(net),
        steward=a.org_ids[root],
        segments=tuple(chosen),
        uncovered=tuple(s for s in chosen if tot.routes[a.seg_index[s]] == 0),
        points=tuple(points),
    )
