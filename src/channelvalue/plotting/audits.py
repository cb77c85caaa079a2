"""The audit summary: each check's score and its findings by severity.

One horizontal bar per assessed check of an [`AuditReport`][channelvalue.AuditReport],
labelled with the check's title, in the report's check order (top to bottom): its length is
the check's 0..100 score, its colour the most severe finding of the check (red: error,
orange: warning, green: info or none), and the score and the counts of errors (E),
warnings (W) and info (I) are written beside it. A score of 0 still shows: a thin bar with
an outline and the figure `0`. The checks that were *not assessed* (their inputs are not in
the network) follow as hatched grey rows across the full width, with the reason; they
count neither way in the overall score, which is the dashed line (in the legend as
"overall 63.2").

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.aligning import audit
    >>> from channelvalue.plotting import audit_summary
    >>> ax = audit_summary(audit(cv.datasets.example()))
    >>> ax.get_title().startswith('Audit of Acme Networks channel: score')
    True
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

from ..aligning import AuditReport
from ..errors import ValidationError, WrongTypeError
from ._axes import SEVERITY_COLORS, check_common, get_axes, set_title

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["audit_summary"]

_FEATURE = "audit_summary"
_NOT_ASSESSED = "#d9d9d9"
_MIN_BAR = 0.8  # a 0 score is drawn this wide (in score points), with an outline


def _fmt(score: float) -> str:
    """A score to one decimal, without a trailing `.0` (`62.5`, `0`, `100`)."""
    return f"{round(score, 1):g}"


def audit_summary(
    report: AuditReport,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    labels: str = "name",
    figsize: tuple[float, float] | None = None,
) -> Axes:
    """Draw an audit's score and finding counts by check; return the matplotlib `Axes`.

    Args:
        report: the [`AuditReport`][channelvalue.AuditReport] of `audit`.
        ax: the Axes to draw on; default: a new figure (constrained layout).
        title: the title; default: the network's name and the overall score.
        labels: `"name"` labels the rows with the checks' titles, `"id"` with their ids.
        figsize: the size of a new figure in inches; default: from the number of checks.

    Raises:
        WrongTypeError: `report` is not an AuditReport, or `ax` is not an Axes.
        ValidationError: the report ran no check, or a bad `title`, `labels` or `figsize`.
        MissingDependencyError: matplotlib is not installed.

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.aligning import audit
        >>> report = audit(cv.datasets.example(), checks=["reporting"])
        >>> ax = audit_summary(report, labels="id", title="Reporting")
        >>> [t.get_text() for t in ax.get_yticklabels()], ax.get_title()
        (['reporting.coverage', 'reporting.manager_load'], 'Reporting')
    """
    if not isinstance(report, AuditReport):
        raise WrongTypeError(f"{_FEATURE}.report", report, "an AuditReport from audit()")
    title, mode, size = check_common(_FEATURE, title=title, labels=labels, figsize=figsize)
    missing = report.not_assessed
    assessed = list(report.assessed)
    skipped = sorted(missing)
    rows = assessed + skipped
    if not rows:
        raise ValidationError(_FEATURE, "report", report, "a report of at least one check")
    counts = report.counts_by_check
    height = 2.2 + 0.4 * len(rows)
    axes = get_axes(ax, _FEATURE, figsize=size or (10.0, height))

    def row_label(check: str) -> str:
        text = report.titles.get(check, "") if mode == "name" else ""
        return textwrap.fill(text, 46, break_on_hyphens=False) if text else check

    ys = list(range(len(rows)))
    colors = []
    for c in assessed:
        n = counts.get(c, {})
        worst = next((s for s in ("error", "warning") if n.get(s)), "info")
        colors.append(SEVERITY_COLORS[worst])
    scores = [float(report.scores[c]) for c in assessed]
    widths = [max(s, _MIN_BAR) for s in scores]
    axes.barh(
        ys[: len(assessed)],
        widths,
        color=colors,
        height=0.65,
        zorder=2,
        edgecolor=["#333333" if s < _MIN_BAR else "none" for s in scores],
        linewidth=1.0,
    )
    for y, c, score in zip(ys[: len(assessed)], assessed, scores, strict=True):
        n = counts.get(c, {})
        parts = [f"{n[s]:,} {s[0].upper()}" for s in ("error", "warning", "info") if n.get(s)]
        text = _fmt(score) + ("  (" + ", ".join(parts) + ")" if parts else "")
        axes.text(
            max(score, _MIN_BAR) + 1.2,
            y,
            text,
            va="center",
            fontsize="x-small",
            zorder=4,
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 0.5},
        )
    for y, c in zip(ys[len(assessed) :], skipped, strict=True):
        axes.barh(
            y,
            100,
            height=0.65,
            facecolor=_NOT_ASSESSED,
            edgecolor="#8c8c8c",
            hatch="///",
            linewidth=0.6,
            zorder=2,
        )
        reason = missing[c]
        axes.text(
            2,
            y,
            f"not assessed: {reason}" if reason else "not assessed",
            va="center",
            fontsize="x-small",
            color="#333333",
            zorder=3,
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1.0},
        )
    handles: list[Any] = []
    overall = report.score
    if overall is not None and assessed:
        (line,) = axes.plot(
            [overall, overall],
            [-0.6, len(assessed) - 0.4],
            color="#333333",
            linestyle="--",
            linewidth=1,
            zorder=3,
            label=f"overall {_fmt(overall)}",
        )
        handles.append(line)
    axes.set_yticks(ys, [row_label(c) for c in rows], fontsize="small")
    axes.set_ylim(len(rows) - 0.4, -0.6)
    axes.set_xlim(0, 128)
    axes.set_xticks([0, 20, 40, 60, 80, 100])
    axes.set_xlabel("score (100: nothing to fix)")
    axes.grid(True, axis="x", alpha=0.3, zorder=0)
    axes.spines[["top", "right"]].set_visible(False)
    from matplotlib.patches import Patch

    handles += [
        Patch(color=SEVERITY_COLORS["error"], label="has errors"),
        Patch(color=SEVERITY_COLORS["warning"], label="warnings at most"),
        Patch(color=SEVERITY_COLORS["info"], label="info or nothing"),
    ]
    if skipped:
        handles.append(
            Patch(facecolor=_NOT_ASSESSED, edgecolor="#8c8c8c", hatch="///", label="not assessed")
        )
    from matplotlib.transforms import ScaledTranslation

    axes.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        bbox_transform=axes.transAxes
        + ScaledTranslation(0.0, -34 / 72, axes.figure.dpi_scale_trans),
        ncol=3,
        fontsize="x-small",
        frameon=False,
    )
    if title is None:
        name = report.network or "the channel"
        scored = "not scored" if overall is None or not assessed else f"score {_fmt(overall)}"
        title = f"Audit of {name}: {scored}"
        if skipped:
            title += f" ({len(assessed)} of {len(rows)} checks assessed)"
    set_title(axes, title)
    return axes
