"""Array solvers behind [`channelvalue.building.allocate`][channelvalue.building.allocate].

All work on columns (one entry per candidate, candidates sorted by recipient):
`floor`, `cap` (`inf` for none) and, for response curves, flattened segments
(`owner`, `start`, `width`, `slope`) with one row per linear piece.

Examples:
    >>> import numpy as np
    >>> waterfill(100.0, np.array([1.0, 3.0]), np.zeros(2), np.array([np.inf, 60.0])).tolist()
    [40.0, 60.0]
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs
import numpy as np
import scipy.sparse as sp
from scipy.optimize import linprog

from ..core.arrays import BoolArray, FloatArray, IntArray
from ..errors import ValidationError

__all__ = ["Segments", "impact", "optimal", "waterfill"]

_TINY = 1e-12


@attrs.frozen(eq=False)
class Segments:
    """The linear pieces of every candidate's response curve, flattened.

    Attributes:
        owner: candidate index per piece (pieces of one candidate are consecutive).
        start: spend where the piece starts.
        width: spend the piece spans (> 0).
        slope: impact per unit of spend on the piece (non-increasing per candidate).
    """

    owner: IntArray
    start: FloatArray
    width: FloatArray
    slope: FloatArray

    @classmethod
    def from_points(cls, lengths: IntArray, spend: FloatArray, value: FloatArray) -> Segments:
        """Pieces from breakpoints: `lengths[i]` points per candidate, concatenated.

        Examples:
            >>> import numpy as np
            >>> s = Segments.from_points(np.array([3, 0, 2]), np.array([0., 2, 4, 0, 5]),
            ...                          np.array([0., 4, 6, 0, 5]))
            >>> s.owner.tolist(), s.slope.tolist()
            ([0, 0, 2], [2.0, 1.0, 1.0])
        """
        point_owner = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
        same = point_owner[:-1] == point_owner[1:]
        width = np.diff(spend)[same]
        return cls(
            owner=point_owner[:-1][same],
            start=spend[:-1][same],
            width=width,
            slope=np.diff(value)[same] / width,
        )


def impact(x: FloatArray, seg: Segments) -> FloatArray:
    """Impact of spending `x[i]` on each candidate (from its curve's value at zero)."""
    used = np.clip(x[seg.owner] - seg.start, 0.0, seg.width)
    out: FloatArray = np.bincount(seg.owner, weights=seg.slope * used, minlength=len(x)).astype(
        np.float64
    )
    return out


def waterfill(budget: float, weight: FloatArray, floor: FloatArray, cap: FloatArray) -> FloatArray:
    """`x = clip(t * weight, floor, cap)` with `t` chosen so that `sum(x) == budget`.

    Spending is proportional to `weight` except where a floor or cap holds. When
    every weight is zero the weights are taken equal. When even `t -> inf` spends
    less than the budget (every candidate capped), the rest is left unspent. The sum of
    floors must not exceed `budget` (the caller checks). Weights of at most `1e-12` of
    the largest count as zero.
    """
    if len(weight) == 0:
        return np.zeros(0)
    top = float(weight.max())
    w = weight / top if top > 0 else np.ones_like(weight)
    pos = w > _TINY  # weights this small against the largest count as zero
    wp = w[pos]
    lo = floor[pos] / wp
    hi = cap[pos] / wp
    # sum(clip(t * w, f, c)) is piecewise linear in t: slope +w_i at f_i/w_i, -w_i at c_i/w_i
    finite = np.isfinite(hi)
    events = np.concatenate((lo, hi[finite]))
    change = np.concatenate((wp, -wp[finite]))
    order = np.argsort(events, kind="stable")
    events, change = events[order], change[order]
    slope = np.cumsum(change)
    level = float(floor.sum()) + np.concatenate(([0.0], np.cumsum(slope[:-1] * np.diff(events))))
    k = int(np.searchsorted(level, budget, side="left"))
    t = 0.0
    if k > 0:
        # the running sums above only pick the interval: there, t is solved from the
        # candidates' own floors, caps and weights, since the cumulative slope can lose
        # a small weight next to a large one (cancellation) and over- or underspend
        start = events[k - 1]
        growing = (lo <= start) & (hi > start)
        fixed = float(
            floor[~pos].sum() + floor[pos][lo > start].sum() + cap[pos][hi <= start].sum()
        )
        rate = float(wp[growing].sum())
        t = (budget - fixed) / rate if rate > 0 else np.inf
    x = floor.astype(np.float64, copy=True)
    with np.errstate(invalid="ignore"):
        x[pos] = np.clip(t * wp, floor[pos], cap[pos])
    return x


def _shrink(y: FloatArray, mask: BoolArray | None, room: float) -> None:
    """Scale `y` (or its `mask` part) down in place so that it sums to at most `room`."""
    part = y if mask is None else y[mask]
    total = float(part.sum())
    if total > room and total > 0:
        factor = max(room, 0.0) / total
        if mask is None:
            y *= factor
        else:
            y[mask] *= factor


def _spend_narrow(
    x: FloatArray,
    free: FloatArray,
    room: FloatArray,
    kind: IntArray,
    codes: list[int],
    rhs: list[float],
    seg: Segments,
    narrow: float,
    flat: float,
) -> FloatArray:
    """Spend, in place, the pieces too narrow for the LP (`free <= narrow`) but not flat
    (`slope > flat`) that begin where their candidate's spend is: a curve such as
    `[(0, 0), (1e-290, 1e10)]` gains much for next to nothing. `rhs` (budget and kind
    limits left) is reduced by what is spent; a piece that would break a limit is left.
    Returns the room left per piece."""
    for _ in range(int(np.bincount(seg.owner).max(initial=0))):
        lead = (free > 0) & (free <= narrow) & (seg.slope > flat) & (seg.start <= x[seg.owner])
        if not lead.any():
            break
        cost = np.where(lead, free, 0.0)
        per_candidate = np.bincount(seg.owner, weights=cost, minlength=len(x))
        need = [float(cost.sum())]
        need += [float(per_candidate[kind == code].sum()) for code in codes]
        if any(k > r for k, r in zip(need, rhs, strict=True)):
            break
        x += per_candidate
        rhs[:] = [r - k for r, k in zip(rhs, need, strict=True)]
        free = room - np.clip(x[seg.owner] - seg.start, 0.0, room)
    return free


def optimal(
    budget: float,
    floor: FloatArray,
    cap: FloatArray,
    kind: IntArray,
    limits: Mapping[int, float],
    seg: Segments,
) -> FloatArray:
    """Spend that maximises total impact: one LP variable per piece, solved by HiGHS.

    Floors are spent first (on the steepest pieces, as a concave curve would be filled
    anyway); caps cut the pieces short. The LP has one row for the budget and one per
    limited kind (`limits`: kind code -> most spend), over the pieces above the floors.
    """
    n = len(floor)
    x = floor.astype(np.float64, copy=True)
    room = np.clip(cap[seg.owner] - seg.start, 0.0, seg.width)
    free = room - np.clip(floor[seg.owner] - seg.start, 0.0, room)
    codes = sorted(limits)
    rhs = [budget - float(floor.sum())]
    rhs += [limits[code] - float(floor[kind == code].sum()) for code in codes]
    # HiGHS works best on numbers near 1: spend is scaled by the largest room or limit,
    # impact by the steepest slope; what is below 1e-12 of those counts as zero
    scale = max(float(free.max(initial=0.0)), *rhs)
    steep = float(seg.slope.max(initial=0.0))
    if scale <= 0 or steep <= 0 or rhs[0] <= _TINY * scale:
        return x
    free = _spend_narrow(x, free, room, kind, codes, rhs, seg, _TINY * scale, _TINY * steep)
    use = (free > _TINY * scale) & (seg.slope > _TINY * steep)
    rows = [np.zeros(0, dtype=np.int64)]
    limited: list[tuple[int, float]] = []
    for code, high in zip(codes, rhs[1:], strict=True):
        if high <= _TINY * scale:
            use &= kind[seg.owner] != code  # the kind's limit is used up by its floors
        else:
            limited.append((code, high))
    cols = np.flatnonzero(use)
    if len(cols) == 0:
        return x
    owner = seg.owner[cols]
    upper = free[cols] / scale
    rows = [np.zeros(len(cols), dtype=np.int64)]
    colidx = [np.arange(len(cols), dtype=np.int64)]
    for r, (code, _) in enumerate(limited, start=1):
        member = np.flatnonzero(kind[owner] == code)
        rows.append(np.full(len(member), r, dtype=np.int64))
        colidx.append(member)
    row = np.concatenate(rows)
    shape = (1 + len(limited), len(cols))
    a_ub = sp.csr_matrix((np.ones(len(row)), (row, np.concatenate(colidx))), shape=shape)
    # interior point without presolve: on this LP (one dense budget row) HiGHS's presolve
    # and dual simplex take time quadratic in the pieces (60 s for 30,000 of them)
    res = linprog(
        -seg.slope[cols] / steep,
        A_ub=a_ub,
        b_ub=np.array([rhs[0]] + [high for _, high in limited]) / scale,
        bounds=np.column_stack((np.zeros(len(cols)), upper)),
        method="highs-ipm",
        options={"presolve": False},
    )
    if res.status != 0:  # pragma: no cover - y = 0 is always feasible after the checks
        raise ValidationError("allocate", "method", "optimal", f"a solvable LP ({res.message})")
    y = np.clip(np.asarray(res.x, dtype=np.float64), 0.0, upper) * scale
    # remove solver round-off so that limits hold exactly
    for code, high in limited:
        _shrink(y, kind[owner] == code, high)
    _shrink(y, None, rhs[0])
    x += np.bincount(owner, weights=y, minlength=n)
    return x
