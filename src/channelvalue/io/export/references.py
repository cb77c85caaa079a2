"""References between rows of an export: ids for new objects, and names or ids that point at rows.

A parent distributor, a manager or a segment is written by *name* in most exports. Names are
compared after normalisation (case, punctuation, legal suffixes: `normalise_name`), ids
exactly; an id wins over a name. Objects created from names (managers, segments,
placeholders) get stable ids made from the name (`slugify`), unique within the network.

Examples:
    >>> slugify("Jane O'Neil"), slugify("Café Müller GmbH"), slugify("株式会社")[:2]
    ('jane-o-neil', 'cafe-muller-gmbh', 'x-')
    >>> pool = IdPool({"acme"}); pool.claim("acme"), pool.claim("acme"), pool.claim("b")
    ('acme-2', 'acme-3', 'b')
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence

from .duplicates import normalise_name

__all__ = ["IdPool", "NameIndex", "slugify"]

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 60


@functools.lru_cache(maxsize=65536)
def slugify(text: str) -> str:
    """A stable id made from a name: ASCII lower case, words joined by `-`, at most 60
    characters; a name with no ASCII letter or digit gets `x-` and a short hash of it.

    Examples:
        >>> slugify("  ACME  Networks, Inc. "), slugify("a" * 80) == "a" * 60
        ('acme-networks-inc', True)
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", ascii_text.casefold()).strip("-")[:MAX_SLUG].strip("-")
    if slug:
        return slug
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"x-{digest}"


class IdPool:
    """The ids taken in a network being built; `claim` returns a free one.

    Examples:
        >>> p = IdPool(); p.claim("segment-smb"), p.claim("segment-smb")
        ('segment-smb', 'segment-smb-2')
    """

    __slots__ = ("_next", "_used")

    def __init__(self, used: Iterable[str] = ()) -> None:
        self._used = set(used)
        self._next: dict[str, int] = {}

    def __contains__(self, ident: object) -> bool:
        return ident in self._used

    def add(self, ident: str) -> None:
        """Mark `ident` as taken."""
        self._used.add(ident)

    def claim(self, base: str) -> str:
        """`base` if free, else `base-2`, `base-3`, ... (the first free one); now taken."""
        if base not in self._used:
            self._used.add(base)
            return base
        n = self._next.get(base, 2)
        while f"{base}-{n}" in self._used:
            n += 1
        self._next[base] = n + 1
        ident = f"{base}-{n}"
        self._used.add(ident)
        return ident


@functools.lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """The key names are compared by (`normalise_name`, or the text folded when that is
    empty).

    Examples:
        >>> name_key("ACME Networks Inc.") == name_key("Acme networks")
        True
    """
    return normalise_name(text) or text.casefold().strip()


class NameIndex:
    """Finds the row an id or a name refers to: an id first (exactly), then a name as
    written, then a name compared case-insensitively, then a normalised name (`name_key`:
    punctuation and legal suffixes ignored); the first row with a name wins. The normalised
    names are computed once, on the first lookup that needs them.

    Examples:
        >>> ix = NameIndex(["d1", "r1"], ["TD Synnex", "Northwind"])
        >>> ix.find("d1"), ix.find("td synnex"), ix.find("TD SYNNEX Corp."), ix.find("x")
        (0, 0, 0, None)
    """

    __slots__ = ("_aliases", "_folded", "_ids", "_keys", "_names", "_raw")

    def __init__(self, ids: Sequence[str], names: Sequence[str]) -> None:
        self._ids: dict[str, int] = {}
        for i, ident in enumerate(ids):
            if ident:
                self._ids.setdefault(ident, i)
        self._raw = list(names)
        self._names: dict[str, int] = {}
        for i, name in enumerate(names):
            if name:
                self._names.setdefault(name, i)
        self._folded: dict[str, int] | None = None
        self._keys: dict[str, int] | None = None
        self._aliases: list[tuple[str, int]] = []

    def alias(self, ident: str, name: str, position: int) -> None:
        """Let `ident` and `name` (of a merged row) find `position` too."""
        if ident:
            self._ids.setdefault(ident, position)
        if name:
            self._names.setdefault(name, position)
            self._aliases.append((name, position))
            self._folded = self._keys = None

    def _lookups(self) -> tuple[dict[str, int], dict[str, int]]:
        if self._folded is None or self._keys is None:
            folded: dict[str, int] = {}
            keys: dict[str, int] = {}
            named = [(n, i) for i, n in enumerate(self._raw) if n]
            for name, i in [*named, *self._aliases]:
                folded.setdefault(name.casefold(), i)
            for name, i in [*named, *self._aliases]:
                key = name_key(name)
                if key:
                    keys.setdefault(key, i)
            self._folded, self._keys = folded, keys
        return self._folded, self._keys

    def find(self, text: str) -> int | None:
        """The position `text` refers to, or None."""
        found = self._ids.get(text)
        if found is None:
            found = self._names.get(text)
        if found is None:
            folded, keys = self._lookups()
            found = folded.get(text.casefold())
            if found is None:
                key = name_key(text)
                found = keys.get(key) if key else None
        return found
