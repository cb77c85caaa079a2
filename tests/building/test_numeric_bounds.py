"""Numbers in allocation: bounded, finite, huge integers refused by name (issue 14)."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from typing import Any

import pytest

import channelvalue as cv
from channelvalue.building import Candidate, allocate, candidates_from
from channelvalue.building.candidates import MAX_AMOUNT

HUGE = 10**400  # an int too large for a float: float(HUGE) raises OverflowError


def _refused(call: Callable[[], Any], where: str) -> cv.ValidationError:
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        with pytest.raises(cv.ValidationError) as info:
            call()
    assert str(info.value).startswith(where), str(info.value)
    return info.value


def _example() -> cv.ChannelNetwork:
    return cv.datasets.example()


# ---------------------------------------------------------------------- huge integers
@pytest.mark.parametrize(
    ("call", "where"),
    [
        (lambda: allocate(HUGE, [Candidate("a", revenue=1)]), "allocate.budget:"),
        (
            lambda: allocate(
                10, [Candidate("a", tier="gold")], method="tiered", shares={"gold": HUGE}
            ),
            "allocate.shares['gold']:",
        ),
        (
            lambda: allocate(
                10,
                [Candidate("a", response=[(0, 0), (1, 1)])],
                method="optimal",
                kind_limits={"mdf": HUGE},
            ),
            "allocate.kind_limits['mdf']:",
        ),
        (lambda: Candidate("a", response=[(0, 0), (HUGE, 1)]), "Candidate.response:"),
        (lambda: Candidate("a", response=[(0, 0), (1, HUGE)]), "Candidate.response:"),
        (lambda: Candidate("a", floor=HUGE), "Candidate.floor:"),
        (lambda: Candidate("a", cap=HUGE), "Candidate.cap:"),
        (lambda: Candidate("a", revenue=HUGE), "Candidate.revenue:"),
        (lambda: candidates_from(_example(), floor=HUGE), "candidates_from.floor:"),
        (lambda: candidates_from(_example(), cap=HUGE), "candidates_from.cap:"),
        (lambda: candidates_from(_example(), steps=[HUGE]), "candidates_from.steps:"),
        (lambda: candidates_from(_example(), step_share=HUGE), "candidates_from.step_share:"),
    ],
)
def test_huge_integers_are_refused_naming_the_field(call: Callable[[], Any], where: str) -> None:
    err = _refused(call, where)
    assert "<int of" in str(err) or "..." in str(err)  # the value is quoted, bounded


# ---------------------------------------------------------------------- bounds
def test_a_budget_above_max_amount_is_refused() -> None:
    # 1.79e308 used to give total=inf; every budget up to MAX_AMOUNT stays finite
    err = _refused(
        lambda: allocate(1.79e308, [Candidate("a", revenue=1), Candidate("b", revenue=2)]),
        "allocate.budget:",
    )
    assert "1e+250" in str(err)


@pytest.mark.parametrize("method", ["proportional", "optimal"])
def test_the_largest_budget_gives_finite_results(method: str) -> None:
    cands = [
        Candidate("a", revenue=1, cap=1, response=[(0, 0), (1, 2)]),
        Candidate("b", revenue=1e-11, response=[(0, 0), (MAX_AMOUNT, MAX_AMOUNT)]),
        Candidate("c", revenue=1.7e308, response=[(0, 0), (MAX_AMOUNT / 2, MAX_AMOUNT)]),
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        result = allocate(MAX_AMOUNT, cands, method=method)  # type: ignore[arg-type]
    numbers = [result.total, result.objective, result.unallocated]
    numbers += [*result.amounts.values(), *result.impacts.values(), *result.by_kind.values()]
    assert all(math.isfinite(x) for x in numbers)
    assert result.total <= MAX_AMOUNT * (1 + 1e-9)


def test_a_kind_limit_above_max_amount_is_refused() -> None:
    _refused(
        lambda: allocate(
            10,
            [Candidate("a", response=[(0, 0), (1, 1)])],
            method="optimal",
            kind_limits={"mdf": 1e300},
        ),
        "allocate.kind_limits['mdf']:",
    )


# ---------------------------------------------------------------------- NaN never quietly
def test_a_response_slope_that_overflows_is_refused() -> None:
    # [(0,0),(1e-300,1e10)] used to give objective NaN and spend nothing, silently
    err = _refused(lambda: Candidate("a", response=[(0, 0), (1e-300, 1e10)]), "Candidate.response:")
    assert "slope overflows" in str(err)


def test_the_steepest_finite_slope_is_allocated() -> None:
    cands = [Candidate("a", response=[(0, 0), (1e-290, 1e10)]), Candidate("b", revenue=1)]
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        result = allocate(10, cands, method="optimal")
    assert result.objective == pytest.approx(1e10)
    assert math.isfinite(result.objective)


@pytest.mark.parametrize("point", [(1.0, math.inf), (math.nan, 1.0), (1e251, 1.0), (1.0, 1e251)])
def test_response_points_must_be_finite_and_at_most_max_amount(point: tuple[float, float]) -> None:
    _refused(lambda: Candidate("a", response=[(0, 0), point]), "Candidate.response:")


def test_candidates_from_refuses_curves_that_overflow_naming_the_organization() -> None:
    err = _refused(
        lambda: candidates_from(_example(), steps=[1e300], step_share=1e300),
        "candidates_from.step_share:",
    )
    assert "organization" in str(err)


def test_candidates_from_at_the_bounds_is_finite() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        cands = candidates_from(_example(), steps=[1e3], step_share=1e3)
    assert all(math.isfinite(v) for c in cands for p in c.response for v in p)
