"""The account-overlap heat-map: shared customer accounts between partners and direct sales.

Rows and columns are the direct-sales row (when there is one) and the `top` partners that
share the most accounts with anybody (the sum of their off-diagonal overlap, then id). A
cell counts the accounts the two share; the diagonal (each owner's list size) is left grey,
so the colour scale shows the overlap only. Labels are the owners' names.

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.mapping import account_list
    >>> from channelvalue.plotting import account_overlap_heatmap
    >>> net = cv.ChannelNetwork(steward="v")
    >>> net.add_all([cv.Organization("v", role="vendor"),
    ...     cv.Organization("r1", role="reseller"), cv.Organization("r2", role="reseller"),
    ...     account_list("v", ["a"]), account_list("r1", ["a", "b"]),
    ...     account_list("r2", ["b"])])
    >>> ax = account_overlap_heatmap(net)
    >>> ax.images[0].get_array().shape, [t.get_text() for t in ax.get_yticklabels()]
    ((3, 3), ['direct sales', 'r1', 'r2'])
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..core.network import ChannelNetwork
from ..errors import ValidationError, WrongTypeError
from ..mapping.overlap import AccountOverlap, account_overlap
from ._axes import check_common, get_axes, set_title

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["account_overlap_heatmap"]

_FEATURE = "account_overlap_heatmap"


def account_overlap_heatmap(
    overlap_or_net: AccountOverlap | ChannelNetwork,
    *,
    top: int = 15,
    ax: Axes | None = None,
    title: str | None = None,
    labels: str = "name",
    figsize: tuple[float, float] | None = None,
    annotate: bool = True,
) -> Axes:
    """Draw the overlap between direct sales and the `top` partners; return the `Axes`.

    Args:
        overlap_or_net: an [`AccountOverlap`][channelvalue.mapping.AccountOverlap], or a
            network (its [`account_overlap`][channelvalue.mapping.account_overlap]).
        top: how many partners to show (>= 1), those sharing the most accounts first.
        ax: the Axes to draw on; default: a new figure of `figsize`.
        title: the title; default says how many partners are shown.
        labels: `"name"` (default) labels rows and columns with the owners' names,
            `"id"` with their ids.
        figsize: the size of a new figure in inches; default grows with `top`.
        annotate: write each count in its cell.

    Raises:
        WrongTypeError: neither AccountOverlap nor ChannelNetwork, or `ax` not an Axes.
        ValidationError: no account lists, `top` < 1, or a non-bool `annotate`.
        MissingDependencyError: matplotlib is not installed.

    Examples:
        >>> import channelvalue as cv
        >>> account_overlap_heatmap(cv.ChannelNetwork())
        Traceback (most recent call last):
        ...
        channelvalue.errors.ValidationError: account_overlap_heatmap.overlap_or_net: got ...
    """
    if isinstance(overlap_or_net, ChannelNetwork):
        ov = account_overlap(overlap_or_net)
    elif isinstance(overlap_or_net, AccountOverlap):
        ov = overlap_or_net
    else:
        raise WrongTypeError(
            f"{_FEATURE}.overlap_or_net", overlap_or_net, "an AccountOverlap or a ChannelNetwork"
        )
    title, mode, size = check_common(_FEATURE, title=title, labels=labels, figsize=figsize)
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise ValidationError(_FEATURE, "top", top, "an integer >= 1")
    if type(annotate) is not bool:
        raise ValidationError(_FEATURE, "annotate", annotate, "True or False")
    if not ov.owners:
        raise ValidationError(
            _FEATURE, "overlap_or_net", overlap_or_net, "a network with account lists"
        )
    totals = ov.totals()
    first = 1 if ov.has_direct else 0
    partners = np.arange(first, len(ov.owners))
    ranked = partners[np.lexsort((partners, -totals[partners]))][:top]
    rows = np.r_[np.arange(first), np.sort(ranked)].astype(np.int64)
    values = ov.matrix[rows][:, rows].toarray().astype(np.float64)
    np.fill_diagonal(values, np.nan)
    shown = [(ov.names if mode == "name" else ov.owners)[r] for r in rows.tolist()]
    n = len(rows)
    size = size or (max(5.0, 2.6 + 0.45 * n), max(4.0, 2.0 + 0.4 * n))
    axes = get_axes(ax, _FEATURE, figsize=size)
    import matplotlib as mpl

    cmap = mpl.colormaps["Oranges"].with_extremes(bad="#e6e6e6")
    peak = max(1.0, float(np.nanmax(values)) if n > 1 else 1.0)
    image = axes.imshow(
        np.ma.masked_invalid(values), cmap=cmap, vmin=0, vmax=peak, interpolation="nearest"
    )
    axes.set_xticks(range(n), shown)
    axes.set_yticks(range(n), shown)
    axes.tick_params(axis="x", labelrotation=45)
    for label in axes.get_xticklabels():
        label.set_horizontalalignment("right")
    n_shown = len(ranked)
    if annotate:
        for (i, j), v in np.ndenumerate(values):
            if np.isnan(v) or v == 0:
                continue
            axes.text(
                j,
                i,
                f"{int(v)}",
                ha="center",
                va="center",
                fontsize="small",
                color="white" if v > 0.6 * peak else "black",
            )
    from matplotlib.ticker import MaxNLocator

    bar = axes.figure.colorbar(image, ax=axes, shrink=0.9)
    bar.locator = MaxNLocator(integer=True)
    bar.update_ticks()
    bar.set_label("shared accounts")
    set_title(
        axes,
        title
        if title is not None
        else f"Shared customer accounts\ndirect sales and the top {n_shown} partners"
        if first
        else f"Shared customer accounts\nthe top {n_shown} partners",
    )
    return axes
