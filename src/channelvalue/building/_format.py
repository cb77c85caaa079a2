"""Number formatting shared by the building results' `repr`.

Examples:
    >>> num(2_400_000), num(0.12345), num(-52.0)
    ('2,400,000', '0.1235', '-52')
"""

from __future__ import annotations

__all__ = ["num"]


def num(value: float, *, sign: bool = False) -> str:
    """Thousands separated whole numbers from 1,000 up, else 4 significant digits."""
    plus = "+" if sign else ""
    if abs(value) >= 1000:
        return f"{value:{plus},.0f}"
    return f"{value:{plus},.4g}"
