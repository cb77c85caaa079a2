"""Cell-level building blocks of the table readers: list cells, object arrays and row
codes.

List cells hold `;`-separated items (spaces around items trimmed), or a JSON array when
an item would not survive that (it holds a `;`, starts with `[` or has spaces at
either end), so every list round-trips exactly and ordinary ones stay readable.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ..._types import BoolArray, FloatArray
from ...model._fields import NUMBER_RULES

__all__ = [
    "MISSING",
    "RULES",
    "BadCell",
    "FALSE_WORDS",
    "TRUE_WORDS",
    "BoolArray",
    "FloatArray",
    "join_items",
    "objects",
    "pandas",
    "plain",
    "row_codes",
    "split_items",
]


MISSING: Any = object()
"""Marks a required column (no default)."""


RULES: dict[Callable[..., Any], Callable[[FloatArray], BoolArray]] = {
    conv: rule.accepts for conv, rule in NUMBER_RULES.items()
}
"""Each number converter's predicate (the very code the converter runs), by converter:
True where the converter accepts. Derived from
`NUMBER_RULES`; kept for callers that index by
converter."""

TRUE_WORDS = frozenset({"true", "t", "yes", "y", "1"})
"""Cells that read as True."""
FALSE_WORDS = frozenset({"false", "f", "no", "n", "0"})
"""Cells that read as False."""


class BadCell(Exception):
    """A cell value that cannot be converted, and what would be valid."""

    def __init__(self, value: Any, expected: str) -> None:
        super().__init__(value, expected)
        self.value = value
        self.expected = expected


def objects(values: Sequence[Any]) -> np.ndarray[Any, Any]:
    """A 1-d object array of `values` (tuples stay single items).

    Examples:
        >>> objects([("a", "b"), ("c", "d")]).shape
        (2,)
    """
    return np.fromiter(values, dtype=object, count=len(values))


def join_items(items: Sequence[str]) -> str:
    """One cell for a list: `;`-joined, or JSON when an item would not survive that.

    Examples:
        >>> join_items(("north", "south")), join_items(("a;b", " c"))
        ('north;south', '["a;b", " c"]')
    """
    simple = all(s and ";" not in s and s == s.strip() and not s.startswith("[") for s in items)
    return ";".join(items) if simple else json.dumps(list(items), ensure_ascii=False)


def split_items(cell: str) -> list[str]:
    """The items of one list cell: a JSON array, or `;`-separated, spaces trimmed.

    Raises:
        ValueError: the cell starts with `[` but is not a JSON list of strings.

    Examples:
        >>> split_items(" north ; south;"), split_items('["a;b", " c"]')
        (['north', 'south'], ['a;b', ' c'])
    """
    text = cell.strip()
    if text.startswith("["):
        items = json.loads(text)
        if not isinstance(items, list) or not all(type(s) is str for s in items):
            raise ValueError("not a JSON list of strings")
        return items
    return [s.strip() for s in text.split(";") if s.strip()]


def pandas() -> Any:
    """The pandas module (imported on first use; a clear error if it is missing)."""
    from ..._optional import require_pandas

    return require_pandas("tables")


def plain(value: Any) -> Any:
    """A numpy scalar as the Python value (for readable messages)."""
    return value.item() if isinstance(value, np.generic) else value


def row_codes(grid: FloatArray) -> tuple[np.ndarray[Any, Any], list[int]]:
    """A code per row (equal rows, equal codes) and the first row of each code."""
    pd = pandas()
    if not len(grid):
        return np.zeros(0, dtype=np.int64), []
    frame = pd.DataFrame(grid)
    codes, _ = pd.factorize(pd.util.hash_pandas_object(frame, index=False).to_numpy())
    first = np.unique(codes, return_index=True)[1]
    if not np.array_equal(grid, grid[first[codes]]):  # a hash collision: be exact
        codes = frame.groupby(list(frame.columns), sort=False).ngroup().to_numpy()
        first = np.unique(codes, return_index=True)[1]
    return codes, first.tolist()
