"""Cell values of exports: lists, cadences, regions (`channelvalue.io.export.values`)."""

from __future__ import annotations

import pytest

from channelvalue.io.export.values import cadence_days, region_name, split_cell


@pytest.mark.parametrize(
    ("cell", "items"),
    [
        ("SMB;Mid-Market; Enterprise", ("SMB", "Mid-Market", "Enterprise")),
        ("SMB, Enterprise", ("SMB", "Enterprise")),
        ("SMB | Enterprise", ("SMB", "Enterprise")),
        ("SMB/Enterprise", ("SMB", "Enterprise")),
        ("SMB;;smb; ", ("SMB",)),
        ("", ()),
        ("  Public   Sector ", ("Public Sector",)),
    ],
)
def test_split_cell(cell: str, items: tuple[str, ...]) -> None:
    assert split_cell(cell) == items


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Daily", 1.0),
        ("Weekly", 7.0),
        ("WEEKLY", 7.0),
        ("bi-weekly", 14.0),
        ("Monthly", 30.0),
        ("Quarterly", 91.0),
        ("Annually", 365.0),
        ("Yes", 30.0),
        ("None", 0.0),
        ("No", 0.0),
        ("Ad hoc", -1.0),
        ("ad-hoc", -1.0),
        ("Irregular", -1.0),
        ("14", 14.0),
        ("every 10 days", 10.0),
        ("Sometimes weekly", None),
        ("0", None),
    ],
)
def test_cadence_days(text: str, days: float | None) -> None:
    assert cadence_days(text) == days


def test_regions() -> None:
    assert region_name("North America") == "NA"
    assert region_name("emea") == "EMEA"
    assert region_name("Nordics") == "Nordics"
