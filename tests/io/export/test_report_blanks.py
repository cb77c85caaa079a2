"""A blank figure is missing, not 0: the report says what it became (issue 15, item 2)."""

from __future__ import annotations

import math

import pytest

import channelvalue as cv

pd = pytest.importorskip("pandas")
pytest.importorskip("babel")


def test_blank_figures_are_counted_and_named_in_the_report() -> None:
    frame = pd.DataFrame(
        {
            "Account ID": ["v", "a", "b", "c"],
            "Account Name": ["Vendor", "Alpha", "Beta", "Gamma"],
            "Partner Type": ["Vendor", "VAR", "VAR", "MSP"],
            "Annual Revenue": ["", "1,000", "", "$2,500.00"],
            "Revenue Growth YoY": ["", "5%", "", ""],
        }
    )
    net, report = cv.io.read_export(frame, steward="v")
    assert report.blanks["Annual Revenue"] == 2
    assert report.blanks["Revenue Growth YoY"] == 3
    assert "blank figures: 2 revenue, 3 velocity (loaded as 0: the audit sees none)" in str(report)
    assert net.organizations["a"].revenue == 1000.0
    assert net.organizations["c"].revenue == 2500.0
    assert math.isclose(net.organizations["a"].velocity, 0.05)


def test_no_blank_figures_no_line() -> None:
    frame = pd.DataFrame(
        {
            "Account ID": ["v", "a"],
            "Account Name": ["Vendor", "Alpha"],
            "Partner Type": ["Vendor", "VAR"],
            "Annual Revenue": ["0", "1,000"],
        }
    )
    _, report = cv.io.read_export(frame, steward="v")
    assert "blank figures" not in str(report)
