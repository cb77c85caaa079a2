"""Routes to market: the supply paths from the steward to the partners that serve a segment.

A *route* to segment `s` is a path `source -> ... -> v` along `supplies` links that
ends at an organization `v` with a `serves` link to `s`. The source serving the
segment itself is a route of one member. Routes are counted by dynamic programming over
the topological levels of the supply DAG (one sparse pass, never by enumerating paths)
and listed lazily, in lexicographic order of member ids, only when asked.

**Revenue attribution.** The revenue a serving partner `v` makes in segment `s` is
`Serves.revenue` when the link gives it, otherwise `v`'s revenue split evenly over the
segments it serves. That revenue is split evenly over the routes that reach `v`, so the
routes of a segment carry, together, the revenue of its reachable serving partners.

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.mapping import routes
    >>> rs = routes(cv.datasets.example(), "public")
    >>> rs.count, rs.partners
    (1, ('sys-gov',))
    >>> [r.pattern for r in rs.list()]
    ['vendor>distributor>system_integrator']
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from .._html import frame_html
from ..core.arrays import ROLES, arrays
from ..core.labels import NO_NAMES, name_index
from ..errors import ValidationError
from ..model._frozen import FrozenMap
from ._core import (
    BoolArray,
    FloatArray,
    IntArray,
    check_segment,
    make_frame,
    path_counts,
    reaches,
    role_pattern,
    serving_revenue,
    source_index,
    supply_order,
)

if TYPE_CHECKING:
    import pandas as pd

    from ..core.network import ChannelNetwork

__all__ = ["Route", "RouteSet", "routes"]


@attrs.frozen
class Route:
    """One concrete route to market.

    Attributes:
        segment: the segment id the route reaches.
        members: organization ids from the source down to the serving partner.
        pattern: the roles of the members joined by `>`, e.g.
            `'vendor>distributor>reseller'`.
        revenue: the revenue the route carries (see the module's attribution rule).

    Examples:
        >>> r = Route("smb", members=("acme", "dist", "r1"),
        ...           pattern="vendor>distributor>reseller", revenue=1.5e5)
        >>> r.partner, len(r)
        ('r1', 3)
    """

    segment: str
    members: tuple[str, ...] = attrs.field(kw_only=True)
    pattern: str = attrs.field(kw_only=True)
    revenue: float = attrs.field(kw_only=True)

    @property
    def partner(self) -> str:
        """The serving partner (the last member).

        Examples:
            >>> Route("smb", members=("v", "r"), pattern="vendor>reseller", revenue=1.0).partner
            'r'
        """
        return self.members[-1]

    def __len__(self) -> int:
        return len(self.members)


@attrs.frozen(repr=False)
class RouteSet:
    """All routes from a source to one segment: counted exactly, listed on demand.

    Attributes:
        segment: the segment id.
        source: the organization the routes start at (the steward by default).
        count: the number of distinct routes (an exact int).
        revenue: the revenue all routes carry together.
        partners: the serving partners that some route reaches, sorted.

    Examples:
        >>> import channelvalue as cv
        >>> rs = routes(cv.datasets.example(), "enterprise")
        >>> rs
        RouteSet(segment='enterprise', source='acme', count=10, partners=7, revenue=27,591,000)
        >>> next(rs.list()).members
        ('acme', 'acme-direct')
    """

    segment: str
    source: str
    count: int
    revenue: float
    partners: tuple[str, ...]
    _org_ids: tuple[str, ...] = attrs.field(alias="org_ids", eq=False)
    _role: IntArray = attrs.field(alias="role", eq=False)
    _indptr: IntArray = attrs.field(alias="indptr", eq=False)
    _children: IntArray = attrs.field(alias="children", eq=False)
    _keep: BoolArray = attrs.field(alias="keep", eq=False)
    _serve_rev: FloatArray = attrs.field(alias="serve_rev", eq=False)
    _paths: np.ndarray[Any, Any] = attrs.field(alias="paths", eq=False)
    _start: int = attrs.field(alias="start", eq=False)
    _reached: IntArray = attrs.field(alias="reached", eq=False)
    names: FrozenMap[str, str] = attrs.field(default=NO_NAMES, kw_only=True, eq=False, repr=False)

    def __repr__(self) -> str:
        return (
            f"RouteSet(segment={self.segment!r}, source={self.source!r}, count={self.count}, "
            f"partners={len(self.partners)}, revenue={self.revenue:,.0f})"
        )

    def list(self, limit: int | None = None) -> Iterator[Route]:
        """Yield the routes lazily, in lexicographic order of their member ids.

        Args:
            limit: stop after this many routes (`None`: all of them).

        Examples:
            >>> import channelvalue as cv
            >>> rs = routes(cv.datasets.example(), "smb")
            >>> [r.partner for r in rs.list(limit=2)]
            ['age-51', 'age-54']
        """
        if limit is not None and (
            isinstance(limit, bool) or not isinstance(limit, int) or limit < 0
        ):
            raise ValidationError("RouteSet.list", "limit", limit, "an integer >= 0 or None")
        return itertools.islice(self._walk(), limit)

    def _route(self, path: Sequence[int]) -> Route:
        end = path[-1]
        return Route(
            self.segment,
            members=tuple(self._org_ids[i] for i in path),
            pattern=role_pattern(self._role[path]),
            revenue=float(self._serve_rev[end]) / float(self._paths[end]),
        )

    def _kids(self, node: int) -> Iterator[int]:
        kids = self._children[self._indptr[node] : self._indptr[node + 1]]
        return iter(kids[self._keep[kids]].tolist())

    def _walk(self) -> Iterator[Route]:
        start = self._start
        if not self._keep[start]:
            return
        path = [start]
        stack = [self._kids(start)]
        if not np.isnan(self._serve_rev[start]):
            yield self._route(path)
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                stack.pop()
                path.pop()
                continue
            path.append(nxt)
            if not np.isnan(self._serve_rev[nxt]):
                yield self._route(path)
            stack.append(self._kids(nxt))

    def _repr_html_(self) -> str:
        """Its `repr` and the first rows of `to_frame()`, escaped (bounded in size)."""
        return frame_html(self)

    def to_frame(self) -> pd.DataFrame:
        """One row per reachable serving partner: routes into it and the revenue they carry.

        Examples:
            >>> import channelvalue as cv
            >>> routes(cv.datasets.example(), "public").to_frame()
               partner           partner_name               role  routes    revenue
            0  sys-gov  GovSecure Integration  system_integrator       1  3100000.0
        """
        idx = self._reached.tolist()
        return make_frame(
            "RouteSet.to_frame()",
            {
                "partner": list(self.partners),
                "role": [ROLES[int(self._role[i])].value for i in idx],
                "routes": [int(self._paths[i]) for i in idx],
                "revenue": [float(self._serve_rev[i]) for i in idx],
            },
            self.names,
        )


def routes(net: ChannelNetwork, segment: str, *, source: str | None = None) -> RouteSet:
    """The routes to market from the steward (or `source`) to `segment`.

    Args:
        net: the network.
        segment: the segment id.
        source: the organization the routes start at (default: the steward).

    Raises:
        UnknownIdError: unknown segment or source id (or no steward).
        CycleError: the supply links form a cycle; the message names it.

    Examples:
        >>> import channelvalue as cv
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add_all([cv.Organization("v", role="vendor"),
        ...              cv.Organization("d", role="distributor"),
        ...              cv.Organization("r", role="reseller", revenue=90.0),
        ...              cv.Segment("smb"), cv.Supplies("v", "d"), cv.Supplies("d", "r"),
        ...              cv.Supplies("v", "r"), cv.Serves("r", "smb")])
        >>> rs = routes(net, "smb")   # v>d>r and v>r
        >>> rs.count, [(r.pattern, r.revenue) for r in rs.list()]
        (2, [('vendor>distributor>reseller', 45.0), ('vendor>reseller', 45.0)])
    """
    si = check_segment(net, segment, "routes.segment")
    src = source_index(net, source, "routes.source")
    a = arrays(net)
    supply_order(net)
    paths = path_counts(net, src)
    ls = a.links["serves"]
    on_seg = ls.dst == si
    servers = ls.src[on_seg]
    serve_rev = np.full(a.n_orgs, np.nan)
    serve_rev[servers] = serving_revenue(net)[on_seg]
    reached = servers[paths[servers] > 0]
    target = np.zeros(a.n_orgs, dtype=np.bool_)
    target[reached] = True
    keep = (paths > 0) & reaches(net, target)
    la = a.links["supplies"]
    return RouteSet(
        names=name_index(net),
        segment=segment,
        source=a.org_ids[src],
        count=int(sum(paths[reached].tolist())),
        revenue=float(serve_rev[reached].sum()),
        partners=tuple(a.org_ids[i] for i in reached.tolist()),
        org_ids=a.org_ids,
        role=a.role,
        indptr=supply_order(net).indptr,
        children=la.dst,
        keep=keep,
        serve_rev=serve_rev,
        paths=paths,
        start=src,
        reached=reached,
    )
