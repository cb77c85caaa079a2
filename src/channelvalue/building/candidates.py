"""Allocation candidates: who may receive an investment, within which bounds, to what effect.

A [`Candidate`][channelvalue.building.Candidate] carries the figures the allocation methods read
(revenue, volume, velocity, potential, tier, ABC class), its `floor` and `cap`, and for the optimal
method a concave piecewise-linear `response` curve of expected impact against spend.
[`candidates_from`][channelvalue.building.candidates_from] makes them from a network in one array
pass.

Examples:
    >>> c = Candidate("r1", revenue=1e6, floor=1_000, cap=20_000,
    ...               response=[(0, 0), (10_000, 30_000), (20_000, 40_000)])
    >>> c.response[1], c.cap
    ((10000.0, 30000.0), 20000.0)
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from ..core.arrays import ROLES, TIERS, arrays
from ..errors import ValidationError
from ..mapping import ABC_CLASSES, PartnerSegmentation
from ..model import InvestmentKind, Role, Tier
from ..model._fields import (
    BadValue,
    name_fields,
    to_growth,
    to_id,
    to_investment_kind,
    to_nonneg,
    to_optional_id,
    to_optional_nonneg,
    to_roles,
)

if TYPE_CHECKING:
    from ..core.network import ChannelNetwork

__all__ = ["MAX_AMOUNT", "Candidate", "candidates_from"]

MAX_AMOUNT = 1e250
"""The largest amount of money allocation accepts: a budget, a kind limit, a response
curve's spend and impact. Far beyond any real amount, it leaves room for the 1e12-fold
ratios and the sums over candidates inside the solvers, so no result overflows to
`inf` or `nan`.

Examples:
    >>> MAX_AMOUNT
    1e+250
"""

_RESPONSE = (
    "concave breakpoints [(spend, impact), ...]: spend starting at 0 and strictly rising, "
    f"impact never falling, slopes never rising, spend and impact at most {MAX_AMOUNT:g}"
)


def _to_optional_tier(value: Tier | str | None) -> Tier | None:
    """`None`, a [`Tier`][channelvalue.Tier] or its value."""
    if value is None or type(value) is Tier:
        return value
    try:
        return Tier(value)
    except (ValueError, TypeError):
        raise BadValue(value, "None or one of " + ", ".join(repr(t.value) for t in Tier)) from None


def _point(point: Any) -> tuple[float, float]:
    if type(point) is tuple and len(point) == 2 and type(point[0]) is float is type(point[1]):
        pair: tuple[float, float] = point
    elif (
        isinstance(point, tuple | list)
        and len(point) == 2
        and not any(isinstance(v, bool | str | bytes) for v in point)
    ):
        pair = (float(point[0]), float(point[1]))  # OverflowError: a huge integer
    else:
        raise ValueError(point)
    if not (abs(pair[0]) <= MAX_AMOUNT and abs(pair[1]) <= MAX_AMOUNT):  # NaN fails too
        raise ValueError(point)
    return pair


def _to_response(value: Iterable[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    """Concave piecewise-linear breakpoints `(spend, impact)`, or empty for no curve."""
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise BadValue(value, _RESPONSE)
    try:
        points = tuple(map(_point, value))
    except (TypeError, ValueError, OverflowError):
        raise BadValue(value, _RESPONSE) from None
    if not points:
        return ()
    if points[0][0] != 0.0:
        raise BadValue(value, _RESPONSE)
    slopes = []
    for (s0, v0), (s1, v1) in itertools.pairwise(points):
        if s1 <= s0 or v1 < v0:
            raise BadValue(value, _RESPONSE)
        slope = (v1 - v0) / (s1 - s0)
        if not math.isfinite(slope):  # a rise over a tiny run: the solvers would see inf
            raise BadValue(value, _RESPONSE + " (a slope overflows: widen the piece)")
        slopes.append(slope)
    if slopes:
        # rounding may make a flat or straight stretch rise by a hair: allow 1e-9 of the
        # curve's steepest or average slope
        tol = 1e-9 * max(slopes[0], (points[-1][1] - points[0][1]) / points[-1][0])
        if any(b > a + tol for a, b in itertools.pairwise(slopes)):
            raise BadValue(value, _RESPONSE)
    return points


@attrs.frozen(slots=True, field_transformer=name_fields)
class Candidate:
    """One possible recipient of an investment, with what the methods need to know.

    Attributes:
        recipient: the organization (or lever) id; one candidate per recipient.
        kind: the [`InvestmentKind`][channelvalue.InvestmentKind] it would receive.
        revenue, volume, potential: bases for proportional shares (>= 0).
        velocity: growth rate (>= -1); as a basis, negative growth counts as 0.
        tier: program tier, for `method="tiered", by="tier"`.
        abc: ABC class (e.g. `"A"`), for `method="tiered", by="abc"`.
        floor: the least it must receive (>= 0).
        cap: the most it may receive (>= floor), or `None` for no cap.
        response: expected impact as a concave piecewise-linear curve of spend, given as
            breakpoints `[(0, v0), (s1, v1), ...]` (spend rising from 0, slopes never
            rising); flat after the last point. Empty: no impact (`optimal` spends only
            the floor).

    Examples:
        >>> Candidate("r1", revenue=2e6, tier="gold", cap=5_000).tier.value
        'gold'
        >>> Candidate("r1", floor=10, cap=5)
        Traceback (most recent call last):
        ...
        channelvalue.errors.ValidationError: Candidate.cap: got 5.0 but expected a number >= ...
    """

    recipient: str = attrs.field(converter=to_id)
    kind: InvestmentKind = attrs.field(
        default=InvestmentKind.MDF, converter=to_investment_kind, kw_only=True
    )
    revenue: float = attrs.field(default=0.0, converter=to_nonneg, kw_only=True)
    volume: float = attrs.field(default=0.0, converter=to_nonneg, kw_only=True)
    velocity: float = attrs.field(default=0.0, converter=to_growth, kw_only=True)
    potential: float = attrs.field(default=0.0, converter=to_nonneg, kw_only=True)
    tier: Tier | None = attrs.field(default=None, converter=_to_optional_tier, kw_only=True)
    abc: str | None = attrs.field(default=None, converter=to_optional_id, kw_only=True)
    floor: float = attrs.field(default=0.0, converter=to_nonneg, kw_only=True)
    cap: float | None = attrs.field(default=None, converter=to_optional_nonneg, kw_only=True)
    response: tuple[tuple[float, float], ...] = attrs.field(
        default=(), converter=_to_response, kw_only=True
    )

    def __attrs_post_init__(self) -> None:
        if self.cap is not None and self.cap < self.floor:
            raise ValidationError(
                "Candidate", "cap", self.cap, f"a number >= floor ({self.floor:g}) or None"
            )


def _float(value: Any) -> float:
    """`value` as a float; NaN for a non-number or an integer too large for a float."""
    ok = not isinstance(value, bool | str) and isinstance(value, int | float | np.number)
    try:
        return float(value) if ok else math.nan
    except OverflowError:
        return math.nan


def _option(value: Any, field: str, *, positive: bool = False) -> float:
    x = _float(value)
    if not math.isfinite(x) or x < 0 or (positive and x == 0):
        raise ValidationError(
            "candidates_from", field, value, f"a finite number {'>' if positive else '>='} 0"
        )
    return x


def _steps(steps: Any) -> list[float]:
    expected = "a non-empty list of numbers >= 0, never rising (diminishing returns)"
    if isinstance(steps, str | bytes | Mapping) or not isinstance(steps, Iterable):
        raise ValidationError("candidates_from", "steps", steps, expected)
    out = list(steps)
    if not out or any(isinstance(v, bool | str) or not isinstance(v, int | float) for v in out):
        raise ValidationError("candidates_from", "steps", steps, expected)
    vals = [_float(v) for v in out]
    if not all(math.isfinite(v) and v >= 0 for v in vals) or any(
        b > a for a, b in itertools.pairwise(vals)
    ):
        raise ValidationError("candidates_from", "steps", steps, expected)
    return vals


def candidates_from(
    net: ChannelNetwork,
    *,
    roles: Iterable[Role | str] | None = None,
    kind: InvestmentKind | str = InvestmentKind.MDF,
    floor: float = 0.0,
    cap: float | None = None,
    steps: Iterable[float] = (1.0, 0.5, 0.25),
    step_share: float = 0.02,
    abc: PartnerSegmentation | Mapping[str, str] | None = None,
) -> tuple[Candidate, ...]:
    """One [`Candidate`][channelvalue.building.Candidate] per organization of `net` (the steward
    excluded), by id.

    Figures come from the organizations' columns (`channelvalue.core.arrays.arrays`);
    `potential` is the size of the segments a member serves, each segment's size split
    evenly among the members that serve it. The default response curve has one piece per
    entry of `steps`, each `step_share * revenue` wide with slope
    `step * (1 + velocity)`: diminishing returns, stronger for faster-growing members
    (impact in revenue units per unit spent). Members without revenue get no curve.

    Args:
        net: the network.
        roles: only organizations with these roles (default: every role).
        kind: the investment kind every candidate would receive.
        floor: the floor of every candidate.
        cap: the cap of every candidate (`None`: no cap).
        steps: slopes of the response pieces, never rising.
        step_share: the width of each piece as a share of the member's revenue (> 0).
        abc: ABC classes (for `method="tiered", by="abc"`): mapping's
            [`segment_partners`][channelvalue.mapping.segment_partners] result, or a mapping of
            organization id -> class; ids not listed get `None`.

    Examples:
        >>> import channelvalue as cv
        >>> cands = candidates_from(cv.datasets.example(), roles=["distributor"])
        >>> [c.recipient for c in cands], len(cands[0].response)
        (['dist-north', 'dist-south'], 4)
        >>> from channelvalue.mapping import segment_partners
        >>> net = cv.datasets.example()
        >>> [c.abc for c in candidates_from(net, roles=["distributor"], abc=segment_partners(net))]
        ['A', 'A']
    """
    try:
        kind = to_investment_kind(kind)
    except ValidationError as err:
        raise ValidationError("candidates_from", "kind", kind, err.expected) from None
    low = _option(floor, "floor")
    high = None if cap is None else _option(cap, "cap")
    if high is not None and high < low:
        raise ValidationError("candidates_from", "cap", cap, f"a number >= floor ({low:g}) or None")
    slopes = _steps(steps)
    width_share = _option(step_share, "step_share", positive=True)
    try:
        wanted = None if roles is None else to_roles(roles)
    except ValidationError as err:
        raise ValidationError("candidates_from", "roles", roles, err.expected) from None
    if isinstance(abc, PartnerSegmentation):
        classes = np.array(ABC_CLASSES, dtype=object)[abc.abc].tolist()
        abc = dict(zip(abc.ids, classes, strict=True))
    if abc is not None and not isinstance(abc, Mapping):
        raise ValidationError(
            "candidates_from",
            "abc",
            abc,
            "a PartnerSegmentation or a mapping of organization id -> class",
        )
    a = arrays(net)
    keep = np.ones(a.n_orgs, dtype=bool)
    if wanted is not None:
        keep &= np.isin(a.role, [ROLES.index(r) for r in wanted])
    steward = a.org_index.get(net.steward_id or "")
    if steward is not None:
        keep[steward] = False
    serves = a.links["serves"]
    partners = np.bincount(serves.dst, minlength=a.n_segs)
    share = a.seg_size[serves.dst] / np.maximum(partners[serves.dst], 1)
    potential = np.bincount(serves.src, weights=share, minlength=a.n_orgs)
    rows = np.flatnonzero(keep)
    with np.errstate(over="ignore", invalid="ignore"):
        width = width_share * a.revenue[rows]
        spend = width[:, None] * np.arange(len(slopes) + 1)
        gain = np.concatenate(([0.0], np.cumsum(slopes)))
        value = (width * (1.0 + a.velocity[rows]))[:, None] * gain
    bad = ~((np.abs(spend) <= MAX_AMOUNT).all(axis=1) & (np.abs(value) <= MAX_AMOUNT).all(axis=1))
    if bad.any():
        i = int(np.argmax(bad))
        raise ValidationError(
            "candidates_from",
            "step_share",
            step_share,
            f"a share that keeps every response curve within {MAX_AMOUNT:g} (organization "
            f"{a.org_ids[rows[i]]!r}: revenue {a.revenue[rows[i]]:g} x step_share x "
            "(1 + velocity) x sum(steps) overflows)",
        )
    has_curve = (width > 0).tolist()
    cols = zip(
        rows.tolist(),
        a.revenue[rows].tolist(),
        a.volume[rows].tolist(),
        a.velocity[rows].tolist(),
        potential[rows].tolist(),
        a.tier[rows].tolist(),
        strict=True,
    )
    out = []
    for k, (i, revenue, volume, velocity, pot, tier) in enumerate(cols):
        ident = a.org_ids[i]
        curve = zip(spend[k].tolist(), value[k].tolist(), strict=True) if has_curve[k] else ()
        out.append(
            Candidate(
                ident,
                kind=kind,
                revenue=revenue,
                volume=volume,
                velocity=velocity,
                potential=pot,
                tier=TIERS[tier],
                abc=None if abc is None else abc.get(ident),
                floor=low,
                cap=high,
                response=curve,
            )
        )
    return tuple(out)
