"""Route-pattern states: routes grouped by (organization, role pattern), by levels (private).

A *state* is one organization together with one role pattern of the supply paths that
reach it from the source (`vendor>distributor>reseller`). The dynamic programme walks
the supply DAG level by level and, for every state, keeps

* `count` — how many supply paths from the source have that pattern (exact), and
* `best` — per service output, the best level any member of those paths delivers
  (the element-wise maximum over the paths of the group).

Paths are never enumerated: the work is linear in the number of states times the number of
supply links, and a channel has a handful of patterns per organization.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from ..core.arrays import ROLES, arrays
from ..core.cache import cached
from ._core import (
    FloatArray,
    IntArray,
    exact_sums,
    path_counts,
    ranges,
    reduce_runs,
    serving_revenue,
    supply_order,
)
from ._levels import capability_matrix

if TYPE_CHECKING:
    from ..core.network import ChannelNetwork

__all__ = ["PatternStates", "ServingRows", "pattern_states", "serving_rows"]


class _Grow:
    """A growable array (capacity doubles), for amortised O(1) appends of chunks."""

    def __init__(self, proto: np.ndarray[Any, Any]) -> None:
        self.data: np.ndarray[Any, Any] = np.empty(
            (max(16, len(proto)), *proto.shape[1:]), dtype=proto.dtype
        )
        self.size = 0
        self.extend(proto)

    def extend(self, chunk: np.ndarray[Any, Any]) -> None:
        need = self.size + len(chunk)
        if need > len(self.data):
            bigger = np.empty(
                (max(need, 2 * len(self.data)), *self.data.shape[1:]), dtype=self.data.dtype
            )
            bigger[: self.size] = self.data[: self.size]
            self.data = bigger
        self.data[self.size : need] = chunk
        self.size = need

    def view(self) -> np.ndarray[Any, Any]:
        return self.data[: self.size]


@attrs.frozen(eq=False)
class PatternStates:
    """All (organization, pattern) states reachable from one source, sorted by both.

    Attributes:
        node, pattern, count, best: one entry per state (`best` is `states x outputs`).
        first, nstates: per organization, where its states start and how many there are.
        names: the pattern strings, by pattern id.
    """

    node: IntArray
    pattern: IntArray
    count: np.ndarray[Any, Any]
    best: FloatArray
    first: IntArray
    nstates: IntArray
    names: tuple[str, ...]


def _build(net: ChannelNetwork, source: int) -> PatternStates:
    a = arrays(net)
    so = supply_order(net)
    caps = capability_matrix(net)
    dtype = path_counts(net, source).dtype
    n = a.n_orgs
    role = a.role
    n_roles = len(ROLES)
    names: list[str] = [ROLES[int(role[source])].value]
    child: dict[int, int] = {}

    def child_id(code: int) -> int:
        got = child.get(code)
        if got is None:
            parent, r = divmod(code, n_roles)
            got = child[code] = len(names)
            names.append(f"{names[parent]}>{ROLES[r].value}")
        return got

    node = _Grow(np.array([source], dtype=np.int64))
    pat = _Grow(np.array([0], dtype=np.int64))
    cnt = _Grow(np.array([1], dtype=dtype))
    best = _Grow(caps[[source]])
    first = np.full(n, -1, dtype=np.int64)
    nst = np.zeros(n, dtype=np.int64)
    first[source], nst[source] = 0, 1
    for lvl in range(int(so.level[source]) + 1, so.depth):
        lo, hi = int(so.bounds[lvl]), int(so.bounds[lvl + 1])
        src, dst = so.src[lo:hi], so.dst[lo:hi]
        k = nst[src]
        live = k > 0
        if not live.any():
            continue
        src, dst, k = src[live], dst[live], k[live]
        sidx = ranges(first[src], first[src] + k)
        ndst = np.repeat(dst, k)
        code = pat.view()[sidx] * n_roles + role[ndst]
        ucode, inv = np.unique(code, return_inverse=True)
        npat = np.fromiter((child_id(int(c)) for c in ucode), dtype=np.int64, count=len(ucode))
        npat = npat[inv]
        order = np.lexsort((npat, ndst))
        ndst, npat, sidx = ndst[order], npat[order], sidx[order]
        cut = np.flatnonzero(np.r_[True, (ndst[1:] != ndst[:-1]) | (npat[1:] != npat[:-1])])
        g_node, g_pat = ndst[cut], npat[cut]
        g_cnt = reduce_runs(np.add, cnt.view()[sidx], cut)
        g_best = np.maximum(reduce_runs(np.maximum, best.view()[sidx], cut), caps[g_node])
        node_cut = np.flatnonzero(np.r_[True, g_node[1:] != g_node[:-1]])
        owners = g_node[node_cut]
        first[owners] = node.size + node_cut
        nst[owners] = np.diff(np.r_[node_cut, len(g_node)])
        node.extend(g_node)
        pat.extend(g_pat)
        cnt.extend(g_cnt)
        best.extend(g_best)
    return PatternStates(
        node=node.view().copy(),
        pattern=pat.view().copy(),
        count=cnt.view().copy(),
        best=best.view().copy(),
        first=first,
        nstates=nst,
        names=tuple(names),
    )


def pattern_states(net: ChannelNetwork, source: int) -> PatternStates:
    """The cached `PatternStates` of the routes from organization index `source`."""
    return cached(net, _build, source)


@attrs.frozen(eq=False)
class ServingRows:
    """Every (serves link, pattern state of its partner): routes that end in a segment.

    Attributes:
        segment, org, pattern: segment index, serving organization index, pattern id.
        count: routes (exact ints, in a dtype where their sums are exact too).
        best: `rows x outputs` best level along the routes.
        revenue: revenue the routes carry (the link's revenue times the row's share of the
            partner's routes).
        names: pattern strings by id.
    """

    segment: IntArray
    org: IntArray
    pattern: IntArray
    count: np.ndarray[Any, Any]
    best: FloatArray
    revenue: FloatArray
    names: tuple[str, ...]


def _serving(net: ChannelNetwork, source: int) -> ServingRows:
    a = arrays(net)
    ls = a.links["serves"]
    st = pattern_states(net, source)
    paths = path_counts(net, source)
    rev = serving_revenue(net)
    k = st.nstates[ls.src]
    link = np.repeat(np.arange(len(ls), dtype=np.int64), k)
    sidx = ranges(st.first[ls.src], st.first[ls.src] + k)
    org = ls.src[link]
    count = exact_sums(st.count[sidx])
    frac = count.astype(np.float64) / paths[org].astype(np.float64)
    # sorted by (segment, pattern, org) for grouping
    seg = ls.dst[link]
    pat = st.pattern[sidx]
    order = np.lexsort((org, pat, seg))
    return ServingRows(
        segment=seg[order],
        org=org[order],
        pattern=pat[order],
        count=count[order],
        best=st.best[sidx][order],
        revenue=(rev[link] * frac)[order],
        names=st.names,
    )


def serving_rows(net: ChannelNetwork, source: int) -> ServingRows:
    """The cached `ServingRows` from organization index `source`."""
    return cached(net, _serving, source)
