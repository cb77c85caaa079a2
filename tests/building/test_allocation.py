"""Investment allocation: hand-computed optima, the three methods, properties and errors;
at the edges: units, tolerances, thresholds, frames and messages."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue.building import Allocation, Candidate, allocate, candidates_from
from channelvalue.errors import DuplicateIdError, ValidationError, WrongTypeError
from channelvalue.mapping import segment_partners

# A: slope 2 on the first 40, then 0.5 up to 100      (impact 80 at 40, 110 at 100)
# B: slope 1.5 on the first 30, then 0.25 up to 60   (impact 45 at 30, 52.5 at 60)
# C: slope 1 up to 50, floor 10, cap 20
HAND = [
    Candidate("a", response=[(0, 0), (40, 80), (100, 110)]),
    Candidate("b", kind="training", response=[(0, 0), (30, 45), (60, 52.5)]),
    Candidate("c", floor=10, cap=20, response=[(0, 0), (50, 50)]),
]


def test_optimal_allocation_computed_by_hand() -> None:
    # budget 100: C's floor 10 first; then by slope: A 40 at 2, B 30 at 1.5, C +10 at 1
    # (its cap), and the last 10 go to A's second piece at 0.5 (B's is 0.25):
    # A = 50, B = 30, C = 20; impact 80 + 10 * 0.5 = 85, 45, 20 -> 150
    a = allocate(100, HAND, method="optimal")
    assert dict(a.amounts) == pytest.approx({"a": 50.0, "b": 30.0, "c": 20.0})
    assert dict(a.impacts) == pytest.approx({"a": 85.0, "b": 45.0, "c": 20.0})
    assert a.objective == pytest.approx(150.0)
    assert a.binding == ("budget", "cap:c")
    assert a.total == pytest.approx(100.0)
    assert a.unallocated == pytest.approx(0.0, abs=1e-9)


def test_optimal_with_a_kind_limit_by_hand() -> None:
    # training (B) at most 20: floors C 10; A 40 at 2; B 20 at 1.5 (limit); C +10 at 1;
    # the remaining 20 go to A at 0.5 -> A 60, B 20, C 20; impact 90 + 30 + 20 = 140
    a = allocate(100, HAND, method="optimal", kind_limits={"training": 20})
    assert dict(a.amounts) == pytest.approx({"a": 60.0, "b": 20.0, "c": 20.0})
    assert a.objective == pytest.approx(140.0)
    assert a.binding == ("budget", "kind:training", "cap:c")
    assert dict(a.by_kind) == pytest.approx({"mdf": 80.0, "training": 20.0})


def test_optimal_stops_where_curves_are_flat() -> None:
    # A and B can absorb at most 100 + 60 of impact-bearing spend, C 20 (its cap):
    # a budget of 500 leaves 500 - 180 = 320 unallocated
    a = allocate(500, HAND, method="optimal")
    assert dict(a.amounts) == pytest.approx({"a": 100.0, "b": 60.0, "c": 20.0})
    assert a.unallocated == pytest.approx(320.0)
    assert a.objective == pytest.approx(110 + 52.5 + 20)
    assert "budget" not in a.binding
    # no curve at all: only the floors are spent
    bare = allocate(50, [Candidate("x", floor=5), Candidate("y")], method="optimal")
    assert dict(bare.amounts) == {"x": 5.0, "y": 0.0}
    assert bare.binding == ("floor:x",)
    assert [i.recipient for i in bare.investments] == ["x"]


def test_proportional_by_hand() -> None:
    cands = [Candidate("x", revenue=1.0), Candidate("y", revenue=3.0)]
    assert dict(allocate(100, cands).amounts) == {"x": 25.0, "y": 75.0}
    # y capped at 60: x gets the rest, 40
    capped = [Candidate("x", revenue=1.0), Candidate("y", revenue=3.0, cap=60)]
    a = allocate(100, capped)
    assert dict(a.amounts) == pytest.approx({"x": 40.0, "y": 60.0})
    assert a.binding == ("budget", "cap:y")
    # floors: x = max(70, t), y = t, 70 + t = 100 -> t = 30
    floored = [Candidate("x", revenue=1.0, floor=70), Candidate("y", revenue=1.0)]
    assert dict(allocate(100, floored).amounts) == pytest.approx({"x": 70.0, "y": 30.0})
    # everyone capped: the rest stays unallocated
    tight = [Candidate("x", revenue=1.0, cap=10), Candidate("y", revenue=3.0, cap=20)]
    a = allocate(100, tight)
    assert a.total == pytest.approx(30.0)
    assert a.unallocated == pytest.approx(70.0)
    assert a.binding == ("cap:x", "cap:y")


def test_proportional_bases() -> None:
    cands = [
        Candidate("x", revenue=0, volume=10, velocity=-0.5, potential=1),
        Candidate("y", revenue=0, volume=30, velocity=0.25, potential=3),
    ]
    # all revenue is zero: equal shares
    assert dict(allocate(10, cands).amounts) == {"x": 5.0, "y": 5.0}
    assert dict(allocate(40, cands, basis="volume").amounts) == {"x": 10.0, "y": 30.0}
    # negative velocity counts as 0
    assert dict(allocate(10, cands, basis="velocity").amounts) == {"x": 0.0, "y": 10.0}
    assert dict(allocate(8, cands, basis="potential").amounts) == {"x": 2.0, "y": 6.0}


def test_tiered_by_hand() -> None:
    cands = [
        Candidate("g1", tier="gold", revenue=100, abc="A"),
        Candidate("g2", tier="gold", revenue=300, abc="B"),
        Candidate("s1", tier="silver", revenue=50, abc="B"),
    ]
    # gold pot 600 split 100:300 -> 150, 450; silver pot 400 -> s1
    a = allocate(1000, cands, method="tiered", shares={"gold": 0.6, "silver": 0.4})
    assert dict(a.amounts) == {"g1": 150.0, "g2": 450.0, "s1": 400.0}
    # by ABC class: A pot 500 -> g1; B pot 300 split 300:50 -> 257.14, 42.86; 200 unused
    b = allocate(1000, cands, method="tiered", by="abc", shares={"A": 0.5, "B": 0.3})
    assert b.amounts["g1"] == pytest.approx(500.0)
    assert b.amounts["g2"] == pytest.approx(300 * 300 / 350)
    assert b.amounts["s1"] == pytest.approx(300 * 50 / 350)
    assert b.unallocated == pytest.approx(200.0)
    # Tier members are accepted as keys
    c = allocate(10, cands, method="tiered", shares={cv.Tier.GOLD: 0.5, cv.Tier.SILVER: 0.5})
    assert c.amounts["s1"] == 5.0


def test_result_and_network_plan() -> None:
    net = cv.datasets.example()
    cands = candidates_from(net, kind="mdf", cap=60_000)
    a = allocate(300_000, cands, method="optimal", period="FY2027", id_prefix="plan27")
    assert isinstance(a, Allocation)
    ids = [i.id for i in a.investments]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)
    assert all(i.period == "FY2027" and i.amount > 0 for i in a.investments)
    before = len(net.investments)
    net.add_all(a.investments)
    assert len(net.investments) == before + len(a.investments)
    assert repr(a).startswith("<Allocation optimal: 300,000 of 300,000 to ")
    frame = a.to_frame()
    assert list(frame.columns) == ["recipient", "amount", "share", "impact"]
    assert frame["amount"].sum() == pytest.approx(300_000)
    assert len(frame) == len(cands)


def test_order_of_candidates_does_not_matter() -> None:
    a = allocate(100, HAND, method="optimal")
    b = allocate(100, list(reversed(HAND)), method="optimal")
    assert a.amounts == b.amounts
    assert a.investments == b.investments


def test_candidates_from_the_example() -> None:
    net = cv.datasets.example()
    cands = candidates_from(net)
    assert len(cands) == len(net.organizations) - 1  # everyone but the steward
    assert [c.recipient for c in cands] == sorted(c.recipient for c in cands)
    by_id = {c.recipient: c for c in cands}
    d = by_id["dist-north"]
    org = net.organizations["dist-north"]
    assert d.revenue == org.revenue
    assert d.tier == org.tier
    # default curve: 3 pieces of 2 % of revenue with slopes (1, 0.5, 0.25) x (1 + velocity)
    w = 0.02 * org.revenue
    assert d.response[1] == pytest.approx((w, w * (1 + org.velocity)))
    assert d.response[3][0] == pytest.approx(3 * w)
    # potential: each segment's size split evenly over the members that serve it
    expected = sum(net.segments[s].size / len(net.partners(s)) for s in net.segments_of("res-07"))
    assert by_id["res-07"].potential == pytest.approx(expected)
    only = candidates_from(net, roles=["msp"], abc={"msp-22": "A"}, floor=100, cap=900)
    assert {c.recipient for c in only} == {
        o.id for o in net.organizations.values() if o.role is cv.Role.MSP
    }
    assert {c.recipient: c.abc for c in only}["msp-22"] == "A"
    assert all(c.floor == 100 and c.cap == 900 for c in only)
    # ABC classes straight from mapping's partner segmentation
    seg = segment_partners(net)
    with_abc = candidates_from(net, abc=seg)
    assert {c.recipient: c.abc for c in with_abc} == {p: seg.partner(p).abc for p in seg.ids}
    plan = allocate(1000, with_abc, method="tiered", by="abc", shares={"A": 0.7, "B": 0.3, "C": 0})
    assert sum(v for k, v in plan.amounts.items() if seg.partner(k).abc == "A") == pytest.approx(
        700
    )


# --------------------------------------------------------------------------- properties
@st.composite
def candidate_sets(draw: st.DrawFn) -> tuple[float, list[Candidate]]:
    n = draw(st.integers(1, 7))
    cands = []
    for i in range(n):
        floor = draw(st.sampled_from([0.0, 0.0, draw(st.floats(0, 50))]))
        cap = draw(st.one_of(st.none(), st.floats(0, 150).map(lambda x, f=floor: f + x)))
        slopes = sorted(draw(st.lists(st.floats(0, 5), max_size=3)), reverse=True)
        widths = draw(st.lists(st.floats(1, 60), min_size=len(slopes), max_size=len(slopes)))
        points = [(0.0, 0.0)]
        for s, w in zip(slopes, widths, strict=True):
            points.append((points[-1][0] + w, points[-1][1] + s * w))
        cands.append(
            Candidate(
                f"r{i}",
                kind=draw(st.sampled_from(["mdf", "coop"])),
                revenue=draw(st.floats(0, 1000)),
                tier=draw(st.sampled_from(["gold", "silver"])),
                floor=floor,
                cap=cap,
                response=points if len(points) > 1 else (),
            )
        )
    budget = sum(c.floor for c in cands) + draw(st.floats(0, 400))
    return budget, cands


def _check_bounds(a: Allocation, budget: float, cands: list[Candidate]) -> None:
    tol = 1e-7 * max(1.0, budget)
    assert a.total <= budget + tol
    for c in cands:
        x = a.amounts[c.recipient]
        assert x >= c.floor - tol
        if c.cap is not None:
            assert x <= c.cap + tol


def _greedy(budget: float, cands: list[Candidate]) -> float:
    """The optimum by hand: floors first, then the steepest remaining pieces."""
    pieces, impact, left = [], 0.0, budget - sum(c.floor for c in cands)
    for c in cands:
        top = math.inf if c.cap is None else c.cap
        for (s0, v0), (s1, v1) in zip(c.response, c.response[1:], strict=False):
            slope = (v1 - v0) / (s1 - s0)
            fixed = max(0.0, min(c.floor, s1) - s0)
            impact += slope * fixed
            room = max(0.0, min(s1, top) - max(s0, c.floor))
            pieces.append((slope, room))
    for slope, room in sorted(pieces, reverse=True):
        take = min(room, left)
        impact += slope * take
        left -= take
    return impact


@given(candidate_sets(), st.sampled_from(["proportional", "optimal", "tiered"]))
def test_allocations_keep_budget_floors_and_caps(
    data: tuple[float, list[Candidate]], method: str
) -> None:
    budget, cands = data
    shares = {"gold": 0.5, "silver": 0.5} if method == "tiered" else None
    floors = {
        t: sum(c.floor for c in cands if c.tier and c.tier.value == t) for t in ("gold", "silver")
    }
    if method == "tiered" and max(floors.values()) > budget / 2:
        with pytest.raises(ValidationError, match="at least the sum of the floors"):
            allocate(budget, cands, method=method, shares=shares)
        return
    a = allocate(budget, cands, method=method, shares=shares)
    _check_bounds(a, budget, cands)
    assert sum(i.amount for i in a.investments) == pytest.approx(a.total)


@given(candidate_sets())
def test_optimal_matches_the_greedy_optimum(data: tuple[float, list[Candidate]]) -> None:
    budget, cands = data
    a = allocate(budget, cands, method="optimal")
    assert a.objective == pytest.approx(_greedy(budget, cands), rel=1e-6, abs=1e-6)
    assert a.objective >= allocate(budget, cands).objective - 1e-6 * max(1.0, a.objective)


@given(candidate_sets(), st.floats(0, 200))
def test_optimal_keeps_kind_limits(data: tuple[float, list[Candidate]], limit: float) -> None:
    budget, cands = data
    coop_floor = sum(c.floor for c in cands if c.kind.value == "coop")
    if coop_floor > limit:
        with pytest.raises(ValidationError, match=r"kind_limits\['coop'\]"):
            allocate(budget, cands, method="optimal", kind_limits={"coop": limit})
        return
    a = allocate(budget, cands, method="optimal", kind_limits={"coop": limit})
    _check_bounds(a, budget, cands)
    assert a.by_kind.get("coop", 0.0) <= limit + 1e-7 * max(1.0, limit)


# --------------------------------------------------------------------------- errors
@pytest.mark.parametrize("budget", [-1, math.nan, math.inf, "100", True, None])
def test_bad_budget(budget: object) -> None:
    with pytest.raises(ValidationError) as err:
        allocate(budget, HAND)  # type: ignore[arg-type]
    assert (err.value.obj, err.value.field) == ("allocate", "budget")


def test_caps_below_floors() -> None:
    with pytest.raises(
        ValidationError, match=r"Candidate\.cap: got 5\.0 but expected a number >= floor \(10\)"
    ):
        Candidate("r1", floor=10, cap=5)
    with pytest.raises(ValidationError, match=r"candidates_from\.cap"):
        candidates_from(cv.datasets.example(), floor=10, cap=5)


def test_infeasible_floors_name_the_constraint() -> None:
    cands = [Candidate("x", floor=60), Candidate("y", floor=50), Candidate("z")]
    with pytest.raises(
        ValidationError,
        match=r"allocate\.budget: got 100\.0 but expected at least the sum of the floors, "
        r"110 \(x=60, y=50",
    ):
        allocate(100, cands)
    coop = [Candidate("x", kind="coop", floor=30), Candidate("y", kind="coop", floor=30)]
    with pytest.raises(ValidationError, match=r"kind_limits\['coop'\]: got 50\.0 .* 60"):
        allocate(100, coop, method="optimal", kind_limits={"coop": 50})
    tiers = [Candidate("x", tier="gold", floor=70), Candidate("y", tier="silver")]
    with pytest.raises(ValidationError, match=r"shares\['gold'\]"):
        allocate(100, tiers, method="tiered", shares={"gold": 0.5, "silver": 0.5})


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"method": "equal"}, "method"),
        ({"basis": "margin"}, "basis"),
        ({"id_prefix": ""}, "id_prefix"),
        ({"period": 2026}, "period"),
        ({"kind_limits": {"mdf": 10}}, "kind_limits"),
        ({"method": "optimal", "kind_limits": {"bribes": 10}}, "kind_limits"),
        ({"method": "optimal", "kind_limits": {"mdf": -1}}, "kind_limits['mdf']"),
        ({"method": "optimal", "kind_limits": [("mdf", 1)]}, "kind_limits"),
        ({"shares": {"gold": 1.0}}, "shares"),
        ({"method": "tiered"}, "shares"),
        ({"method": "tiered", "shares": {"gold": 0.7, "silver": 0.7}}, "shares"),
        ({"method": "tiered", "shares": {"gold": 1.0}}, "candidates['s'].tier"),
        ({"method": "tiered", "shares": {"gold": 1.0}, "by": "size"}, "by"),
        ({"method": "tiered", "shares": {"A": 1.0}, "by": "abc"}, "candidates['g'].abc"),
    ],
)
def test_bad_options_are_named(options: dict[str, object], field: str) -> None:
    cands = [Candidate("g", tier="gold"), Candidate("s", tier="silver")]
    with pytest.raises(ValidationError) as err:
        allocate(100, cands, **options)  # type: ignore[arg-type]
    assert err.value.field == field


def test_bad_candidates() -> None:
    with pytest.raises(ValidationError, match="at least one Candidate"):
        allocate(10, [])
    with pytest.raises(WrongTypeError, match="a Candidate"):
        allocate(10, [Candidate("x"), "y"])  # type: ignore[list-item]
    with pytest.raises(WrongTypeError):
        allocate(10, "xy")  # type: ignore[arg-type]
    with pytest.raises(DuplicateIdError, match="'x'"):
        allocate(10, [Candidate("x"), Candidate("x", revenue=2)])


@pytest.mark.parametrize(
    "response",
    [
        [(1, 0), (2, 1)],  # does not start at spend 0
        [(0, 0), (1, 1), (2, 3)],  # convex: slope rises from 1 to 2
        [(0, 0), (1, 2), (1, 3)],  # spend does not rise
        [(0, 1), (1, 0)],  # impact falls
        [(0, 0), (1, math.nan)],
        [(0, 0, 0)],
        [(0, "1")],
        "curve",
        5,
    ],
)
def test_bad_response_curves(response: object) -> None:
    with pytest.raises(ValidationError) as err:
        Candidate("x", response=response)  # type: ignore[arg-type]
    assert (err.value.obj, err.value.field) == ("Candidate", "response")


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"kind": "gift"}, "kind"),
        ({"roles": ["wholesaler"]}, "roles"),
        ({"floor": -1}, "floor"),
        ({"step_share": 0}, "step_share"),
        ({"steps": [0.5, 1.0]}, "steps"),
        ({"steps": []}, "steps"),
        ({"steps": "1"}, "steps"),
        ({"abc": ["A"]}, "abc"),
    ],
)
def test_candidates_from_bad_options(options: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as err:
        candidates_from(cv.datasets.example(), **options)  # type: ignore[arg-type]
    assert (err.value.obj, err.value.field) == ("candidates_from", field)


def _hand(spend: float = 1.0, value: float = 1.0) -> list[Candidate]:
    """The three curves of HAND, spend and impact rescaled."""
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
