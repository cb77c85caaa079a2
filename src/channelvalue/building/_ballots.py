"""Reading ballots into rank arrays: the input side of `channelvalue.building.consensus`.

A ballot is a sequence ranked best first; each element is one id, or a collection
(set, frozenset, tuple or list) of ids tied at that place. Items of the item list that
a ballot does not name are tied with each other *below* everything it ranks.

Examples:
    >>> b = read_ballots([["a", {"b", "c"}], ["c"]], items=None, kind="lever")
    >>> b.items, b.position.tolist()
    (('a', 'b', 'c'), [[0, 1, 1], [1, 1, 0]])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs
import numpy as np

from ..core.arrays import FloatArray, IntArray
from ..errors import UnknownIdError, ValidationError

__all__ = ["BallotArrays", "read_ballots"]

_WHERE = "consensus"
_ENTRY = "an id or a non-empty set/tuple/list of tied ids"


@attrs.frozen(eq=False)
class BallotArrays:
    """Ballots as arrays over the sorted item list.

    Attributes:
        items: the item ids, sorted; column `j` of every array is `items[j]`.
        position: `(ballots, items)` tie-group index, 0 = best; unranked items share
            the index just below the ballot's last group.
        midrank: `(ballots, items)` 1-based ranks, tied items sharing their mean rank.
        ties: per ballot, the sum of `t**3 - t` over its tie groups (for Kendall's W).
    """

    items: tuple[str, ...]
    position: IntArray
    midrank: FloatArray
    ties: FloatArray

    @property
    def n_ballots(self) -> int:
        """How many ballots were read."""
        return int(self.position.shape[0])


def _group(entry: Any, b: int, g: int) -> tuple[str, ...]:
    if type(entry) is str:
        if not entry:
            raise ValidationError(_WHERE, f"ballots[{b}][{g}]", entry, _ENTRY)
        return (entry,)
    if isinstance(entry, str | bytes | Mapping) or not isinstance(entry, Iterable):
        raise ValidationError(_WHERE, f"ballots[{b}][{g}]", entry, _ENTRY)
    ids = tuple(entry)
    if not ids or not all(type(x) is str and x for x in ids):
        raise ValidationError(_WHERE, f"ballots[{b}][{g}]", entry, _ENTRY)
    return ids


def _parse(ballot: Any, b: int) -> list[tuple[str, ...]]:
    expected = "a non-empty ranking, best first: a list of ids or sets of tied ids"
    if isinstance(ballot, str | bytes | Mapping) or not isinstance(ballot, Iterable):
        raise ValidationError(_WHERE, f"ballots[{b}]", ballot, expected)
    groups = [_group(entry, b, g) for g, entry in enumerate(ballot)]
    if not groups:
        raise ValidationError(_WHERE, f"ballots[{b}]", ballot, expected)
    seen: set[str] = set()
    for group in groups:
        for ident in group:
            if ident in seen:
                raise ValidationError(
                    _WHERE, f"ballots[{b}]", ballot, f"each id at most once ({ident!r} repeats)"
                )
            seen.add(ident)
    return groups


def _item_list(items: Iterable[str] | None, parsed: list[list[tuple[str, ...]]]) -> list[str]:
    if items is None:
        return sorted({i for groups in parsed for group in groups for i in group})
    expected = "an iterable of non-empty ids (or None for the ids on the ballots)"
    if isinstance(items, str | bytes) or not isinstance(items, Iterable):
        raise ValidationError(_WHERE, "items", items, expected)
    ids = list(items)
    if not ids or not all(type(x) is str and x for x in ids):
        raise ValidationError(_WHERE, "items", items, expected)
    return sorted(set(ids))


def read_ballots(ballots: Any, *, items: Iterable[str] | None, kind: str) -> BallotArrays:
    """Validate `ballots` and turn them into a `BallotArrays`.

    Raises:
        ValidationError: no ballots, an empty ballot, a malformed entry or a repeated id.
        UnknownIdError: a ballot names an id that is not among `items` (of `kind`).

    Examples:
        >>> read_ballots([], items=None, kind="lever")
        Traceback (most recent call last):
        ...
        channelvalue.errors.ValidationError: consensus.ballots: got [] but expected at least ...
    """
    expected = "at least one ballot (a list of rankings)"
    if isinstance(ballots, str | bytes | Mapping) or not isinstance(ballots, Iterable):
        raise ValidationError(_WHERE, "ballots", ballots, expected)
    raw = list(ballots)
    if not raw:
        raise ValidationError(_WHERE, "ballots", ballots, expected)
    parsed = [_parse(ballot, b) for b, ballot in enumerate(raw)]
    ids = _item_list(items, parsed)
    index = {ident: j for j, ident in enumerate(ids)}
    n, m = len(ids), len(parsed)
    position = np.empty((m, n), dtype=np.int64)
    midrank = np.empty((m, n), dtype=np.float64)
    ties = np.zeros(m, dtype=np.float64)
    for b, groups in enumerate(parsed):
        cols: list[int] = []
        pos: list[int] = []
        mid: list[float] = []
        start = 1
        for g, group in enumerate(groups):
            for ident in group:
                j = index.get(ident)
                if j is None:
                    raise UnknownIdError(
                        ident, kind=kind, where=f"consensus ballots[{b}]", hint="not in items"
                    )
                cols.append(j)
            t = len(group)
            pos.extend([g] * t)
            mid.extend([start + (t - 1) / 2.0] * t)
            ties[b] += t**3 - t
            start += t
        rest = n - len(cols)
        position[b, :] = len(groups)
        midrank[b, :] = start + (rest - 1) / 2.0
        ties[b] += rest**3 - rest
        position[b, cols] = pos
        midrank[b, cols] = mid
    return BallotArrays(tuple(ids), position, midrank, ties)
