"""The audit trend: each check's score per period, and the findings that came and went.

Draws a [`Trend`][channelvalue.transactions.trend.Trend] (from
[`audit_over_time`][channelvalue.transactions.trend.audit_over_time]): one thin line per check
with its 0..100 score at each audit, the overall score as a thick dark line, and on a second
axis, bars of the findings that *appeared* since the audit before (up, orange) and that were
*resolved* (down, green).

Examples:
    >>> import datetime as dt
    >>> import channelvalue as cv
    >>> from channelvalue.aligning import audit
    >>> from channelvalue.transactions.trend import Trend
    >>> net = cv.datasets.example()
    >>> first = audit(net, checks=["reporting"])
    >>> net.add(cv.ReportsTo("res-11", "dist-north", manager="pam-north"))
    >>> trend = Trend.from_reports([(dt.date(2024, 1, 31), first),
    ...                             (dt.date(2024, 2, 29), audit(net, checks=["reporting"]))])
    >>> ax = plot_trend(trend)
    >>> len(ax.get_lines()), ax.get_title()
    (3, 'Audit score over time: 97.8 -> 97.9')
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..errors import ValidationError, WrongTypeError
from ._axes import SEVERITY_COLORS, get_axes

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["MAX_CHECK_LINES", "plot_trend"]

_FEATURE = "plot_trend"

MAX_CHECK_LINES = 12
"""At most this many checks get a line (those whose score moved most); the others are left
out, the overall score always drawn."""


def plot_trend(
    trend: Any,
    *,
    checks: Sequence[str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw the score of each check and the overall score per audit, with the findings that
    appeared and resolved; return the matplotlib `Axes` of the scores.

    Args:
        trend: a `Trend` (anything with `scores()` and `changes()` frames of one).
        checks: the checks to draw (default: the [`MAX_CHECK_LINES`][channelvalue.plotting.
            trend.MAX_CHECK_LINES] whose score moved most).
        ax: the `Axes` to draw on (default: a new figure).

    Raises:
        WrongTypeError: `trend` is not a trend.
        ValidationError: a check that is not in the trend.
        MissingDependencyError: matplotlib is not installed.

    Examples:
        >>> import datetime as dt
        >>> import channelvalue as cv
        >>> from channelvalue.aligning import audit
        >>> from channelvalue.transactions.trend import Trend
        >>> r = audit(cv.datasets.example(), checks=["reporting"])
        >>> ax = plot_trend(Trend.from_reports([(dt.date(2024, 1, 31), r)]),
        ...                 checks=["reporting.coverage"])
        >>> [line.get_label() for line in ax.get_lines()]
        ['reporting.coverage', 'overall']
    """
    if not (callable(getattr(trend, "scores", None)) and callable(getattr(trend, "changes", None))):
        raise WrongTypeError(f"{_FEATURE}.trend", trend, "a Trend from audit_over_time()")
    scores = trend.scores()
    changes = trend.changes()
    available = [c for c in scores.columns if c not in ("as_of", "overall")]
    if checks is None:
        moved = {
            c: float(scores[c].max() - scores[c].min()) if scores[c].notna().any() else -1.0
            for c in available
        }
        chosen = sorted(available, key=lambda c: (-moved[c], c))[:MAX_CHECK_LINES]
        chosen = sorted(chosen)
    else:
        unknown = [c for c in checks if c not in available]
        if unknown:
            raise ValidationError(_FEATURE, "checks", unknown, "checks of the trend's audits")
        chosen = list(checks)
    axes = get_axes(ax, _FEATURE, figsize=(9.0, 4.8))
    days = list(scores["as_of"])
    for c in chosen:
        axes.plot(days, scores[c], linewidth=1.0, alpha=0.75, marker=".", label=c)
    axes.plot(days, scores["overall"], color="#222222", linewidth=2.6, label="overall")
    axes.set_ylim(0, 105)
    axes.set_ylabel("score (0..100)")
    axes.grid(True, alpha=0.3)
    bars = axes.twinx()
    gaps = [(b - a).days for a, b in itertools.pairwise(days)]
    width = 0.35 * (min(gaps) if gaps else 10)
    bars.bar(days, changes["appeared"], width=width, color=SEVERITY_COLORS["warning"],
             alpha=0.35, label="appeared")  # fmt: skip
    bars.bar(days, -changes["resolved"], width=width, color=SEVERITY_COLORS["info"],
             alpha=0.35, label="resolved")  # fmt: skip
    top = max(1, int(changes["appeared"].max()), int(changes["resolved"].max()))
    bars.set_ylim(-top * 3, top * 3)
    bars.axhline(0, color="#999999", linewidth=0.6)
    bars.set_ylabel("findings appeared (+) / resolved (-)")
    axes.set_zorder(bars.get_zorder() + 1)
    axes.patch.set_visible(False)
    handles, labels = axes.get_legend_handles_labels()
    more, more_labels = bars.get_legend_handles_labels()
    axes.legend(handles + more, labels + more_labels, fontsize="x-small", loc="lower left",
                ncol=2)  # fmt: skip
    first, last = scores["overall"].iloc[0], scores["overall"].iloc[-1]
    shown = f"{first:.1f} -> {last:.1f}" if first == first and last == last else "no overall score"
    axes.set_title(f"Audit score over time: {shown}")
    axes.figure.autofmt_xdate()
    return axes
