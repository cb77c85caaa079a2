"""A compiled, cached array view of a network for whole-graph passes.

Algorithms that touch every node or link read this view instead of looping over
Python objects: ids are sorted (so results never depend on insertion or hash order),
attributes are numpy columns, and each link kind is a pair of index arrays from which
`scipy.sparse` matrices are made on demand. The view is built once per network
version (see `channelvalue.core.cache`) and dropped on every change.

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.core.arrays import arrays
    >>> a = arrays(cv.datasets.example())
    >>> a.org_ids[a.org_index["acme"]]
    'acme'
    >>> a.links["supplies"].src.shape == a.links["supplies"].dst.shape
    True
    >>> supplies = a.links["supplies"]
    >>> [a.org_ids[j] for j in supplies.targets_of(a.org_index["acme"])]
    ['acme-direct', 'dist-cloud', 'dist-north', 'dist-south', 'sys-32', 'sys-34', 'sys-36']
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from itertools import count, repeat
from operator import attrgetter, contains, itemgetter
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import scipy.sparse as sp

from .._types import BoolArray, FloatArray, IntArray
from ..model import (
    DataKind,
    EngagementModel,
    Organization,
    ReportingMode,
    ReportsTo,
    Role,
    Serves,
    SharesData,
    Tier,
)
from ._gc import paused_gc
from .cache import cached

if TYPE_CHECKING:
    from .network import ChannelNetwork

__all__ = [
    "ENGAGEMENTS",
    "ROLES",
    "TIERS",
    "BoolArray",
    "FloatArray",
    "GraphArrays",
    "IntArray",
    "LinkArrays",
    "arrays",
    "factorize",
]

ROLES: tuple[Role, ...] = tuple(Role)
"""Role codes: `GraphArrays.role[i]` indexes this tuple."""
TIERS: tuple[Tier, ...] = tuple(Tier)
"""Tier codes: `GraphArrays.tier[i]` indexes this tuple."""
ENGAGEMENTS: tuple[EngagementModel, ...] = tuple(EngagementModel)
"""Engagement codes (`-1` for none): `GraphArrays.engagement[i]` indexes this tuple."""


@attrs.frozen(eq=False)
class LinkArrays:
    """The links of one kind as index arrays, sorted by (source, target).

    Attributes:
        src: source organization index per link.
        dst: target index per link (an organization, or a segment for `serves`).
        n_src: size of the source index space.
        n_dst: size of the target index space.
    """

    src: IntArray
    dst: IntArray
    n_src: int
    n_dst: int

    def matrix(self, weights: FloatArray | None = None) -> sp.csr_matrix:
        """The `n_src x n_dst` sparse adjacency (ones, or `weights` per link)."""
        data = np.ones(len(self.src)) if weights is None else weights
        return sp.csr_matrix((data, (self.src, self.dst)), shape=(self.n_src, self.n_dst))

    def targets_of(self, i: int) -> IntArray:
        """Target indices of the links from source `i`, ascending (so in id order)."""
        lo, hi = np.searchsorted(self.src, (i, i + 1))
        return self.dst[lo:hi]

    def __len__(self) -> int:
        return len(self.src)


@attrs.frozen(eq=False)
class GraphArrays:
    """Columns of the organizations and index arrays of the links, ids sorted.

    Attributes:
        org_ids: organization ids, sorted; `org_index` maps an id to its position.
        organizations: the [`Organization`][channelvalue.Organization] objects, in
            `org_ids` order.
        seg_ids: segment ids, sorted; `seg_index` maps an id to its position.
        manager_ids: manager ids, sorted; `manager_index` likewise.
        role, tier, engagement: integer codes into `ROLES`, `TIERS`,
            `ENGAGEMENTS` (`-1`: no engagement model).
        revenue, volume, velocity: float columns per organization.
        owned: bool column per organization.
        seg_size: float column per segment.
        links: `LinkArrays` per link kind.
        serves_revenue: per `serves` link, its revenue (NaN when not given).
        reports_manager: per `reports_to` link, the manager index (`-1`: none).
        reports_direct: per `reports_to` link, True for a direct line.
        data_interval: per `shares_data` link, the refresh interval in days.
        data_sell_through: per `shares_data` link, True if sell-through is shared.
    """

    org_ids: tuple[str, ...]
    org_index: dict[str, int]
    organizations: tuple[Organization, ...]
    seg_ids: tuple[str, ...]
    seg_index: dict[str, int]
    manager_ids: tuple[str, ...]
    manager_index: dict[str, int]
    role: IntArray
    tier: IntArray
    engagement: IntArray
    revenue: FloatArray
    volume: FloatArray
    velocity: FloatArray
    owned: BoolArray
    seg_size: FloatArray
    links: dict[str, LinkArrays]
    serves_revenue: FloatArray
    reports_manager: IntArray
    reports_direct: BoolArray
    data_interval: FloatArray
    data_sell_through: BoolArray

    @property
    def n_orgs(self) -> int:
        """Number of organizations."""
        return len(self.org_ids)

    @property
    def n_segs(self) -> int:
        """Number of segments."""
        return len(self.seg_ids)


_first = itemgetter(0)
_second = itemgetter(1)


def factorize(values: Sequence[Hashable]) -> tuple[IntArray, list[Any]]:
    """A code per value (numbered in order of first appearance) and the distinct values.

    Runs at C speed (no Python frame per value): use it to number the distinct tuples,
    maps or ids of a column before scoring each distinct value once.

    Examples:
        >>> codes, distinct = factorize([("a",), ("b",), ("a",)])
        >>> codes.tolist(), distinct
        ([0, 1, 0], [('a',), ('b',)])
    """
    distinct = list(dict.fromkeys(values))
    code = dict(zip(distinct, count()))
    codes = np.fromiter(map(code.__getitem__, values), dtype=np.int64, count=len(values))
    return codes, distinct


def _index(ids: Any) -> tuple[tuple[str, ...], dict[str, int]]:
    ordered = tuple(sorted(ids))
    return ordered, {ident: i for i, ident in enumerate(ordered)}


def _link_arrays(
    pairs: Any, src_index: dict[str, int], dst_index: dict[str, int], n_src: int, n_dst: int
) -> tuple[LinkArrays, IntArray]:
    """Index arrays sorted by (src, dst), and the permutation that sorted them."""
    n = len(pairs)
    # map() over bound methods: the lookups run without a Python frame per link
    src = np.fromiter(map(src_index.__getitem__, map(_first, pairs)), dtype=np.int64, count=n)
    dst = np.fromiter(map(dst_index.__getitem__, map(_second, pairs)), dtype=np.int64, count=n)
    order = np.lexsort((dst, src)) if n else np.zeros(0, dtype=np.int64)
    return LinkArrays(src[order], dst[order], n_src, n_dst), order


def build_arrays(net: ChannelNetwork) -> GraphArrays:
    """Compile `net` into a `GraphArrays` (use `arrays` for the cached one)."""
    org_ids, org_index = _index(net.organizations)
    seg_ids, seg_index = _index(net.segments)
    mgr_ids, mgr_index = _index(net.managers)
    ordered = list(map(net._orgs.__getitem__, org_ids))
    n = len(ordered)
    role_code = {r: k for k, r in enumerate(ROLES)}
    tier_code = {t: k for k, t in enumerate(TIERS)}
    eng_code: dict[EngagementModel | None, int] = {e: k for k, e in enumerate(ENGAGEMENTS)}
    eng_code[None] = -1

    def codes(field: str, table: dict[Any, int]) -> IntArray:
        values = map(attrgetter(field), ordered)
        return np.fromiter(map(table.__getitem__, values), dtype=np.int64, count=n)

    def column(items: list[Any], field: str, dtype: type[Any]) -> Any:
        return np.fromiter(map(attrgetter(field), items), dtype=dtype, count=len(items))

    role = codes("role", role_code)
    tier = codes("tier", tier_code)
    engagement = codes("engagement", eng_code)
    revenue = column(ordered, "revenue", np.float64)
    volume = column(ordered, "volume", np.float64)
    velocity = column(ordered, "velocity", np.float64)
    owned = column(ordered, "owned", np.bool_)
    seg_size = column(list(map(net._segments.__getitem__, seg_ids)), "size", np.float64)

    links: dict[str, LinkArrays] = {}
    extra: dict[str, Any] = {}
    for kind in ("supplies", "serves", "reports_to", "shares_data"):
        group = net._links[kind]
        pairs = group.keys()
        if kind == Serves.kind:
            la, order = _link_arrays(pairs, org_index, seg_index, n, len(seg_ids))
        else:
            la, order = _link_arrays(pairs, org_index, org_index, n, n)
        links[kind] = la
        objs = list(group.values())
        ordered_links = list(map(objs.__getitem__, order.tolist()))
        m = len(ordered_links)
        if kind == Serves.kind:
            # a revenue of None is stored as NaN by numpy's float conversion
            extra["serves_revenue"] = column(ordered_links, "revenue", np.float64)
        elif kind == ReportsTo.kind:
            manager_code: dict[Any, int] = dict(mgr_index)  # and None: -1
            manager_code[None] = -1
            managers = map(attrgetter("manager"), ordered_links)
            extra["reports_manager"] = np.fromiter(
                map(manager_code.__getitem__, managers), dtype=np.int64, count=m
            )
            direct = {mode: mode is ReportingMode.DIRECT for mode in ReportingMode}
            modes = map(attrgetter("mode"), ordered_links)
            extra["reports_direct"] = np.fromiter(
                map(direct.__getitem__, modes), dtype=np.bool_, count=m
            )
        elif kind == SharesData.kind:
            extra["data_interval"] = column(ordered_links, "interval_days", np.float64)
            shared = map(attrgetter("data"), ordered_links)
            extra["data_sell_through"] = np.fromiter(
                map(contains, shared, repeat(DataKind.SELL_THROUGH)), dtype=np.bool_, count=m
            )
    return GraphArrays(
        org_ids=org_ids,
        org_index=org_index,
        organizations=tuple(ordered),
        seg_ids=seg_ids,
        seg_index=seg_index,
        manager_ids=mgr_ids,
        manager_index=mgr_index,
        role=role,
        tier=tier,
        engagement=engagement,
        revenue=revenue,
        volume=volume,
        velocity=velocity,
        owned=owned,
        seg_size=seg_size,
        links=links,
        **extra,
    )


def arrays(net: ChannelNetwork) -> GraphArrays:
    """The cached `GraphArrays` of `net` (rebuilt after any change; read-only)."""
    return cached(net, _build_quietly)


def _build_quietly(net: ChannelNetwork) -> GraphArrays:
    with net.reading(), paused_gc():  # no change runs while the registries are read
        view = build_arrays(net)
    _freeze(view)
    return view


def _freeze(view: GraphArrays) -> None:
    """Make every column of the shared, cached view read-only (no caller can corrupt it)."""
    for value in attrs.asdict(view, recurse=False).values():
        if isinstance(value, np.ndarray):
            value.flags.writeable = False
    for la in view.links.values():
        la.src.flags.writeable = False
        la.dst.flags.writeable = False
