"""AuditDiff renderings line by line, its frame's columns, compare() error messages."""

from __future__ import annotations

import pytest

import channelvalue as cv
from channelvalue.aligning import AuditDiff, AuditReport, compare

COLUMNS = ["status", "check", "severity_before", "severity_after", "subjects", "message"]


def F(check: str, severity: str, *subjects: str, message: str = "m") -> cv.Finding:
    return cv.Finding(check, severity, subjects=subjects, message=message)


def _diff() -> AuditDiff:
    # before: 2 warnings (2 points) -> 100 * 0.5 ** 0.2 = 87.1
    # after: p1 worsens to an error, p2 resolved, p3 new: 3 + 1 = 4 points -> 75.8: -11.3
    before = AuditReport.from_results(
        {"a.x": [F("a.x", "warning", "p1"), F("a.x", "warning", "p2", message="gone")]}
    )
    after = AuditReport.from_results(
        {"a.x": [F("a.x", "error", "p1"), F("a.x", "warning", "p3", message="fresh\nline")]}
    )
    return compare(before, after)


def test_markdown_lines_by_hand() -> None:
    assert _diff().to_markdown().splitlines() == [
        "# Audit comparison: score -11.3",
        "",
        "1 new, 1 resolved, 1 persisting findings.",
        "",
        "| check | score change |",
        "|---|---:|",
        "| `a.x` | -11.3 |",
        "",
        "## New",
        "",
        "- **warning** `a.x`: fresh line",
        "",
        "## Resolved",
        "",
        "- **warning** `a.x`: gone",
    ]


def test_html_rows_show_both_severities() -> None:
    assert _diff()._repr_html_() == (
        "<div><strong>Audit comparison</strong>: score -11.3"
        "<table><tr><th>status</th><th>check</th><th>before</th><th>after</th>"
        "<th>subjects</th><th>message</th></tr>"
        "<tr><td>new</td><td><code>a.x</code></td><td></td><td>warning</td>"
        "<td>p3</td><td>fresh\nline</td></tr>"
        "<tr><td>persisting</td><td><code>a.x</code></td><td>warning</td><td>error</td>"
        "<td>p1</td><td>m</td></tr>"
        "<tr><td>resolved</td><td><code>a.x</code></td><td>warning</td><td></td>"
        "<td>p2</td><td>gone</td></tr>"
        "</table></div>"
    )


def test_frame_columns_with_and_without_rows() -> None:
    assert list(AuditDiff().to_frame().columns) == COLUMNS
    df = _diff().to_frame()
    assert list(df.columns) == COLUMNS
    assert df.loc[1, ["severity_before", "severity_after"]].tolist() == ["warning", "error"]


def test_compare_names_the_argument_and_the_value() -> None:
    with pytest.raises(cv.WrongTypeError) as info:
        compare({}, AuditReport.from_results({}))  # type: ignore[arg-type]
    assert str(info.value) == "compare(before=...): got {} (dict) but expected an AuditReport"
