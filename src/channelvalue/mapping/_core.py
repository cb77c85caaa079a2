"""Shared array machinery of the mapping discipline (private).

Everything here works on `channelvalue.core.arrays.arrays` and is cached per network
version, so the public functions can share one pass over the supply graph:

* `supply_order` — topological levels of the supply DAG (Kahn's algorithm run
  level by level on index arrays) and the supply links sorted by the level of their target;
* `path_counts` — the number of supply paths from a source to every organization,
  by dynamic programming over those levels (never by enumerating paths);
* `serving_revenue` — the revenue each `serves` link carries;
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs
import networkx as nx
import numpy as np

from .._optional import require_pandas
from ..core.arrays import ROLES, BoolArray, FloatArray, GraphArrays, IntArray, arrays
from ..core.cache import CacheKey, cached, cached_by
from ..core.labels import named_columns
from ..errors import CycleError, UnknownIdError, WrongTypeError

if TYPE_CHECKING:
    import pandas as pd

    from ..core.network import ChannelNetwork

__all__ = [
    "ARRAY_EQ",
    "SPARSE_EQ",
    "BoolArray",
    "FloatArray",
    "IntArray",
    "SegmentTotals",
    "SupplyOrder",
    "check_org",
    "check_segment",
    "exact_sums",
    "make_frame",
    "path_counts",
    "ranges",
    "reduce_runs",
    "reaches",
    "role_pattern",
    "runs",
    "segment_totals",
    "serving_revenue",
    "source_index",
    "supply_order",
]


_EXACT_LIMIT = float(2**62)


def _sparse_equal(a: Any, b: Any) -> bool:
    return bool(a.shape == b.shape and (a != b).nnz == 0)


ARRAY_EQ = attrs.cmp_using(eq=np.array_equal)
"""Field comparison for numpy columns of result objects (with `hash=False`)."""
SPARSE_EQ = attrs.cmp_using(eq=_sparse_equal)
"""Field comparison for scipy sparse matrices of result objects (with `hash=False`)."""


def ranges(starts: IntArray, ends: IntArray) -> IntArray:
    """The concatenation of `arange(s, e)` for every pair, without a Python loop.

    Examples:
        >>> ranges(np.array([0, 5]), np.array([2, 8])).tolist()
        [0, 1, 5, 6, 7]
    """
    lens = ends - starts
    total = int(lens.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    keep = lens > 0
    starts, lens = starts[keep], lens[keep]
    offsets = np.cumsum(lens) - lens
    out: IntArray = np.repeat(starts - offsets, lens) + np.arange(total, dtype=np.int64)
    return out


def check_segment(net: ChannelNetwork, segment: Any, where: str) -> int:
    """The index of `segment` in the arrays, or a clear error."""
    if type(segment) is not str:
        raise WrongTypeError(where, segment, "a segment id (str)")
    a = arrays(net)
    try:
        return a.seg_index[segment]
    except KeyError:
        raise UnknownIdError(
            segment, kind="segment", where=where, hint=_valid(a.seg_ids, "segments")
        ) from None


def check_org(net: ChannelNetwork, org: Any, where: str) -> int:
    """The index of organization `org` in the arrays, or a clear error."""
    if type(org) is not str:
        raise WrongTypeError(where, org, "an organization id (str)")
    a = arrays(net)
    try:
        return a.org_index[org]
    except KeyError:
        raise UnknownIdError(org, kind="organization", where=where) from None


def _valid(ids: tuple[str, ...], what: str) -> str:
    shown = ", ".join(repr(i) for i in ids[:8])
    more = f", ... ({len(ids)} in all)" if len(ids) > 8 else ""
    return f"valid {what}: {shown}{more}" if ids else f"the network has no {what}"


def source_index(net: ChannelNetwork, source: Any, where: str) -> int:
    """The index of `source` (default: the steward)."""
    if source is None:
        return check_org(net, net.steward.id, where)
    return check_org(net, source, where)


@attrs.frozen(eq=False)
class SupplyOrder:
    """The supply DAG in topological levels.

    Attributes:
        level: per organization, the length of the longest supply path into it.
        src, dst: the supply links sorted by `level[dst]` (then `dst`, `src`).
        bounds: links into level `L` are `src[bounds[L]:bounds[L + 1]]`.
        indptr: CSR row pointers of the links sorted by source (`arrays().links`).
    """

    level: IntArray
    src: IntArray
    dst: IntArray
    bounds: IntArray
    indptr: IntArray

    @property
    def depth(self) -> int:
        """The number of levels."""
        return len(self.bounds) - 1


def _supply_order(net: ChannelNetwork) -> SupplyOrder:
    a = arrays(net)
    la = a.links["supplies"]
    n = a.n_orgs
    indptr = np.searchsorted(la.src, np.arange(n + 1)).astype(np.int64)
    remaining = np.bincount(la.dst, minlength=n).astype(np.int64)
    level = np.full(n, -1, dtype=np.int64)
    frontier = np.flatnonzero(remaining == 0)
    depth = 0
    while frontier.size:
        level[frontier] = depth
        edges = ranges(indptr[frontier], indptr[frontier + 1])
        targets, hits = np.unique(la.dst[edges], return_counts=True)
        remaining[targets] -= hits
        frontier = targets[remaining[targets] == 0]
        depth += 1
    stuck = np.flatnonzero(level < 0)
    if stuck.size:
        _raise_cycle(a, stuck)
    order = np.lexsort((la.src, la.dst, level[la.dst]))
    src, dst = la.src[order], la.dst[order]
    bounds = np.searchsorted(level[dst], np.arange(max(depth, 1) + 1)).astype(np.int64)
    return SupplyOrder(level=level, src=src, dst=dst, bounds=bounds, indptr=indptr)


def _raise_cycle(a: GraphArrays, stuck: IntArray) -> None:
    la = a.links["supplies"]
    inside = np.zeros(a.n_orgs, dtype=np.bool_)
    inside[stuck] = True
    keep = inside[la.src] & inside[la.dst]
    g = nx.DiGraph()
    g.add_edges_from(zip(la.src[keep].tolist(), la.dst[keep].tolist(), strict=True))
    edges = nx.find_cycle(g, source=int(stuck[0]))
    ids = [a.org_ids[u] for u, _ in edges]
    # start the cycle at its smallest id so the message does not depend on search order
    k = ids.index(min(ids))
    ids = ids[k:] + ids[:k]
    raise CycleError([*ids, ids[0]], relation="supplies")


def supply_order(net: ChannelNetwork) -> SupplyOrder:
    """The cached `SupplyOrder` of `net`.

    Raises:
        CycleError: the supply links form a cycle (routes need a DAG); the message
            names the organizations on one cycle.
    """
    return cached(net, _supply_order)


def path_counts(
    net: ChannelNetwork, source: int, alive: BoolArray | None = None
) -> np.ndarray[Any, Any]:
    """Number of supply paths from `source` to each organization (source itself: 1).

    Counts are exact: `int64` normally, Python ints (object array) when they could
    overflow. `alive` (optional) masks organizations out as if they were removed.
    """
    if alive is None:
        return cached(net, _path_counts, source, None)
    return _path_counts(net, source, alive)


def _path_counts(net: ChannelNetwork, source: int, alive: BoolArray | None) -> np.ndarray[Any, Any]:
    so = supply_order(net)
    n = len(so.level)
    approx = _propagate(so, source, alive, np.zeros(n, dtype=np.float64))
    dtype: Any = np.int64 if approx.max(initial=0.0) < _EXACT_LIMIT else object
    return _propagate(so, source, alive, np.zeros(n, dtype=dtype))


def exact_sums(counts: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """`counts` in a dtype in which every sum of some of them is exact.

    Route counts are added up by segment and by pattern: `int64` is kept (no copy) while
    the total of all of them stays below `2**62`, so no partial sum can overflow; beyond
    that the counts become Python ints (an object array). The bound is checked up front
    (non-negative counts: no group sums to more than the total), never by catching.

    Examples:
        >>> exact_sums(np.array([2**61, 2**61, 2**61, 2**61])).sum()
        9223372036854775808
        >>> exact_sums(np.array([1, 2])).dtype
        dtype('int64')
    """
    if counts.dtype == object or float(counts.sum(dtype=np.float64)) < _EXACT_LIMIT:
        return counts
    return counts.astype(object)


def _propagate(
    so: SupplyOrder, source: int, alive: BoolArray | None, counts: np.ndarray[Any, Any]
) -> np.ndarray[Any, Any]:
    if alive is not None and not alive[source]:
        return counts
    counts[source] = 1
    for lvl in range(int(so.level[source]) + 1, so.depth):
        lo, hi = int(so.bounds[lvl]), int(so.bounds[lvl + 1])
        if lo == hi:
            continue
        src, dst = so.src[lo:hi], so.dst[lo:hi]
        vals = counts[src]
        if alive is not None:
            vals = vals * alive[src]
        np.add.at(counts, dst, vals)
    if alive is not None:
        counts[~alive] = 0
    return counts


def reaches(net: ChannelNetwork, targets: BoolArray) -> BoolArray:
    """Per organization: True when some supply path leads from it to a `targets` node.

    A node reaches itself. One backward pass over the levels.
    """
    so = supply_order(net)
    out = targets.copy()
    for lvl in range(so.depth - 1, 0, -1):
        lo, hi = int(so.bounds[lvl]), int(so.bounds[lvl + 1])
        if lo == hi:
            continue
        hit = out[so.dst[lo:hi]]
        out[so.src[lo:hi][hit]] = True
    return out


def serving_revenue(net: ChannelNetwork) -> FloatArray:
    """Revenue carried by each `serves` link (in `arrays(net).links['serves']` order).

    `Serves.revenue` when given; otherwise the organization's revenue split evenly over
    the segments it serves.
    """

    def build() -> FloatArray:
        a = arrays(net)
        ls = a.links["serves"]
        given = a.serves_revenue
        degree = np.bincount(ls.src, minlength=a.n_orgs)
        split = a.revenue[ls.src] / np.maximum(degree[ls.src], 1)
        out: FloatArray = np.where(np.isnan(given), split, given)
        return out

    return cached_by(net, CacheKey(serving_revenue), build)


def role_pattern(codes: Any) -> str:
    """The `role>role>...` pattern of a sequence of role codes.

    Examples:
        >>> role_pattern([0, 1, 2])
        'vendor>distributor>reseller'
    """
    return ">".join(ROLES[int(c)].value for c in codes)


def make_frame(
    feature: str, columns: dict[str, Any], names: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """A pandas DataFrame from columns (pandas is imported lazily, with a clear error); with
    `names`, a `<column>_name` column follows each id column
    ([`named_columns`][channelvalue.core.labels.named_columns])."""
    pd_mod = require_pandas(feature)
    frame: pd.DataFrame = pd_mod.DataFrame(named_columns(columns, names or {}))
    return frame


@attrs.frozen(eq=False)
class SegmentTotals:
    """Per segment: reachable serving partners, routes and revenue, given path counts.

    Attributes:
        reached: per `serves` link, True when some route reaches its partner.
        partners: per segment, the number of reachable serving partners.
        routes: per segment, the number of routes (exact Python ints).
        revenue: per segment, the revenue those partners make in it.
        unrouted: per segment, serving partners with no route.
    """

    reached: BoolArray
    partners: IntArray
    routes: tuple[int, ...]
    revenue: FloatArray
    unrouted: IntArray


def segment_totals(net: ChannelNetwork, paths: np.ndarray[Any, Any]) -> SegmentTotals:
    """Aggregate `serves` links by segment under the path counts `paths`."""
    a = arrays(net)
    ls = a.links["serves"]
    rev = serving_revenue(net)
    on = paths[ls.src] > 0
    m = a.n_segs
    counts = exact_sums(paths[ls.src[on]])
    exact = np.zeros(m, dtype=counts.dtype)
    np.add.at(exact, ls.dst[on], counts)
    return SegmentTotals(
        reached=np.asarray(on, dtype=np.bool_),
        partners=np.bincount(ls.dst[on], minlength=m).astype(np.int64),
        routes=tuple(int(x) for x in exact.tolist()),
        revenue=np.bincount(ls.dst[on], weights=rev[on], minlength=m).astype(np.float64),
        unrouted=np.bincount(ls.dst[~on], minlength=m).astype(np.int64),
    )


def runs(*keys: np.ndarray[Any, Any]) -> IntArray:
    """Start positions of the runs of equal key tuples in arrays sorted by those keys.

    Examples:
        >>> runs(np.array([0, 0, 1, 1]), np.array([5, 6, 6, 6])).tolist()
        [0, 1, 2]
    """
    if not len(keys[0]):
        return np.zeros(0, dtype=np.int64)
    change = np.zeros(len(keys[0]) - 1, dtype=np.bool_)
    for k in keys:
        change |= k[1:] != k[:-1]
    out: IntArray = np.flatnonzero(np.r_[True, change])
    return out


def reduce_runs(ufunc: np.ufunc, values: np.ndarray[Any, Any], cut: IntArray) -> Any:
    """`ufunc.reduceat(values, cut, axis=0)`, skipping the work when every run is one row.

    Examples:
        >>> reduce_runs(np.add, np.array([1, 2, 3]), np.array([0, 2])).tolist()
        [3, 3]
    """
    if len(cut) == len(values):
        return values[cut]
    return ufunc.reduceat(values, cut, axis=0)
