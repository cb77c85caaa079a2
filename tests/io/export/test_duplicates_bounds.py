"""Similar names: numbers are exact tokens, and the letter-count bound never drops a match."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("rapidfuzz")

from channelvalue.io.export import duplicates as D
from channelvalue.io.export.duplicates import find_duplicates


def test_names_that_differ_in_a_number_are_not_similar() -> None:
    names = ["Store 12", "Store 13", "Delta Networks 7", "Delta Netwroks 7", "Store 12 Ltd"]
    groups = find_duplicates(["a", "b", "c", "d", "e"], names)
    assert [(g.kind, g.positions) for g in groups] == [
        ("same-name", (0, 4)),
        ("similar-name", (2, 3)),
    ]


def test_the_letter_bound_is_at_most_the_indel_distance_worked_example() -> None:
    from rapidfuzz.distance import Indel

    texts = ["abc", "abd", "aab", "zzzz"]
    size = np.array([len(t) for t in texts], dtype=np.int64)
    bits = D._letter_bits(texts, size)
    # "abc" vs "abd": c and d differ in one "at least one" bit each -> 2 = Indel("abc", "abd")
    assert int(np.bitwise_count(bits[0] ^ bits[1])) == 2 == Indel.distance("abc", "abd")
    # "abc" vs "aab": c missing (1), a twice (1) -> 2 = Indel distance 2
    assert int(np.bitwise_count(bits[0] ^ bits[2])) == 2 == Indel.distance("abc", "aab")
    for i, j in itertools.combinations(range(len(texts)), 2):
        assert int(np.bitwise_count(bits[i] ^ bits[j])) <= Indel.distance(texts[i], texts[j])


TEXT = st.text(alphabet="abcdeéß 12xyz", min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(TEXT, TEXT)
def test_the_letter_bound_never_exceeds_the_indel_distance(a: str, b: str) -> None:
    from rapidfuzz.distance import Indel

    size = np.array([len(a), len(b)], dtype=np.int64)
    bits = D._letter_bits([a, b], size)
    assert int(np.bitwise_count(bits[0] ^ bits[1])) <= Indel.distance(a, b)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="abcde ", min_size=1, max_size=8), min_size=2, max_size=9))
def test_small_inputs_find_every_similar_pair_a_brute_force_finds(names: list[str]) -> None:
    """Under the window sizes every pair is a candidate: the bounds must not lose any."""
    from rapidfuzz import fuzz

    unique = sorted({D.normalise_name(n) for n in names} - {""})
    left, right, _ = D._similar_pairs(unique, 80.0)
    found = set(zip(left.tolist(), right.tolist(), strict=True))
    for i, j in itertools.combinations(range(len(unique)), 2):
        if fuzz.token_sort_ratio(unique[i], unique[j]) >= 80.0:
            assert (i, j) in found


def test_components_in_python_match_scipy() -> None:
    pytest.importorskip("scipy")
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    rng = np.random.default_rng(0)
    for _ in range(50):
        m, e = int(rng.integers(1, 40)), int(rng.integers(0, 50))
        left, right = rng.integers(0, m, e), rng.integers(0, m, e)
        ours = D._components(m, left, right)
        graph = coo_matrix((np.ones(e), (left, right)), shape=(m, m))
        theirs = connected_components(graph, directed=False)[1]
        pairs = set(zip(ours.tolist(), theirs.tolist(), strict=True))
        assert len(pairs) == len(set(ours.tolist())) == len(set(theirs.tolist()))


def test_a_chain_is_one_component() -> None:
    left = np.arange(0, 9, dtype=np.int64)
    assert D._components(10, left, left + 1).tolist() == [0] * 10
    assert D._components(3, left[:0], left[:0]).tolist() == [0, 1, 2]
