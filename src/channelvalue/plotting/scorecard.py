"""The scorecard plot: what each partner gets against what it brings.

One bubble per partner of a [`Scorecard`][channelvalue.aligning.Scorecard]: x is its share of
partner revenue, y its share of the resources invested in partners; the diagonal is parity
(resources in proportion to revenue). Above it a partner gets more than its revenue
share, below it less. The bubble's area is the partner's volume, its colour its velocity
(red shrinking, green growing). The `top` partners farthest from parity are named
(partners drawn at about the same spot share one label, `Name +5`); each label is moved
around its bubble until it overlaps no label placed before and stays inside the axes (a
partner with no free place nearby stays unnamed).

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.aligning import partner_scorecard
    >>> from channelvalue.plotting import plot_scorecard
    >>> ax = plot_scorecard(partner_scorecard(cv.datasets.example()))
    >>> ax.get_xlabel()
    'share of partner revenue'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from ..aligning import Scorecard
from ..errors import ValidationError, WrongTypeError
from ._axes import get_axes

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["SCORECARD_LABELS", "plot_scorecard"]

SCORECARD_LABELS = 10
"""How many partners `plot_scorecard` names by default (the farthest from parity)."""

_FEATURE = "plot_scorecard"


def _place_labels(axes: Axes, xs: Any, ys: Any, radii: Any, names: list[str]) -> int:
    """Name the points, greedily: each label tries offsets around its bubble (`radii` in
    points) until its box overlaps no label placed before and stays inside the Axes.
    Returns how many were placed."""
    fig = axes.figure
    fig.draw_without_rendering()  # type: ignore[union-attr]  # settle the layout first
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    inside = axes.get_window_extent(renderer)
    placed: list[Any] = []
    directions = [(1, 1), (1, -1), (-1, 1), (-1, -1), (1, 0), (-1, 0), (0, 1), (0, -1)]
    for x, y, r, name in zip(xs, ys, radii, names, strict=True):
        for k in (1.0, 1.8, 2.6, 3.4, 4.2):
            done = False
            for ux, uy in directions:
                dx, dy = ux * (r * 0.75 + 4) * k, uy * (r * 0.75 + 4) * k
                text = axes.annotate(
                    name,
                    (x, y),
                    xytext=(dx, dy),
                    textcoords="offset points",
                    ha="left" if dx > 0 else ("right" if dx < 0 else "center"),
                    va="bottom" if dy > 0 else ("top" if dy < 0 else "center"),
                    fontsize="small",
                    arrowprops={"arrowstyle": "-", "color": "#999999", "lw": 0.6},
                )
                box = text.get_window_extent(renderer).expanded(1.05, 1.15)
                fits = (
                    box.x0 >= inside.x0
                    and box.x1 <= inside.x1
                    and box.y0 >= inside.y0
                    and box.y1 <= inside.y1
                )
                if fits and not any(box.overlaps(b) for b in placed):
                    placed.append(box)
                    done = True
                    break
                text.remove()
            if done:
                break
    return len(placed)


def plot_scorecard(
    card: Scorecard,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    labels: str | None = "name",
    top: int = SCORECARD_LABELS,
    figsize: tuple[float, float] | None = None,
) -> Axes:
    """Draw resources share against revenue share per partner; return the `Axes`.

    Args:
        card: the [`Scorecard`][channelvalue.aligning.Scorecard] to draw.
        ax: the matplotlib Axes to draw on (default: a new figure of `figsize`).
        title: the title (default: the network's name and what the plot shows).
        labels: `"name"` or `"id"` to name the partners farthest from parity, or None.
        top: how many partners to name (0: none).
        figsize: the size in inches of a new figure (default 8 x 6.5).

    Raises:
        WrongTypeError: `card` is not a Scorecard or `ax` not an Axes.
        ValidationError: `labels` is not "name", "id" or None, or `top` is negative.
        MissingDependencyError: matplotlib is not installed.

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.aligning import partner_scorecard
        >>> ax = plot_scorecard(partner_scorecard(cv.datasets.example()), top=3)
        >>> len(ax.texts) <= 3 + 1
        True
    """
    if not isinstance(card, Scorecard):
        raise WrongTypeError(f"{_FEATURE}.card", card, "a Scorecard (partner_scorecard(net))")
    if labels not in ("name", "id", None):
        raise ValidationError(_FEATURE, "labels", labels, "'name', 'id' or None")
    if isinstance(top, bool) or not isinstance(top, int) or top < 0:
        raise ValidationError(_FEATURE, "top", top, "an integer >= 0")
    axes = get_axes(ax, _FEATURE, figsize=figsize or (8.0, 6.5))
    from matplotlib.colors import TwoSlopeNorm
    from matplotlib.lines import Line2D
    from matplotlib.ticker import PercentFormatter

    x, y = card.revenue_share, card.resource_share
    volume = card.volume
    vmax = float(volume.max()) if len(volume) else 0.0
    sizes = 20.0 + 600.0 * (np.sqrt(volume / vmax) if vmax > 0 else np.zeros(len(volume)))
    velocity = card.velocity
    lo = min(float(velocity.min()) if len(velocity) else 0.0, -1e-9)
    hi = max(float(velocity.max()) if len(velocity) else 0.0, 1e-9)
    norm = TwoSlopeNorm(vmin=lo, vcenter=0.0, vmax=hi)
    points = axes.scatter(
        x,
        y,
        s=sizes,
        c=velocity,
        cmap="RdYlGn",
        norm=norm,
        alpha=0.75,
        edgecolors="#333333",
        linewidths=0.5,
    )
    top_share = max(float(x.max()) if len(x) else 0.0, float(y.max()) if len(y) else 0.0)
    limit = top_share * 1.08 if top_share > 0 else 1.0
    axes.plot([0, limit], [0, limit], color="#777777", ls="--", lw=0.9, zorder=0)
    axes.set_xlim(-0.02 * limit, limit)
    axes.set_ylim(-0.02 * limit, limit)
    axes.xaxis.set_major_formatter(PercentFormatter(1.0))
    axes.yaxis.set_major_formatter(PercentFormatter(1.0))
    axes.set_xlabel("share of partner revenue")
    axes.set_ylabel("share of resources invested in partners")
    bar = axes.figure.colorbar(points, ax=axes, shrink=0.8)
    bar.set_label("velocity (revenue growth a year)")
    bar.ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    handles = [
        Line2D([], [], color="#777777", ls="--", label="parity: resources in line with revenue"),
        Line2D(
            [],
            [],
            ls="",
            marker="o",
            markerfacecolor="#dddddd",
            markeredgecolor="#333333",
            markersize=9,
            label="bubble area: volume",
        ),
    ]
    axes.legend(handles=handles, loc="best", fontsize="small", framealpha=0.8)
    if not (card.resources > 0).any():
        axes.text(
            0.98,
            0.02,
            "no investments in partners recorded",
            transform=axes.transAxes,
            ha="right",
            fontsize="small",
            color="#aa0000",
        )
    if labels is not None and top and len(card):
        gap = np.abs(y - x)
        order = np.lexsort((np.arange(len(card)), -gap))[: 10 * top]  # candidates
        order = order[gap[order] > 0]
        names = card.names if labels == "name" else card.ids
        # partners drawn at about the same spot (1 % of the axes) share one label: "Name +5"
        keep: list[int] = []
        texts: list[str] = []
        for i in order:
            if len(keep) == top:
                break
            near = np.hypot(x - x[i], y - y[i]) < 0.01 * limit
            if any(near[j] for j in keep):
                continue
            keep.append(int(i))
            more = int(near.sum()) - 1
            texts.append(names[int(i)] + (f" +{more}" if more else ""))
        chosen = np.asarray(keep, dtype=np.int64)
        _place_labels(
            axes,
            x[chosen].tolist(),
            y[chosen].tolist(),
            (np.sqrt(sizes[chosen]) / 2).tolist(),
            texts,
        )
    if title is None:
        name = f"{card.network}: " if card.network else ""
        title = f"{name}resources against revenue, {len(card):,} partners"
    axes.set_title(title)
    return axes
