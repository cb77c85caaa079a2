"""The messy partner export: ``prm_export``, its bundled CSV and its ground truth."""

from __future__ import annotations

import math

import numpy as np
import pytest

pytest.importorskip("pandas")
pytest.importorskip("rapidfuzz")

import channelvalue as cv
from channelvalue.datasets import _prm_export as P
from channelvalue.errors import ValidationError
from channelvalue.io.export.duplicates import find_duplicates, normalise_name
from channelvalue.io.export.numbers import parse_numbers


@pytest.fixture(scope="module")
def export() -> tuple[object, P.PrmExportTruth]:
    return P._generate(3000, 0)


def test_the_bundled_file_is_what_the_generator_writes(export: tuple) -> None:
    frame, _ = export
    shipped = cv.datasets.prm_export_path().read_bytes()
    assert shipped == P.to_csv_bytes(frame), "run: python scripts/build_prm_export.py"
    assert shipped.startswith(b"\xef\xbb\xbfAccount ID,")
    assert b"\r\n" in shipped


def test_shape_and_text_cells(export: tuple) -> None:
    frame, truth = export
    assert frame.shape == (3000, 13)
    assert tuple(frame.columns) == P.COLUMNS
    assert all(type(v) is str for v in frame.to_numpy().ravel())
    ids = frame["Account ID"]
    assert ids.str.fullmatch(r"0015g00000[0-9A-Za-z]{8}").all()
    assert len(truth.reference) == 3000


def test_it_is_seeded() -> None:
    a = cv.datasets.prm_export(n=300, seed=5)
    assert a.equals(cv.datasets.prm_export(n=300, seed=5))
    assert not a.equals(cv.datasets.prm_export(n=300, seed=6))


def test_the_planted_problems_are_counted(export: tuple) -> None:
    _, truth = export
    assert len(truth.exact_duplicates) == 10
    assert len(truth.same_id) == 5
    assert len(truth.same_account) == 15
    assert len(truth.missing_distributor_rows) == 60
    assert len(truth.unknown_partner_type_rows) == 12
    assert len(truth.negative_revenue_rows) == 3
    every = [p for g in (*truth.exact_duplicates, *truth.same_id, *truth.same_account) for p in g]
    assert len(every) == len(set(every))  # the planted groups do not overlap


def test_duplicate_detection_finds_exactly_the_planted_groups(export: tuple) -> None:
    frame, truth = export
    groups = find_duplicates(
        frame["Account ID"].tolist(), frame["Account Name"].tolist(), rows=frame.values.tolist()
    )
    found = {
        kind: sorted(g.positions for g in groups if g.kind in kinds)
        for kind, kinds in {
            "exact": ("exact-row",),
            "id": ("same-id",),
            "name": ("same-name", "similar-name"),
        }.items()
    }
    assert found["exact"] == list(truth.exact_duplicates)
    assert found["id"] == list(truth.same_id)
    assert found["name"] == list(truth.same_account)
    for group in truth.same_account:  # one account under several ids
        assert len({frame["Account ID"][p] for p in group}) == len(group)


def test_numbers_parse_to_the_reference(export: tuple) -> None:
    frame, truth = export
    ref = truth.reference
    revenue = parse_numbers(frame["Annual Revenue"].tolist(), rates=truth.rates)
    assert revenue.ok
    np.testing.assert_array_equal(revenue.values, ref["revenue"].to_numpy(dtype=float))
    assert revenue.currencies == ("EUR", "USD")
    assert [i for i, v in enumerate(revenue.values) if v < 0] == list(truth.negative_revenue_rows)
    mixed = parse_numbers(frame["Annual Revenue"].tolist())
    assert [p.kind for p in mixed.problems] == ["mixed-currency"]
    growth = parse_numbers(frame["Revenue Growth YoY"].tolist(), share=True)
    assert growth.ok
    np.testing.assert_allclose(growth.values, ref["growth"].to_numpy(dtype=float), atol=1e-12)
    for column, key in (("MDF Approved", "mdf"), ("Deal Registrations", "deals")):
        parsed = parse_numbers(frame[column].tolist())
        assert parsed.ok
        np.testing.assert_array_equal(parsed.values, ref[key].to_numpy(dtype=float))


def test_partner_types_tiers_and_regions(export: tuple) -> None:
    frame, truth = export
    vocabulary = cv.io.DEFAULT_VOCABULARY
    unknown = set(truth.unknown_partner_type_rows)
    types = zip(frame["Partner Type"], truth.reference["role"], strict=True)
    for i, (text, role) in enumerate(types):
        if i in unknown:
            assert text in truth.unknown_partner_types
            assert role is None
            assert vocabulary.lookup("role", text) is None
        elif text != "Agent/Referral":  # not (yet) a synonym of agent in the vocabulary
            assert vocabulary.lookup("role", text).value == role
    for text, tier in zip(frame["Partner Tier"], truth.reference["tier"], strict=True):
        assert (vocabulary.lookup("tier", text).value if text else "") == tier


def test_parents_name_distributors_of_the_file_or_the_missing_one(export: tuple) -> None:
    frame, truth = export
    by_name = {normalise_name(k): v for k, v in truth.distributors.items()}
    ids = set(frame["Account ID"])
    missing = set(truth.missing_distributor_rows)
    assert normalise_name(truth.missing_distributor) not in {
        normalise_name(n) for n in frame["Account Name"]
    }
    parents = zip(frame["Parent Distributor"], truth.reference["parent"], strict=True)
    for i, (text, parent) in enumerate(parents):
        if i in missing:
            assert text == parent == truth.missing_distributor
        elif not text:
            assert parent is None
        else:
            assert by_name[normalise_name(text)] == parent
            assert parent in ids


def test_segments_cadence_and_managers(export: tuple) -> None:
    frame, truth = export
    ref = truth.reference
    for text, segments in zip(frame["Customer Segments"], ref["segments"], strict=True):
        assert tuple(s.strip() for s in text.split(";") if s.strip()) == segments
    cadences = {"weekly", "monthly", "quarterly", "none", "ad hoc", ""}
    for text, cadence in zip(frame["Sell-Through Reporting"], ref["cadence"], strict=True):
        assert cadence in cadences
        assert text.lower().replace("-", " ") == cadence
    assert (frame["Channel Account Manager"] == truth.reference["manager"]).all()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"n": 199}, "n"), ({"n": 1.5e3}, "n"), ({"seed": -1}, "seed"), ({"seed": True}, "seed")],
)
def test_bad_arguments(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as info:
        cv.datasets.prm_export(**kwargs)  # type: ignore[arg-type]
    assert info.value.field == field
    with pytest.raises(ValidationError):
        cv.datasets.prm_export_truth(**kwargs)  # type: ignore[arg-type]


def test_the_truth_matches_the_frame_for_another_size_and_seed() -> None:
    frame, truth = P._generate(600, 3)
    assert truth == cv.datasets.prm_export_truth(n=600, seed=3)
    assert frame.equals(cv.datasets.prm_export(n=600, seed=3))
    assert not math.isnan(truth.rates["EUR"])
