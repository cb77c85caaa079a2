"""The service-gap heat-map: segments x service outputs, demanded minus delivered.

One row per segment, one column per service output that some segment states a need
for (in [`ServiceOutput`][channelvalue.ServiceOutput] order). A cell is the segment-wide
gap of [`channelvalue.mapping.service_gaps`][channelvalue.mapping.service_gaps]: red when
under-served (positive gap), blue when over-served (negative), white when met; grey where the
segment states no need. Under-served cells (beyond the tolerance) are written in bold.

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.plotting import gap_heatmap
    >>> ax = gap_heatmap(cv.datasets.example())
    >>> ax.images[0].get_array().shape
    (5, 9)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from ..core.network import ChannelNetwork
from ..errors import ValidationError, WrongTypeError
from ..mapping import ServiceGaps, service_gaps
from ..model import ServiceOutput
from ._axes import check_common, get_axes, set_title

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["ANNOTATE_LIMIT", "gap_heatmap"]

ANNOTATE_LIMIT = 300
"""Heat-maps of at most this many cells write each gap in its cell by default."""

_FEATURE = "gap_heatmap"


def gap_heatmap(
    gaps_or_net: ServiceGaps | ChannelNetwork,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    labels: str = "name",
    figsize: tuple[float, float] | None = None,
    names: Mapping[str, str] | ChannelNetwork | None = None,
    annotate: bool | None = None,
    colorbar: bool = True,
) -> Axes:
    """Draw the segment x service-output gaps and return the matplotlib `Axes`.

    Args:
        gaps_or_net: a [`ServiceGaps`][channelvalue.mapping.ServiceGaps], or a network whose
            gaps are computed with [`service_gaps`][channelvalue.mapping.service_gaps] defaults.
        ax: the Axes to draw on; default: a new figure (constrained layout).
        title: the title; default: what the cells are and the tolerance.
        labels: `"name"` (default) labels the rows with the segments' names (from the
            network, or from `names`), `"id"` with their ids.
        figsize: the size of a new figure in inches; default: from the number of cells.
        names: segment names by id, or the network whose segments' names to use, for a
            `ServiceGaps` (given a network, the plot uses its names).
        annotate: write each gap in its cell; default: up to
            [`ANNOTATE_LIMIT`][channelvalue.plotting.ANNOTATE_LIMIT] cells.
        colorbar: add a colour bar beside the Axes.

    Raises:
        WrongTypeError: neither ServiceGaps nor ChannelNetwork, or `ax` not an Axes.
        ValidationError: no segment states any need, a non-bool option, or a bad
            `title`, `labels` or `figsize`.
        MissingDependencyError: matplotlib is not installed.

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.mapping import service_gaps
        >>> ax = gap_heatmap(service_gaps(cv.datasets.example(), tolerance=0.1))
        >>> [t.get_text() for t in ax.get_yticklabels()][:2]
        ['enterprise', 'home-office']
        >>> ax = gap_heatmap(cv.datasets.example(), title="Gaps")
        >>> [t.get_text() for t in ax.get_yticklabels()][:2], ax.get_title()
        (['Enterprise', 'Home office (retail)'], 'Gaps')
    """
    title, mode, size = check_common(_FEATURE, title=title, labels=labels, figsize=figsize)
    if isinstance(names, ChannelNetwork):
        names = {s.id: s.label for s in names.segments.values()}
    segment_names = dict(names or {})
    if isinstance(gaps_or_net, ChannelNetwork):
        gaps = service_gaps(gaps_or_net)
        segment_names = {s.id: s.label for s in gaps_or_net.segments.values()} | segment_names
    elif isinstance(gaps_or_net, ServiceGaps):
        gaps = gaps_or_net
    else:
        raise WrongTypeError(
            f"{_FEATURE}.gaps_or_net", gaps_or_net, "a ServiceGaps or a ChannelNetwork"
        )
    if annotate is not None and type(annotate) is not bool:
        raise ValidationError(_FEATURE, "annotate", annotate, "True, False or None")
    if type(colorbar) is not bool:
        raise ValidationError(_FEATURE, "colorbar", colorbar, "True or False")
    segments = sorted({s.segment for s in gaps.scores})
    stated = {r.output for r in gaps.segments}
    if not gaps.segments:
        raise ValidationError(
            _FEATURE, "gaps_or_net", gaps_or_net, "gaps of segments that state service needs"
        )
    outputs = [o for o in ServiceOutput if o in stated]
    row = {s: k for k, s in enumerate(segments)}
    col = {o: k for k, o in enumerate(outputs)}
    values = np.full((len(segments), len(outputs)), np.nan)
    under = np.zeros(values.shape, dtype=np.bool_)
    for r in gaps.segments:
        values[row[r.segment], col[r.output]] = r.gap
        under[row[r.segment], col[r.output]] = r.status == "under"

    axes = get_axes(
        ax,
        _FEATURE,
        figsize=size or (2.6 + 0.75 * len(outputs), 2.0 + 0.45 * len(segments)),
    )
    import matplotlib as mpl

    cmap = mpl.colormaps["RdBu_r"].with_extremes(bad="#e6e6e6")
    limit = max(float(np.nanmax(np.abs(values))), gaps.tolerance, 0.05)
    image = axes.imshow(
        np.ma.masked_invalid(values),
        cmap=cmap,
        vmin=-limit,
        vmax=limit,
        aspect="auto",
        interpolation="nearest",
    )
    axes.set_xticks(range(len(outputs)), [o.value.replace("_", " ") for o in outputs])
    shown = [segment_names.get(s) or s for s in segments] if mode == "name" else segments
    axes.set_yticks(range(len(segments)), shown)
    axes.tick_params(axis="x", labelrotation=35)
    for label in axes.get_xticklabels():
        label.set_horizontalalignment("right")
    axes.set_xlabel("service output")
    axes.set_ylabel("segment")
    if annotate is None:
        annotate = values.size <= ANNOTATE_LIMIT
    if annotate:
        _annotate(axes, values, under, limit)
    if colorbar:
        bar = axes.figure.colorbar(image, ax=axes, shrink=0.9)
        bar.set_label("gap (+ under-served, - over-served)")
    set_title(
        axes,
        title
        if title is not None
        else f"Service gaps: demanded - delivered (tolerance {gaps.tolerance:g})",
    )
    return axes


def _annotate(ax: Axes, values: Any, under: Any, limit: float) -> None:
    for (i, j), v in np.ndenumerate(values):
        if math.isnan(v):
            continue
        ax.text(
            j,
            i,
            f"{v:+.2f}",
            ha="center",
            va="center",
            fontsize="x-small",
            fontweight="bold" if under[i, j] else "normal",
            color="white" if abs(v) > 0.6 * limit else "black",
        )
