"""Header recognition: which column of an export means what.

Each header is compared with the synonyms of every target (`EXPORT_COLUMNS` in
`channelvalue.io._terms`) the way the [`Vocabulary`][channelvalue.Vocabulary] compares terms:
case, spaces, underscores, accents and punctuation do not matter (`term_key`). A unit or
currency in brackets (`"Revenue (USD)"`, `"Annual Revenue [EUR]"`), a trailing `%` and a leading
`#` or `No. of` are set aside first. A header that still matches nothing is *unknown*: it is
reported with the closest targets, never dropped silently.

The targets (what a column can mean):

| target | becomes |
|---|---|
| `id`, `name` | the organization's id and display name |
| `role`, `tier`, `engagement` | the organization's role, tier, engagement (vocabulary) |
| `revenue`, `velocity`, `volume`, `steward_share` | the organization's numbers |
| `parent` | a `Supplies` link from the named organization (by name or id) |
| `manager` | a `Manager` (from the name) and a `ReportsTo` link to the steward naming it |
| `segments` | a `Segment` per name and a `Serves` link each (several per cell) |
| `regions`, `verticals` | the organization's regions / verticals (several per cell) |
| `cadence` | a `SharesData` feed to the steward with the matching interval |
| `mdf`, `coop` | an `Investment` of that kind |
| `attribute.<key>` | `Organization.attributes[key]` (any numeric column) |
| `ignore` | not read (said so in the report) |

Examples:
    >>> recognise_header("Revenue Growth YoY"), recognise_header("Acct_Name")
    ('velocity', 'name')
    >>> recognise_header("Annual Revenue (USD)"), recognise_header("# Deal Registrations")
    ('revenue', 'attribute.deal_registrations')
    >>> recognise_header("Favourite colour") is None
    True
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping

from .._terms import EXPORT_COLUMNS
from ..vocabulary import term_key

__all__ = [
    "IGNORE",
    "MULTI_VALUED",
    "NUMERIC_TARGETS",
    "TARGETS",
    "closest_targets",
    "is_target",
    "recognise_header",
]

IGNORE = "ignore"
"""The target of a column that is not read."""

TARGETS: dict[str, str] = {t: meaning for t, (meaning, _) in EXPORT_COLUMNS.items()}
"""Every named target with its meaning (plus any `attribute.<key>` and `ignore`)."""

NUMERIC_TARGETS = frozenset({"revenue", "velocity", "volume", "steward_share", "mdf", "coop"})
"""Targets read as numbers (besides `attribute.<key>`)."""

MULTI_VALUED = frozenset({"segments", "regions", "verticals"})
"""Targets whose cells hold several items (split on `;`, `,`, `|` or `/`)."""

_INDEX: dict[str, str] = {}
for _target, (_, _synonyms) in EXPORT_COLUMNS.items():
    for _term in (_target.removeprefix("attribute."), *_synonyms):
        _INDEX.setdefault(term_key(_term), _target)

_UNIT = re.compile(r"\s*[\(\[\{][^\)\]\}]*[\)\]\}]\s*")
_CURRENCY_WORD = re.compile(r"\b(?:usd|eur|gbp|jpy|chf|aud|cad|in usd|in eur|\$|€|£)\s*$", re.I)
_COUNT_PREFIX = re.compile(
    r"^\s*(?:#|no\.?\s+of|number\s+of|num\.?\s+of|count\s+of|total)\s*", re.I
)
_NUMBER_SIGN = re.compile(r"\s*(?:#|no\.)\s*$", re.I)
_ATTRIBUTE_KEY = re.compile(r"[^0-9a-z]+")


def is_target(target: str) -> bool:
    """True when `target` is a target a column may be mapped to.

    Examples:
        >>> is_target("revenue"), is_target("attribute.nps"), is_target("attribute.")
        (True, True, False)
        >>> is_target("x")
        False
    """
    if target in TARGETS or target == IGNORE:
        return True
    key = target.removeprefix("attribute.")
    return key != target and bool(key) and key == attribute_key(key)


def attribute_key(header: str) -> str:
    """The key a numeric column gets in `Organization.attributes`: lower case, words joined
    by `_`.

    Examples:
        >>> attribute_key("Deal Registrations (#)"), attribute_key("NPS 2026")
        ('deal_registrations', 'nps_2026')
    """
    return _ATTRIBUTE_KEY.sub("_", _UNIT.sub(" ", header).casefold()).strip("_")


def _candidates(header: str) -> Iterable[str]:
    if _NUMBER_SIGN.search(header):  # "Acct #": the account number
        yield _NUMBER_SIGN.sub(" number", header)
    yield header
    bare = _UNIT.sub(" ", header).replace("%", " ").strip()
    yield bare
    yield _CURRENCY_WORD.sub("", bare)
    yield _COUNT_PREFIX.sub("", bare)
    yield _COUNT_PREFIX.sub("", _CURRENCY_WORD.sub("", bare))


def recognise_header(header: str) -> str | None:
    """The target a header means, or `None` when it is not recognised.

    Examples:
        >>> [recognise_header(h) for h in ("Partner Type", "PARTNER_TIER", "YoY Growth %")]
        ['role', 'tier', 'velocity']
    """
    for text in _candidates(header):
        key = term_key(text)
        if key and key in _INDEX:
            return _INDEX[key]
    return None


def closest_targets(header: str, *, n: int = 3) -> tuple[str, ...]:
    """The targets whose synonyms are closest to `header` (difflib), best first.

    Examples:
        >>> closest_targets("Parnter Distributer"), closest_targets("Notes")
        (('parent',), ())
    """
    keys = difflib.get_close_matches(
        term_key(_UNIT.sub(" ", header)), list(_INDEX), n=20, cutoff=0.7
    )
    out: list[str] = []
    for key in keys:
        target = _INDEX[key]
        if target not in out:
            out.append(target)
    return tuple(out[:n])


def describe(targets: Mapping[str, str]) -> str:
    """The targets as one line (`"id, name, role, ..."`), for hints."""
    return ", ".join(targets)
