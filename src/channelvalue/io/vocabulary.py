"""The common vocabulary: canonical terms and their synonyms.

A CRM export says "VAR", a distributor's sheet says "Solution provider", the JSON says
`reseller`: a [`Vocabulary`][channelvalue.Vocabulary] maps them all to `Role.RESELLER`. Terms are
compared case-, space-, accent- and punctuation-insensitively, and an unknown term is
an error that lists the closest known terms. Vocabularies are immutable;
[`Vocabulary.extend`][channelvalue.io.vocabulary.Vocabulary.extend] returns a new one with the
user's own synonyms.

Examples:
    >>> from channelvalue.io.vocabulary import DEFAULT_VOCABULARY as vocab
    >>> vocab.normalise("role", "Value-Added Reseller")
    <Role.RESELLER: 'reseller'>
    >>> vocab.normalise("role", "disti").value, vocab.normalise("engagement", "Self Service").value
    ('distributor', 'self_service')
"""

from __future__ import annotations

import difflib
import functools
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from enum import StrEnum
from typing import Any, TypeVar, overload

from .._text import markdown_text
from ..errors import ValidationError
from ..model import (
    Band,
    DataKind,
    EngagementModel,
    Flow,
    InvestmentKind,
    LeverFocus,
    ReportingMode,
    Role,
    ServiceOutput,
    Severity,
    Tier,
)
from ._terms import DEFAULT_TERMS

__all__ = ["CATEGORIES", "DEFAULT_VOCABULARY", "UnknownTermError", "Vocabulary", "term_key"]

E = TypeVar("E", bound=StrEnum)

CATEGORIES: Mapping[str, type[StrEnum]] = {
    "role": Role,
    "tier": Tier,
    "engagement": EngagementModel,
    "band": Band,
    "data_kind": DataKind,
    "service_output": ServiceOutput,
    "flow": Flow,
    "investment_kind": InvestmentKind,
    "lever_focus": LeverFocus,
    "reporting_mode": ReportingMode,
    "severity": Severity,
}
"""The categories of a vocabulary and the enum of canonical terms of each."""

_ENUM_CATEGORY = {enum: name for name, enum in CATEGORIES.items()}
_MEMO_LIMIT = 1 << 16


@functools.lru_cache(maxsize=8192)
def term_key(term: str) -> str:
    """The comparison key of a term: case-folded letters and digits, accents removed.

    Examples:
        >>> term_key("Value-Added  Reseller"), term_key("V.A.R."), term_key("Détaillant")
        ('valueaddedreseller', 'var', 'detaillant')
    """
    text = unicodedata.normalize("NFKD", term).casefold()
    return "".join(ch for ch in text if ch.isalnum())


class UnknownTermError(ValidationError):
    """A term that the vocabulary does not know; the message lists the closest known terms.

    Attributes:
        category: the vocabulary category (`"role"`, `"tier"`, ...).
        term: the unknown term.
        closest: the closest known terms, best first, at most one per canonical term
            (may be empty).

    Examples:
        >>> try:
        ...     DEFAULT_VOCABULARY.normalise("role", "resellr")
        ... except UnknownTermError as err:
        ...     print(err)
        Vocabulary.role: got 'resellr' but expected a known role; closest: 'reseller'
    """

    def __init__(
        self, category: str, term: Any, closest: Iterable[str], valid: Iterable[str]
    ) -> None:
        self.category = category
        self.term = term
        self.closest = tuple(closest)
        shown = ", ".join(repr(t) for t in self.closest)
        hint = f"closest: {shown}" if shown else f"one of {', '.join(repr(v) for v in valid)}"
        super().__init__("Vocabulary", category, term, f"a known {category}; {hint}")


def _category(category: str | type[StrEnum]) -> str:
    if isinstance(category, type) and category in _ENUM_CATEGORY:
        return _ENUM_CATEGORY[category]
    if isinstance(category, str):
        key = term_key(category)
        for name in CATEGORIES:
            if term_key(name) == key:
                return name
    valid = ", ".join(repr(c) for c in CATEGORIES)
    raise ValidationError("Vocabulary", "category", category, f"one of {valid} (or its enum)")


class Vocabulary:
    """Canonical terms and their synonyms, per category; immutable and hashable.

    Every vocabulary knows the canonical values of every category (the enum values of
    [`CATEGORIES`][channelvalue.io.vocabulary.CATEGORIES]); `synonyms` adds other spellings for
    them.

    Args:
        synonyms: `{category: {canonical value: [synonym, ...]}}`.
        definitions: `{category: {canonical value: one-line meaning}}` (for glossaries).

    Raises:
        ValidationError: an unknown category or canonical value, an empty synonym, or a
            synonym that already means another canonical term.

    Examples:
        >>> v = Vocabulary({"role": {"reseller": ["Fachhändler"]}})
        >>> v.normalise("role", "FACHHÄNDLER"), v.normalise("role", "Reseller").value
        (<Role.RESELLER: 'reseller'>, 'reseller')
    """

    __slots__ = ("_definitions", "_index", "_memo", "_synonyms")

    def __init__(
        self,
        synonyms: Mapping[str, Mapping[str, Iterable[str]]] | None = None,
        *,
        definitions: Mapping[str, Mapping[str, str]] | None = None,
    ) -> None:
        self._synonyms: dict[str, dict[StrEnum, tuple[str, ...]]] = {
            name: dict.fromkeys(enum, ()) for name, enum in CATEGORIES.items()
        }
        self._index: dict[str, dict[str, StrEnum]] = {
            name: {term_key(m.value): m for m in enum} for name, enum in CATEGORIES.items()
        }
        self._definitions: dict[str, dict[StrEnum, str]] = {name: {} for name in CATEGORIES}
        self._memo: dict[tuple[str, str], StrEnum] = {}
        for category, table in (synonyms or {}).items():
            self._add(category, table, override=False)
        for category, texts in (definitions or {}).items():
            name = _category(category)
            for canonical, text in texts.items():
                if type(text) is not str:
                    raise ValidationError("Vocabulary", f"{name}[{canonical!r}]", text, "a string")
                self._definitions[name][self._canonical(name, canonical)] = text

    # ------------------------------------------------------------------ building
    def _canonical(self, name: str, canonical: Any) -> StrEnum:
        enum = CATEGORIES[name]
        try:
            return enum(canonical)
        except ValueError:
            valid = ", ".join(repr(m.value) for m in enum)
            raise ValidationError("Vocabulary", name, canonical, f"one of {valid}") from None

    def _add(self, category: Any, table: Any, *, override: bool) -> None:
        name = _category(category)
        if not isinstance(table, Mapping):
            raise ValidationError(
                "Vocabulary", name, table, "a mapping of canonical value to synonyms"
            )
        index = self._index[name]
        for canonical, terms in table.items():
            member = self._canonical(name, canonical)
            items = (terms,) if isinstance(terms, str) else tuple(terms)
            for term in items:
                key = term_key(term) if type(term) is str else ""
                if not key:
                    raise ValidationError(
                        "Vocabulary", name, term, "a synonym with at least one letter or digit"
                    )
                other = index.get(key)
                if other is not None and other is not member:
                    if not override or term_key(other.value) == key:
                        raise ValidationError(
                            "Vocabulary",
                            name,
                            term,
                            f"a term that does not already mean {other.value!r}"
                            + ("" if term_key(other.value) == key else " (or override=True)"),
                        )
                    self._synonyms[name][other] = tuple(
                        t for t in self._synonyms[name][other] if term_key(t) != key
                    )
                index[key] = member
                known = self._synonyms[name][member]
                if key != term_key(member.value) and all(term_key(t) != key for t in known):
                    self._synonyms[name][member] = tuple(sorted((*known, term), key=str.casefold))

    def extend(
        self,
        category: str | type[StrEnum],
        synonyms: Mapping[str, str | Iterable[str]],
        *,
        override: bool = False,
    ) -> Vocabulary:
        """A new vocabulary with more synonyms in one category (this one is unchanged).

        Args:
            category: a category name (`"role"`) or its enum (`Role`).
            synonyms: `{canonical value: synonym or [synonyms]}`.
            override: let a synonym that already means another term mean this one now
                (a canonical value itself can never be rebound).

        Examples:
            >>> from channelvalue.io.vocabulary import DEFAULT_VOCABULARY
            >>> mine = DEFAULT_VOCABULARY.extend("role", {"reseller": "Fachhändler"})
            >>> mine.normalise(Role, "fachhandler")
            <Role.RESELLER: 'reseller'>
            >>> DEFAULT_VOCABULARY.lookup("role", "fachhandler") is None
            True
        """
        new = Vocabulary.__new__(Vocabulary)
        new._synonyms = {k: dict(v) for k, v in self._synonyms.items()}
        new._index = {k: dict(v) for k, v in self._index.items()}
        new._definitions = {k: dict(v) for k, v in self._definitions.items()}
        new._memo = {}
        new._add(category, synonyms, override=override)
        return new

    # ------------------------------------------------------------------ lookup
    @overload
    def normalise(self, category: type[E], term: str | E) -> E: ...
    @overload
    def normalise(self, category: str, term: str | StrEnum) -> StrEnum: ...
    def normalise(self, category: str | type[StrEnum], term: str | StrEnum) -> StrEnum:
        """The canonical enum member for `term` in `category`.

        Raises:
            UnknownTermError: `term` is not known; the message lists the closest terms.
            ValidationError: `category` is not a category, or `term` is not a string.

        Examples:
            >>> DEFAULT_VOCABULARY.normalise("data kind", " POS ")
            <DataKind.SELL_THROUGH: 'sell_through'>
        """
        found = self.lookup(category, term)
        if found is not None:
            return found
        name = _category(category)
        if not isinstance(term, str):
            raise ValidationError("Vocabulary", name, term, f"a {name} term (a string)")
        valid = [m.value for m in CATEGORIES[name]]
        raise UnknownTermError(name, term, self.closest(name, term), valid)

    def lookup(self, category: str | type[StrEnum], term: Any) -> StrEnum | None:
        """The canonical member for `term`, or `None` when it is unknown (never raises
        for an unknown term).

        Examples:
            >>> DEFAULT_VOCABULARY.lookup("tier", "Premier"), DEFAULT_VOCABULARY.lookup("tier", "x")
            (<Tier.PLATINUM: 'platinum'>, None)
        """
        name = category if type(category) is str and category in CATEGORIES else None
        if name is None:
            name = _category(category)
        if isinstance(term, StrEnum):
            if type(term) is CATEGORIES[name]:
                return term
            term = term.value
        if type(term) is not str:
            return None
        memo = self._memo
        found = memo.get((name, term))
        if found is None:
            found = self._index[name].get(term_key(term))
            if found is not None:
                if len(memo) >= _MEMO_LIMIT:
                    memo.clear()
                memo[(name, term)] = found
        return found

    def closest(self, category: str | type[StrEnum], term: str, *, n: int = 3) -> tuple[str, ...]:
        """The known terms closest to `term` (difflib), best first, one per canonical term.

        Examples:
            >>> DEFAULT_VOCABULARY.closest("role", "distribtor")
            ('distributor', 'integrator')
            >>> DEFAULT_VOCABULARY.closest("band", "mid-markt")
            ('midmarket',)
        """
        name = _category(category)
        index = self._index[name]
        display: dict[str, str] = {}
        for member, syns in self._synonyms[name].items():
            display.setdefault(term_key(member.value), member.value)
            for s in syns:
                display.setdefault(term_key(s), s)
        keys = difflib.get_close_matches(
            term_key(str(term)), list(display), n=len(display), cutoff=0.6
        )
        seen: set[StrEnum] = set()
        out: list[str] = []
        for k in keys:
            if index[k] not in seen and len(out) < n:
                seen.add(index[k])
                out.append(display[k])
        return tuple(out)

    # ------------------------------------------------------------------ introspection
    @property
    def categories(self) -> tuple[str, ...]:
        """The category names, in a fixed order.

        Examples:
            >>> DEFAULT_VOCABULARY.categories[:3]
            ('role', 'tier', 'engagement')
        """
        return tuple(CATEGORIES)

    def terms(self, category: str | type[StrEnum]) -> dict[StrEnum, tuple[str, ...]]:
        """Each canonical member of `category` with its synonyms (sorted).

        Examples:
            >>> DEFAULT_VOCABULARY.terms("reporting_mode")[ReportingMode.DIRECT]
            ('internal', 'owned', 'solid line')
        """
        return dict(self._synonyms[_category(category)])

    def synonyms(self, category: str | type[StrEnum], canonical: str | StrEnum) -> tuple[str, ...]:
        """The synonyms of one canonical term.

        Examples:
            >>> DEFAULT_VOCABULARY.synonyms("role", "system_integrator")[:3]
            ('global system integrator', 'GSI', 'integrator')
        """
        name = _category(category)
        return self._synonyms[name][self._canonical(name, canonical)]

    def definition(self, category: str | type[StrEnum], canonical: str | StrEnum) -> str:
        """The one-line definition of a canonical term (empty when none is given).

        Examples:
            >>> DEFAULT_VOCABULARY.definition("role", "agent")
            'sells or refers on commission without taking ownership of the goods'
        """
        name = _category(category)
        return self._definitions[name].get(self._canonical(name, canonical), "")

    def to_dict(self) -> dict[str, dict[str, list[str]]]:
        """The synonyms as JSON-safe data; `Vocabulary(v.to_dict())` has the same terms.

        Examples:
            >>> Vocabulary({"tier": {"gold": ["Or"]}}).to_dict()["tier"]
            {'gold': ['Or']}
        """
        return {
            name: {m.value: list(s) for m, s in table.items() if s}
            for name, table in self._synonyms.items()
            if any(table.values())
        }

    def __iter__(self) -> Iterator[str]:
        return iter(CATEGORIES)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Vocabulary):
            return NotImplemented
        return self._index == other._index and self._definitions == other._definitions

    def __hash__(self) -> int:
        return hash(tuple(sorted((c, k) for c, t in self._index.items() for k in t)))

    def __repr__(self) -> str:
        n = sum(len(s) for t in self._synonyms.values() for s in t.values())
        return f"<Vocabulary: {len(CATEGORIES)} categories, {n} synonyms>"

    def to_markdown(self) -> str:
        """A glossary in Markdown: one table per category (term, meaning, synonyms).

        Examples:
            >>> print(Vocabulary().to_markdown().splitlines()[0])
            ## role
        """
        out: list[str] = []
        for name, table in self._synonyms.items():
            enum = CATEGORIES[name]
            out += [f"## {name}", "", f"Canonical values of `{enum.__name__}`.", ""]
            out += ["| term | meaning | synonyms |", "| --- | --- | --- |"]
            for member, syns in table.items():
                meaning = markdown_text(self._definitions[name].get(member, ""))
                shown = ", ".join(markdown_text(s) for s in syns)
                out.append(f"| `{member.value}` | {meaning} | {shown} |")
            out.append("")
        return "\n".join(out)


DEFAULT_VOCABULARY = Vocabulary(
    {c: {k: syn for k, (_, syn) in t.items()} for c, t in DEFAULT_TERMS.items()},
    definitions={c: {k: d for k, (d, _) in t.items()} for c, t in DEFAULT_TERMS.items()},
)
"""The vocabulary used when none is given: common channel terms in English."""
