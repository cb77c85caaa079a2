"""The values of an export's cells: vocabulary terms, cadences, regions and lists.

Every function works on the *distinct* cells of a column (an export of 100,000 rows has a
handful of partner types), so the work grows with the number of distinct values.

Examples:
    >>> split_cell("SMB;Mid-Market; Enterprise"), split_cell("EMEA | APAC / NA")
    (('SMB', 'Mid-Market', 'Enterprise'), ('EMEA', 'APAC', 'NA'))
    >>> cadence_days("Weekly"), cadence_days("none"), cadence_days("Ad hoc"), cadence_days("x")
    (7.0, 0.0, -1.0, None)
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from .._terms import CADENCE_TERMS, REGION_TERMS
from ..vocabulary import term_key

__all__ = [
    "IRREGULAR_INTERVAL_DAYS",
    "cadence_closest",
    "cadence_days",
    "codes",
    "region_name",
    "split_cell",
]

IRREGULAR_INTERVAL_DAYS = 91.0
"""The interval given to the feed of a partner whose cadence is irregular ("Ad hoc"): such
a partner is assumed to report no more often than quarterly; the feed is flagged in the report
(problem kind `irregular-cadence`)."""

_SEPARATORS = re.compile(r"\s*[;,|/\n]\s*")
_DAYS = re.compile(r"^(?:every\s+)?(\d+(?:\.\d+)?)\s*(?:d|day|days)?$", re.I)
_CADENCE: dict[str, float] = {}
for _days, _terms in CADENCE_TERMS.items():
    for _term in _terms:
        _CADENCE.setdefault(term_key(_term), _days)
_CADENCE_DISPLAY = {term_key(t): t for terms in CADENCE_TERMS.values() for t in terms}
_REGIONS: dict[str, str] = {}
for _canonical, _synonyms in REGION_TERMS.items():
    for _term in (_canonical, *_synonyms):
        _REGIONS.setdefault(term_key(_term), _canonical)


def codes(cells: Sequence[str]) -> tuple[np.ndarray[Any, np.dtype[np.intp]], list[str]]:
    """The code of each cell in the list of distinct cells (first seen first).

    Examples:
        >>> c, u = codes(["b", "a", "b"]); c.tolist(), u
        ([0, 1, 0], ['b', 'a'])
    """
    import pandas as pd

    code, uniques = pd.factorize(np.asarray(cells, dtype=object), sort=False)
    return np.asarray(code, dtype=np.intp), list(uniques)


@functools.lru_cache(maxsize=65536)
def split_cell(cell: str) -> tuple[str, ...]:
    """The items of a multi-valued cell: split on `;`, `,`, `|`, `/` or a line break,
    spaces trimmed, empty items and repeats (compared like terms) left out.

    Examples:
        >>> split_cell(" a ;; A , b "), split_cell("")
        (('a', 'b'), ())
    """
    out: list[str] = []
    seen: set[str] = set()
    for item in _SEPARATORS.split(cell.strip()):
        item = " ".join(item.split())
        key = term_key(item) or item
        if item and key not in seen:
            seen.add(key)
            out.append(item)
    return tuple(out)


def cadence_days(text: str) -> float | None:
    """The reporting interval a cadence term means, in days; `0.0` for no reporting, `-1.0`
    for an irregular one, `None` for an unknown term. A number of days (`"10"`, `"every 10
    days"`) is read as such.

    Examples:
        >>> cadence_days("Bi-weekly"), cadence_days("every 10 days"), cadence_days("Yes")
        (14.0, 10.0, 30.0)
    """
    found = _CADENCE.get(term_key(text))
    if found is not None:
        return found
    match = _DAYS.match(text.strip())
    if match:
        days = float(match.group(1))
        return days if 0 < days < 100_000 else None
    return None


def cadence_closest(text: str, *, n: int = 3) -> tuple[str, ...]:
    """The known cadence terms closest to `text`.

    Examples:
        >>> cadence_closest("Weekley")
        ('weekly', 'bi-weekly')
    """
    keys = difflib.get_close_matches(term_key(text), list(_CADENCE_DISPLAY), n=30, cutoff=0.6)
    out: list[str] = []
    seen: set[float] = set()
    for k in keys:
        if _CADENCE[k] not in seen and len(out) < n:
            seen.add(_CADENCE[k])
            out.append(_CADENCE_DISPLAY[k])
    return tuple(out)


def region_name(item: str) -> str:
    """The canonical spelling of a region (`"North America"` -> `"NA"`), or the item as
    written when it is not a known region.

    Examples:
        >>> region_name("asia pacific"), region_name("Nordics")
        ('APAC', 'Nordics')
    """
    return _REGIONS.get(term_key(item), item)
