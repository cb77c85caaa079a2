"""compare(): new, resolved and persisting findings; score and count deltas by hand; AuditDiff
renderings line by line, its frame's columns, compare() error messages."""

from __future__ import annotations

import json

import pytest

import channelvalue as cv
from channelvalue.aligning import AuditDiff, AuditReport, audit, compare


def F(check: str, severity: str, *subjects: str, message: str = "m") -> cv.Finding:
    return cv.Finding(check, severity, subjects=subjects, message=message, share=0.1)


def test_match_new_resolved_persisting() -> None:
    before = AuditReport.from_results(
        {
            "a.x": [
                F("a.x", "warning", "p1", message="p1 late by 3 days"),
                F("a.x", "warning", "p2"),
                F("a.x", "error", "p3"),
            ],
            "b.y": [F("b.y", "info", "q")],
        }
    )
    after = AuditReport.from_results(
        {
            "a.x": [
                F("a.x", "error", "p1", message="p1 late by 9 days"),  # same subject: persists
                F("a.x", "warning", "p4"),  # new
            ],
            "c.z": [F("c.z", "error", "r")],  # a check that did not run before
        }
    )
    diff = compare(before, after)
    assert [f.subjects for f in diff.new] == [("p4",)]
    assert [f.subjects for f in diff.resolved] == [("p3",), ("p2",)]
    [(b, a)] = diff.persisting
    assert (b.message, a.message) == ("p1 late by 3 days", "p1 late by 9 days")
    assert diff.worsened == ((b, a),)
    assert diff.eased == ()
    assert diff.checks_only_before == ("b.y",)
    assert diff.checks_only_after == ("c.z",)
    # every finding has share .1; a.x before: 2 warnings + 1 error -> 100 * (1 - .05 - .05
    # - .1) = 80; after: 1 error + 1 warning -> 100 * (1 - .1 - .05) = 85: +5
    assert dict(diff.score_deltas) == pytest.approx({"a.x": 5.0})
    assert diff.score_delta == pytest.approx(5.0)
    assert dict(diff.count_deltas) == {"error": 0, "warning": -1, "info": 0}
    assert diff.improved
    rows = list(diff.rows())
    assert [r["status"] for r in rows] == ["new", "persisting", "resolved", "resolved"]
    assert rows[1]["severity_before"] == "warning"
    assert rows[1]["severity_after"] == "error"
    assert json.loads(json.dumps(diff.to_dict()))["score_delta"] == pytest.approx(5.0)
    assert diff.to_frame().shape == (4, 7)
    assert "## New" in diff.to_markdown()
    assert repr(diff) == "<AuditDiff: score +5.0, 1 new, 2 resolved, 1 persisting>"
    assert "<table>" in diff._repr_html_()


def test_exact_matches_win_over_subject_matches() -> None:
    before = AuditReport.from_results(
        {"a.x": [F("a.x", "warning", "p", message="one"), F("a.x", "warning", "p", message="two")]}
    )
    after = AuditReport.from_results({"a.x": [F("a.x", "warning", "p", message="two")]})
    diff = compare(before, after)
    assert [(b.message, a.message) for b, a in diff.persisting] == [("two", "two")]
    assert [f.message for f in diff.resolved] == ["one"]


def test_network_that_corrects_itself() -> None:
    net = cv.datasets.example()
    before = audit(net)
    net.add(cv.SharesData("res-12", "dist-north", interval_days=7))
    after = audit(net)
    diff = compare(before, after)
    assert any(
        f.subjects == ("res-12",) and f.check == "transparency.sell_through" for f in diff.resolved
    )
    assert diff.score_deltas["transparency.sell_through"] > 0
    assert compare(after, after).score_delta == 0.0
    assert not compare(after, after).improved


def test_compare_errors() -> None:
    r = AuditReport.from_results({})
    with pytest.raises(cv.WrongTypeError, match=r"compare\(before"):
        compare({}, r)  # type: ignore[arg-type]
    with pytest.raises(cv.WrongTypeError, match=r"compare\(after"):
        compare(r, None)  # type: ignore[arg-type]
    same = compare(r, r)
    assert (same.new, same.resolved, same.persisting, same.score_delta) == ((), (), (), 0.0)
    assert AuditDiff().to_frame().empty


COLUMNS = [
    "status",
    "check",
    "severity_before",
    "severity_after",
    "subjects",
    "names",
    "message",
]


def _diff() -> AuditDiff:
    # before: 2 warnings of share .1 -> 100 * (1 - 0.1) = 90
    # after: p1 worsens to an error, p2 resolved, p3 new: 100 * (1 - 0.1 - 0.05) = 85: -5
    before = AuditReport.from_results(
        {"a.x": [F("a.x", "warning", "p1"), F("a.x", "warning", "p2", message="gone")]}
    )
    after = AuditReport.from_results(
        {"a.x": [F("a.x", "error", "p1"), F("a.x", "warning", "p3", message="fresh\nline")]}
    )
    return compare(before, after)


def test_markdown_lines_by_hand() -> None:
    assert _diff().to_markdown().splitlines() == [
        "# Audit comparison: score -5.0",
        "",
        "1 new, 1 resolved, 1 persisting findings.",
        "",
        "| check | score change |",
        "|---|---:|",
        "| `a.x` | -5.0 |",
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
        "<div><strong>Audit comparison</strong>: score -5.0; 1 new, 1 resolved, 1 persisting"
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
