"""Lazy access to optional dependencies (pandas, matplotlib) with a clear error."""

from __future__ import annotations

import importlib
from types import ModuleType

from .errors import MissingDependencyError

__all__ = ["require_matplotlib", "require_openpyxl", "require_pandas"]


def require_pandas(feature: str) -> ModuleType:
    """Import pandas, or raise [`MissingDependencyError`][channelvalue.MissingDependencyError]
    naming `feature`.

    Examples:
        >>> require_pandas("to_frame()").__name__
        'pandas'
    """
    try:
        return importlib.import_module("pandas")
    except ImportError:
        raise MissingDependencyError("pandas", extra="pandas", feature=feature) from None


def require_matplotlib(feature: str) -> ModuleType:
    """Import `matplotlib.pyplot`, or raise
    [`MissingDependencyError`][channelvalue.MissingDependencyError].

    The non-interactive `Agg` backend is selected when no display is available.

    Examples:
        >>> require_matplotlib("plot_channel_map()").__name__
        'matplotlib.pyplot'
    """
    try:
        importlib.import_module("matplotlib")
        return importlib.import_module("matplotlib.pyplot")
    except ImportError:
        raise MissingDependencyError("matplotlib", extra="plot", feature=feature) from None


def require_openpyxl(feature: str) -> ModuleType:
    """Import openpyxl with the submodules the workbook writers use (`cell`, `styles`,
    `utils`), or raise [`MissingDependencyError`][channelvalue.MissingDependencyError] naming
    the `excel` extra.

    Examples:
        >>> require_openpyxl("write_excel()").__name__
        'openpyxl'
    """
    try:
        module = importlib.import_module("openpyxl")
        importlib.import_module("openpyxl.cell")
        importlib.import_module("openpyxl.styles")
        importlib.import_module("openpyxl.utils")
    except ImportError:
        raise MissingDependencyError("openpyxl", extra="excel", feature=feature) from None
    return module
