"""Service-output levels as dense arrays, and weighted means over runs of rows (private).

Examples:
    >>> import channelvalue as cv
    >>> caps = capability_matrix(cv.datasets.example())
    >>> caps.shape[1] == len(OUTPUTS)
    True
"""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING

import numpy as np

from ..core.arrays import arrays
from ..core.cache import CacheKey, cached_by
from ..model import ServiceOutput
from ._core import BoolArray, FloatArray, IntArray, reduce_runs

if TYPE_CHECKING:
    from ..core.network import ChannelNetwork

__all__ = [
    "OUTPUTS",
    "SLACK",
    "capability_matrix",
    "grouped_mean",
    "need_matrix",
    "revenue_weights",
    "status",
]

OUTPUTS: tuple[ServiceOutput, ...] = tuple(sorted(ServiceOutput, key=lambda o: o.value))
"""Column order of the capability and need matrices (sorted by value, like the model)."""

SLACK = 1e-9
"""Rounding slack of the status classes."""


def capability_matrix(net: ChannelNetwork) -> FloatArray:
    """`n_orgs x len(OUTPUTS)` service-output levels (0 where not listed)."""

    def build() -> FloatArray:
        a = arrays(net)
        k = len(OUTPUTS)
        if not a.n_orgs:
            return np.zeros((0, k))
        # capability maps are immutable and often shared: one row per distinct object
        maps = list(map(attrgetter("capabilities"), a.organizations))
        keys = np.fromiter(map(id, maps), dtype=np.int64, count=len(maps))
        _, first, inv = np.unique(keys, return_index=True, return_inverse=True)
        col = {o: j for j, o in enumerate(OUTPUTS)}
        table = np.zeros((len(first), k))
        for row, f in enumerate(first.tolist()):
            for out, lvl in maps[f].items():
                table[row, col[out]] = lvl
        result: FloatArray = table[inv.ravel()]
        return result

    return cached_by(net, CacheKey(capability_matrix), build)


def need_matrix(net: ChannelNetwork) -> tuple[FloatArray, FloatArray, BoolArray]:
    """Per segment and output: demanded level, importance, and whether a need is stated."""
    a = arrays(net)
    k = len(OUTPUTS)
    level = np.zeros((a.n_segs, k))
    weight = np.zeros((a.n_segs, k))
    stated = np.zeros((a.n_segs, k), dtype=np.bool_)
    col = {o: j for j, o in enumerate(OUTPUTS)}
    for i, sid in enumerate(a.seg_ids):
        for out, need in net.segments[sid].needs.items():
            level[i, col[out]] = need.level
            weight[i, col[out]] = need.importance
            stated[i, col[out]] = True
    return level, weight, stated


def status(gap: float, tolerance: float) -> str:
    """`'under'`, `'met'` or `'over'` for a gap `demanded - delivered`.

    Examples:
        >>> status(0.05 + 1e-12, 0.05), status(-0.2, 0.05)
        ('met', 'over')
    """
    if gap > tolerance + SLACK:
        return "under"
    if gap < -tolerance - SLACK:
        return "over"
    return "met"


def grouped_mean(cut: IntArray, values: FloatArray, weights: FloatArray) -> FloatArray:
    """Weighted means of `values` rows over the runs starting at `cut`."""
    num = reduce_runs(np.add, values * weights[:, None], cut)
    den = reduce_runs(np.add, weights, cut)
    out: FloatArray = num / np.where(den > 0, den, 1.0)[:, None]
    return out


def revenue_weights(cut: IntArray, revenue: FloatArray, count: FloatArray) -> FloatArray:
    """Revenue weights, or route counts in runs whose routes carry no revenue.

    Only ratios within a run matter, so when a run's revenue sum overflows (revenues near
    the float limit) every revenue is first divided by the largest: the weights stay finite.
    """
    group_rev = reduce_runs(np.add, revenue, cut)
    if len(revenue) and not np.isfinite(group_rev).all():
        revenue = revenue / float(revenue.max())
        group_rev = reduce_runs(np.add, revenue, cut)
    gid = np.repeat(np.arange(len(cut)), np.diff(np.r_[cut, len(revenue)]))
    out: FloatArray = np.where(group_rev[gid] > 0, revenue, count)
    return out
