"""Route-pattern states: routes grouped by (organization, role pattern), by levels (private).

A *state* is one organization together with one role pattern of the supply paths that
reach it from the source (`vendor>distributor>reseller`). The dynamic programme walks
the supply DAG level by level and, for every state, keeps

* `count` — how many supply paths from the source have that pattern (exact), and
* `best` — per service output, the best level any member of those paths delivers
  (the element-wise maximum over the paths of the group).

Paths are never enumerated: the work is linear in the number of states times the number of
supply links, and a channel has a handful of patterns per organization. Adversarial
networks can have exponentially many patterns (layers of two roles, fully connected), so
the states per organization are bounded ([`MAX_PATTERNS`][channelvalue.plotting.MAX_PATTERNS]; the
overflow is merged into one `OTHER_PATTERN` state with exact counts), and patterns are interned as
integer ids (parent pattern, role) so a long chain never keeps a string per prefix.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

import attrs
import numpy as np

from ..core.arrays import ROLES, arrays
from ..core.cache import cached
from ..errors import ValidationError
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

__all__ = [
    "MAX_PATTERNS",
    "OTHER_PATTERN",
    "PatternStates",
    "ServingRows",
    "check_max_patterns",
    "pattern_states",
    "serving_rows",
]


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


MAX_PATTERNS = 64
"""Default bound on the role patterns kept per organization (see `pattern_states`)."""

OTHER_PATTERN = "(other patterns)"
"""The name of the bucket that holds the routes of the patterns past the bound."""

_OTHER = -2  # the parent of the "other patterns" bucket in PatternStates.parent


@attrs.frozen(eq=False)
class PatternStates:
    """All (organization, pattern) states reachable from one source, sorted by both.

    Patterns are interned as integer ids: pattern `p` is pattern `parent[p]` followed by
    the role `role[p]` (the source's pattern has parent `-1`), so no pattern string is
    built until a result names it ([`name`][channelvalue.core.network.ChannelNetwork.name]) and
    memory stays linear in the states.

    Attributes:
        node, pattern, count, best: one entry per state (`best` is `states x outputs`).
        first, nstates: per organization, where its states start and how many there are.
        parent, role: per pattern id, the pattern it extends and the role it adds.
        capped: some organization had more patterns than the bound; the overflow went
            into the `OTHER_PATTERN` bucket (its route counts stay exact).
    """

    node: IntArray
    pattern: IntArray
    count: np.ndarray[Any, Any]
    best: FloatArray
    first: IntArray
    nstates: IntArray
    parent: IntArray
    role: IntArray
    capped: bool

    def name(self, pattern: int) -> str:
        """The `role>role>...` string of a pattern id (linear in its length)."""
        parts: list[str] = []
        p = pattern
        while p >= 0:
            parts.append(ROLES[int(self.role[p])].value)
            p = int(self.parent[p])
        if p == _OTHER:
            return OTHER_PATTERN
        return ">".join(reversed(parts))

    @property
    def names(self) -> Sequence[str]:
        """The pattern strings by id, each built when it is read (a lazy sequence)."""
        return _Names(self)


class _Names(Sequence[str]):
    """The pattern strings of a `PatternStates`, by id, built on access."""

    def __init__(self, states: PatternStates) -> None:
        self._states = states

    def __len__(self) -> int:
        return len(self._states.parent)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            return [self._states.name(i) for i in range(len(self))[index]]
        return self._states.name(range(len(self))[index])


def _cap(
    g_node: IntArray,
    g_pat: IntArray,
    g_cnt: np.ndarray[Any, Any],
    g_best: FloatArray,
    bound: int,
    other: int,
) -> tuple[IntArray, IntArray, np.ndarray[Any, Any], FloatArray]:
    """Keep at most `bound` groups per node (groups sorted by node, then pattern id).

    A node with more keeps the `bound - 1` patterns with the most routes (ties: the lower
    pattern id) and merges the rest, with any `other` group it has, into one `other`
    group: counts added (exact), best levels element-wise maxima.
    """
    node_cut = np.flatnonzero(np.r_[True, g_node[1:] != g_node[:-1]])
    sizes = np.diff(np.r_[node_cut, len(g_node)])
    keep = np.ones(len(g_node), dtype=np.bool_)
    merged: list[tuple[int, int, Any, FloatArray]] = []  # (row to overwrite, node, count, best)
    for at in np.flatnonzero(sizes > bound).tolist():
        lo, hi = int(node_cut[at]), int(node_cut[at]) + int(sizes[at])
        rows = [i for i in range(lo, hi) if int(g_pat[i]) != other]
        rows.sort(key=lambda i: (-g_cnt[i], int(g_pat[i])))
        kept = set(rows[: bound - 1])
        drop = [i for i in range(lo, hi) if i not in kept]
        keep[drop] = False
        total = sum((g_cnt[i] for i in drop[1:]), g_cnt[drop[0]])
        merged.append((drop[0], int(g_node[lo]), total, g_best[drop].max(axis=0)))
    for row, _, total, best in merged:
        keep[row] = True
        g_pat[row] = other
        g_cnt[row] = total
        g_best[row] = best
    g_node, g_pat, g_cnt, g_best = g_node[keep], g_pat[keep], g_cnt[keep], g_best[keep]
    order = np.lexsort((g_pat, g_node))  # the bucket's id may sort anywhere in its node
    return g_node[order], g_pat[order], g_cnt[order], g_best[order]


def _build(net: ChannelNetwork, source: int, bound: int) -> PatternStates:
    a = arrays(net)
    so = supply_order(net)
    caps = capability_matrix(net)
    dtype = path_counts(net, source).dtype
    n = a.n_orgs
    role = a.role
    n_roles = len(ROLES)
    parent: list[int] = [-1]
    last: list[int] = [int(role[source])]
    child: dict[int, int] = {}
    other = -1  # the id of the "other patterns" bucket, once some node needs it

    def child_id(code: int) -> int:
        got = child.get(code)
        if got is None:
            up, r = divmod(code, n_roles)
            if up == other:
                return other
            got = child[code] = len(parent)
            parent.append(up)
            last.append(r)
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
        if len(g_node) > bound and np.max(np.unique(g_node, return_counts=True)[1]) > bound:
            if other < 0:
                other = len(parent)
                parent.append(_OTHER)
                last.append(0)
            g_node, g_pat, g_cnt, g_best = _cap(g_node, g_pat, g_cnt, g_best, bound, other)
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
        parent=np.array(parent, dtype=np.int64),
        role=np.array(last, dtype=np.int64),
        capped=other >= 0,
    )


def pattern_states(
    net: ChannelNetwork, source: int, max_patterns: int = MAX_PATTERNS
) -> PatternStates:
    """The cached `PatternStates` of the routes from organization index `source`.

    At most `max_patterns` states are kept per organization: past that, the patterns
    with the fewest routes share one `OTHER_PATTERN` state (route counts stay exact;
    its best levels are the maxima over the merged patterns), and so do all their
    extensions downstream. Work and memory are `O(E x P)` for `E` supply links and
    `P = max_patterns` (times a log factor for sorting), whatever the number of paths:
    20 fully connected layers of two roles have 2**20 patterns but at most `P` states
    per organization.
    """
    return cached(net, _build, source, max_patterns)


@attrs.frozen(eq=False)
class ServingRows:
    """Every (serves link, pattern state of its partner): routes that end in a segment.

    Attributes:
        segment, org, pattern: segment index, serving organization index, pattern id.
        count: routes (exact ints, in a dtype where their sums are exact too).
        best: `rows x outputs` best level along the routes.
        revenue: revenue the routes carry (the link's revenue times the row's share of the
            partner's routes).
        names: the pattern strings of the pattern ids that occur, by id.
        capped: the pattern states were capped (see `pattern_states`).
    """

    segment: IntArray
    org: IntArray
    pattern: IntArray
    count: np.ndarray[Any, Any]
    best: FloatArray
    revenue: FloatArray
    names: Mapping[int, str]
    capped: bool


def _serving(net: ChannelNetwork, source: int, max_patterns: int) -> ServingRows:
    a = arrays(net)
    ls = a.links["serves"]
    st = pattern_states(net, source, max_patterns)
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
        names={p: st.name(p) for p in np.unique(pat).tolist()},
        capped=st.capped,
    )


def serving_rows(net: ChannelNetwork, source: int, max_patterns: int = MAX_PATTERNS) -> ServingRows:
    """The cached `ServingRows` from organization index `source` (patterns capped
    at `max_patterns` per organization, see `pattern_states`)."""
    return cached(net, _serving, source, max_patterns)


def check_max_patterns(value: object, where: str) -> int:
    """`value` if it is a valid `max_patterns` (an integer >= 2), else raise.

    Examples:
        >>> check_max_patterns(64, "route_patterns")
        64
    """
    if isinstance(value, bool) or not isinstance(value, int) or value < 2:
        raise ValidationError(where, "max_patterns", value, "an integer >= 2")
    return value
