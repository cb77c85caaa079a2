"""Header recognition of one-table exports (`channelvalue.io.export.headers`)."""

from __future__ import annotations

import pytest

from channelvalue.io._terms import EXPORT_COLUMNS
from channelvalue.io.export.headers import (
    attribute_key,
    closest_targets,
    is_target,
    recognise_header,
)
from channelvalue.io.vocabulary import term_key

TABLE = [
    ("Account Name", "name"),
    ("Account ID", "id"),
    ("Partner Type", "role"),
    ("Partner Tier", "tier"),
    ("Annual Revenue", "revenue"),
    ("Revenue Growth YoY", "velocity"),
    ("Parent Distributor", "parent"),
    ("Channel Account Manager", "manager"),
    ("Customer Segments", "segments"),
    ("Region", "regions"),
    ("Sell-Through Reporting", "cadence"),
    ("MDF Approved", "mdf"),
    ("Deal Registrations", "attribute.deal_registrations"),
    # variants: case, spaces, underscores, abbreviations, units
    ("ACCOUNT_NAME", "name"),
    ("account name", "name"),
    ("  Account   Name ", "name"),
    ("Acct Name", "name"),
    ("Acct", "name"),
    ("Company Name", "name"),
    ("Acct #", "id"),
    ("Account No.", "id"),
    ("Acct_ID", "id"),
    ("Revenue (USD)", "revenue"),
    ("Annual Revenue [EUR]", "revenue"),
    ("Revenue USD", "revenue"),
    ("YoY Growth %", "velocity"),
    ("Growth (%)", "velocity"),
    ("partner_type", "role"),
    ("Type", "role"),
    ("Tier", "tier"),
    ("Distributor", "parent"),
    ("CAM", "manager"),
    ("Segments", "segments"),
    ("Territory", "regions"),
    ("Industry", "verticals"),
    ("POS Reporting", "cadence"),
    ("Sell Through Reporting", "cadence"),
    ("MDF", "mdf"),
    ("Co-op Funds", "coop"),
    ("# Deal Registrations", "attribute.deal_registrations"),
    ("Certifications", "attribute.certifications"),
]


@pytest.mark.parametrize(("header", "target"), TABLE)
def test_recognised(header: str, target: str) -> None:
    assert recognise_header(header) == target


@pytest.mark.parametrize("header", ["Favourite colour", "Notes", "", "%", "()"])
def test_unknown_headers_are_none(header: str) -> None:
    assert recognise_header(header) is None


def test_no_synonym_means_two_targets() -> None:
    seen: dict[str, str] = {}
    for target, (_, synonyms) in EXPORT_COLUMNS.items():
        for s in synonyms:
            key = term_key(s)
            assert seen.setdefault(key, target) == target, (s, seen[key], target)


def test_closest_targets_hint() -> None:
    assert closest_targets("Parnter Distributer")[0] == "parent"
    assert closest_targets("zzzz") == ()


def test_targets_and_attribute_keys() -> None:
    assert is_target("ignore")
    assert is_target("attribute.nps_2026")
    assert not is_target("attribute.NPS")
    assert not is_target("revenu")
    assert attribute_key("Certified Engineers (#)") == "certified_engineers"
