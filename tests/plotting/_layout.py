"""Layout checks shared by the plotting tests: nothing clipped, no labels over each other."""

from __future__ import annotations

import io
from typing import Any

from matplotlib.text import Text


def visible_texts(fig: Any) -> list[Text]:
    """Every drawn, non-empty text artist of `fig` but the tick labels (titles, axis
    labels, annotations, legends)."""
    ticks = {
        id(t)
        for ax in fig.axes
        for axis in (ax.xaxis, ax.yaxis)
        for t in axis.get_ticklabels(minor=False) + axis.get_ticklabels(minor=True)
    }
    return [
        t
        for t in fig.findobj(Text)
        if t.get_visible()
        and t.get_text().strip()
        and t.get_figure() is not None
        and id(t) not in ticks
    ]


def clipped_texts(fig: Any, *, slack: float = 1.0) -> list[str]:
    """The texts that reach outside `fig` once it is saved with the default bounding box."""
    fig.savefig(io.BytesIO(), format="png")  # the default bbox: the figure itself
    renderer = fig.canvas.get_renderer()
    box = fig.bbox
    out = []
    for t in visible_texts(fig):
        e = t.get_window_extent(renderer)
        if e.width == 0 and e.height == 0:
            continue
        inside = (
            e.x0 >= box.x0 - slack
            and e.y0 >= box.y0 - slack
            and e.x1 <= box.x1 + slack
            and e.y1 <= box.y1 + slack
        )
        if not inside:
            out.append(t.get_text())
    for ax in fig.axes:  # tick labels: the ones drawn, through the axis' own box
        for axis in (ax.xaxis, ax.yaxis):
            e = axis.get_tightbbox(renderer)
            if e is None or not ax.axison:
                continue
            outside_x = e.x0 < box.x0 - slack or e.x1 > box.x1 + slack
            if outside_x or e.y0 < box.y0 - slack or e.y1 > box.y1 + slack:
                out.append(f"tick labels of {axis.axis_name}")
    return out


def overlapping_labels(ax: Any) -> list[tuple[str, str]]:
    """Pairs of the Axes' own texts (labels, annotations) whose boxes overlap once saved."""
    fig = ax.figure
    fig.savefig(io.BytesIO(), format="png")
    renderer = fig.canvas.get_renderer()
    texts = [t for t in ax.texts if t.get_visible() and t.get_text().strip()]
    boxes = [t.get_window_extent(renderer) for t in texts]
    pairs = []
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            a, b = boxes[i], boxes[j]
            overlap_x = min(a.x1, b.x1) - max(a.x0, b.x0)
            overlap_y = min(a.y1, b.y1) - max(a.y0, b.y0)
            if overlap_x > 0.5 and overlap_y > 0.5:
                pairs.append((texts[i].get_text(), texts[j].get_text()))
    return pairs
