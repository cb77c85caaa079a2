"""Consensus ranking of levers from the steward group's ballots.

**Ballots.** Each ballot ranks lever ids best first. An element is either one id or a
collection (set, frozenset, tuple or list) of ids tied at that place, so
`["stock", {"portal", "bundle"}, "kits"]` puts `stock` first, `portal` and
`bundle` joint second and `kits` last. Ballots may be partial: the items a ballot
does not name are tied with each other *below* everything it ranks. The items are
`items` when given (`items=net.levers` works), else the union of the ballots' ids.

**Methods.**

- `borda`: per ballot, an item scores 1 for every item below it and 1/2 for every
  other item tied with it (so a full strict ballot of `n` gives `n-1 .. 0`).
- `copeland`: 1 per pairwise majority win and 1/2 per pairwise draw.
- `schulze` (default): strongest paths over winning votes. The groups follow the
  Schulze relation (`x` beats `y` when the strongest path from `x` to `y` is
  stronger than the one back): the first group is the Schulze winner set (the items no
  item beats), the next the items no remaining item beats, and so on. The score is the
  number of items in the groups below.
- `kemeny`: the ranking that agrees with the most (ballot, pair) preferences, solved
  exactly for up to `kemeny_limit` items (default 10, at most 16). Above the limit
  it is an error unless `heuristic=True`: then a local search (single-item moves from
  the Borda ranking until no move gains) gives a locally optimal ranking. The score is
  the number of items ranked below the item.

**Ties** are broken the same way everywhere: equal scores go by Borda score (higher
first), then by id (alphabetical). For Kemeny, among optimal rankings the one that is
first in that order is returned.

**Agreement** is Kendall's W with the correction for ties (unranked items count as a
tie), from 0 (no agreement) to 1 (identical ballots). **Contested** items are those whose
rank varies most across ballots (standard deviation of their mid-ranks).

Examples:
    >>> r = consensus([["a", "b", "c"], ["a", "c", "b"], ["b", "a", "c"]])
    >>> r.ranking, round(r.agreement, 4), r.contested
    (('a', 'b', 'c'), 0.4444, ('b', 'a', 'c'))
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, get_args

import attrs
import numpy as np

from .._html import frame_html
from .._optional import require_pandas
from ..core.arrays import FloatArray, IntArray
from ..errors import ValidationError
from ..model._frozen import FrozenMap
from ._ballots import BallotArrays, read_ballots
from ._kemeny import KEMENY_MAX, kemeny_exact, kemeny_local

if TYPE_CHECKING:
    import pandas as pd

    from ..core.network import ChannelNetwork

__all__ = ["METHODS", "ConsensusMethod", "ConsensusResult", "consensus", "lever_consensus"]

ConsensusMethod: TypeAlias = Literal["borda", "copeland", "schulze", "kemeny"]
"""The `method` of `consensus` and [`lever_consensus`][channelvalue.building.lever_consensus]."""

METHODS: tuple[ConsensusMethod, ...] = get_args(ConsensusMethod)
"""The consensus methods `consensus` knows."""

_CHUNK = 10_000_000  # booleans per block when counting pairwise preferences


@attrs.frozen(eq=False, repr=False)
class ConsensusResult:
    """A consensus ranking with its scores, pairwise matrix and agreement.

    Attributes:
        method: the method used.
        items: every item, sorted by id: the row and column order of `pairwise`.
        ranking: the consensus ranking, best first (ties already broken).
        scores: the method's score per item (higher is better).
        pairwise: `pairwise[i, j]` = ballots that rank `items[i]` above `items[j]`.
        agreement: Kendall's W, corrected for ties, in [0, 1].
        spread: per item, the standard deviation of its rank across ballots.
        contested: the items with the largest spread (spread > 0), most contested first.
        n_ballots: how many ballots were counted.

    Examples:
        >>> r = consensus([["x", "y"], ["y", "x"]], method="borda")
        >>> r.groups, r.pairwise.tolist()
        ((('x', 'y'),), [[0, 1], [1, 0]])
    """

    method: str
    items: tuple[str, ...]
    ranking: tuple[str, ...]
    scores: FrozenMap[str, float]
    pairwise: IntArray
    agreement: float
    spread: FrozenMap[str, float]
    contested: tuple[str, ...]
    n_ballots: int

    @property
    def groups(self) -> tuple[tuple[str, ...], ...]:
        """The ranking cut into groups of equal score (before tie-breaks), best first.

        Examples:
            >>> consensus([["a", {"b", "c"}]], method="borda").groups
            (('a',), ('b', 'c'))
        """
        out: list[list[str]] = []
        last: float | None = None
        for item in self.ranking:
            score = self.scores[item]
            if last is None or score != last:
                out.append([])
            out[-1].append(item)
            last = score
        return tuple(tuple(g) for g in out)

    def _repr_html_(self) -> str:
        """Its `repr` and the first rows of `to_frame()`, escaped (bounded in size)."""
        return frame_html(self)

    def to_frame(self) -> pd.DataFrame:
        """One row per item in ranking order: rank, item, score, mean rank, spread.

        Examples:
            >>> consensus([["a", "b"]]).to_frame()["item"].tolist()
            ['a', 'b']
        """
        pandas = require_pandas("ConsensusResult.to_frame()")
        frame: pd.DataFrame = pandas.DataFrame(
            {
                "rank": range(1, len(self.ranking) + 1),
                "item": list(self.ranking),
                "score": [self.scores[i] for i in self.ranking],
                "spread": [self.spread[i] for i in self.ranking],
            }
        )
        return frame

    def pairwise_frame(self) -> pd.DataFrame:
        """The pairwise matrix as a frame, rows and columns in ranking order.

        Examples:
            >>> consensus([["a", "b"], ["a", "b"]]).pairwise_frame().loc["a", "b"]
            np.int64(2)
        """
        pandas = require_pandas("ConsensusResult.pairwise_frame()")
        pos = {item: k for k, item in enumerate(self.items)}
        idx = [pos[i] for i in self.ranking]
        data = self.pairwise[np.ix_(idx, idx)]
        frame: pd.DataFrame = pandas.DataFrame(
            data, index=list(self.ranking), columns=list(self.ranking)
        )
        return frame

    def __repr__(self) -> str:
        shown = " > ".join(self.ranking[:6]) + (" > ..." if len(self.ranking) > 6 else "")
        return (
            f"<ConsensusResult {self.method}: {len(self.items)} items, {self.n_ballots} "
            f"ballots, W={self.agreement:.3f}; {shown}>"
        )


def _pairwise(position: IntArray) -> IntArray:
    m, n = position.shape
    out = np.zeros((n, n), dtype=np.int64)
    step = max(1, _CHUNK // max(1, n * n))
    for lo in range(0, m, step):
        block = position[lo : lo + step]
        out += (block[:, :, None] < block[:, None, :]).sum(axis=0)
    return out


def _kendall_w(ballots: BallotArrays) -> float:
    m, n = ballots.midrank.shape
    if n < 2:
        return 1.0
    totals = ballots.midrank.sum(axis=0)
    s = float(((totals - m * (n + 1) / 2.0) ** 2).sum())
    denom = m * m * (n**3 - n) - m * float(ballots.ties.sum())
    if denom <= 0:  # every ballot ties every item: they are identical
        return 1.0
    return float(min(1.0, max(0.0, 12.0 * s / denom)))


def _borda(p: IntArray, m: int) -> FloatArray:
    ties = m - p - p.T
    np.fill_diagonal(ties, 0)
    out: FloatArray = (p + 0.5 * ties).sum(axis=1).astype(np.float64)
    return out


def _copeland(p: IntArray) -> FloatArray:
    win = (p > p.T).astype(np.float64)
    draw = (p == p.T).astype(np.float64)
    np.fill_diagonal(draw, 0.0)
    out: FloatArray = (win + 0.5 * draw).sum(axis=1)
    return out


def _schulze(p: IntArray) -> FloatArray:
    d = np.where(p > p.T, p, 0).astype(np.int64)
    for k in range(len(d)):
        np.maximum(d, np.minimum(d[:, k : k + 1], d[k : k + 1, :]), out=d)
    beats = d > d.T
    # the relation is a strict partial order: some remaining item is always unbeaten
    out: FloatArray = np.zeros(len(d), dtype=np.float64)
    left = np.ones(len(d), dtype=np.bool_)
    while left.any():
        top = left & ~beats[left].any(axis=0)
        left &= ~top
        out[top] = float(left.sum())
    return out


def _check_options(method: Any, kemeny_limit: Any, heuristic: Any, contested: Any) -> None:
    if method not in METHODS:
        valid = ", ".join(repr(m) for m in METHODS)
        raise ValidationError("consensus", "method", method, f"one of {valid}")
    if type(kemeny_limit) is not int or not 1 <= kemeny_limit <= KEMENY_MAX:
        raise ValidationError(
            "consensus", "kemeny_limit", kemeny_limit, f"an integer from 1 to {KEMENY_MAX}"
        )
    if type(heuristic) is not bool:
        raise ValidationError("consensus", "heuristic", heuristic, "True or False")
    if type(contested) is not int or contested < 0:
        raise ValidationError("consensus", "contested", contested, "an integer >= 0")


def consensus(
    ballots: Iterable[Iterable[str | Iterable[str]]],
    *,
    method: ConsensusMethod = "schulze",
    items: Iterable[str] | None = None,
    kemeny_limit: int = 10,
    heuristic: bool = False,
    contested: int = 3,
    kind: str = "lever",
) -> ConsensusResult:
    """Rank items (usually lever ids) from ballots; see the module docs for the rules.

    Args:
        ballots: rankings, best first; each element an id or a set/tuple/list of tied ids.
        method: `"borda"`, `"copeland"`, `"schulze"` or `"kemeny"`.
        items: the ids to rank (unknown ids on a ballot are an error); default: the
            union of the ids on the ballots.
        kemeny_limit: the most items the exact Kemeny solver takes (1..16).
        heuristic: allow the Kemeny local search above `kemeny_limit`.
        contested: how many contested items to report at most.
        kind: what the ids are, for error messages (`"lever"`).

    Raises:
        ValidationError: no ballots, an empty or malformed ballot, a repeated id, a bad
            option, or too many items for exact Kemeny.
        UnknownIdError: a ballot names an id that is not in `items`.

    Examples:
        >>> ballots = [["a", "b", "c"]] * 3 + [["b", "c", "a"]] * 2
        >>> consensus(ballots, method="borda").ranking, consensus(ballots).ranking
        (('b', 'a', 'c'), ('a', 'b', 'c'))
    """
    _check_options(method, kemeny_limit, heuristic, contested)
    data = read_ballots(ballots, items=items, kind=kind)
    n, m = len(data.items), data.n_ballots
    p = _pairwise(data.position)
    borda = _borda(p, m)
    ids = np.array(data.items, dtype=object)
    # tie-break order: Borda score, higher first, then id (items are sorted by id)
    order = np.lexsort((np.arange(n), -borda)).astype(np.int64)
    if method == "kemeny":
        if n > kemeny_limit and not heuristic:
            raise ValidationError(
                "consensus",
                "method",
                method,
                f"at most kemeny_limit={kemeny_limit} items for exact Kemeny (got {n}); "
                "pass heuristic=True for a local search, or use 'schulze'",
            )
        ranked = kemeny_exact(p, order) if n <= kemeny_limit else kemeny_local(p, order)
        idx = np.array(ranked, dtype=np.int64)
        scores = np.empty(n, dtype=np.float64)
        scores[idx] = np.arange(n - 1, -1, -1, dtype=np.float64)
    else:
        scores = {"borda": borda, "copeland": _copeland(p), "schulze": _schulze(p)}[method]
        idx = np.lexsort((np.arange(n), -borda, -scores)).astype(np.int64)
    # mid-ranks are multiples of 1/2, so these sums are exact whatever the ballot order
    total, square = data.midrank.sum(axis=0), (data.midrank**2).sum(axis=0)
    spread = np.sqrt(np.maximum(m * square - total * total, 0.0)) / m
    by_spread = np.lexsort((np.arange(n), -spread))
    top = [int(j) for j in by_spread[:contested] if spread[j] > 0]
    p.setflags(write=False)
    return ConsensusResult(
        method=method,
        items=data.items,
        ranking=tuple(ids[idx].tolist()),
        scores=FrozenMap(dict(zip(data.items, scores.tolist(), strict=True))),
        pairwise=p,
        agreement=_kendall_w(data),
        spread=FrozenMap(dict(zip(data.items, spread.tolist(), strict=True))),
        contested=tuple(data.items[j] for j in top),
        n_ballots=m,
    )


def lever_consensus(
    net: ChannelNetwork,
    ballots: Iterable[Iterable[str | Iterable[str]]],
    *,
    method: ConsensusMethod = "schulze",
    kemeny_limit: int = 10,
    heuristic: bool = False,
    contested: int = 3,
) -> ConsensusResult:
    """`consensus` over the network's levers: every lever is ranked, ids checked.

    Levers that no ballot names tie at the bottom of every ballot.

    Raises:
        ValidationError: the network has no levers (or any error of `consensus`).
        UnknownIdError: a ballot names an id that is not a lever of `net`.

    Examples:
        >>> import channelvalue as cv
        >>> net = cv.datasets.example()
        >>> r = lever_consensus(net, [["lever-regional-stock", "lever-portal-deals"]])
        >>> r.ranking[:2], len(r.ranking)
        (('lever-regional-stock', 'lever-portal-deals'), 4)
    """
    if not net.levers:
        raise ValidationError(
            "lever_consensus", "net.levers", [], "a network with at least one Lever"
        )
    return consensus(
        ballots,
        method=method,
        items=net.levers,
        kemeny_limit=kemeny_limit,
        heuristic=heuristic,
        contested=contested,
    )
