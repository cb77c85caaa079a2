"""The consensus ranking of levers with the spread of each lever across the ballots.

One row per item of a [`ConsensusResult`][channelvalue.building.ConsensusResult], in
consensus order (best on top). A dot marks the item's mean rank on the ballots
(1 = first; tied and unranked items count at their mid-rank), its bar the standard
deviation of that rank across ballots (`result.spread`); a hollow diamond marks the
place the consensus gives it. Contested items (`result.contested`) are labelled in
red. The title gives the method, the ballots and the agreement (Kendall's W).

The mean rank comes from the pairwise matrix
([`channelvalue.metrics.mean_ranks`][channelvalue.metrics.mean_ranks]).

Examples:
    >>> from channelvalue.building import consensus
    >>> from channelvalue.plotting import consensus_ranking
    >>> r = consensus([["a", "b", "c"], ["a", "c", "b"], ["b", "a", "c"]])
    >>> ax = consensus_ranking(r)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['a', 'b', 'c']
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

from ..building import ConsensusResult
from ..errors import WrongTypeError
from ..metrics import mean_ranks
from ._axes import check_common, get_axes, set_title

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["consensus_ranking"]

_FEATURE = "consensus_ranking"
_CONTESTED = "#d62728"


def consensus_ranking(
    result: ConsensusResult,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    labels: str = "name",
    figsize: tuple[float, float] | None = None,
    names: Mapping[str, str] | None = None,
) -> Axes:
    """Draw a consensus ranking with each item's spread over the ballots; return the `Axes`.

    Args:
        result: a [`ConsensusResult`][channelvalue.building.ConsensusResult].
        ax: the Axes to draw on; default: a new figure (constrained layout).
        title: the title; default: the method, the ballots and the agreement.
        labels: `"name"` (default) labels the items with `names` (an item without one
            keeps its id), `"id"` with their ids.
        figsize: the size of a new figure in inches; default: from the number of items.
        names: display names by item id (e.g. what each lever changes).

    Raises:
        WrongTypeError: `result` is not a ConsensusResult, or `ax` is not an Axes.
        ValidationError: a bad `title`, `labels` or `figsize`.
        MissingDependencyError: matplotlib is not installed.

    Examples:
        >>> from channelvalue.building import consensus
        >>> ax = consensus_ranking(consensus([["x", "y"], ["y", "x"], ["x", "y"]]))
        >>> ax.get_title()
        "Consensus ranking (schulze, 3 ballots, Kendall's W = 0.11)"
    """
    if not isinstance(result, ConsensusResult):
        raise WrongTypeError(f"{_FEATURE}.result", result, "a ConsensusResult from consensus()")
    title, mode, size = check_common(_FEATURE, title=title, labels=labels, figsize=figsize)
    item_names = dict(names or {}) if mode == "name" else {}
    ranking = list(result.ranking)
    n = len(ranking)
    ranks = mean_ranks(result.pairwise, result.n_ballots).tolist()
    means = dict(zip(result.items, ranks, strict=True))
    axes = get_axes(ax, _FEATURE, figsize=size or (8.0, 1.6 + 0.4 * n))
    ys = np.arange(n, dtype=np.float64)
    axes.errorbar(
        [means[i] for i in ranking],
        ys,
        xerr=[result.spread[i] for i in ranking],
        fmt="o",
        color="#1f77b4",
        ecolor="#7fb2dc",
        elinewidth=4,
        capsize=0,
        markersize=7,
        zorder=3,
        label="mean rank on the ballots\n\u00b1 spread (std)",
    )
    axes.scatter(
        ys + 1,
        ys,
        marker="D",
        s=48,
        facecolors="none",
        edgecolors="#333333",
        zorder=4,
        label="consensus place",
    )
    axes.set_yticks(ys, [item_names.get(i) or i for i in ranking])
    contested = set(result.contested)
    for label, item in zip(axes.get_yticklabels(), ranking, strict=True):
        if item in contested:
            label.set_color(_CONTESTED)
            label.set_fontweight("bold")
    axes.invert_yaxis()
    axes.set_xlim(0.5, n + 0.5)
    from matplotlib.ticker import MaxNLocator

    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlabel("rank (1 = first)" + ("; red: most contested" if contested else ""))
    axes.grid(True, axis="x", alpha=0.3, zorder=0)
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="x-small", frameon=False)
    set_title(
        axes,
        title
        if title is not None
        else (
            f"Consensus ranking ({result.method}, {result.n_ballots} ballots, "
            f"Kendall's W = {result.agreement:.2f})"
        ),
    )
    return axes
