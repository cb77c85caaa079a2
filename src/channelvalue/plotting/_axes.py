"""Shared helpers of the plots (private): the Axes to draw on, role colours, checks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._optional import require_matplotlib
from ..errors import WrongTypeError
from ..model import Role

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["ROLE_COLORS", "SEGMENT_COLOR", "SEVERITY_COLORS", "get_axes", "role_color"]

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
