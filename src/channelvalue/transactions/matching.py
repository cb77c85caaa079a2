"""Match the reseller and customer names in partners' lines to the partner master.

Lines name partners the way the sender knows them: an id, a trading name, a typo. Each
distinct name is matched to the network's organizations in three steps, the first that
succeeds wins:

1. **id**: the name is an organization id (exactly, or equal up to case and punctuation);
2. **name**: the [normalised](#channelvalue.io.export.duplicates.normalise_name) name equals
   one organization's normalised name (legal forms such as *Ltd*, *GmbH*, *Inc.* dropped);
3. **fuzzy**: `rapidfuzz.process.extractOne` (token-sort ratio) over the organizations that
   share a word prefix with the name (*blocking*: never all pairs), above `score_cutoff`.

A name that matches nothing (or two organizations equally) is **unmatched** and comes with
its best candidates (up to three, with scores).

Examples:
    >>> import channelvalue as cv
    >>> net = cv.ChannelNetwork(steward="v")
    >>> net.add_all([cv.Organization("v", role="vendor"),
    ...     cv.Organization("r1", name="Bolt Systems Ltd", role="reseller"),
    ...     cv.Organization("r2", name="Cobalt IT GmbH", role="reseller")])
    >>> m = match_names(["r1", "BOLT SYSTEMS", "Cobalt I.T. Gmbh", "Cobolt IT", "Zebra"], net)
    >>> [(x.name, x.id, x.how) for x in m.matches]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('r1', 'r1', 'id'), ('BOLT SYSTEMS', 'r1', 'name'), ('Cobalt I.T. Gmbh', 'r2', 'name'),
     ('Cobolt IT', 'r2', 'fuzzy'), ('Zebra', None, 'none')]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from .._optional import require_pandas
from ..errors import MissingDependencyError, ValidationError
from ..io.export.duplicates import normalise_name
from ..io.vocabulary import term_key

__all__ = ["MatchResult", "NameMatch", "match_names", "normalise_name"]

MAX_BLOCK = 5000
"""The most organizations one name is compared with in the fuzzy step (a word shared by more
organizations is too common to block on)."""


@attrs.frozen(slots=True)
class NameMatch:
    """How one distinct name was matched.

    Attributes:
        name: the name as written in the lines.
        id: the organization id it matched, or `None`.
        how: `"id"`, `"name"`, `"fuzzy"` or `"none"`.
        score: the fuzzy score (0..100; 100 for id and name matches, 0 when unmatched).
        candidates: the best candidates `(id, name, score)`, best first (at most three);
            filled for fuzzy and unmatched names.
        lines: how many lines carry the name.

    Examples:
        >>> NameMatch("x", None, "none").matched
        False
    """

    name: str
    id: str | None
    how: str
    score: float = 0.0
    candidates: tuple[tuple[str, str, float], ...] = ()
    lines: int = 0

    @property
    def matched(self) -> bool:
        """Whether the name matched an organization.

        Examples:
            >>> NameMatch("r1", "r1", "id", 100.0).matched
            True
        """
        return self.id is not None


@attrs.frozen(slots=True, repr=False)
class MatchResult:
    """The match of every distinct name, in order of first appearance.

    Examples:
        >>> import channelvalue as cv
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add_all([cv.Organization("v", role="vendor"),
        ...     cv.Organization("r1", name="Bolt", role="reseller")])
        >>> match_names(["bolt", "bolt", "nope"], net)
        <MatchResult: 2 names (1 by name); 1 unmatched (1 lines)>
    """

    matches: tuple[NameMatch, ...] = ()

    @property
    def by_name(self) -> dict[str, NameMatch]:
        """`{name: NameMatch}`.

        Examples:
            >>> MatchResult((NameMatch("x", None, "none"),)).by_name["x"].how
            'none'
        """
        return {m.name: m for m in self.matches}

    @property
    def unmatched(self) -> tuple[NameMatch, ...]:
        """The names that matched nothing, with their candidates.

        Examples:
            >>> MatchResult().unmatched
            ()
        """
        return tuple(m for m in self.matches if not m.matched)

    @property
    def unmatched_names(self) -> tuple[str, ...]:
        """The unmatched names.

        Examples:
            >>> MatchResult((NameMatch("x", None, "none"),)).unmatched_names
            ('x',)
        """
        return tuple(m.name for m in self.unmatched)

    @property
    def mapping(self) -> dict[str, str]:
        """`{name: id}` of the matched names.

        Examples:
            >>> MatchResult((NameMatch("X", "x", "id", 100.0),)).mapping
            {'X': 'x'}
        """
        return {m.name: m.id for m in self.matches if m.id is not None}

    def resolved(self, names: Sequence[Any]) -> list[Any]:
        """`names` with each matched name replaced by its id (others kept as written).

        Examples:
            >>> MatchResult((NameMatch("X", "x", "id", 100.0),)).resolved(["X", "Y", None])
            ['x', 'Y', None]
        """
        table = self.mapping
        return [table.get(n, n) if isinstance(n, str) else n for n in names]

    def counts(self) -> dict[str, int]:
        """Distinct names per way of matching.

        Examples:
            >>> MatchResult((NameMatch("x", None, "none"),)).counts()
            {'id': 0, 'name': 0, 'fuzzy': 0, 'none': 1}
        """
        out = dict.fromkeys(("id", "name", "fuzzy", "none"), 0)
        for m in self.matches:
            out[m.how] += 1
        return out

    def to_frame(self) -> Any:
        """One row per distinct name: name, id, how, score, lines and the candidates as
        text (`"id (name) 87"`), unmatched first (needs pandas).

        Examples:
            >>> MatchResult((NameMatch("x", None, "none"),)).to_frame()["how"].tolist()
            ['none']
        """
        pd = require_pandas("MatchResult.to_frame()")
        rows = [
            {
                "name": m.name,
                "id": m.id,
                "how": m.how,
                "score": m.score,
                "lines": m.lines,
                "candidates": "; ".join(f"{i} ({n}) {s:.0f}" for i, n, s in m.candidates),
            }
            for m in sorted(self.matches, key=lambda m: (m.matched, -m.lines))
        ]
        return pd.DataFrame(rows, columns=["name", "id", "how", "score", "lines", "candidates"])

    def _repr_html_(self) -> str:
        import html

        rows = "".join(
            f"<tr><td>{html.escape(m.name)}</td><td>{html.escape(m.id or '')}</td>"
            f"<td>{m.how}</td><td>{m.lines:,}</td><td>"
            + html.escape("; ".join(f"{i} ({n}) {sc:.0f}" for i, n, sc in m.candidates))
            + "</td></tr>"
            for m in sorted(self.matches, key=lambda m: (m.matched, -m.lines))[:50]
        )
        more = len(self.matches) - 50
        tail = f"<p>... and {more:,} more names</p>" if more > 0 else ""
        return (
            f"<p>{html.escape(repr(self))}</p><table><tr><th>name</th><th>id</th><th>how</th>"
            f"<th>lines</th><th>candidates</th></tr>{rows}</table>{tail}"
        )

    def __repr__(self) -> str:
        c = self.counts()
        ways = ", ".join(f"{c[k]} by {k}" for k in ("id", "name", "fuzzy") if c[k])
        lines = sum(m.lines for m in self.unmatched)
        return (
            f"<MatchResult: {len(self.matches)} names ({ways}); {c['none']} unmatched "
            f"({lines} lines)>"
        )


def _master(net_or_names: Any) -> dict[str, str]:
    """`{id: display name}` of the partner master."""
    orgs = getattr(net_or_names, "organizations", None)
    if orgs is not None:
        return {oid: (o.name or oid) for oid, o in orgs.items()}
    if isinstance(net_or_names, Mapping):
        return {str(k): str(v) for k, v in net_or_names.items()}
    raise ValidationError(
        "match_names", "master", type(net_or_names).__name__, "a ChannelNetwork or {id: name}"
    )


def _prefixes(norm: str) -> set[str]:
    return {w[:3] for w in norm.split() if len(w) >= 2}


def match_names(
    names: Iterable[Any],
    master: Any,
    *,
    score_cutoff: float = 85.0,
    candidates: int = 3,
) -> MatchResult:
    """Match each distinct name of `names` to an organization of `master`.

    Args:
        names: the names as written in the lines (repeats counted; `None` skipped).
        master: a [`ChannelNetwork`][channelvalue.ChannelNetwork] (its organizations' ids and
            names) or a mapping `{id: name}`.
        score_cutoff: the least fuzzy score (0..100) accepted as a match.
        candidates: how many candidates an unmatched name lists.

    Raises:
        MissingDependencyError: rapidfuzz is not installed (extra `import`).

    Examples:
        >>> m = match_names(["Acme Resale", "Acme Resale"], {"r9": "ACME Resale Inc."})
        >>> m.mapping, m.by_name["Acme Resale"].lines
        ({'Acme Resale': 'r9'}, 2)
    """
    try:
        from rapidfuzz import fuzz, process
    except ImportError:
        raise MissingDependencyError("rapidfuzz", extra="import", feature="match_names()") from None
    table = _master(master)
    ids = sorted(table)
    by_id = {i: i for i in ids}
    by_key: dict[str, set[str]] = defaultdict(set)
    for i in ids:
        by_key[term_key(i)].add(i)
    by_norm: dict[str, set[str]] = defaultdict(set)
    norms = {i: normalise_name(table[i]) for i in ids}
    for i, n in norms.items():
        by_norm[n].add(i)
    blocks: dict[str, list[str]] = defaultdict(list)
    for i in ids:
        for p in _prefixes(norms[i]):
            blocks[p].append(i)

    counts: dict[str, int] = {}
    for n in names:
        if isinstance(n, str) and n.strip():
            counts[n] = counts.get(n, 0) + 1
    out: dict[str, NameMatch] = {}
    for name, lines in counts.items():
        text = name.strip()
        if text in by_id:
            out[name] = NameMatch(name, text, "id", 100.0, lines=lines)
            continue
        keyed = by_key.get(term_key(text), set())
        if len(keyed) == 1:
            out[name] = NameMatch(name, next(iter(keyed)), "id", 100.0, lines=lines)
            continue
        norm = normalise_name(text)
        exact = by_norm.get(norm, set())
        if len(exact) == 1:
            out[name] = NameMatch(name, next(iter(exact)), "name", 100.0, lines=lines)
            continue
        pool: set[str] = set()
        for p in _prefixes(norm):
            block = blocks.get(p, [])
            if len(block) <= MAX_BLOCK:
                pool.update(block)
        if not pool and len(ids) <= MAX_BLOCK:
            pool = set(ids)
        choices = {i: norms[i] for i in sorted(pool)}
        best = process.extract(
            norm, choices, scorer=fuzz.token_sort_ratio, limit=max(candidates, 2)
        )
        cands = tuple((i, table[i], round(float(s), 1)) for _, s, i in best)
        top = cands[0] if cands else None
        tie = len(cands) > 1 and top is not None and cands[1][2] == top[2]
        if len(exact) > 1:
            out[name] = NameMatch(
                name,
                None,
                "none",
                0.0,
                tuple((i, table[i], 100.0) for i in sorted(exact))[:candidates],
                lines,
            )
        elif top is not None and top[2] >= score_cutoff and not tie:
            out[name] = NameMatch(name, top[0], "fuzzy", top[2], cands[:candidates], lines)
        else:
            out[name] = NameMatch(name, None, "none", 0.0, cands[:candidates], lines)
    return MatchResult(tuple(out.values()))
