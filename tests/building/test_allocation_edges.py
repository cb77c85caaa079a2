"""Investment allocation at the edges: units, tolerances, thresholds, frames and messages."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue.building import Candidate, allocate, candidates_from
from channelvalue.errors import DuplicateIdError, ValidationError, WrongTypeError


def _hand(spend: float = 1.0, value: float = 1.0) -> list[Candidate]:
    """The three curves of test_building_allocation.HAND, spend and impact rescaled."""
    return [
        Candidate("a", response=[(0, 0), (40 * spend, 80 * value), (100 * spend, 110 * value)]),
        Candidate("b", response=[(0, 0), (30 * spend, 45 * value), (60 * spend, 52.5 * value)]),
        Candidate(
            "c", floor=10 * spend, cap=20 * spend, response=[(0, 0), (50 * spend, 50 * value)]
        ),
    ]


# --------------------------------------------------------------------------- units
@pytest.mark.parametrize(
    ("spend", "value"),
    [
        (1e-9, 1.0),  # budget in billions: 1e-7
        (1e9, 1.0),
        (1.0, 1e-3),  # impact in thousands: every slope below 1
        (1.0, 1e-9),
        (1e3, 1e-3),
        (1e6, 1e-9),
    ],
)
def test_optimal_does_not_depend_on_units(spend: float, value: float) -> None:
    # the hand-computed optimum (A 50, B 30, C 20, impact 150) in other units: spend
    # scales with the spend unit, impact with the impact unit, the binding set stays
    a = allocate(100 * spend, _hand(spend, value), method="optimal")
    got = {k: v / spend for k, v in a.amounts.items()}
    assert got == pytest.approx({"a": 50.0, "b": 30.0, "c": 20.0})
    assert a.objective / value == pytest.approx(150.0)
    assert a.binding == ("budget", "cap:c")


def test_optimal_spends_on_curves_flatter_than_one() -> None:
    # slopes 0.8 then 0.1 (x) and 0.5 (y): 50 at 0.8, 50 at 0.5, the last 20 at 0.1
    # impact 40 + 25 + 2 = 67
    cands = [
        Candidate("x", response=[(0, 0), (50, 40), (100, 45)]),
        Candidate("y", response=[(0, 0), (50, 25)]),
    ]
    a = allocate(120, cands, method="optimal")
    assert dict(a.amounts) == pytest.approx({"x": 70.0, "y": 50.0})
    assert a.objective == pytest.approx(67.0)
    # the steepest slope exactly 1
    one = allocate(30, [Candidate("z", response=[(0, 0), (40, 40)])], method="optimal")
    assert dict(one.amounts) == pytest.approx({"z": 30.0})


# --------------------------------------------------------------------------- binding
@given(
    st.one_of(st.just(0.0), st.floats(1, 1e12)),  # (below 1, dust is 1e-12 absolute)
    st.lists(st.floats(0, 1e6), min_size=1, max_size=12),
)
@example(1e6, [1.0] * 6)  # six shares of a million sum to 1e6 - 1.2e-10
@example(1e9, [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0])
def test_uncapped_proportional_spends_the_budget(budget: float, revenues: list[float]) -> None:
    # no caps: the whole budget is spent, and rounding does not hide that it binds
    cands = [Candidate(f"r{i:02d}", revenue=r) for i, r in enumerate(revenues)]
    a = allocate(budget, cands)
    assert a.total == pytest.approx(budget, rel=1e-10)
    assert a.binding == ("budget",)


@pytest.mark.parametrize(
    ("budget", "cap", "binds"),
    [
        (1.0, 1.0 + 1e-9, True),  # exactly the tolerance away: binding
        (1.0, 1.0 + 1.5e-9, False),
        (0.25, 0.25 + 1e-9, True),  # below a budget of 1 the tolerance stays 1e-9
        (0.25, 0.25 + 2e-9, False),
        (1e6, 1e6 + 1e-3, True),  # 1e-9 of the budget
        (1e6, 1e6 + 2e-3, False),
    ],
)
def test_a_cap_binds_within_1e9_of_the_budget(budget: float, cap: float, binds: bool) -> None:
    a = allocate(budget, [Candidate("x", revenue=1, cap=cap)])
    assert a.amounts["x"] == budget
    assert a.binding == (("budget", "cap:x") if binds else ("budget",))


# --------------------------------------------------------------------------- thresholds
def test_weights_up_to_1e12_of_the_largest_count_as_zero() -> None:
    # x takes 10 (its cap); y's revenue is 1e-12 of x's: it counts as zero and gets
    # nothing, the remaining 90 stay unallocated; at 1e-3 of x's, y takes those 90
    zero = allocate(100, [Candidate("x", revenue=1, cap=10), Candidate("y", revenue=1e-12)])
    assert dict(zero.amounts) == {"x": 10.0, "y": 0.0}
    assert zero.unallocated == pytest.approx(90.0)
    assert zero.binding == ("cap:x",)
    some = allocate(100, [Candidate("x", revenue=1, cap=10), Candidate("y", revenue=1e-3)])
    assert dict(some.amounts) == pytest.approx({"x": 10.0, "y": 90.0})


@pytest.mark.parametrize(
    ("budget", "small", "kept"),
    [
        (100.0, 1.5e-12, False),  # z's share 7.5e-11 < 1e-12 * 100
        (100.0, 3e-12, True),  # 1.5e-10 >= 1e-10
        (1.0, 3e-12, True),  # 1.5e-12 >= 1e-12
        (0.5, 1.5e-12, False),  # 3.75e-13: below a budget of 1 the threshold stays 1e-12
    ],
)
def test_dust_below_1e12_of_the_budget_is_not_invested(
    budget: float, small: float, kept: bool
) -> None:
    # revenues 1 : 1 : small -> z would get about budget * small / 2
    cands = [Candidate("x", revenue=1), Candidate("y", revenue=1), Candidate("z", revenue=small)]
    a = allocate(budget, cands)
    assert (a.amounts["z"] > 0) is kept
    assert ("alloc-z" in {i.id for i in a.investments}) is kept
    if kept:
        assert a.amounts["z"] == pytest.approx(budget * small / 2)


def test_shares_may_exceed_one_by_rounding_only() -> None:
    cands = [Candidate("g", tier="gold", revenue=1), Candidate("s", tier="silver", revenue=1)]
    ok = allocate(100, cands, method="tiered", shares={"gold": 0.5, "silver": 0.500000001})
    assert dict(ok.amounts) == pytest.approx({"g": 50.0, "s": 50.0})
    with pytest.raises(ValidationError, match="shares summing to at most 1"):
        allocate(100, cands, method="tiered", shares={"gold": 0.5, "silver": 0.500000002})


# --------------------------------------------------------------------------- frame
def test_to_frame_shares_of_a_small_budget() -> None:
    frame = allocate(1, [Candidate("x", revenue=1), Candidate("y", revenue=3)]).to_frame()
    assert frame["recipient"].tolist() == ["x", "y"]
    assert frame["amount"].tolist() == [0.25, 0.75]
    assert frame["share"].tolist() == [0.25, 0.75]
    assert frame["impact"].tolist() == [0.0, 0.0]
    half = allocate(0.5, [Candidate("x", revenue=1), Candidate("y", revenue=3)]).to_frame()
    assert half["share"].tolist() == [0.25, 0.75]
    # a zero budget: shares 0, not 0 / 0
    assert allocate(0, [Candidate("x")]).to_frame()["share"].tolist() == [0.0]


def test_to_frame_of_the_hand_optimum() -> None:
    frame = allocate(100, _hand(), method="optimal").to_frame()
    assert frame["share"].tolist() == pytest.approx([0.5, 0.3, 0.2])
    assert frame["impact"].tolist() == pytest.approx([85.0, 45.0, 20.0])


# --------------------------------------------------------------------------- messages
def _two() -> list[Candidate]:
    return [Candidate("g", tier="gold"), Candidate("s", tier="silver")]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"method": "equal"},
            "allocate.method: got 'equal' but expected one of 'proportional', 'tiered', 'optimal'",
        ),
        ({"id_prefix": ""}, "allocate.id_prefix: got '' but expected a non-empty string"),
        ({"id_prefix": 7}, "allocate.id_prefix: got 7 but expected a non-empty string"),
        ({"period": 2026}, "allocate.period: got 2026 but expected a string"),
        (
            {"method": "optimal", "kind_limits": [("mdf", 1)]},
            "allocate.kind_limits: got [('mdf', 1)] but expected a mapping kind -> amount",
        ),
        (
            {"shares": {"gold": 1.0}},
            "allocate.shares: got {'gold': 1.0} but expected None unless method='tiered'",
        ),
        (
            {"method": "tiered", "shares": {"gold": 0.7, "silver": 0.7}},
            "allocate.shares: got {'gold': 0.7, 'silver': 0.7} but expected shares summing "
            "to at most 1",
        ),
        (
            {"method": "tiered", "shares": {"gold": 1.0}},
            "allocate.candidates['s'].tier: got 'silver' but expected a class among ['gold']",
        ),
    ],
)
def test_option_errors_name_the_option_and_the_value(
    options: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError, match=f"^{re.escape(message)}$"):
        allocate(100, _two(), **options)  # type: ignore[arg-type]


def test_candidate_list_errors() -> None:
    with pytest.raises(
        ValidationError, match=r"^allocate\.candidates: got \[\] but expected at least one"
    ) as err:
        allocate(10, [])
    assert (err.value.obj, err.value.field, err.value.value) == ("allocate", "candidates", [])
    for bad, shown in [("xy", r"'xy' \(str\)"), (5, r"5 \(int\)")]:
        with pytest.raises(
            WrongTypeError,
            match=rf"^allocate\.candidates: got {shown} but expected an iterable of Candidate$",
        ):
            allocate(10, bad)  # type: ignore[arg-type]
    with pytest.raises(
        DuplicateIdError, match=r"^id 'x' is already used by a Candidate \(one per recipient\)$"
    ):
        allocate(10, [Candidate("y"), Candidate("x"), Candidate("x", revenue=2)])


def test_a_failing_solver_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    # HiGHS should always solve these LPs; if it does not, the error says so
    from channelvalue.building import _solvers

    class Failed:
        status, message, x = 4, "Numerical difficulties encountered", None

    monkeypatch.setattr(_solvers, "linprog", lambda *args, **kwargs: Failed())
    with pytest.raises(
        ValidationError,
        match=r"^allocate\.method: got 'optimal' but expected a solvable LP "
        r"\(Numerical difficulties encountered\)$",
    ):
        allocate(100, _hand(), method="optimal")


# --------------------------------------------------------------------------- candidates
def test_response_points_become_float_pairs() -> None:
    for given_points in ([(0, 0.0), (10, 5.0)], [[0, 0], (10, 5)], ((0.0, 0), [10.0, 5])):
        c = Candidate("x", response=given_points)  # type: ignore[arg-type]
        assert c.response == ((0.0, 0.0), (10.0, 5.0))
        assert all(type(v) is float for point in c.response for v in point)


@pytest.mark.parametrize(
    "response",
    [
        [(False, 0.0), (1.0, 1.0)],  # a bool is not a spend
        [(0.0, 0.0), (1.0, True)],
        {(0, 0): "start", (10, 5): "end"},  # a mapping, even of points
        [(0, 0), (1, 2), (1, 3)],
    ],
)
def test_bad_response_errors_show_the_curve(response: object) -> None:
    with pytest.raises(ValidationError, match=r"^Candidate\.response: got .* concave") as err:
        Candidate("x", response=response)  # type: ignore[arg-type]
    assert err.value.value == response
    assert err.value.expected.startswith("concave breakpoints [(spend, impact), ...]")


def test_bad_tier_lists_the_tiers() -> None:
    with pytest.raises(
        ValidationError,
        match=r"^Candidate\.tier: got 'diamond' but expected None or one of 'platinum', "
        r"'gold', 'silver', 'registered'$",
    ):
        Candidate("x", tier="diamond")


def _small_net() -> cv.ChannelNetwork:
    net = cv.ChannelNetwork(steward="v")
    net.add_all(
        [
            cv.Organization("v", role="vendor"),
            cv.Organization("d", role="distributor", revenue=1000),
            cv.Organization("idle", role="reseller"),  # no revenue
        ]
    )
    return net


def test_candidates_from_members_without_revenue_get_no_curve() -> None:
    cands = {c.recipient: c for c in candidates_from(_small_net())}
    assert set(cands) == {"d", "idle"}
    assert cands["idle"].response == ()
    # d: pieces of 2 % of 1000 = 20 with slopes 1, 0.5, 0.25
    assert cands["d"].response == ((0.0, 0.0), (20.0, 20.0), (40.0, 30.0), (60.0, 35.0))
    a = allocate(100, list(cands.values()), method="optimal")
    assert dict(a.amounts) == pytest.approx({"d": 60.0, "idle": 0.0})


def test_candidates_from_boundaries() -> None:
    net = _small_net()
    # equal steps do not rise: a straight stretch of slope 1, then 0.5
    (d, _) = candidates_from(net, steps=[1, 1, 0.5])
    assert d.response == ((0.0, 0.0), (20.0, 20.0), (40.0, 40.0), (60.0, 50.0))
    # a cap equal to the floor
    assert all(c.floor == c.cap == 100 for c in candidates_from(net, floor=100, cap=100))


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"kind": "gift"}, "candidates_from.kind: got 'gift' but expected one of 'mdf', "),
        ({"cap": -1}, "candidates_from.cap: got -1 but expected a finite number >= 0"),
        ({"floor": -1}, "candidates_from.floor: got -1 but expected a finite number >= 0"),
        ({"step_share": 0}, "candidates_from.step_share: got 0 but expected a finite number > 0"),
        (
            {"steps": "1"},
            "candidates_from.steps: got '1' but expected a non-empty list of numbers >= 0, "
            "never rising (diminishing returns)",
        ),
        (
            {"steps": [0.5, 1.0]},
            "candidates_from.steps: got [0.5, 1.0] but expected a non-empty list of numbers "
            ">= 0, never rising (diminishing returns)",
        ),
    ],
)
def test_candidates_from_errors_name_the_option(options: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=f"^{re.escape(message)}"):
        candidates_from(_small_net(), **options)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("budget", "big", "small", "cap"),
    [(100.0, 1.0, 2e-12, 10.0), (1e6, 3e8, 1.3, 1e5), (1e6, 1e9, 1.0, 1e5)],
)
def test_a_tiny_weight_next_to_a_capped_large_one_spends_the_budget_exactly(
    budget: float, big: float, small: float, cap: float
) -> None:
    # the large candidate is capped at once; the whole rest goes to the tiny one. The
    # solver once took the slope from a running sum in which the tiny weight was lost to
    # cancellation, and over- or underspent (100.002 of 100; 999,999.93 of 1e6)
    result = allocate(budget, [Candidate("x", revenue=big, cap=cap), Candidate("y", revenue=small)])
    amounts = {i.recipient: i.amount for i in result.investments}
    assert amounts["x"] == cap
    assert amounts["y"] == pytest.approx(budget - cap, rel=1e-12)
    assert sum(amounts.values()) == pytest.approx(budget, rel=1e-12)
    assert "budget" in result.binding
