"""consensus_ranking: the consensus order with each item's spread over the ballots."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.container import ErrorbarContainer

import channelvalue as cv
from channelvalue.building import consensus, lever_consensus
from channelvalue.metrics import mean_ranks
from channelvalue.plotting import consensus_ranking

BALLOTS = [["a", "b", "c"], ["a", "c", "b"], ["b", "a", "c"]]


def test_mean_ranks_worked_by_hand() -> None:
    # a: 1, 1, 2; b: 2, 3, 1; c: 3, 2, 3
    r = consensus(BALLOTS)
    means = dict(zip(r.items, mean_ranks(r.pairwise, r.n_ballots).tolist(), strict=True))
    assert means == pytest.approx({"a": 4 / 3, "b": 2.0, "c": 8 / 3})


def test_mean_ranks_count_ties_and_unranked_items_at_mid_rank() -> None:
    # ballot 1: a, {b, c} -> 1, 2.5, 2.5; ballot 2: c first, a and b unranked -> 2.5, 2.5, 1
    r = consensus([["a", {"b", "c"}], ["c"]])
    means = dict(zip(r.items, mean_ranks(r.pairwise, r.n_ballots).tolist(), strict=True))
    assert means == {"a": 1.75, "b": 2.5, "c": 1.75}


def test_one_point_per_item_in_consensus_order(render) -> None:
    r = consensus(BALLOTS)
    ax = consensus_ranking(r)
    render(ax, "consensus")
    assert [t.get_text() for t in ax.get_yticklabels()] == list(r.ranking)
    (bars,) = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    line = bars.lines[0]
    assert line.get_xdata().tolist() == pytest.approx([4 / 3, 2.0, 8 / 3])
    assert line.get_ydata().tolist() == [0, 1, 2]
    widths = [seg[1, 0] - seg[0, 0] for seg in bars.lines[2][0].get_segments()]
    assert widths == pytest.approx([2 * r.spread[i] for i in r.ranking])
    places = ax.collections[-1].get_offsets()
    assert places[:, 0].tolist() == [1, 2, 3]
    assert ax.get_title() == "Consensus ranking (schulze, 3 ballots, Kendall's W = 0.44)"


def test_contested_items_are_red(example, render) -> None:
    levers = sorted(example.levers)
    ballots = [levers, levers[::-1], levers, levers, levers[1:] + levers[:1]]
    r = lever_consensus(example, ballots)
    ax = consensus_ranking(r)
    render(ax, "consensus_levers")
    red = [t.get_text() for t in ax.get_yticklabels() if t.get_color() == "#d62728"]
    assert sorted(red) == sorted(r.contested)
    assert len(ax.get_yticklabels()) == len(example.levers)


def test_unanimous_ballots_have_no_spread() -> None:
    r = consensus([["x", "y", "z"]] * 4, method="borda")
    ax = consensus_ranking(r)
    (bars,) = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    assert np.allclose(bars.lines[0].get_xdata(), [1, 2, 3])
    assert r.contested == ()
    assert "contested" not in ax.get_xlabel()


def test_wrong_types_are_errors() -> None:
    with pytest.raises(cv.WrongTypeError, match=r"consensus_ranking\.result"):
        consensus_ranking(BALLOTS)  # type: ignore[arg-type]
    with pytest.raises(cv.WrongTypeError, match=r"consensus_ranking\.ax"):
        consensus_ranking(consensus(BALLOTS), ax="ax")  # type: ignore[arg-type]
