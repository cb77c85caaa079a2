"""Investment allocation: share a budget (MDF, co-op, training, ...) among candidates.

Three methods, each honouring every candidate's `floor` and `cap`:

- `proportional`: spend in proportion to a `basis` (revenue, volume, velocity or
  potential): `amount = clip(t * basis, floor, cap)` with `t` set so the budget is
  spent; negative velocity counts as 0; if every basis value is 0 they count as equal.
- `tiered`: fixed `shares` of the budget per class (`by="tier"`: program tiers,
  `by="abc"`: ABC classes); within a class, proportional to `basis`.
- `optimal`: maximise expected impact, each candidate's `response` being a concave
  piecewise-linear curve of spend, under the budget, the floors and caps, and
  `kind_limits` (most spend per [`InvestmentKind`][channelvalue.InvestmentKind]). It is a linear
  programme with one variable per linear piece (sparse rows, HiGHS). Spending stops where
  no curve rises any more, so part of the budget may stay unallocated.

Floors that add up to more than the budget (or a kind's limit) are infeasible: a
[`ValidationError`][channelvalue.ValidationError] names the constraint and the floors.
Results do not depend on the order of the candidates (they are sorted by recipient).

Examples:
    >>> from channelvalue.building import Candidate
    >>> cands = [Candidate("a", response=[(0, 0), (40, 80), (100, 110)]),
    ...          Candidate("b", response=[(0, 0), (30, 45), (60, 52.5)]),
    ...          Candidate("c", floor=10, cap=20, response=[(0, 0), (50, 50)])]
    >>> result = allocate(100, cands, method="optimal")
    >>> dict(result.amounts), result.objective, result.binding
    ({'a': 50.0, 'b': 30.0, 'c': 20.0}, 150.0, ('budget', 'cap:c'))
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, get_args

import attrs
import numpy as np

from .._html import frame_html
from .._optional import require_pandas
from ..core.arrays import FloatArray
from ..errors import DuplicateIdError, ValidationError, WrongTypeError
from ..model import Investment, InvestmentKind
from ..model._frozen import FrozenMap
from ._format import num
from ._solvers import Segments, impact, optimal, waterfill
from .candidates import MAX_AMOUNT, Candidate

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "BASES",
    "METHODS",
    "Allocation",
    "AllocationBasis",
    "AllocationGrouping",
    "AllocationMethod",
    "allocate",
]

AllocationMethod: TypeAlias = Literal["proportional", "tiered", "optimal"]
"""The `method` of [`allocate`][channelvalue.building.allocate]."""
AllocationBasis: TypeAlias = Literal["revenue", "volume", "velocity", "potential"]
"""The `basis` of [`allocate`][channelvalue.building.allocate]: what a proportional or tiered
allocation follows."""
AllocationGrouping: TypeAlias = Literal["tier", "abc"]
"""The `by` of a tiered [`allocate`][channelvalue.building.allocate]: classes by tier or by ABC
class."""

METHODS: tuple[AllocationMethod, ...] = get_args(AllocationMethod)
"""The allocation methods [`allocate`][channelvalue.building.allocate] knows."""
BASES: tuple[AllocationBasis, ...] = get_args(AllocationBasis)
"""The bases a proportional or tiered allocation can follow."""
_GROUPINGS: tuple[AllocationGrouping, ...] = get_args(AllocationGrouping)


@attrs.frozen(eq=False, repr=False)
class Allocation:
    """The result of [`allocate`][channelvalue.building.allocate]: investments, totals, objective,
    binding constraints.

    Attributes:
        method: the method used.
        budget: the budget shared.
        investments: one [`Investment`][channelvalue.Investment] per candidate that receives a
            positive amount, ids `"<id_prefix>-<recipient>"`, sorted by id; ready for
            `net.add_all(allocation.investments)`.
        amounts: amount per candidate recipient (zero included).
        impacts: expected impact per recipient, from its response curve (0 without one).
        total: the amount allocated.
        by_kind: the amount allocated per investment kind.
        objective: total expected impact (the sum of `impacts`).
        binding: the constraints that hold with equality: `"budget"`, `"kind:<kind>"`,
            `"cap:<recipient>"` and `"floor:<recipient>"` (floors > 0 only).

    Examples:
        >>> a = allocate(90, [Candidate("x", revenue=1), Candidate("y", revenue=2)])
        >>> a
        <Allocation proportional: 90 of 90 to 2 recipients, objective 0, 1 binding>
        >>> a.unallocated, [i.amount for i in a.investments]
        (0.0, [30.0, 60.0])
    """

    method: str
    budget: float
    investments: tuple[Investment, ...]
    amounts: FrozenMap[str, float]
    impacts: FrozenMap[str, float]
    total: float
    by_kind: FrozenMap[str, float]
    objective: float
    binding: tuple[str, ...]

    @property
    def unallocated(self) -> float:
        """The part of the budget left unspent.

        Examples:
            >>> allocate(10, [Candidate("x", revenue=1, cap=4)]).unallocated
            6.0
        """
        return max(0.0, self.budget - self.total)

    def _repr_html_(self) -> str:
        """Its `repr` and the first rows of `to_frame()`, escaped (bounded in size)."""
        return frame_html(self)

    def to_frame(self) -> pd.DataFrame:
        """One row per candidate: recipient, amount, share of the budget, impact.

        Examples:
            >>> allocate(10, [Candidate("x", revenue=1)]).to_frame().loc[0, "amount"]
            np.float64(10.0)
        """
        pandas = require_pandas("Allocation.to_frame()")
        ids = list(self.amounts)
        amount = np.fromiter(self.amounts.values(), dtype=np.float64, count=len(ids))
        frame: pd.DataFrame = pandas.DataFrame(
            {
                "recipient": ids,
                "amount": amount,
                "share": amount / self.budget if self.budget > 0 else np.zeros(len(ids)),
                "impact": [self.impacts[i] for i in ids],
            }
        )
        return frame

    def __repr__(self) -> str:
        return (
            f"<Allocation {self.method}: {self.total:,.0f} of {self.budget:,.0f} to "
            f"{len(self.investments)} recipients, objective {num(self.objective)}, "
            f"{len(self.binding)} binding>"
        )


def _columns(cands: list[Candidate], name: str) -> FloatArray:
    return np.fromiter((getattr(c, name) for c in cands), dtype=np.float64, count=len(cands))


def _basis(cands: list[Candidate], basis: str) -> FloatArray:
    values = _columns(cands, basis)
    return np.maximum(values, 0.0) if basis == "velocity" else values


def _check_floors(budget: float, floor: FloatArray, ids: list[str], field: str) -> None:
    need = float(floor.sum())
    if need > budget * (1 + 1e-12):
        top = np.argsort(-floor, kind="stable")[:3]
        named = ", ".join(f"{ids[i]}={floor[i]:g}" for i in top)
        raise ValidationError(
            "allocate", field, budget, f"at least the sum of the floors, {need:g} ({named}, ...)"
        )


def _read(candidates: Any) -> list[Candidate]:
    if isinstance(candidates, str | bytes | Mapping) or not isinstance(candidates, Iterable):
        raise WrongTypeError("allocate.candidates", candidates, "an iterable of Candidate")
    cands = list(candidates)
    if not cands:
        raise ValidationError("allocate", "candidates", cands, "at least one Candidate")
    for c in cands:
        if type(c) is not Candidate:
            raise WrongTypeError("allocate.candidates", c, "a Candidate")
    cands.sort(key=lambda c: c.recipient)
    for a, b in itertools.pairwise(cands):
        if a.recipient == b.recipient:
            raise DuplicateIdError(a.recipient, existing="Candidate (one per recipient)")
    return cands


def _number(value: Any, field: str, high: float = MAX_AMOUNT) -> float:
    ok = not isinstance(value, bool | str) and isinstance(value, int | float | np.number)
    try:
        x = float(value) if ok else math.nan
    except OverflowError:  # an integer too large for a float
        x = math.nan
    if not 0.0 <= x <= high:  # NaN fails too
        raise ValidationError("allocate", field, value, f"a finite number in [0, {high:g}]")
    return x


def _limits(kind_limits: Any) -> dict[InvestmentKind, float]:
    if kind_limits is None:
        return {}
    if not isinstance(kind_limits, Mapping):
        raise ValidationError("allocate", "kind_limits", kind_limits, "a mapping kind -> amount")
    out: dict[InvestmentKind, float] = {}
    for key, value in kind_limits.items():
        try:
            kind = InvestmentKind(key)
        except ValueError:
            valid = ", ".join(repr(k.value) for k in InvestmentKind)
            raise ValidationError("allocate", "kind_limits", key, f"kinds among {valid}") from None
        out[kind] = _number(value, f"kind_limits[{kind.value!r}]")
    return out


def _tiered(
    budget: float,
    cands: list[Candidate],
    weight: FloatArray,
    floor: FloatArray,
    cap: FloatArray,
    shares: Any,
    by: str,
) -> FloatArray:
    if by not in _GROUPINGS:
        raise ValidationError("allocate", "by", by, f"one of {', '.join(map(repr, _GROUPINGS))}")
    if not isinstance(shares, Mapping) or not shares:
        raise ValidationError("allocate", "shares", shares, "a mapping class -> share of budget")
    pots = {
        str(getattr(k, "value", k)): _number(v, f"shares[{k!r}]", 1.0) for k, v in shares.items()
    }
    if math.fsum(pots.values()) > 1 + 1e-9:
        raise ValidationError("allocate", "shares", shares, "shares summing to at most 1")
    label = [
        None if getattr(c, by) is None else str(getattr(getattr(c, by), "value", getattr(c, by)))
        for c in cands
    ]
    for c, lab in zip(cands, label, strict=True):
        if lab not in pots:
            raise ValidationError(
                "allocate",
                f"candidates[{c.recipient!r}].{by}",
                lab,
                f"a class among {sorted(pots)}",
            )
    labels = np.array(label, dtype=object)
    x = np.zeros(len(cands))
    ids = [c.recipient for c in cands]
    for lab, share in sorted(pots.items()):
        rows = np.flatnonzero(labels == lab)
        pot = budget * share
        _check_floors(pot, floor[rows], [ids[i] for i in rows], f"shares[{lab!r}]")
        x[rows] = waterfill(pot, weight[rows], floor[rows], cap[rows])
    return x


def _binding(
    budget: float,
    x: FloatArray,
    floor: FloatArray,
    cap: FloatArray,
    ids: list[str],
    by_kind: dict[str, float],
    limits: dict[InvestmentKind, float],
) -> tuple[str, ...]:
    tol = 1e-9 * max(1.0, budget)
    out = ["budget"] if float(x.sum()) >= budget - tol else []
    out += [
        f"kind:{k.value}"
        for k, lim in sorted(limits.items())
        if by_kind.get(k.value, 0.0) >= lim - tol
    ]
    out += [f"cap:{ids[i]}" for i in np.flatnonzero(np.isfinite(cap) & (x >= cap - tol))]
    out += [f"floor:{ids[i]}" for i in np.flatnonzero((floor > 0) & (x <= floor + tol))]
    return tuple(out)


def _segments(cands: list[Candidate]) -> Segments:
    n = len(cands)
    lengths = np.fromiter((len(c.response) for c in cands), dtype=np.int64, count=n)
    total = int(lengths.sum())
    spend = np.fromiter((p[0] for c in cands for p in c.response), dtype=np.float64, count=total)
    value = np.fromiter((p[1] for c in cands for p in c.response), dtype=np.float64, count=total)
    return Segments.from_points(lengths, spend, value)


def allocate(
    budget: float,
    candidates: Iterable[Candidate],
    *,
    method: AllocationMethod = "proportional",
    basis: AllocationBasis = "revenue",
    shares: Mapping[str, float] | None = None,
    by: AllocationGrouping = "tier",
    kind_limits: Mapping[InvestmentKind | str, float] | None = None,
    id_prefix: str = "alloc",
    period: str = "",
) -> Allocation:
    """Share `budget` among `candidates`; see the module docs for the three methods.

    Args:
        budget: the money (or effort in money terms) to share, in `[0, MAX_AMOUNT]`
            (`MAX_AMOUNT` is 1e250: larger budgets would overflow the solvers' arithmetic
            to `inf`).
        candidates: one [`Candidate`][channelvalue.building.Candidate] per recipient, in any order.
        method: `"proportional"`, `"tiered"` or `"optimal"`.
        basis: `"revenue"`, `"volume"`, `"velocity"` or `"potential"`
            (proportional and tiered).
        shares: for `tiered`: share of the budget per class (tier value or ABC class),
            summing to at most 1; every candidate's class must be listed.
        by: for `tiered`: `"tier"` or `"abc"`.
        kind_limits: for `optimal`: the most spend per investment kind (each in
            `[0, MAX_AMOUNT]`).
        id_prefix: investments get ids `"<id_prefix>-<recipient>"`.
        period: the period written on every investment (e.g. `"FY2026"`).

    Raises:
        ValidationError: a budget, share or kind limit out of range (negative, above
            `MAX_AMOUNT`, non-finite or too large for a float), an unknown method or basis,
            an option the method does not take, or floors that exceed the budget, a
            tier's share or a kind limit (infeasible).
        DuplicateIdError: two candidates for one recipient.
        WrongTypeError: something other than a [`Candidate`][channelvalue.building.Candidate] among
            the candidates.

    Examples:
        >>> cands = [Candidate("g1", tier="gold", revenue=100),
        ...          Candidate("g2", tier="gold", revenue=300),
        ...          Candidate("s1", tier="silver", revenue=50)]
        >>> a = allocate(1000, cands, method="tiered", shares={"gold": 0.6, "silver": 0.4})
        >>> dict(a.amounts)
        {'g1': 150.0, 'g2': 450.0, 's1': 400.0}
    """
    money = _number(budget, "budget")
    if method not in METHODS:
        raise ValidationError(
            "allocate", "method", method, f"one of {', '.join(map(repr, METHODS))}"
        )
    if basis not in BASES:
        raise ValidationError("allocate", "basis", basis, f"one of {', '.join(map(repr, BASES))}")
    if type(id_prefix) is not str or not id_prefix:
        raise ValidationError("allocate", "id_prefix", id_prefix, "a non-empty string")
    if type(period) is not str:
        raise ValidationError("allocate", "period", period, "a string")
    limits = _limits(kind_limits)
    if limits and method != "optimal":
        raise ValidationError(
            "allocate", "kind_limits", kind_limits, "None unless method='optimal'"
        )
    if shares is not None and method != "tiered":
        raise ValidationError("allocate", "shares", shares, "None unless method='tiered'")
    cands = _read(candidates)
    ids = [c.recipient for c in cands]
    n = len(cands)
    floor = _columns(cands, "floor")
    cap = np.fromiter((np.inf if c.cap is None else c.cap for c in cands), np.float64, count=n)
    kinds = list(InvestmentKind)
    code = np.fromiter((kinds.index(c.kind) for c in cands), dtype=np.int64, count=n)
    _check_floors(money, floor, ids, "budget")
    for kind, lim in limits.items():
        rows = np.flatnonzero(code == kinds.index(kind))
        _check_floors(lim, floor[rows], [ids[i] for i in rows], f"kind_limits[{kind.value!r}]")
    seg = _segments(cands)
    if method == "proportional":
        x = waterfill(money, _basis(cands, basis), floor, cap)
    elif method == "tiered":
        x = _tiered(money, cands, _basis(cands, basis), floor, cap, shares, by)
    else:
        coded = {kinds.index(k): lim for k, lim in limits.items()}
        x = optimal(money, floor, cap, code, coded, seg)
    # solver round-off: amounts below 1e-12 of the budget are dropped, unless they buy a
    # real gain (a steep, narrow first piece of a response curve)
    gains = impact(x, seg)
    noise = (floor == 0) & (x < 1e-12 * max(1.0, money))
    noise &= gains <= 1e-12 * float(gains.max(initial=0.0))
    if noise.any():
        x[noise] = 0.0
        gains = impact(x, seg)
    if not (np.isfinite(x).all() and np.isfinite(gains).all()):  # pragma: no cover - bounded
        raise ValidationError(
            "allocate", "candidates", len(cands), "figures whose allocation stays finite"
        )
    spent = np.bincount(code, weights=x, minlength=len(kinds))
    by_kind = {k.value: float(spent[j]) for j, k in enumerate(kinds) if (code == j).any()}
    amounts = x.tolist()
    investments = tuple(
        Investment(f"{id_prefix}-{r}", recipient=r, kind=c.kind, amount=v, period=period)
        for r, c, v in zip(ids, cands, amounts, strict=True)
        if v > 0
    )
    return Allocation(
        method=method,
        budget=money,
        investments=investments,
        amounts=FrozenMap(dict(zip(ids, amounts, strict=True))),
        impacts=FrozenMap(dict(zip(ids, gains.tolist(), strict=True))),
        total=float(x.sum()),
        by_kind=FrozenMap(by_kind),
        objective=float(gains.sum()),
        binding=_binding(money, x, floor, cap, ids, by_kind, limits),
    )
