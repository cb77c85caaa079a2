"""audit_summary: one bar per check, its score and finding counts."""

from __future__ import annotations

import pytest

import channelvalue as cv
from channelvalue.aligning import AuditReport, audit
from channelvalue.plotting import audit_summary

RED, ORANGE, GREEN = (0.839, 0.153, 0.157), (1.0, 0.624, 0.11), (0.173, 0.627, 0.173)


def _rgb(patch: object) -> tuple[float, ...]:
    return tuple(round(c, 3) for c in patch.get_facecolor()[:3])  # type: ignore[attr-defined]


def test_one_bar_per_check(example, render) -> None:
    report = audit(example)
    ax = audit_summary(report)
    render(ax, "audit")
    rows = [*report.assessed, *sorted(report.not_assessed)]
    assert len(ax.patches) == len(rows)
    shown = [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()]
    assert shown == [report.titles[c] for c in rows]  # titles, not ids
    widths = [p.get_width() for p in ax.patches[: len(report.assessed)]]
    assert widths == [max(report.scores[c], 0.8) for c in report.assessed]
    k, n = len(report.assessed), len(report.checks)
    assert ax.get_title() == (
        f"Audit of Acme Networks channel: score {round(report.score, 1):g}"
        f" ({k} of {n} checks assessed)"
    )
    assert ax.lines[0].get_xdata()[0] == report.score
    assert ax.get_legend().get_texts()[0].get_text() == f"overall {round(report.score, 1):g}"


def test_colours_and_counts_worked_by_hand(render) -> None:
    report = AuditReport.from_results(
        {
            "a.errors": [cv.Finding("a.errors", "error", message="m", share=0.1)] * 2
            + [cv.Finding("a.errors", "warning", message="w", share=0.2)],
            "b.warns": [cv.Finding("b.warns", "warning", message="w", share=0.5)],
            "c.clean": [cv.Finding("c.clean", "info", message="i", share=1.0)],
            "d.none": [],
        },
        network="toy",
    )
    ax = audit_summary(report)
    render(ax, "audit_toy")
    assert [_rgb(p) for p in ax.patches] == [RED, ORANGE, GREEN, GREEN]
    texts = [t.get_text() for t in ax.texts]
    # 100 * (1 - (1 * 0.1 + 1 * 0.1 + 0.5 * 0.2)) = 70; 100 * (1 - 0.5 * 0.5) = 75
    assert texts == ["70  (2 E, 1 W)", "75  (1 W)", "100  (1 I)", "100"]
    assert ax.get_title() == "Audit of toy: score 86.2"  # (70 + 75 + 100 + 100) / 4


def test_empty_report_is_an_error() -> None:
    with pytest.raises(cv.ValidationError, match=r"audit_summary\.report"):
        audit_summary(AuditReport.from_results({}))


def test_wrong_types_are_errors(example) -> None:
    with pytest.raises(cv.WrongTypeError, match=r"audit_summary\.report"):
        audit_summary(example)  # type: ignore[arg-type]
    with pytest.raises(cv.WrongTypeError, match=r"audit_summary\.ax"):
        audit_summary(audit(example, checks=["reporting"]), ax=[])  # type: ignore[arg-type]
