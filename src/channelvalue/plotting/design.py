"""The channel-design matrix: who carries which flow in a zero-based design, at what cost.

One row per [`Flow`][channelvalue.Flow], one column per member type the design uses (labelled
with its name, role and fixed cost). A cell holds the type's cost of carrying the flow; the
carrier's cell is filled with the colour of its role and written in bold, the other
types' costs stay on a light background for comparison (`-`: the type cannot carry the
flow). The title gives the total cost.

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.building import MemberType, design_channel
    >>> from channelvalue.plotting import design_matrix
    >>> t = MemberType("t", role="agent", costs={f.value: 1 for f in cv.Flow})
    >>> ax = design_matrix(design_channel(cv.Segment("s"), [t]))
    >>> len(ax.get_yticklabels()), ax.get_xticklabels()[0].get_text()
    (8, 't\\nagent\\nfixed 0')
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..building import ChannelDesign
from ..errors import WrongTypeError
from ..model import Flow
from ._axes import check_common, get_axes, role_color, set_title

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["design_matrix"]

_FEATURE = "design_matrix"


def design_matrix(
    design: ChannelDesign,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    figsize: tuple[float, float] | None = None,
) -> Axes:
    """Draw a design's flows x member types matrix and return the matplotlib `Axes`.

    Args:
        design: a [`ChannelDesign`][channelvalue.building.ChannelDesign].
        ax: the Axes to draw on; default: a new figure.
        title: the title; default: the segment and the design's cost.
        figsize: the size of a new figure in inches; default: from the number of types.

    Raises:
        WrongTypeError: not a ChannelDesign, or `ax` not an Axes.
        ValidationError: a bad `title` or `figsize`.
        MissingDependencyError: matplotlib is not installed.

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.building import MemberType, design_channel
        >>> t = MemberType("t", role="agent", costs={f.value: 1 for f in cv.Flow})
        >>> design_matrix(design_channel(cv.Segment("s"), [t]), title="s").get_title("left")
        's'
    """
    if not isinstance(design, ChannelDesign):
        raise WrongTypeError(f"{_FEATURE}.design", design, "a ChannelDesign")
    title, _, size_ = check_common(_FEATURE, title=title, labels="name", figsize=figsize)
    flows = list(Flow)
    types = design.types
    size = size_ or (2.6 + 1.5 * len(types), 4.2)
    axes = get_axes(ax, _FEATURE, figsize=size)
    from matplotlib.patches import Rectangle

    for j, name in enumerate(types):
        color = role_color(design.roles[name])
        for i, flow in enumerate(flows):
            carried = design.flows[flow] == name
            cost = design.costs[name].get(flow)
            axes.add_patch(
                Rectangle(
                    (j - 0.5, i - 0.5),
                    1.0,
                    1.0,
                    facecolor=color if carried else "#f2f2f2",
                    edgecolor="white",
                    linewidth=2,
                    alpha=0.85 if carried else 1.0,
                )
            )
            axes.text(
                j,
                i,
                "-" if cost is None else f"{cost:g}",
                ha="center",
                va="center",
                fontsize=10,
                fontweight="bold" if carried else "normal",
                color="white" if carried else "#555555",
            )
    axes.set_xlim(-0.5, len(types) - 0.5)
    axes.set_ylim(len(flows) - 0.5, -0.5)
    axes.set_xticks(
        range(len(types)),
        [f"{n}\n{design.roles[n].value}\nfixed {design.fixed_costs[n]:g}" for n in types],
    )
    axes.set_yticks(range(len(flows)), [f.value.replace("_", " ") for f in flows])
    axes.xaxis.tick_top()
    axes.tick_params(length=0)
    for spine in axes.spines.values():
        spine.set_visible(False)
    set_title(
        axes,
        title
        if title is not None
        else (
            f"{design.segment}: cost {design.cost:g} "
            f"(fixed {design.fixed_cost:g} + flows {design.flow_cost:g})"
        ),
        loc="left",
        fontsize=10,
        pad=10,
    )
    return axes
