"""The audit summary: each check's score and its findings by severity.

One horizontal bar per check of an [`AuditReport`][channelvalue.AuditReport], in
the report's check order (top to bottom): its length is the check's 0..100 score, its
colour the most severe finding of the check (red: error, orange: warning, green: info
or none), and the counts of errors (E), warnings (W) and info (I) are written beside
it. A dashed line marks the overall score.

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.aligning import audit
    >>> from channelvalue.plotting import audit_summary
    >>> ax = audit_summary(audit(cv.datasets.example()))
    >>> len(ax.patches), ax.get_title()
    (15, 'Audit of Acme Networks channel: score 77.9')
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..aligning import AuditReport
from ..errors import ValidationError, WrongTypeError
from ._axes import SEVERITY_COLORS, get_axes

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["audit_summary"]

_FEATURE = "audit_summary"


def audit_summary(report: AuditReport, *, ax: Axes | None = None) -> Axes:
    """Draw an audit's score and finding counts by check; return the matplotlib `Axes`.

    Raises:
        WrongTypeError: `report` is not an AuditReport, or `ax` is not an Axes.
        ValidationError: the report ran no check.
        MissingDependencyError: matplotlib is not installed.

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.aligning import audit
        >>> ax = audit_summary(audit(cv.datasets.example(), checks=["reporting"]))
        >>> [t.get_text() for t in ax.get_yticklabels()]
        ['reporting.coverage', 'reporting.manager_load']
    """
    if not isinstance(report, AuditReport):
        raise WrongTypeError(f"{_FEATURE}.report", report, "an AuditReport from audit()")
    checks = report.assessed
    if not checks:
        raise ValidationError(_FEATURE, "report", report, "a report of at least one check")
    counts = report.counts_by_check
    axes = get_axes(ax, _FEATURE, figsize=(8.0, 1.2 + 0.42 * len(checks)))
    colors = []
    for c in checks:
        worst = next((s for s in ("error", "warning", "info") if counts[c][s]), None)
        colors.append(
            SEVERITY_COLORS["info"] if worst in (None, "info") else SEVERITY_COLORS[worst]
        )
    ys = list(range(len(checks)))
    scores = [report.scores[c] for c in checks]
    axes.barh(ys, scores, color=colors, height=0.65, zorder=2)
    for y, c, score in zip(ys, checks, scores, strict=True):
        n = counts[c]
        parts = [f"{n[s]} {s[0].upper()}" for s in ("error", "warning", "info") if n[s]]
        text = f"{score:.1f}" + ("  (" + ", ".join(parts) + ")" if parts else "")
        axes.text(score + 1.5, y, text, va="center", fontsize="x-small")
    if report.score is not None:
        axes.axvline(report.score, color="#333333", linestyle="--", linewidth=1, zorder=3)
    axes.set_yticks(ys, list(checks))
    axes.invert_yaxis()
    axes.set_xlim(0, 135)
    axes.set_xticks([0, 20, 40, 60, 80, 100])
    axes.set_xlabel("score (100: no warnings or errors); dashed: overall score")
    axes.grid(True, axis="x", alpha=0.3, zorder=0)
    name = report.network or "the channel"
    overall = "no score" if report.score is None else f"score {report.score:.1f}"
    axes.set_title(f"Audit of {name}: {overall}")
    from matplotlib.patches import Patch

    axes.legend(
        handles=[
            Patch(color=SEVERITY_COLORS["error"], label="has errors"),
            Patch(color=SEVERITY_COLORS["warning"], label="warnings at most"),
            Patch(color=SEVERITY_COLORS["info"], label="info or nothing"),
        ],
        loc="lower right",
        fontsize="x-small",
    )
    return axes
