"""The margin waterfall of one priced route: from the list price down to the steward's net.

The first bar is the list price per unit; a customer discount (list minus end price) comes
off it when the last level sells below list; then each member's margin (`sell - buy + rebate
+ back_end`) steps down, top level first; the last bar is what the steward keeps. Every bar
is labelled with its value to the cent, and the member bars with the member's share of the
channel margin.

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.mapping import route_margins
    >>> from channelvalue.plotting import margin_waterfall
    >>> p = cv.RoutePricing("rt", steward="acme", list_price=100, levels=[
    ...     cv.PriceLevel("dist", buy=60, sell=66), cv.PriceLevel("r1", buy=66, sell=85)])
    >>> ax = margin_waterfall(route_margins(p))
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['list price', 'customer\\ndiscount', 'dist', 'r1', 'acme\\nnet']
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..core.network import ChannelNetwork
from ..errors import ValidationError, WrongTypeError
from ..mapping import MarginBuildUp, RouteMargins
from ._axes import check_common, get_axes, set_title

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["margin_waterfall"]

_FEATURE = "margin_waterfall"
_LIST = "#7f7f7f"
_DISCOUNT = "#c7c7c7"
_MARGIN = "#ff7f0e"
_NET = "#1f2a44"


def margin_waterfall(
    result: RouteMargins | MarginBuildUp,
    route: str | None = None,
    *,
    names: Mapping[str, str] | ChannelNetwork | None = None,
    ax: Axes | None = None,
    title: str | None = None,
    labels: str = "name",
    figsize: tuple[float, float] | None = None,
) -> Axes:
    """Draw the margin waterfall of one route; return the `Axes`.

    Args:
        result: a [`RouteMargins`][channelvalue.mapping.RouteMargins], or a
            [`MarginBuildUp`][channelvalue.mapping.MarginBuildUp] with `route` naming one of
            its routes (optional when it holds one route).
        route: the route id, for a `MarginBuildUp`.
        names: display names by member id, or the network whose organizations' names to
            use; ids otherwise.
        ax: the Axes to draw on (default: a new figure).
        title: the title (default: the route, its end price and channel margin).
        labels: `"name"` (default) labels members with `names`, `"id"` with their ids.
        figsize: the size of a new figure in inches.

    Raises:
        WrongTypeError: `result` is neither, or `ax` is not an Axes.
        ValidationError: a bad `title`, `labels` or `figsize`.
        UnknownIdError: `route` is not in the build-up.
        ValidationError: a build-up of several routes and no `route`.
        MissingDependencyError: matplotlib is not installed.

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue import mapping
        >>> from channelvalue.mapping import route_margins
        >>> p = cv.RoutePricing("rt", steward="v", list_price=10,
        ...                     levels=[cv.PriceLevel("r", buy=7, sell=10)])
        >>> margin_waterfall(route_margins(p), names={"r": "Reseller"}).get_title()
        'Margin build-up of route rt: end price 10.00, channel margin 3.00'
        >>> net = cv.datasets.example()
        >>> ax = margin_waterfall(mapping.margin_build_up(net), "price-smb-north", names=net)
        >>> [t.get_text() for t in ax.get_xticklabels()][2:4]
        ['Northbridge Distribution', 'Reseller 07']
    """
    title, mode, size = check_common(_FEATURE, title=title, labels=labels, figsize=figsize)
    r = _one(result, route)
    if isinstance(names, ChannelNetwork):
        names = {o.id: o.label for o in names.organizations.values()}
    label = dict(names or {}) if mode == "name" else {}
    steps = r.waterfall()
    n = len(steps)
    width = max(7.0, 1.3 * n + 1.5)
    axes = get_axes(ax, _FEATURE, figsize=size or (width, 4.5))
    members = set(r.members)
    share = dict(zip(r.members, r.shares, strict=True))
    level = steps[0][1]
    ticks: list[str] = []
    top = max(steps[0][1], 1e-9)
    for k, (name, value) in enumerate(steps):
        if k == 0 or k == n - 1:  # totals: from 0
            bottom, height = 0.0, value
            color = _LIST if k == 0 else _NET
        else:
            bottom, height = level + value, -value
            color = _MARGIN if name in members else _DISCOUNT
            level += value
        axes.bar(k, height, bottom=bottom, color=color, width=0.62, edgecolor="white")
        text = f"{value:,.2f}" if k in (0, n - 1) else f"\u2212{-value:,.2f}"
        if name in members and not math.isnan(share[name]):
            text += f"\n({share[name]:.1%})"
        axes.text(
            k,
            bottom + max(height, 0.0) + 0.015 * top,
            text,
            ha="center",
            va="bottom",
            fontsize=9,
        )
        if k:  # a connector from the previous bar's level
            y = level if k == n - 1 else level - value
            axes.plot([k - 0.69, k - 0.31], [y, y], color="#999999", lw=0.8)
        if k == 0:
            ticks.append("list price")
        elif k == n - 1:
            ticks.append(f"{label.get(r.pricing.steward, r.pricing.steward)}\nnet")
        elif name in members:
            ticks.append(label.get(name, name))
        else:
            ticks.append("customer\ndiscount")
    axes.set_xticks(range(n), ticks)
    axes.set_ylim(0, top * 1.18)
    axes.set_ylabel("per unit")
    axes.spines[["top", "right"]].set_visible(False)
    set_title(
        axes,
        title
        if title is not None
        else (
            f"Margin build-up of route {r.pricing.id}: end price {r.end_price:,.2f}, "
            f"channel margin {r.channel_margin:,.2f}"
        ),
    )
    return axes


def _one(result: RouteMargins | MarginBuildUp, route: str | None) -> RouteMargins:
    if isinstance(result, RouteMargins):
        return result
    if not isinstance(result, MarginBuildUp):
        raise WrongTypeError(
            f"{_FEATURE}.result", result, "a RouteMargins or a MarginBuildUp (margin_build_up)"
        )
    if route is None:
        if len(result) != 1:
            raise ValidationError(
                _FEATURE, "route", None, f"one of the {len(result)} route ids of the build-up"
            )
        return next(iter(result.routes.values()))
    return result[route]
