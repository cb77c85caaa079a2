"""Consensus ranking: hand-checked profiles, Kendall's W, tie rules, properties and errors."""

from __future__ import annotations

import itertools
import random
import sys

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue.building import consensus, lever_consensus
from channelvalue.building._kemeny import kemeny_exact, kemeny_local, kemeny_score
from channelvalue.building.consensus import METHODS
from channelvalue.errors import ChannelValueError, UnknownIdError, ValidationError

# --------------------------------------------------------------------------- hand-checked
# A Condorcet profile on a, b, c, d (five ballots):
CONDORCET = [
    ["a", "b", "c", "d"],
    ["a", "c", "b", "d"],
    ["b", "a", "d", "c"],
    ["c", "a", "b", "d"],
    ["d", "a", "b", "c"],
]
# pairwise, counted ballot by ballot:
#   a>b: B1 B2 B4 B5 = 4 (b>a: B3 = 1)    a>c: B1 B2 B3 B5 = 4    a>d: B1 B2 B3 B4 = 4
#   b>c: B1 B3 B5 = 3 (c>b: B2 B4 = 2)    b>d: B1 B2 B3 B4 = 4    c>d: B1 B2 B4 = 3
# so the majority relation is the linear order a > b > c > d.
CONDORCET_P = [[0, 4, 4, 4], [1, 0, 3, 4], [1, 2, 0, 3], [1, 1, 2, 0]]


def test_condorcet_profile_schulze_copeland_kemeny_agree() -> None:
    results = {m: consensus(CONDORCET, method=m) for m in ("schulze", "copeland", "kemeny")}
    for r in results.values():
        assert r.ranking == ("a", "b", "c", "d")
        assert r.pairwise.tolist() == CONDORCET_P
    # Copeland: a beats 3, b beats c and d, c beats d
    assert dict(results["copeland"].scores) == {"a": 3.0, "b": 2.0, "c": 1.0, "d": 0.0}
    # Schulze: d[x,y] = P[x,y] where it wins; strongest paths keep a > b > c > d
    assert dict(results["schulze"].scores) == {"a": 3.0, "b": 2.0, "c": 1.0, "d": 0.0}
    # Kemeny score of a>b>c>d = 4 + 4 + 4 + 3 + 4 + 3 = 22, the most any order gets
    idx = np.array([0, 1, 2, 3])
    assert kemeny_score(results["kemeny"].pairwise, idx) == 22
    best = max(
        kemeny_score(results["kemeny"].pairwise, np.array(p))
        for p in itertools.permutations(range(4))
    )
    assert best == 22
    # Borda (3, 2, 1, 0 points): a = 3+3+2+2+2 = 12, b = 2+1+3+1+1 = 8,
    # c = 1+2+0+3+0 = 6, d = 0+0+1+0+3 = 4
    assert dict(consensus(CONDORCET, method="borda").scores) == {
        "a": 12.0,
        "b": 8.0,
        "c": 6.0,
        "d": 4.0,
    }


def test_borda_and_schulze_differ_worked_by_hand() -> None:
    ballots = [["a", "b", "c"]] * 3 + [["b", "c", "a"]] * 2
    # Borda (2, 1, 0 points): a = 3*2 + 2*0 = 6, b = 3*1 + 2*2 = 7, c = 3*0 + 2*1 = 2
    borda = consensus(ballots, method="borda")
    assert dict(borda.scores) == {"a": 6.0, "b": 7.0, "c": 2.0}
    assert borda.ranking == ("b", "a", "c")
    # pairwise: a>b 3:2, a>c 3:2, b>c 5:0 -> winning-vote links a->b 3, a->c 3, b->c 5;
    # strongest paths p[a,b]=3, p[a,c]=max(3, min(3,5))=3, p[b,c]=5, reverse paths 0:
    # a beats b and c, b beats c -> a > b > c (a is the Condorcet winner Borda misses)
    schulze = consensus(ballots)
    assert schulze.pairwise.tolist() == [[0, 3, 3], [2, 0, 5], [2, 0, 0]]
    assert dict(schulze.scores) == {"a": 2.0, "b": 1.0, "c": 0.0}
    assert schulze.ranking == ("a", "b", "c")


def test_schulze_on_the_classic_45_voter_cycle() -> None:
    # Schulze's own example: the majority relation has cycles; the result is E > A > C > B > D
    groups = [
        (5, "ACBED"),
        (5, "ADECB"),
        (8, "BEDAC"),
        (3, "CABED"),
        (7, "CAEBD"),
        (2, "CBADE"),
        (7, "DCEBA"),
        (8, "EBADC"),
    ]
    ballots = [list(order) for count, order in groups for _ in range(count)]
    r = consensus(ballots)
    # the published pairwise matrix d[X, Y] (e.g. A over B: 5 + 5 + 3 + 7 = 20)
    assert r.pairwise.tolist() == [
        [0, 20, 26, 30, 22],
        [25, 0, 16, 33, 18],
        [19, 29, 0, 17, 24],
        [15, 12, 28, 0, 14],
        [23, 27, 21, 31, 0],
    ]
    assert r.ranking == ("E", "A", "C", "B", "D")


def test_kendall_w_identical_ballots_is_one() -> None:
    assert consensus([["a", "b", "c"]] * 4).agreement == 1.0
    assert consensus([["a", {"b", "c"}, "d"]] * 3).agreement == pytest.approx(1.0)
    assert consensus([["x"]] * 2).agreement == 1.0  # one item: nothing to disagree on


def test_kendall_w_hand_computed_tie_free() -> None:
    # ranks: J1 a1 b2 c3, J2 a1 c2 b3, J3 b1 a2 c3 -> R = (4, 6, 8), mean 6, S = 4 + 0 + 4 = 8
    # W = 12 S / (m^2 (n^3 - n)) = 96 / (9 * 24) = 4/9
    r = consensus([["a", "b", "c"], ["a", "c", "b"], ["b", "a", "c"]])
    assert r.agreement == pytest.approx(4 / 9)


def test_kendall_w_hand_computed_with_ties() -> None:
    # J1: a > {b, c} -> 1, 2.5, 2.5 (T1 = 2^3 - 2 = 6); J2: a > b > c -> 1, 2, 3
    # R = (2, 4.5, 5.5), mean 4, S = 4 + 0.25 + 2.25 = 6.5
    # W = 12 * 6.5 / (4 * 24 - 2 * 6) = 78 / 84 = 13/14
    r = consensus([["a", {"b", "c"}], ["a", "b", "c"]])
    assert r.agreement == pytest.approx(13 / 14)
    # a partial ballot ties its unranked items at the bottom: ["a"] is a > {b, c}
    assert consensus([["a"], ["a", "b", "c"]], items=["a", "b", "c"]).agreement == pytest.approx(
        13 / 14
    )


def test_partial_ballots_and_ties_in_borda() -> None:
    # over a, b, c the ballot ["a"] is a > {b, c}: a = 2, b = c = 0 + 1/2 (tied with each other)
    r = consensus([["a"]], items=["a", "b", "c"], method="borda")
    assert dict(r.scores) == {"a": 2.0, "b": 0.5, "c": 0.5}
    assert r.groups == (("a",), ("b", "c"))
    # tie groups may be sets, tuples or lists: the same ballot
    same = [consensus([["a", g]], method="borda").pairwise.tolist() for g in ({"b", "c"},)]
    same += [consensus([["a", ("c", "b")]], method="borda").pairwise.tolist()]
    same += [consensus([["a", ["b", "c"]]], method="borda").pairwise.tolist()]
    assert same[0] == same[1] == same[2] == [[0, 1, 1], [0, 0, 0], [0, 0, 0]]


def test_ties_break_by_borda_then_id() -> None:
    ballots = [["a", "b", "c"], ["b", "a", "c"], ["a", "c", "b"], ["b", "c", "a"]]
    # a>b 2:2 draw, a>c 3:1, b>c 3:1 -> copeland a = b = 1.5; Borda a = 2+1+2+0 = 5,
    # b = 1+2+0+2 = 5 as well -> id decides: a before b
    r = consensus(ballots, method="copeland")
    assert dict(r.scores) == {"a": 1.5, "b": 1.5, "c": 0.0}
    assert r.ranking == ("a", "b", "c")
    # reversed ids flip it: the tie-break is alphabetical, not input order
    renamed = [[{"a": "z", "b": "y", "c": "x"}[i] for i in b] for b in ballots]
    assert consensus(renamed, method="copeland").ranking == ("y", "z", "x")
    # with a Borda difference, Borda decides before the id
    ballots2 = [["a", "b", "c"], ["b", "c", "a"], ["a", "b", "c"], ["b", "a", "c"]]
    # a>b 2:2, b>c 4:0, a>c 3:1 -> copeland a = b = 1.5;
    # Borda b = 1+2+1+2 = 6 > a = 2+0+2+1 = 5 -> b first although 'a' < 'b'
    r2 = consensus(ballots2, method="copeland")
    assert dict(r2.scores) == {"a": 1.5, "b": 1.5, "c": 0.0}
    assert r2.ranking == ("b", "a", "c")


def test_kemeny_limit_and_heuristic() -> None:
    items = [f"l{i:02d}" for i in range(12)]
    ballots = [items, items[::-1], items[3:] + items[:3]]
    with pytest.raises(ValidationError, match="kemeny_limit=10"):
        consensus(ballots, method="kemeny")
    r = consensus(ballots, method="kemeny", heuristic=True)
    assert sorted(r.ranking) == items
    exact = consensus(ballots, method="kemeny", kemeny_limit=12)
    idx = np.array([items.index(i) for i in r.ranking])
    best = np.array([items.index(i) for i in exact.ranking])
    borda = consensus(ballots, method="borda").ranking
    start = np.array([items.index(i) for i in borda])
    # the local search starts from Borda, only improves, stops at a local optimum
    # and cannot beat the exact optimum
    assert kemeny_score(r.pairwise, start) <= kemeny_score(r.pairwise, idx)
    assert kemeny_score(r.pairwise, idx) <= kemeny_score(exact.pairwise, best)
    assert kemeny_local(r.pairwise, idx) == tuple(idx.tolist())


def test_result_objects() -> None:
    r = consensus(CONDORCET)
    assert repr(r) == "<ConsensusResult schulze: 4 items, 5 ballots, W=0.280; a > b > c > d>"
    # W: R = (8, 12, 14, 16), mean 12.5, S = 20.25 + 0.25 + 2.25 + 12.25 = 35,
    # W = 12 * 35 / (25 * 60) = 0.28
    assert r.agreement == pytest.approx(0.28)
    frame = r.to_frame()
    assert frame["item"].tolist() == ["a", "b", "c", "d"]
    assert frame["rank"].tolist() == [1, 2, 3, 4]
    pf = r.pairwise_frame()
    assert pf.loc["a", "b"] == 4
    assert pf.loc["b", "a"] == 1
    with pytest.raises(ValueError, match="read-only"):
        r.pairwise[0, 0] = 9
    # ranks: c 3,2,4,1,4 (mean 2.8, variance 6.8/5 = 1.36); d 4,4,3,4,1 (mean 3.2,
    # variance 1.36 too); b 2,3,1,3,3 (variance 3.2/5 = 0.64); a 1,1,2,2,2 (0.24).
    # c and d tie on spread and go by id.
    assert r.contested == ("c", "d", "b")
    assert r.spread["c"] == pytest.approx(1.36**0.5)
    assert r.spread["b"] == pytest.approx(0.8)
    assert consensus(CONDORCET, contested=0).contested == ()


def test_consensus_for_the_example_network() -> None:
    net = cv.datasets.example()
    r = lever_consensus(net, [["lever-shelf-kits"], ["lever-shelf-kits", "lever-msp-bundle"]])
    assert set(r.items) == set(net.levers)
    assert r.ranking[0] == "lever-shelf-kits"
    assert r.ranking[1] == "lever-msp-bundle"
    # the two levers nobody ranked tie at the bottom and go by id
    assert r.ranking[2:] == ("lever-portal-deals", "lever-regional-stock")


# --------------------------------------------------------------------------- kemeny solvers
@st.composite
def profiles(draw: st.DrawFn, max_items: int = 6) -> list[list[str]]:
    n = draw(st.integers(1, max_items))
    items = [f"i{k}" for k in range(n)]
    m = draw(st.integers(1, 6))
    return [draw(st.permutations(items)) for _ in range(m)]


@given(profiles())
def test_exact_kemeny_is_optimal(ballots: list[list[str]]) -> None:
    r = consensus(ballots, method="kemeny")
    n = len(r.items)
    pos = {item: k for k, item in enumerate(r.items)}
    score = kemeny_score(r.pairwise, np.array([pos[i] for i in r.ranking]))
    best = max(kemeny_score(r.pairwise, np.array(p)) for p in itertools.permutations(range(n)))
    assert score == best
    local = kemeny_local(r.pairwise, np.arange(n))
    assert kemeny_score(r.pairwise, np.array(local)) <= best
    assert kemeny_exact(r.pairwise, np.arange(n)) == kemeny_exact(r.pairwise, np.arange(n))


# --------------------------------------------------------------------------- properties
@given(st.permutations([f"lever-{k}" for k in range(6)]), st.sampled_from(METHODS))
def test_single_ballot_consensus_is_that_ballot(ballot: list[str], method: str) -> None:
    assert consensus([ballot], method=method).ranking == tuple(ballot)


@given(
    st.lists(st.integers(0, 3), min_size=1, max_size=7),
    st.sampled_from(METHODS),
)
def test_single_ballot_with_ties_is_a_linearisation(groups_of: list[int], method: str) -> None:
    # item k goes into tie group groups_of[k]; empty groups are dropped
    items = [f"x{k}" for k in range(len(groups_of))]
    ballot = [{items[k] for k, g in enumerate(groups_of) if g == level} for level in range(4)]
    ballot = [g for g in ballot if g]
    r = consensus([ballot], method=method)
    level = {i: g for g, group in enumerate(ballot) for i in group}
    assert [level[i] for i in r.ranking] == sorted(level[i] for i in r.ranking)
    # within a tie group the documented tie-break is the id
    for a, b in itertools.pairwise(r.ranking):
        if level[a] == level[b]:
            assert a < b


@given(profiles(), st.sampled_from(METHODS), st.randoms(use_true_random=False))
def test_permuting_ballots_changes_nothing(
    ballots: list[list[str]], method: str, rnd: random.Random
) -> None:
    shuffled = list(ballots)
    rnd.shuffle(shuffled)
    a, b = consensus(ballots, method=method), consensus(shuffled, method=method)
    assert a.ranking == b.ranking
    assert a.scores == b.scores
    assert a.pairwise.tolist() == b.pairwise.tolist()
    assert a.agreement == pytest.approx(b.agreement)
    assert a.contested == b.contested


@given(profiles())
def test_agreement_and_pairwise_are_consistent(ballots: list[list[str]]) -> None:
    r = consensus(ballots)
    m = len(ballots)
    assert 0.0 <= r.agreement <= 1.0
    p = r.pairwise
    assert (p + p.T <= m).all()
    assert (np.diag(p) == 0).all()
    # strict full ballots: every pair is decided on every ballot
    assert (p + p.T + np.eye(len(r.items), dtype=int) * m == m).all()


@given(profiles(max_items=5), st.sampled_from(("schulze", "copeland", "kemeny")))
def test_a_condorcet_winner_comes_first(ballots: list[list[str]], method: str) -> None:
    r = consensus(ballots)
    p = r.pairwise
    winners = [
        i for i in range(len(r.items)) if all(p[i, j] > p[j, i] for j in range(len(p)) if j != i)
    ]
    if winners:
        assert consensus(ballots, method=method).ranking[0] == r.items[winners[0]]


# --------------------------------------------------------------------------- errors
@pytest.mark.parametrize(
    ("ballots", "field"),
    [
        ([], "ballots"),
        ("abc", "ballots"),
        ([[]], "ballots[0]"),
        ([["a"], "b"], "ballots[1]"),
        ([["a", 3]], "ballots[0][1]"),
        ([["a", set()]], "ballots[0][1]"),
        ([["a", ""]], "ballots[0][1]"),
        ([["a", {"b": 1}]], "ballots[0][1]"),
        ([["a", {"b", ""}]], "ballots[0][1]"),
        ([["a", "b", {"a"}]], "ballots[0]"),
    ],
)
def test_bad_ballots_are_named(ballots: object, field: str) -> None:
    with pytest.raises(ValidationError) as err:
        consensus(ballots)  # type: ignore[arg-type]
    assert err.value.field == field
    assert isinstance(err.value, ChannelValueError)


def test_unknown_ids_are_errors() -> None:
    with pytest.raises(UnknownIdError, match=r"consensus ballots\[1\]: unknown lever id 'zz'"):
        consensus([["a"], ["zz", "b"]], items=["a", "b"])
    net = cv.datasets.example()
    with pytest.raises(UnknownIdError, match="unknown lever id 'lever-nope'"):
        lever_consensus(net, [["lever-shelf-kits", "lever-nope"]])
    with pytest.raises(ValidationError, match="at least one Lever"):
        lever_consensus(cv.ChannelNetwork(), [["a"]])


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"method": "plurality"}, "method"),
        ({"kemeny_limit": 0}, "kemeny_limit"),
        ({"kemeny_limit": 17}, "kemeny_limit"),
        ({"kemeny_limit": 3.0}, "kemeny_limit"),
        ({"heuristic": 1}, "heuristic"),
        ({"contested": -1}, "contested"),
        ({"items": "ab"}, "items"),
        ({"items": []}, "items"),
        ({"items": ["a", ""]}, "items"),
    ],
)
def test_bad_options_are_named(options: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as err:
        consensus([["a", "b"]], **options)  # type: ignore[arg-type]
    assert err.value.field == field


# --------------------------------------------------------------------------- edge cases
def test_kendall_w_with_two_items_by_hand() -> None:
    # two items are enough to disagree: ranks x 1, 2 and y 2, 1 -> R = (3, 3), S = 0, W = 0
    assert consensus([["x", "y"], ["y", "x"]]).agreement == 0.0
    # x > y twice, y > x once: R = (4, 5), mean m (n + 1) / 2 = 4.5, S = 0.25 + 0.25 = 0.5,
    # W = 12 S / (m^2 (n^3 - n)) = 6 / (9 * 6) = 1/9
    assert consensus([["x", "y"], ["x", "y"], ["y", "x"]]).agreement == pytest.approx(1 / 9)


def test_ballots_that_tie_everything_agree_fully_and_contest_nothing() -> None:
    # every ballot ties a, b, c: the tie-corrected denominator m^2 (n^3 - n) - m sum(T)
    # is 4 * 24 - 2 * (24 + 24) = 0, i.e. the ballots are identical: W = 1
    r = consensus([[{"a", "b", "c"}], [("c", "b", "a")]])
    assert r.agreement == 1.0
    assert dict(r.spread) == {"a": 0.0, "b": 0.0, "c": 0.0}
    assert r.contested == ()


def test_unanimous_ballots_have_no_spread_and_nothing_contested() -> None:
    r = consensus([["a", "b", "c"]] * 4)
    # every item has the same rank on every ballot: standard deviation 0
    assert dict(r.spread) == {"a": 0.0, "b": 0.0, "c": 0.0}
    assert r.contested == ()
    # one disagreement: a and b swap on one ballot of two, ranks 1, 2 -> spread 0.5 each;
    # c stays at 3 and is not contested although contested=3 would allow it
    swap = consensus([["a", "b", "c"], ["b", "a", "c"]])
    assert dict(swap.spread) == {"a": 0.5, "b": 0.5, "c": 0.0}
    assert swap.contested == ("a", "b")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"method": "plurality"},
            "consensus.method: got 'plurality' but expected one of "
            "'borda', 'copeland', 'schulze', 'kemeny'",
        ),
        (
            {"kemeny_limit": 17},
            "consensus.kemeny_limit: got 17 but expected an integer from 1 to 16",
        ),
        ({"heuristic": 1}, "consensus.heuristic: got 1 but expected True or False"),
        ({"contested": -1}, "consensus.contested: got -1 but expected an integer >= 0"),
        (
            {"items": ["a", ""]},
            "consensus.items: got ['a', ''] but expected an iterable of non-empty ids "
            "(or None for the ids on the ballots)",
        ),
    ],
)
def test_option_errors_name_the_option_the_value_and_what_is_valid(
    options: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError) as err:
        consensus([["a", "b"]], **options)  # type: ignore[arg-type]
    assert str(err.value) == message


def test_too_many_items_for_exact_kemeny_says_how_many_and_what_to_do() -> None:
    with pytest.raises(ValidationError) as err:
        consensus([["a", "b", "c", "d"]], method="kemeny", kemeny_limit=3)
    assert str(err.value) == (
        "consensus.method: got 'kemeny' but expected at most kemeny_limit=3 items for exact "
        "Kemeny (got 4); pass heuristic=True for a local search, or use 'schulze'"
    )


@pytest.mark.parametrize(
    ("ballots", "message"),
    [
        ([], "consensus.ballots: got [] but expected at least one ballot (a list of rankings)"),
        (
            [["a"], []],
            "consensus.ballots[1]: got [] but expected a non-empty ranking, best first: "
            "a list of ids or sets of tied ids",
        ),
        (
            [["a", ""]],
            "consensus.ballots[0][1]: got '' but expected an id or a non-empty "
            "set/tuple/list of tied ids",
        ),
        (
            [["a", "b", {"a"}]],
            "consensus.ballots[0]: got ['a', 'b', {'a'}] but expected each id at most once "
            "('a' repeats)",
        ),
    ],
)
def test_ballot_errors_show_the_bad_ballot(ballots: object, message: str) -> None:
    with pytest.raises(ValidationError) as err:
        consensus(ballots)  # type: ignore[arg-type]
    assert str(err.value) == message


def test_consensus_for_passes_its_options_on() -> None:
    net = cv.datasets.example()
    ballots = [["lever-shelf-kits"], ["lever-shelf-kits", "lever-msp-bundle"]]
    # mid-ranks over the 4 levers: shelf-kits 1, 1 (spread 0); msp-bundle 3, 2 (0.5);
    # portal-deals and regional-stock 3, 3.5 (0.25 each, by id)
    r = lever_consensus(net, ballots)
    assert r.contested == ("lever-msp-bundle", "lever-portal-deals", "lever-regional-stock")
    assert lever_consensus(net, ballots, contested=1).contested == ("lever-msp-bundle",)
    assert lever_consensus(net, ballots, contested=0).contested == ()
    with pytest.raises(ValidationError) as err:
        lever_consensus(cv.ChannelNetwork(), [["a"]])
    assert str(err.value) == (
        "lever_consensus.net.levers: got [] but expected a network with at least one Lever"
    )


def test_frames_without_pandas_name_the_method(monkeypatch: pytest.MonkeyPatch) -> None:
    r = consensus(CONDORCET)
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if pandas were not installed
    with pytest.raises(cv.MissingDependencyError, match=r"^ConsensusResult\.to_frame\(\) needs"):
        r.to_frame()
    with pytest.raises(
        cv.MissingDependencyError, match=r"^ConsensusResult\.pairwise_frame\(\) needs"
    ):
        r.pairwise_frame()
