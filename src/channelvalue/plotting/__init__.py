"""Plots of a channel and of the results about it (needs the `plot` extra: matplotlib).

| function | draws |
|---|---|
| `channel_map` | the layered channel map: by member, by group or by role pattern |
| `channel_detail` | the named partners: the top ones per role, the rest collapsed with counts |
| `gap_heatmap` | segments x service outputs, demanded minus delivered |
| `lorenz` | Lorenz curves of revenue and resources across partners |
| [`audit_summary`][channelvalue.plotting.audit_summary] | an audit's score and findings by check |
| `consensus_ranking` | a lever consensus with each item's spread over ballots |
| `design_matrix` | a zero-based design: who carries which flow, at what cost |
| `margin_waterfall` | a priced route from the list price down to the steward's net |
| `power_balance` | each partner's dependence on the steward against the steward's on it |
| `account_overlap_heatmap` | shared customer accounts: direct sales and the top partners |
| `plot_scorecard` | per partner, resources share against revenue share (a `Scorecard`) |

Every function takes the network or a result object first and keyword-only options,
among them the four every plot shares: `ax=` (a matplotlib `Axes` to draw on; default: a
new figure with constrained layout), `title=`, `figsize=` and, where the plot labels
organizations, segments, partners or checks, `labels="name"` (the default) or `"id"`. Each
returns the `Axes` it drew on, so plots compose with the rest of matplotlib. Titles wrap to
the figure and labels never overlap, so a plain `savefig` gives a figure for a slide.
matplotlib is imported when a plot is drawn, never when `channelvalue` is imported; without
it a [`MissingDependencyError`][channelvalue.MissingDependencyError] says what to install.
Nothing calls `plt.show()`: notebooks show the figure, scripts save it.

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue import plotting
    >>> ax = plotting.lorenz(cv.datasets.example())
    >>> type(ax).__name__
    'Axes'
    >>> ax.figure.savefig("lorenz.png")  # doctest: +SKIP
"""

from __future__ import annotations

from .audits import audit_summary
from .design import design_matrix
from .gaps import ANNOTATE_LIMIT, gap_heatmap
from .inequality import CURVE_POINTS, lorenz
from .maps import (
    DETAIL_LIMIT,
    MAX_DETAIL,
    MAX_PATTERNS,
    TOP_INTERMEDIARIES,
    TOP_PER_ROLE,
    channel_detail,
    channel_map,
)
from .margins import margin_waterfall
from .overlap import account_overlap_heatmap
from .power import LABEL_LIMIT, power_balance
from .rankings import consensus_ranking
from .scorecard import SCORECARD_LABELS, plot_scorecard

__all__ = [
    "ANNOTATE_LIMIT",
    "CURVE_POINTS",
    "DETAIL_LIMIT",
    "LABEL_LIMIT",
    "MAX_DETAIL",
    "MAX_PATTERNS",
    "SCORECARD_LABELS",
    "TOP_INTERMEDIARIES",
    "TOP_PER_ROLE",
    "account_overlap_heatmap",
    "audit_summary",
    "channel_detail",
    "channel_map",
    "consensus_ranking",
    "design_matrix",
    "gap_heatmap",
    "lorenz",
    "margin_waterfall",
    "plot_scorecard",
    "power_balance",
]
