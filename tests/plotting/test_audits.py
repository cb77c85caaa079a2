"""audit_summary on a slide: a visible 0, hatched *not assessed* rows, titles, the overall
line in the legend."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

import channelvalue as cv
from channelvalue.aligning import AuditReport
from channelvalue.model import FrozenMap
from channelvalue.plotting import audit_summary

from ._layout import clipped_texts

TITLES = {
    "a.zero": "Partners with no data feed",
    "b.half": "Managers over capacity",
    "c.flows": "Flows and margins",
}


def _report(scores: Mapping[str, float], not_assessed: Mapping[str, str]) -> AuditReport:
    """A report with these scores and these checks not assessed."""
    results = {c: [cv.Finding(c, "error", message="m", share=0.5)] for c in scores}
    report = AuditReport.from_results(
        results, titles=TITLES, network="toy", not_assessed=not_assessed
    )
    overall = sum(scores.values()) / len(scores) if scores else None
    return attrs.evolve(report, scores=FrozenMap(dict(scores)), score=overall)


def test_zero_is_a_visible_bar_with_its_figure() -> None:
    ax = audit_summary(_report({"a.zero": 0.0, "b.half": 50.0}, {}))
    zero, half = ax.patches[:2]
    assert zero.get_width() > 0  # not an empty row
    assert zero.get_edgecolor()[3] > 0  # outlined
    assert half.get_width() == 50.0
    texts = [t.get_text() for t in ax.texts]
    assert texts[0].startswith("0  (1 E)")


def test_not_assessed_is_a_hatched_grey_row_with_the_reason() -> None:
    report = _report({"a.zero": 0.0, "b.half": 50.0}, {"c.flows": "no flow tables or margins"})
    ax = audit_summary(report)
    rows = [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()]
    assert rows == [TITLES["a.zero"], TITLES["b.half"], TITLES["c.flows"]]
    skipped = ax.patches[2]
    assert skipped.get_hatch() == "///"
    assert skipped.get_width() == 100  # the full width
    assert "not assessed: no flow tables or margins" in [t.get_text() for t in ax.texts]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[0] == "overall 25"
    assert "not assessed" in legend
    assert ax.get_title() == "Audit of toy: score 25 (2 of 3 checks assessed)"
    assert clipped_texts(ax.figure) == []


def test_ids_instead_of_titles() -> None:
    ax = audit_summary(_report({"a.zero": 0.0}, {"c.flows": "no flows"}), labels="id")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a.zero", "c.flows"]


def test_no_check_assessed_draws_the_rows_and_no_score() -> None:
    ax = audit_summary(_report({}, {"c.flows": "no flow tables or margins"}))
    assert ax.get_title() == "Audit of toy: not scored (0 of 1 checks assessed)"
    assert ax.get_legend().get_texts()[0].get_text() == "has errors"
    assert ax.patches[0].get_hatch() == "///"


def test_real_audit_of_a_network_without_flows() -> None:
    from channelvalue.aligning import audit

    report = audit(cv.datasets.example())
    ax = audit_summary(report)
    hatched = [p for p in ax.patches if p.get_hatch()]
    assert len(hatched) == len(report.not_assessed)
    texts = [t.get_text() for t in ax.texts]
    for reason in report.not_assessed.values():
        assert f"not assessed: {reason}" in texts
