"""Shared measures of inequality and ranking, used by the checks and the plots alike.

Plain functions of numbers: they know nothing of networks, so mapping, building,
aligning and plotting all import them (this module depends only on numpy and
`channelvalue.errors`).

| function | measures |
|---|---|
| [`gini`][channelvalue.metrics.gini] | inequality of non-negative values (0: all equal) |
| `concentration` | the Gini formula with units ranked by another quantity |
| `top_share` | the share of the total held by the `k` largest units |
| [`hhi`][channelvalue.metrics.hhi] | the Herfindahl-Hirschman index: the sum of squared shares |
| `lorenz_points` | the points of the Lorenz curve, (0, 0) to (1, 1) |
| `mean_ranks` | each item's mean mid-rank over ballots, from a pairwise matrix |

Values are one-dimensional, finite and `>= 0`; anything else raises a
[`ValidationError`][channelvalue.ValidationError] naming the function and argument.

Examples:
    >>> from channelvalue import metrics
    >>> revenue = [0.0, 0.0, 0.0, 4.0]
    >>> metrics.gini(revenue), metrics.hhi(revenue), metrics.top_share(revenue, 1)
    (0.75, 1.0, 1.0)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._types import FloatArray
from .errors import ValidationError

__all__ = [
    "concentration",
    "fractions",
    "gini",
    "hhi",
    "lorenz_points",
    "mean_ranks",
    "top_share",
]


_NONNEG = "a one-dimensional sequence of finite numbers >= 0"


def _values(function: str, name: str, values: Any) -> FloatArray:
    try:
        data: FloatArray = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValidationError(function, name, values, _NONNEG) from None
    if data.ndim != 1 or not np.isfinite(data).all() or (data < 0).any():
        raise ValidationError(function, name, values, _NONNEG)
    return data


def gini(values: Any) -> float:
    """The Gini coefficient of non-negative values (0: all equal; 0 for an empty or zero set).

    The population formula `G = 2 * sum_i i * x_(i) / (n * sum x) - (n + 1) / n` with
    `x` sorted ascending and `i = 1..n`, rounded to 12 decimals. It lies in
    `[0, (n - 1) / n]`: one unit holding everything among `n` gives `(n - 1) / n`.

    Raises:
        ValidationError: values that are not finite numbers >= 0 in one dimension.

    Examples:
        >>> gini([0.0, 0.0, 0.0, 4.0])  # 2 * (4 * 4) / (4 * 4) - 5 / 4
        0.75
        >>> gini([1.0, 1.0]), gini([])
        (0.0, 0.0)
    """
    data = _values("gini", "values", values)
    return _concentration(data, data)


def concentration(values: Any, rank_by: Any) -> float:
    """The concentration coefficient of `values` with units ranked by `rank_by`.

    It is the Gini formula applied to `values` ordered by `rank_by` (ascending, ties
    by position): equal to `gini(values)` when both rank alike, negative when the
    values favour the units that rank lowest; 0 for an empty or zero set.

    Raises:
        ValidationError: `values` not finite numbers >= 0, or `rank_by` not finite
            numbers of the same length.

    Examples:
        >>> concentration([4.0, 0.0, 0.0, 0.0], [1.0, 2.0, 3.0, 4.0])
        -0.75
        >>> concentration([0.0, 0.0, 0.0, 4.0], [1.0, 2.0, 3.0, 4.0])
        0.75
    """
    data = _values("concentration", "values", values)
    try:
        rank: FloatArray = np.asarray(rank_by, dtype=np.float64)
    except (TypeError, ValueError):
        rank = np.full(1, np.nan)
    if rank.shape != data.shape or not np.isfinite(rank).all():
        raise ValidationError(
            "concentration", "rank_by", rank_by, f"{len(data)} finite numbers, one per value"
        )
    return _concentration(data, rank)


def _concentration(values: FloatArray, rank_by: FloatArray) -> float:
    n = len(values)
    total = float(values.sum())
    if n == 0 or total <= 0:
        return 0.0
    order = np.lexsort((np.arange(n), rank_by))
    ranks = np.arange(1, n + 1, dtype=np.float64)
    g = 2.0 * float((ranks * values[order]).sum()) / (n * total) - (n + 1) / n
    return round(g, 12)


def top_share(values: Any, k: int) -> float:
    """The share of the total held by the `k` largest values (0 for a zero total).

    `k` larger than the number of values takes them all (share 1).

    Raises:
        ValidationError: values not finite numbers >= 0, or `k` not an integer >= 0.

    Examples:
        >>> top_share([5.0, 3.0, 1.0, 1.0], 2)  # (5 + 3) / 10
        0.8
        >>> top_share([5.0, 3.0], 0), top_share([0.0, 0.0], 1)
        (0.0, 0.0)
    """
    data = _values("top_share", "values", values)
    if isinstance(k, bool) or not isinstance(k, int | np.integer) or k < 0:
        raise ValidationError("top_share", "k", k, "an integer >= 0")
    total = float(data.sum())
    if total <= 0 or k == 0:
        return 0.0
    top = np.sort(data)[::-1][: int(k)]
    return min(1.0, float(top.sum()) / total)


def hhi(values: Any) -> float:
    """The Herfindahl-Hirschman index: the sum of squared shares of the total.

    `values` are normalised to shares first, so shares and amounts give the same index:
    `1 / n` for `n` equal units, 1 for a single holder, 0 for an empty or zero set.

    Raises:
        ValidationError: values not finite numbers >= 0 in one dimension.

    Examples:
        >>> hhi([0.75, 0.25])  # 0.5625 + 0.0625
        0.625
        >>> hhi([30.0, 10.0]), hhi([1.0, 1.0, 1.0, 1.0])
        (0.625, 0.25)
    """
    data = _values("hhi", "values", values)
    total = float(data.sum())
    if total <= 0:
        return 0.0
    share = data / total
    return float((share * share).sum())


def lorenz_points(values: Any, *, max_points: int | None = None) -> tuple[FloatArray, FloatArray]:
    """The Lorenz curve of non-negative `values`: x and y arrays from (0, 0) to (1, 1).

    `x` is the share of units (smallest first), `y` the share of the total they
    hold: `n + 1` points for `n` values. With `max_points` and more points than
    that, the curve is interpolated onto `max_points` evenly spaced x values (exact: the
    curve is piecewise linear between units).

    Raises:
        ValidationError: empty, negative, non-finite or all-zero values, or
            `max_points` not an integer >= 2.

    Examples:
        >>> x, y = lorenz_points([3.0, 1.0])
        >>> x.tolist(), y.tolist()
        ([0.0, 0.5, 1.0], [0.0, 0.25, 1.0])
    """
    data = _values("lorenz_points", "values", values)
    if not data.size or data.sum() <= 0:
        raise ValidationError(
            "lorenz_points", "values", values, "finite numbers >= 0, at least one positive"
        )
    if max_points is not None and (
        isinstance(max_points, bool) or not isinstance(max_points, int) or max_points < 2
    ):
        raise ValidationError("lorenz_points", "max_points", max_points, "an integer >= 2")
    n = len(data)
    x: FloatArray = np.arange(n + 1, dtype=np.float64) / n
    y: FloatArray = np.r_[0.0, np.cumsum(np.sort(data))] / data.sum()
    y[-1] = 1.0
    if max_points is not None and n + 1 > max_points:
        grid: FloatArray = np.linspace(0.0, 1.0, max_points)
        return grid, np.interp(grid, x, y)
    return x, y


def mean_ranks(pairwise: Any, n_ballots: int) -> FloatArray:
    """Each item's mean mid-rank over the ballots (1 = first), from the pairwise matrix.

    `pairwise[i, j]` is the number of ballots ranking item `i` above item `j`; tied
    items count at their mid-rank, so item `i`'s mean rank is
    `1 + sum_j (p[j, i] + (m - p[i, j] - p[j, i]) / 2) / m` over `j != i` with `m`
    ballots. For a [`ConsensusResult`][channelvalue.building.ConsensusResult] `r`:
    `dict(zip(r.items, mean_ranks(r.pairwise, r.n_ballots)))`.

    Raises:
        ValidationError: `pairwise` is not a square matrix of counts from 0 to
            `n_ballots`, or `n_ballots` is not an integer >= 1.

    Examples:
        >>> # ballots a > b > c and b > a > c
        >>> mean_ranks([[0, 1, 2], [1, 0, 2], [0, 0, 0]], 2).tolist()
        [1.5, 1.5, 3.0]
    """
    if isinstance(n_ballots, bool) or not isinstance(n_ballots, int | np.integer) or n_ballots < 1:
        raise ValidationError("mean_ranks", "n_ballots", n_ballots, "an integer >= 1")
    try:
        p: FloatArray = np.asarray(pairwise, dtype=np.float64)
    except (TypeError, ValueError):
        p = np.full((1, 2), np.nan)
    if (
        p.ndim != 2
        or p.shape[0] != p.shape[1]
        or not np.isfinite(p).all()
        or (p < 0).any()
        or (p + p.T > n_ballots).any()
    ):
        raise ValidationError(
            "mean_ranks",
            "pairwise",
            pairwise,
            f"a square matrix of ballot counts from 0 to n_ballots={n_ballots}",
        )
    m = float(n_ballots)
    n = p.shape[0]
    above = p.sum(axis=0)  # ballots ranking another item above i
    below = p.sum(axis=1)
    tied = m * (n - 1) - above - below
    out: FloatArray = 1.0 + (above + 0.5 * tied) / m
    return out


def fractions(values: FloatArray) -> FloatArray:
    """`values / sum(values)` (all 0 when the sum is 0), finite for any finite values >= 0:
    when the sum overflows (values near 1e308) they are first divided by the largest.

    Examples:
        >>> import numpy as np
        >>> fractions(np.array([1.0, 3.0])).tolist(), fractions(np.zeros(2)).tolist()
        ([0.25, 0.75], [0.0, 0.0])
        >>> fractions(np.array([1e308, 1e308])).tolist()
        [0.5, 0.5]
    """
    with np.errstate(over="ignore"):
        total = float(values.sum())
    if total <= 0:
        return np.zeros(len(values))
    if total == np.inf:
        values = values / float(values.max())
        total = float(values.sum())
    out: FloatArray = values / total
    return out
