"""Lorenz curves of revenue and of resources across partners, with their Gini.

Partners are the organizations other than the steward and the units it owns (as in
the `resources.alignment` check). A partner's *revenue* is `Organization.revenue`;
its *resources* are the sum of the plan's investments whose recipient it is (MDF,
co-op, training, ...). Each curve sorts the partners by its own quantity, smallest
first: the further it sags below the diagonal, the more concentrated that quantity is.
The Gini coefficient of each ([`channelvalue.metrics.gini`][channelvalue.metrics.gini]) is
in the legend. When resources are as concentrated as revenue, they follow the partners
that bring the revenue.

Curves of more than [`CURVE_POINTS`][channelvalue.plotting.CURVE_POINTS] partners are drawn through
that many points (exact: a Lorenz curve is piecewise linear between partners), so 100,000 partners
draw as fast as 60.

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.plotting import lorenz
    >>> ax = lorenz(cv.datasets.example())
    >>> ax.get_legend_handles_labels()[1]
    ['revenue (Gini 0.76)', 'resources (Gini 0.86)', 'equality']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..core.arrays import arrays
from ..core.network import ChannelNetwork
from ..errors import ValidationError, WrongTypeError
from ..metrics import gini, lorenz_points
from ._axes import check_common, get_axes, set_title

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["CURVE_POINTS", "lorenz"]

CURVE_POINTS = 1_001
"""The most points a drawn Lorenz curve has
([`channelvalue.metrics.lorenz_points`][channelvalue.metrics.lorenz_points])."""

_FEATURE = "lorenz"


def lorenz(
    net: ChannelNetwork,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    figsize: tuple[float, float] | None = None,
) -> Axes:
    """Draw the Lorenz curves of revenue and resources across partners; return the `Axes`.

    A quantity that no partner has (no revenue, or no investment to any partner) is
    named in the legend but not drawn. The curves label no partner, so there is no
    `labels=` option.

    Args:
        net: the network.
        ax: the Axes to draw on; default: a new figure (constrained layout).
        title: the title; default: how many partners the curves cover.
        figsize: the size of a new figure in inches.

    Raises:
        WrongTypeError: `net` is not a ChannelNetwork, or `ax` is not an Axes.
        ValidationError: the network has no partners, or they have neither revenue nor
            resources; a bad `title` or `figsize`.
        MissingDependencyError: matplotlib is not installed.

    Examples:
        >>> import channelvalue as cv
        >>> ax = lorenz(cv.datasets.example())
        >>> ax.get_title()
        'Revenue and resources across 58 partners'
    """
    if not isinstance(net, ChannelNetwork):
        raise WrongTypeError(f"{_FEATURE}.net", net, "a ChannelNetwork")
    title, _, size = check_common(_FEATURE, title=title, labels="name", figsize=figsize)
    a = arrays(net)
    partner = ~a.owned
    if net.steward_id is not None:
        partner[a.org_index[net.steward_id]] = False
    n = int(partner.sum())
    if n == 0:
        raise ValidationError(
            _FEATURE, "net", net, "a network with partners (organizations besides the steward)"
        )
    resources = np.zeros(a.n_orgs)
    pairs = [
        (a.org_index[i.recipient], i.amount)
        for i in net.investments.values()
        if i.recipient in a.org_index
    ]
    if pairs:
        rows, amounts = zip(*pairs, strict=True)
        np.add.at(resources, np.array(rows, dtype=np.int64), np.array(amounts))
    series = {"revenue": a.revenue[partner], "resources": resources[partner]}
    if all(v.sum() <= 0 for v in series.values()):
        raise ValidationError(
            _FEATURE, "net", net, "partners with some revenue or some investments"
        )
    axes = get_axes(ax, _FEATURE, figsize=size or (5.5, 5.0))
    styles = {"revenue": ("#1f77b4", "-"), "resources": ("#d62728", "--")}
    for name, values in series.items():
        color, line = styles[name]
        if values.sum() <= 0:
            axes.plot([], [], color=color, linestyle=line, label=f"{name}: none recorded")
            continue
        x, y = lorenz_points(values, max_points=CURVE_POINTS)
        axes.plot(
            x,
            y,
            color=color,
            linestyle=line,
            linewidth=2,
            label=f"{name} (Gini {gini(values):.2f})",
        )
    axes.plot([0, 1], [0, 1], color="#999999", linewidth=1, linestyle=":", label="equality")
    axes.set_xlim(0, 1)
    axes.set_ylim(0, 1)
    axes.set_aspect("equal")
    axes.set_xlabel("share of partners, smallest first")
    axes.set_ylabel("cumulative share of the total")
    set_title(axes, title if title is not None else f"Revenue and resources across {n:,} partners")
    axes.legend(loc="upper left", fontsize="small")
    axes.grid(True, alpha=0.3)
    return axes
