"""Saved column maps (`channelvalue.io.ColumnMap`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue.io import ColumnMap

TARGETS = ["id", "name", "role", "revenue", "velocity", "segments", "ignore", "attribute.nps"]


@given(
    st.dictionaries(
        st.text(min_size=1, max_size=30).map(lambda s: " ".join(s.split()) or "x"),
        st.sampled_from(TARGETS),
        max_size=8,
    ),
    st.dictionaries(
        st.text(min_size=1, max_size=20), st.sampled_from(["agent", "reseller"]), max_size=3
    ),
    st.one_of(st.none(), st.sampled_from(["de_DE", "en_US"])),
)
def test_round_trip_toml_and_json(
    columns: dict[str, str], roles: dict[str, str], locale: str | None
) -> None:
    rates = {"USD": 1.0, "EUR": 1.08} if locale == "de_DE" else {}
    m = ColumnMap(columns, terms={"role": roles} if roles else {}, locale=locale, rates=rates)
    assert ColumnMap.from_toml(m.to_toml()) == m
    assert ColumnMap.from_json(m.to_json()) == m


def test_save_and_load(tmp_path: Path) -> None:
    m = ColumnMap({"Acct": "name", "Notes": "ignore"}, steward="Acme", currency="EUR")
    for suffix in ("toml", "json"):
        path = tmp_path / f"map.{suffix}"
        m.save(path)
        assert ColumnMap.load(path) == m
    with pytest.raises(cv.ValidationError, match=r"\.toml or \.json"):
        m.save(tmp_path / "map.txt")


def test_flat_mapping_and_none_means_ignore() -> None:
    assert ColumnMap.from_dict({"Acct": "name", "X": None}).columns == {
        "Acct": "name",
        "X": "ignore",
    }


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: ColumnMap({"Acct": "nam"}), "columns"),
        (lambda: ColumnMap({"Acct": 3}), "columns"),
        (lambda: ColumnMap({3: "name"}), "headers"),
        (lambda: ColumnMap(terms={"colour": {}}), "category"),
        (lambda: ColumnMap(terms={"role": {"x": "wizard"}}), "one of"),
        (lambda: ColumnMap(locale=""), "non-empty"),
        (lambda: ColumnMap(rates={"EUR": 0}), "> 0"),
        (lambda: ColumnMap(rates={"EUR": "1"}), "> 0"),
        (lambda: ColumnMap(rates=[1]), "rates"),
        (lambda: ColumnMap.from_dict({"columns": {}, "extra": 1}), "sections"),
        (lambda: ColumnMap.from_dict({"options": {"colour": "red"}}), "options"),
    ],
)
def test_bad_maps_are_refused(call, match: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(cv.ValidationError, match=match):
        call()


def test_bad_text_is_a_document_error(tmp_path: Path) -> None:
    with pytest.raises(cv.DocumentError, match="not TOML"):
        ColumnMap.from_toml("[columns\n")
    with pytest.raises(cv.DocumentError, match="not JSON"):
        ColumnMap.from_json("{")
    with pytest.raises(cv.FileError):
        ColumnMap.load(tmp_path / "missing.toml")
    with pytest.raises(cv.WrongTypeError):
        ColumnMap.from_dict([1, 2])
