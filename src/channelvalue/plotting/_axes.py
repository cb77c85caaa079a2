"""Shared helpers of the plots (private): the Axes to draw on, role colours, checks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, cast

from .._optional import require_matplotlib
from ..errors import ValidationError, WrongTypeError
from ..model import Role

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "ROLE_COLORS",
    "SEGMENT_COLOR",
    "SEVERITY_COLORS",
    "LabelMode",
    "Offset",
    "check_common",
    "get_axes",
    "place_labels",
    "renderer_of",
    "role_color",
    "set_title",
]

# One colour per role (colour-blind friendly "tab10" order), fixed so every plot agrees.
ROLE_COLORS: dict[Role, str] = {
    Role.VENDOR: "#1f2a44",
    Role.DISTRIBUTOR: "#1f77b4",
    Role.RESELLER: "#ff7f0e",
    Role.MSP: "#2ca02c",
    Role.SYSTEM_INTEGRATOR: "#9467bd",
    Role.RETAILER: "#8c564b",
    Role.AGENT: "#e377c2",
    Role.MARKETPLACE: "#17becf",
    Role.LOGISTICS: "#bcbd22",
    Role.OTHER: "#7f7f7f",
}
SEGMENT_COLOR = "#444444"
SEVERITY_COLORS: dict[str, str] = {
    "error": "#d62728",
    "warning": "#ff9f1c",
    "info": "#2ca02c",
}


def role_color(role: Role) -> str:
    """The colour every plot uses for `role`."""
    return ROLE_COLORS.get(role, ROLE_COLORS[Role.OTHER])


def get_axes(ax: Any, feature: str, *, figsize: tuple[float, float]) -> Axes:
    """`ax` checked, or new Axes on a new pyplot figure of `figsize` inches.

    Raises:
        MissingDependencyError: matplotlib is not installed.
        WrongTypeError: `ax` is neither None nor a matplotlib `Axes`.
    """
    plt = require_matplotlib(f"{feature}()")
    if ax is None:
        _, created = plt.subplots(figsize=figsize, layout="constrained")
        result: Axes = created
        return result
    from matplotlib.axes import Axes

    if not isinstance(ax, Axes):
        raise WrongTypeError(f"{feature}.ax", ax, "a matplotlib Axes or None")
    return ax


LabelMode = Literal["name", "id"]
"""How plots label organizations, segments and checks: by `"name"` (default) or `"id"`."""


def check_common(
    feature: str, *, title: object, labels: object, figsize: object
) -> tuple[str | None, LabelMode, tuple[float, float] | None]:
    """The common options of every plot, checked: `title`, `labels`, `figsize`.

    Raises:
        ValidationError: a `title` that is not a string, `labels` other than "name" or
            "id", or a `figsize` that is not two positive numbers.
    """
    if title is not None and not isinstance(title, str):
        raise ValidationError(feature, "title", title, "a string or None")
    if labels not in ("name", "id"):
        raise ValidationError(feature, "labels", labels, "'name' or 'id'")
    size: tuple[float, float] | None = None
    if figsize is not None:
        ok = (
            isinstance(figsize, tuple | list)
            and len(figsize) == 2
            and all(
                isinstance(v, int | float) and not isinstance(v, bool) and 0 < v < 1_000
                for v in figsize
            )
        )
        if not ok:
            raise ValidationError(
                feature, "figsize", figsize, "(width, height) in inches, two positive numbers"
            )
        size = (float(figsize[0]), float(figsize[1]))  # type: ignore[index]
    mode: LabelMode = "id" if labels == "id" else "name"
    return title, mode, size


def renderer_of(fig: Any) -> Any:
    get = getattr(fig.canvas, "get_renderer", None)
    if get is not None:
        return get()
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    return FigureCanvasAgg(fig).get_renderer()  # type: ignore[no-untyped-call]  # pragma: no cover


def set_title(axes: Axes, text: str, *, share: float = 0.96, **style: Any) -> Any:
    """Set the title of `axes`, wrapped on word boundaries so that, centred over the Axes,
    it stays inside the figure (`share` of the room to the nearer edge on each side): a
    long network name never pushes the title off a saved figure. Returns the title `Text`.
    """
    import textwrap

    fig = axes.get_figure()
    assert fig is not None
    title = axes.set_title(text, **style)
    draw = getattr(fig, "draw_without_rendering", None)
    renderer = renderer_of(fig)
    page = fig.bbox
    loc = style.get("loc", "center")
    chars = max(max(len(line) for line in text.splitlines()), 1)
    for _ in range(8):  # wrapping changes the layout: measure again until it fits
        if draw is not None:
            draw()  # constrained layout moves the Axes: measure where they end up
        box = axes.get_window_extent(renderer)
        if loc == "left":
            room = (page.x1 - box.x0) * share
        elif loc == "right":
            room = (box.x1 - page.x0) * share
        else:
            centre = (box.x0 + box.x1) / 2
            room = 2 * min(centre - page.x0, page.x1 - centre) * share
        width = title.get_window_extent(renderer).width
        if width <= room or chars <= 12:
            break
        chars = max(12, int(chars * min(room / width, 0.95)))
        title.set_text(
            "\n".join(
                textwrap.fill(line, chars, break_on_hyphens=False) for line in text.splitlines()
            )
        )
    return title


Offset = tuple[float, float, str, str]
"""A label's place relative to its point: `(dx, dy)` in points, `ha`, `va`."""


def place_labels(
    axes: Axes,
    items: Sequence[tuple[float, float, str]],
    *,
    offsets: Sequence[Offset] | Sequence[Sequence[Offset]],
    style: Mapping[str, Any] | None = None,
) -> int:
    """Write each `(x, y, text)` label at the first of its `offsets` where its box overlaps
    no label placed before and stays inside the Axes; a label with no free place is left
    out. `offsets` is one list of candidates for every label, or one list per label.

    Labels are placed in the order given (the most important first): a greedy,
    deterministic placement. The figure's layout is settled first, so the boxes are the
    ones a saved figure shows. Returns the number of labels left out.
    """
    fig = axes.get_figure()
    assert fig is not None
    if not items:
        return 0
    shared = bool(offsets) and isinstance(offsets[0][0], int | float)
    per_item = cast("Sequence[Sequence[Offset]]", [offsets] * len(items) if shared else offsets)
    draw = getattr(fig, "draw_without_rendering", None)
    if draw is not None:
        draw()  # constrained layout moves the Axes: measure where they end up
    renderer = renderer_of(fig)
    inside = axes.get_window_extent(renderer)
    placed: list[Any] = []
    left_out = 0
    base: dict[str, Any] = {
        "fontsize": "x-small",
        "textcoords": "offset points",
        "annotation_clip": False,
    }
    base.update(style or {})
    for (x, y, text), candidates in zip(items, per_item, strict=True):
        for dx, dy, ha, va in candidates:
            label = axes.annotate(text, (x, y), xytext=(dx, dy), ha=ha, va=va, **base)
            box = label.get_window_extent(renderer)
            fits = (
                box.x0 >= inside.x0 - 1
                and box.x1 <= inside.x1 + 1
                and box.y0 >= inside.y0 - 1
                and box.y1 <= inside.y1 + 1
            )
            if fits and not any(box.overlaps(b) for b in placed):
                placed.append(box.padded(2.0))
                break
            label.remove()
        else:
            left_out += 1
    return left_out
