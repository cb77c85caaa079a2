"""Schulze groups against an independent implementation of the textbook definition.

Schulze (2011): ``d[x][y]`` counts the ballots that rank ``x`` strictly above ``y``; the
strength of a path is its weakest link, a link ``x -> y`` existing when
``d[x][y] > d[y][x]`` with strength ``d[x][y]`` (winning votes); ``p[x][y]`` is the
strength of the strongest path (Floyd-Warshall, widest-path variant). The winners are
``{x : p[x][y] >= p[y][x] for every y}``; a full ranking repeats that on the rest.
"""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

import channelvalue as cv

Ballot = list[str | frozenset[str]]


def rank_of(ballot: Ballot, items: list[str]) -> dict[str, int]:
    """Position of every item on the ballot (unnamed items tie below all named ones)."""
    rank: dict[str, int] = {}
    for place, entry in enumerate(ballot):
        for item in [entry] if isinstance(entry, str) else sorted(entry):
            rank[item] = place
    return {x: rank.get(x, len(ballot)) for x in items}


def textbook_schulze(ballots: list[Ballot], items: list[str]) -> list[set[str]]:
    """The Schulze ranking as groups, best first, straight from the definition."""
    ranks = [rank_of(b, items) for b in ballots]
    d = {(x, y): sum(r[x] < r[y] for r in ranks) for x in items for y in items if x != y}
    p = {}
    for x, y in d:
        p[x, y] = d[x, y] if d[x, y] > d[y, x] else 0
    for i in items:
        for j in items:
            if j == i:
                continue
            for k in items:
                if k not in (i, j):
                    p[j, k] = max(p[j, k], min(p[j, i], p[i, k]))
    groups: list[set[str]] = []
    left = list(items)
    while left:
        winners = {x for x in left if all(p[x, y] >= p[y, x] for y in left if y != x)}
        assert winners, "the Schulze relation always has a winner"
        groups.append(winners)
        left = [x for x in left if x not in winners]
    return groups


def test_abc_bca() -> None:
    r = cv.building.consensus([["a", "b", "c"], ["b", "c", "a"]], method="schulze")
    # a-b and a-c are 1:1 draws, b beats c 2:0: winners {a, b}, then c
    assert [set(g) for g in r.groups] == [{"a", "b"}, {"c"}]
    assert r.groups[0] == ("b", "a")  # inside a group: Borda (b 3, a 2), then id
    assert dict(r.scores) == {"a": 1.0, "b": 1.0, "c": 0.0}
    assert textbook_schulze([["a", "b", "c"], ["b", "c", "a"]], ["a", "b", "c"]) == [
        {"a", "b"},
        {"c"},
    ]


def test_condorcet_cycle_is_one_group() -> None:
    ballots: list[Ballot] = [["a", "b", "c"], ["b", "c", "a"], ["c", "a", "b"]]
    r = cv.building.consensus(ballots, method="schulze")
    assert r.groups == (("a", "b", "c"),)
    assert set(r.scores.values()) == {0.0}


def test_winner_beaten_by_nobody_but_beating_few() -> None:
    """a beats nobody yet is unbeaten; b beats c and d: a still shares the top."""
    ballots: list[Ballot] = [["a", "b", "c", "d"], ["b", "c", "d", "a"]]
    r = cv.building.consensus(ballots, method="schulze")
    assert [set(g) for g in r.groups] == [{"a", "b"}, {"c"}, {"d"}]
    assert dict(r.scores) == {"a": 2.0, "b": 2.0, "c": 1.0, "d": 0.0}


def test_strict_weak_order_scores_count_the_items_beaten() -> None:
    ballots: list[Ballot] = [["a", "b", "c", "d"]] * 3 + [["d", "c", "b", "a"]] * 2
    r = cv.building.consensus(ballots, method="schulze")
    assert r.ranking == ("a", "b", "c", "d")
    assert dict(r.scores) == {"a": 3.0, "b": 2.0, "c": 1.0, "d": 0.0}


ITEMS = "abcdef"


@st.composite
def profiles(draw: st.DrawFn, ties: bool) -> tuple[list[Ballot], list[str]]:
    n = draw(st.integers(3, 6))
    items = list(ITEMS[:n])
    ballots: list[Ballot] = []
    for _ in range(draw(st.integers(1, 9))):
        order = draw(st.permutations(items))
        named = draw(st.integers(1, n)) if ties else n
        cuts = draw(st.lists(st.booleans(), min_size=named, max_size=named)) if ties else []
        ballot: Ballot = []
        group: list[str] = []
        for k, item in enumerate(order[:named]):
            group.append(item)
            if not ties or k == named - 1 or cuts[k]:
                ballot.append(group[0] if len(group) == 1 else frozenset(group))
                group = []
        ballots.append(ballot)
    return ballots, items


def check(ballots: list[Ballot], items: list[str]) -> None:
    r = cv.building.consensus(ballots, method="schulze", items=items)
    expected = textbook_schulze(ballots, items)
    assert [set(g) for g in r.groups] == expected
    below = itertools.accumulate(len(g) for g in reversed(expected))
    want = {x: float(n - len(g)) for g, n in zip(reversed(expected), below, strict=True) for x in g}
    assert dict(r.scores) == want


@settings(max_examples=300, deadline=None)
@given(profiles(ties=False))
def test_random_strict_profiles(profile: tuple[list[Ballot], list[str]]) -> None:
    check(*profile)


@settings(max_examples=300, deadline=None)
@given(profiles(ties=True))
def test_random_profiles_with_ties_and_partial_ballots(
    profile: tuple[list[Ballot], list[str]],
) -> None:
    check(*profile)
