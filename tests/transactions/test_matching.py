"""Matching names in partners' lines to the partner master: id, normalised name, fuzzy."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

pytest.importorskip("rapidfuzz")

import channelvalue as cv
from channelvalue.errors import ValidationError
from channelvalue.transactions.matching import (
    MAX_BLOCK,
    MatchResult,
    match_names,
    normalise_name,
)


@pytest.fixture
def net() -> cv.ChannelNetwork:
    n = cv.ChannelNetwork(steward="v")
    n.add_all(
        [
            cv.Organization("v", name="Vendor", role="vendor"),
            cv.Organization("r-bolt", name="Bolt Systems Ltd", role="reseller"),
            cv.Organization("r-cobalt", name="Cobalt IT GmbH", role="reseller"),
            cv.Organization("r-delta", name="Delta Networks Inc.", role="reseller"),
            cv.Organization("r-delta2", name="Delta Networks", role="reseller"),
            cv.Organization("r-harbour", name="Harbour Data", role="reseller"),
        ]
    )
    return n


def test_each_way_of_matching(net: cv.ChannelNetwork) -> None:
    names = ["r-bolt", "R_BOLT", "bolt systems limited", "Cobalt I.T.", "Cobolt IT GmbH",
             "Harbor Data", "Zeta Corp", None, "", "r-bolt"]  # fmt: skip
    m = match_names(names, net)
    got = {x.name: (x.id, x.how) for x in m.matches}
    assert got == {
        "r-bolt": ("r-bolt", "id"),
        "R_BOLT": ("r-bolt", "id"),
        "bolt systems limited": ("r-bolt", "name"),
        "Cobalt I.T.": ("r-cobalt", "name"),
        "Cobolt IT GmbH": ("r-cobalt", "fuzzy"),
        "Harbor Data": ("r-harbour", "fuzzy"),
        "Zeta Corp": (None, "none"),
    }
    assert m.by_name["r-bolt"].lines == 2
    assert m.counts() == {"id": 2, "name": 2, "fuzzy": 2, "none": 1}
    assert m.resolved(["Harbor Data", "Zeta Corp", None]) == ["r-harbour", "Zeta Corp", None]


def test_an_ambiguous_name_is_unmatched_with_both_candidates(net: cv.ChannelNetwork) -> None:
    m = match_names(["DELTA NETWORKS"], net)
    (u,) = m.unmatched
    assert u.how == "none"
    assert [c[0] for c in u.candidates] == ["r-delta", "r-delta2"]


def test_unmatched_names_list_top_three_candidates_with_scores(net: cv.ChannelNetwork) -> None:
    m = match_names(["Delta Netwrks Group"], net, score_cutoff=99)
    (u,) = m.unmatched
    assert len(u.candidates) <= 3
    assert u.candidates[0][0] in {"r-delta", "r-delta2"}
    scores = [c[2] for c in u.candidates]
    assert scores == sorted(scores, reverse=True)
    assert 0 < scores[0] < 99
    frame = m.to_frame()
    assert frame.loc[0, "how"] == "none"
    assert "r-delta" in frame.loc[0, "candidates"]


def test_blocking_never_compares_all_pairs() -> None:
    # a word shared by more than MAX_BLOCK organizations is not a block
    master = {f"r{i}": f"Common Reseller {i:05d}" for i in range(MAX_BLOCK + 10)}
    master["x"] = "Xylophone Partners"
    m = match_names(["Xylofone Partners", "Common"], master)
    assert m.by_name["Xylofone Partners"].id == "x"
    assert m.by_name["Common"].how == "none"


def test_master_must_be_a_network_or_mapping() -> None:
    with pytest.raises(ValidationError):
        match_names(["a"], 42)
    assert repr(MatchResult()) == "<MatchResult: 0 names (); 0 unmatched (0 lines)>"


@given(st.text(max_size=40))
def test_normalise_name_is_idempotent(name: str) -> None:
    once = normalise_name(name)
    assert normalise_name(once) == once


def test_html_is_bounded_and_escaped() -> None:
    master = {f"r{i}": f"Reseller {i}" for i in range(10)}
    names = [f"<b>Unknown {i}</b>" for i in range(80)]
    page = match_names(names, master)._repr_html_()
    assert "<b>Unknown" not in page
    assert "and 30 more names" in page
