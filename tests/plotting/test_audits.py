"""audit_summary on a slide: a visible 0, hatched *not assessed* rows, titles, the overall
line in the legend."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

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


def _report(scores: Mapping[str, float], not_assessed: Mapping[str, str]) -> Any:
    """A report with these scores and these checks not assessed."""
    results = {c: [cv.Finding(c, "error", message="m")] for c in scores}
    results |= {c: [] for c in not_assessed}
    report = AuditReport.from_results(results, titles=TITLES, network="toy")
    fields = attrs.fields_dict(AuditReport)
    if "not_assessed" in fields:
        return attrs.evolve(
            report,
            scores=FrozenMap(dict(scores)),
            not_assessed=FrozenMap(dict(not_assessed)),
            score=sum(scores.values()) / len(scores) if scores else None,
        )

    class _Report(AuditReport):  # the report before not_assessed existed
        pass

    values = {f: getattr(report, f) for f in fields}
    values["scores"] = FrozenMap(dict(scores))
    values["score"] = sum(scores.values()) / len(scores)
    out = _Report(**values)
    object.__setattr__(out, "not_assessed", dict(not_assessed))
    return out


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
