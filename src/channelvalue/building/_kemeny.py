"""Kemeny rankings from a pairwise preference matrix: exact (subset DP) and a local search.

The Kemeny score of a ranking is the number of (ballot, pair) agreements: the sum of
`P[a, b]` over every pair with `a` placed above `b`. The exact solver runs a dynamic
programme over subsets (`2**n * n` states), so it is meant for short lists.

Examples:
    >>> import numpy as np
    >>> P = np.array([[0, 2, 2], [1, 0, 3], [1, 0, 0]])
    >>> kemeny_exact(P, np.array([0, 1, 2])), kemeny_local(P, np.array([2, 1, 0]))
    ((0, 1, 2), (0, 1, 2))
"""

from __future__ import annotations

import numpy as np

from ..core.arrays import IntArray

__all__ = ["KEMENY_MAX", "kemeny_exact", "kemeny_local", "kemeny_score"]

KEMENY_MAX = 16
"""The largest list the exact solver accepts (its tables grow as `2**n`)."""


def kemeny_score(pairwise: IntArray, ranking: IntArray) -> int:
    """The agreements of `ranking` (item indices, best first) with the ballots.

    Examples:
        >>> import numpy as np
        >>> kemeny_score(np.array([[0, 2], [1, 0]]), np.array([1, 0]))
        1
    """
    ordered = pairwise[np.ix_(ranking, ranking)]
    return int(np.triu(ordered, 1).sum())


def kemeny_exact(pairwise: IntArray, order: IntArray) -> tuple[int, ...]:
    """An optimal Kemeny ranking; among several, the first in `order` lexicographically.

    `order` lists the item indices in tie-break order (best first): the ranking returned
    is, of all optimal ones, the one whose first item comes earliest in `order`, then
    whose second item does, and so on.
    """
    n = len(order)
    if n == 0:
        return ()
    q = pairwise[np.ix_(order, order)].astype(np.int64)
    size = 1 << n
    full = size - 1
    # col[S, j]: agreements gained by placing j directly below the set S
    col = np.zeros((size, n), dtype=np.int64)
    for bit in range(n):
        col[1 << bit : 2 << bit] = col[: 1 << bit] + q[bit]
    states = np.arange(size, dtype=np.int64)
    count = np.zeros(size, dtype=np.int64)
    for bit in range(n):
        count += (states >> bit) & 1
    # best[S]: the most agreements from ranking the items outside S below S
    best = np.full(size, -1, dtype=np.int64)
    best[full] = 0
    for k in range(n - 1, -1, -1):
        layer = states[count == k]
        top = np.full(len(layer), -1, dtype=np.int64)
        for j in range(n):
            free = ((layer >> j) & 1) == 0
            gain = np.where(free, col[layer, j] + best[layer | (1 << j)], -1)
            np.maximum(top, gain, out=top)
        best[layer] = top
    chosen: list[int] = []
    placed = 0
    for _ in range(n):
        for j in range(n):
            nxt = placed | (1 << j)
            if nxt != placed and col[placed, j] + best[nxt] == best[placed]:
                chosen.append(int(order[j]))
                placed = nxt
                break
    return tuple(chosen)


def kemeny_local(pairwise: IntArray, start: IntArray) -> tuple[int, ...]:
    """A locally optimal Kemeny ranking by single-item moves, starting from `start`.

    Each pass takes the items in their current order and moves each to the place that
    gains the most agreements (the highest such place on a tie) when that is a strict
    gain; passes repeat until none gains. The score rises with every move, so it stops;
    the result is a local optimum, not always the Kemeny optimum.
    """
    rank = [int(i) for i in start]
    improved = True
    while improved:
        improved = False
        for x in list(rank):
            cur = rank.index(x)
            rest = np.array(rank[:cur] + rank[cur + 1 :], dtype=np.int64)
            above = np.concatenate(([0], np.cumsum(pairwise[rest, x])))
            below = np.concatenate((np.cumsum(pairwise[x, rest][::-1])[::-1], [0]))
            gain = above + below
            k = int(np.argmax(gain))
            if gain[k] > gain[cur]:
                listed = rest.tolist()
                rank = [*listed[:k], x, *listed[k:]]
                improved = True
    return tuple(rank)
