"""The power map: the partner's dependence on the steward against the steward's on it.

One bubble per partner with a known `steward_share` (from
[`power_map`][channelvalue.mapping.power_map]): x is the partner's dependence on the
steward, y the steward's dependence on the partner, the area is the revenue at stake.
Dashed lines at the high-dependence threshold cut the plane into four quadrants: *mutual
dependence* (top right), *partner holds power* (top left: the steward's risk), *steward
holds power* (bottom right: leverage, and a duty of care), *loose ties* (bottom left).
The diagonal is balance. The `label` partners with the most revenue at stake are named,
each label moved around its bubble until it overlaps no label placed before (a partner
with no free place nearby stays unnamed).

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.plotting import power_balance
    >>> net = cv.ChannelNetwork(steward="v")
    >>> net.add_all([cv.Organization("v", role="vendor"), cv.Segment("s"),
    ...     cv.Organization("a", role="reseller", steward_share=0.9),
    ...     cv.Supplies("v", "a"), cv.Serves("a", "s", revenue=10.0)])
    >>> power_balance(net).get_xlabel()
    "partner's dependence on the steward"
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from ..core.network import ChannelNetwork
from ..errors import ValidationError, WrongTypeError
from ..mapping import PowerMap, power_map
from ._axes import check_common, get_axes, renderer_of, set_title

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["LABEL_LIMIT", "power_balance"]

LABEL_LIMIT = 12
"""The default number of partners named on the power map (most revenue at stake first)."""

_FEATURE = "power_balance"
_RISK, _LEVER, _MUTUAL, _LOOSE = "#d62728", "#1f77b4", "#9467bd", "#7f7f7f"


def _colour(x: float, y: float, high: float) -> str:
    if x >= high and y >= high:
        return _MUTUAL
    if y >= high:
        return _RISK
    if x >= high:
        return _LEVER
    return _LOOSE


def _place_labels(axes: Axes, xs: Any, ys: Any, radii: Any, names: list[str]) -> None:
    """Name the points; each label tries offsets around its bubble (`radii` in points)
    until its box overlaps no label placed before (a greedy placement, in order)."""
    fig = axes.get_figure()
    assert fig is not None
    draw = getattr(fig, "draw_without_rendering", None)
    if draw is not None:
        draw()  # constrained layout moves the Axes: measure where they end up
    renderer = renderer_of(fig)
    placed: list[Any] = []
    directions = [(1, 1), (1, -1), (-1, 1), (-1, -1), (1, 0), (-1, 0), (0, 1), (0, -1)]
    for x, y, r, name in zip(xs, ys, radii, names, strict=True):
        steps = [(d, k) for k in (1.0, 1.8, 2.6, 3.4, 4.2) for d in directions]
        for (ux, uy), k in steps:
            dx, dy = ux * (r * 0.75 + 4) * k, uy * (r * 0.75 + 4) * k - (4 if uy < 0 else 0)
            text = axes.annotate(
                name,
                (x, y),
                xytext=(dx, dy),
                textcoords="offset points",
                ha="left" if dx > 0 else ("right" if dx < 0 else "center"),
                fontsize="small",
                arrowprops={"arrowstyle": "-", "color": "#999999", "lw": 0.6},
            )
            box = text.get_window_extent(renderer).expanded(1.05, 1.1)
            if not any(box.overlaps(b) for b in placed):
                placed.append(box)
                break
            text.remove()  # no free place nearby: the partner stays unnamed


def power_balance(
    data: ChannelNetwork | PowerMap,
    *,
    label: int = LABEL_LIMIT,
    high: float = 0.5,
    ax: Axes | None = None,
    title: str | None = None,
    labels: str = "name",
    figsize: tuple[float, float] | None = None,
) -> Axes:
    """Draw the power map of a network (or of a [`PowerMap`][channelvalue.mapping.PowerMap]);
    return the `Axes`.

    Args:
        data: the network, or its power map.
        label: how many partners to name (most revenue at stake first; 0: none).
        high: where the quadrant lines are (the `power_high_dependence` of the audit).
        ax: the matplotlib Axes to draw on (default: a new figure of `figsize`).
        title: the title (default: says how many partners are shown).
        labels: `"name"` (default) names partners by name, `"id"` by id.
        figsize: the size in inches of a new figure (default 7.5 x 6).

    Raises:
        WrongTypeError: `data` is neither a network nor a PowerMap, or `ax` not an Axes.
        ValidationError: `label` is negative, `high` outside (0, 1), or a bad `title`,
            `labels` or `figsize`.
        MissingDependencyError: matplotlib is not installed.

    Examples:
        >>> import channelvalue as cv
        >>> ax = power_balance(cv.datasets.example())   # five partners have a share
        >>> ax.get_title()
        'Power map: 5 partners (area: revenue at stake)'
    """
    if isinstance(data, ChannelNetwork):
        pm = power_map(data)
    elif isinstance(data, PowerMap):
        pm = data
    else:
        raise WrongTypeError(f"{_FEATURE}.data", data, "a ChannelNetwork or a PowerMap")
    title, mode, size = check_common(_FEATURE, title=title, labels=labels, figsize=figsize)
    if isinstance(label, bool) or not isinstance(label, int) or label < 0:
        raise ValidationError(_FEATURE, "label", label, "an integer >= 0")
    if isinstance(high, bool) or not isinstance(high, int | float) or not 0 < high < 1:
        raise ValidationError(_FEATURE, "high", high, "a number in (0, 1)")
    axes = get_axes(ax, _FEATURE, figsize=size or (7.5, 6.0))
    keep = np.flatnonzero(~np.isnan(pm.partner_dependence))
    x, y = pm.partner_dependence[keep], pm.steward_dependence[keep]
    rev = pm.revenue[keep]
    top = float(rev.max()) if len(rev) else 0.0
    sizes = 30.0 + 900.0 * (rev / top if top > 0 else np.zeros(len(rev)))
    colours = [_colour(float(a), float(b), high) for a, b in zip(x, y, strict=True)]
    axes.scatter(x, y, s=sizes, c=colours, alpha=0.55, edgecolors="#333333", linewidths=0.6)
    axes.plot([0, 1], [0, 1], color="#bbbbbb", lw=0.8, zorder=0)
    axes.axvline(high, color="#555555", ls="--", lw=0.8)
    axes.axhline(high, color="#555555", ls="--", lw=0.8)
    axes.set_xlim(-0.1, 1.1)
    axes.set_ylim(-0.1, 1.16)
    corner: dict[str, Any] = {
        "fontsize": "small",
        "fontweight": "bold",
        "transform": axes.transAxes,
    }
    axes.text(0.99, 0.99, "mutual dependence", ha="right", va="top", color=_MUTUAL, **corner)
    axes.text(0.01, 0.99, "partner holds power (risk)", va="top", color=_RISK, **corner)
    axes.text(0.99, 0.01, "steward holds power (leverage)", ha="right", color=_LEVER, **corner)
    axes.text(0.01, 0.01, "loose ties", color=_LOOSE, **corner)
    axes.set_xlabel("partner's dependence on the steward")
    axes.set_ylabel("steward's dependence on the partner")
    if title is None:
        title = (
            f"Power map: {len(keep):,} partners (area: revenue at stake)"
            if len(keep)
            else "Power map: no partner has a known steward_share"
        )
    set_title(axes, title)
    if label and len(keep):
        order = np.lexsort((keep, -rev))[:label]
        _place_labels(
            axes,
            x[order].tolist(),
            y[order].tolist(),
            (np.sqrt(sizes[order]) / 2).tolist(),
            [
                ((pm.names or pm.partners) if mode == "name" else pm.partners)[int(keep[i])]
                for i in order
            ],
        )
    return axes
