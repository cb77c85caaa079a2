"""channelvalue.metrics: the shared measures, with numbers worked by hand."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue import metrics
from channelvalue.metrics import concentration, gini, hhi, lorenz_points, mean_ranks, top_share

amounts = st.lists(st.floats(0, 1e6, allow_subnormal=False), min_size=1, max_size=40)


def test_gini_by_hand() -> None:
    # population formula, x ascending, i = 1..n: 2 * sum(i * x_i) / (n * sum x) - (n + 1) / n
    assert gini([0, 0, 0, 1]) == 0.75  # 2 * 4 / 4 - 5 / 4 = (n - 1) / n
    assert gini([1, 3]) == 0.25  # 2 * (1 + 6) / (2 * 4) - 3 / 2
    assert gini([10, 20, 30, 40]) == 0.25  # 2 * 300 / 400 - 5 / 4
    assert gini([5, 5, 5]) == 0.0
    assert gini([]) == 0.0
    assert gini([0.0, 0.0]) == 0.0


def test_concentration_by_hand() -> None:
    # resources 50, 0, 30, 20 ordered by revenue 1, 2, 3, 4 -> 50, 0, 30, 20
    # 2 * (50 + 0 + 90 + 80) / (4 * 100) - 5 / 4 = 1.1 - 1.25
    assert concentration([50, 0, 30, 20], [1, 2, 3, 4]) == -0.15
    assert concentration([1, 2, 3], [3, 2, 1]) == -gini([1, 2, 3])
    # ties in rank_by keep the order of position
    assert concentration([1, 0], [0, 0]) == -0.5


def test_top_share_by_hand() -> None:
    assert top_share([1, 5, 3, 1], 1) == 0.5
    assert top_share([1, 5, 3, 1], 2) == 0.8
    assert top_share([1, 5, 3, 1], 10) == 1.0
    assert top_share([], 3) == 0.0


def test_hhi_of_shares_and_of_amounts() -> None:
    assert hhi([0.5, 0.3, 0.2]) == pytest.approx(0.25 + 0.09 + 0.04)
    assert hhi([50, 30, 20]) == pytest.approx(0.38)
    assert hhi([1]) == 1.0
    assert hhi([2, 2, 2, 2, 2]) == pytest.approx(0.2)
    assert hhi([]) == 0.0


def test_lorenz_points_by_hand() -> None:
    x, y = lorenz_points([2, 0, 6, 2])
    assert x.tolist() == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert y.tolist() == [0.0, 0.0, 0.2, 0.4, 1.0]  # sorted 0, 2, 2, 6 of 10


def test_lorenz_points_thinned_keep_the_endpoints() -> None:
    x, y = lorenz_points(np.arange(1_000, dtype=float), max_points=11)
    assert len(x) == len(y) == 11
    assert (x[0], y[0], x[-1], y[-1]) == (0.0, 0.0, 1.0, 1.0)
    # exact interpolation of a piecewise linear curve: halfway through 0..999
    assert y[5] == pytest.approx(sum(range(500)) / sum(range(1_000)))


def test_mean_ranks_by_hand() -> None:
    # ballots: a > b > c, a > c > b, b > a > c; a: 1, 1, 2; b: 2, 3, 1; c: 3, 2, 3
    p = [[0, 2, 3], [1, 0, 2], [0, 1, 0]]
    assert mean_ranks(p, 3).tolist() == pytest.approx([4 / 3, 2.0, 8 / 3])
    # one ballot ranking a first and tying b with c: 1, 2.5, 2.5
    assert mean_ranks([[0, 1, 1], [0, 0, 0], [0, 0, 0]], 1).tolist() == [1.0, 2.5, 2.5]


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: gini([1, -1]), r"gini\.values"),
        (lambda: gini([[1.0]]), r"gini\.values"),
        (lambda: gini(["x"]), r"gini\.values"),
        (lambda: hhi([float("inf")]), r"hhi\.values"),
        (lambda: top_share([1.0], -1), r"top_share\.k"),
        (lambda: top_share([1.0], True), r"top_share\.k"),
        (lambda: concentration([1.0, 2.0], [1.0]), r"concentration\.rank_by"),
        (lambda: concentration([1.0], ["a"]), r"concentration\.rank_by"),
        (lambda: lorenz_points([]), r"lorenz_points\.values"),
        (lambda: lorenz_points([0.0]), r"lorenz_points\.values"),
        (lambda: lorenz_points([1.0], max_points=1), r"lorenz_points\.max_points"),
        (lambda: mean_ranks([[0, 1]], 1), r"mean_ranks\.pairwise"),
        (lambda: mean_ranks([[0, 2], [0, 0]], 1), r"mean_ranks\.pairwise"),
        (lambda: mean_ranks([["a"]], 1), r"mean_ranks\.pairwise"),
        (lambda: mean_ranks([[0]], 0), r"mean_ranks\.n_ballots"),
    ],
)
def test_bad_input_is_a_validation_error(call, match: str) -> None:
    with pytest.raises(cv.ValidationError, match=match):
        call()


@given(amounts)
def test_gini_lies_in_zero_one(xs: list[float]) -> None:
    g = gini(xs)
    assert 0.0 <= g < 1.0
    assert g <= (len(xs) - 1) / len(xs) + 1e-12


@given(amounts, st.floats(1e-3, 1e3))
def test_gini_and_hhi_are_scale_invariant(xs: list[float], c: float) -> None:
    scaled = [c * x for x in xs]
    assert gini(scaled) == pytest.approx(gini(xs), abs=1e-9)
    assert hhi(scaled) == pytest.approx(hhi(xs), abs=1e-9)


@given(amounts, st.randoms(use_true_random=False))
def test_measures_are_permutation_invariant(xs: list[float], rnd) -> None:
    shuffled = list(xs)
    rnd.shuffle(shuffled)
    # equal up to the order of a floating-point sum
    assert gini(shuffled) == pytest.approx(gini(xs), abs=1e-12)
    if sum(xs) > 0:
        assert lorenz_points(shuffled)[1] == pytest.approx(lorenz_points(xs)[1], abs=1e-12)
    assert top_share(shuffled, 2) == pytest.approx(top_share(xs, 2), abs=1e-12)
    assert hhi(shuffled) == pytest.approx(hhi(xs), abs=1e-12)


@given(amounts)
def test_gini_is_self_concentration_and_lorenz_area(xs: list[float]) -> None:
    assert concentration(xs, xs) == gini(xs)
    if sum(xs) > 0:
        x, y = lorenz_points(xs)
        area = float(np.sum((x[1:] - x[:-1]) * (y[1:] + y[:-1]) / 2))
        assert gini(xs) == pytest.approx(1 - 2 * area, abs=1e-9)
        assert (x[0], y[0], x[-1], y[-1]) == (0.0, 0.0, 1.0, 1.0)
        assert np.all(np.diff(y) >= 0)


@given(amounts)
def test_hhi_between_one_over_n_and_one(xs: list[float]) -> None:
    if sum(xs) > 0:
        n_positive = sum(1 for x in xs if x > 0)
        assert 1 / n_positive - 1e-12 <= hhi(xs) <= 1.0 + 1e-12


def test_module_lists_its_measures() -> None:
    assert sorted(metrics.__all__) == [
        "concentration",
        "fractions",
        "gini",
        "hhi",
        "lorenz_points",
        "mean_ranks",
        "top_share",
    ]
