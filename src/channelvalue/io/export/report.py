"""The import report: what [`read_export`][channelvalue.io.read_export] did with an export.

It holds the column map used, the counts of what was built, the duplicate groups and what was
done with each, the parents that name no row of the file, the terms the vocabulary did not
know (with the closest known ones), the irregular feeds, and every problem as a
[`Problem`][channelvalue.Problem] with its table, row, column, value, kind and hint.

Examples:
    >>> r = ImportReport(table="x.csv", rows=0, column_map=ColumnMap())
    >>> print(r)
    Import of x.csv: 0 rows
      no problems
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Mapping
from typing import Any

import attrs

from ...errors import Problem, problems_frame
from .columnmap import ColumnMap

__all__ = ["DuplicateFinding", "ImportReport", "UnknownTerm", "UnresolvedParent", "show_rows"]

MAX_ROWS_LISTED = 10
"""A message lists this many row numbers, then counts the rest."""
MAX_HTML_ITEMS = 10
"""The HTML view shows this many items of each list."""


def show_rows(rows: Any) -> str:
    """Row numbers as text, bounded: `"rows 2, 5 and 9"`, `"rows 2, 3, ... and 40 more"`.

    Examples:
        >>> show_rows([7]), show_rows([2, 5, 9]), show_rows(range(2, 30))
        ('row 7', 'rows 2, 5 and 9', 'rows 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 18 more')
    """
    items = [int(r) for r in list(rows)[: MAX_ROWS_LISTED + 1]]
    total = len(rows)
    if total == 1:
        return f"row {items[0]}"
    if total <= MAX_ROWS_LISTED:
        return f"rows {', '.join(map(str, items[:-1]))} and {items[-1]}"
    return (
        f"rows {', '.join(map(str, items[:MAX_ROWS_LISTED]))} and {total - MAX_ROWS_LISTED:,} more"
    )


@attrs.frozen
class DuplicateFinding:
    """One group of rows that may be the same account, and what the import did with it.

    Attributes:
        kind: `"exact-row"`, `"same-id"`, `"same-name"` or `"similar-name"`.
        rows: the rows of the group (as the user counts them).
        ids: the ids of those rows.
        names: the names of those rows.
        score: the name similarity (0..100; 100 for exact kinds).
        action: what was done: `"kept the first row"`, `"merged into '<id>'"`, `"reported"`.
    """

    kind: str
    rows: tuple[int, ...]
    ids: tuple[str, ...]
    names: tuple[str, ...]
    score: float
    action: str


@attrs.frozen
class UnresolvedParent:
    """A parent named by rows of the export that is no row of it.

    Attributes:
        value: the name (or id) as written.
        rows: the rows naming it.
        action: `"left unconnected"` or `"placeholder '<id>' added"`.
    """

    value: str
    rows: tuple[int, ...]
    action: str


@attrs.frozen
class UnknownTerm:
    """A term the vocabulary does not know.

    Attributes:
        column: the header as written.
        category: the vocabulary category (`"role"`, `"tier"`, `"engagement"`, `"cadence"`).
        term: the term as written.
        rows: the rows holding it.
        closest: the closest known terms, best first.
        action: what the rows got instead (`"role 'other'"`, `"tier left at 'registered'"`, ...).
    """

    column: str
    category: str
    term: str
    rows: tuple[int, ...]
    closest: tuple[str, ...]
    action: str


_FIGURES = ("revenue", "volume", "velocity")
"""Organization figures a blank cell loads as 0 in (the model holds no unknown figure)."""


@attrs.frozen
class ImportReport:
    """What an import read, built, merged, could not resolve, and every problem.

    Attributes:
        table: the table read (file name, `file.xlsx[Sheet]` or `DataFrame`).
        rows: the number of data rows read (blank rows left out).
        column_map: the mapping used; save it with
            [`ColumnMap.save`][channelvalue.io.ColumnMap.save] and pass it as `columns=` next time.
        counts: what was built (`organizations`, `segments`, `managers`, `supplies`, ...).
        duplicates: the duplicate groups found and what was done with each.
        unresolved_parents: the parents that are not rows of the export.
        unknown_terms: the terms the vocabulary did not know.
        irregular_feeds: the rows whose reporting cadence is irregular (their feeds are
            flagged: see `read_export`).
        placeholders: the ids of the placeholder organizations added.
        blanks: the number of blank cells per mapped column (a blank is missing, never 0).
        currencies: the currencies found in amount columns.
        problems: every problem, each with table, row, column, value, kind and hint.
        encoding: the text encoding of a CSV file (empty otherwise).
        delimiter: the delimiter of a CSV file (empty otherwise).
    """

    table: str
    rows: int
    column_map: ColumnMap
    counts: Mapping[str, int] = attrs.field(factory=dict)
    duplicates: tuple[DuplicateFinding, ...] = ()
    unresolved_parents: tuple[UnresolvedParent, ...] = ()
    unknown_terms: tuple[UnknownTerm, ...] = ()
    irregular_feeds: tuple[int, ...] = ()
    placeholders: tuple[str, ...] = ()
    blanks: Mapping[str, int] = attrs.field(factory=dict)
    currencies: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    encoding: str = ""
    delimiter: str = ""

    @property
    def ok(self) -> bool:
        """True when there is no problem at all.

        Examples:
            >>> ImportReport(table="t", rows=0, column_map=ColumnMap()).ok
            True
        """
        return not self.problems

    def problem_counts(self) -> dict[str, int]:
        """The number of problems of each kind, commonest first.

        Examples:
            >>> ImportReport(table="t", rows=0, column_map=ColumnMap()).problem_counts()
            {}
        """
        return dict(Counter(p.kind or "other" for p in self.problems).most_common())

    def to_frame(self) -> Any:
        """Every problem as a row of a `pandas.DataFrame` (columns `table`, `row`, `column`,
        `value`, `kind`, `hint`, `message`, `path`), like
        [`DocumentError.problems_frame`][channelvalue.DocumentError.problems_frame].

        Examples:
            >>> ImportReport(table="t", rows=0, column_map=ColumnMap()).to_frame().shape
            (0, 8)
        """
        return problems_frame(self.problems)

    def __str__(self) -> str:
        lines = [f"Import of {self.table}: {self.rows:,} rows"]
        built = ", ".join(f"{v:,} {k}" for k, v in self.counts.items() if v)
        if built:
            lines.append(f"  built: {built}")
        if self.placeholders:
            lines.append(f"  placeholders: {len(self.placeholders):,}")
        if self.duplicates:
            kinds = Counter(d.kind for d in self.duplicates)
            shown = ", ".join(f"{n:,} {k}" for k, n in kinds.most_common())
            lines.append(f"  duplicate groups: {shown}")
        if self.unresolved_parents:
            names = ", ".join(repr(p.value) for p in self.unresolved_parents[:5])
            more = len(self.unresolved_parents) - 5
            lines.append(
                f"  unresolved parents: {names}" + (f" and {more:,} more" if more > 0 else "")
            )
        if self.unknown_terms:
            terms = ", ".join(repr(t.term) for t in self.unknown_terms[:5])
            more = len(self.unknown_terms) - 5
            lines.append(f"  unknown terms: {terms}" + (f" and {more:,} more" if more > 0 else ""))
        if self.irregular_feeds:
            lines.append(f"  irregular feeds: {len(self.irregular_feeds):,} rows")
        target = self.column_map.columns
        figures = {h: n for h, n in self.blanks.items() if n and target.get(h) in _FIGURES}
        if figures:  # the model has no unknown figure: say what a blank became
            shown = ", ".join(f"{n:,} {target[h]}" for h, n in figures.items())
            lines.append(f"  blank figures: {shown} (loaded as 0: the audit sees none)")
        counts = self.problem_counts()
        if counts:
            lines.append(
                f"  {len(self.problems):,} problems: "
                + ", ".join(f"{n:,} {k}" for k, n in list(counts.items())[:8])
            )
        else:
            lines.append("  no problems")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (
            f"<ImportReport {self.table!r}: {self.rows:,} rows, {len(self.duplicates):,} "
            f"duplicate groups, {len(self.problems):,} problems>"
        )

    def _repr_html_(self) -> str:
        e = html.escape
        parts = [f"<div><strong>Import of {e(self.table)}</strong>: {self.rows:,} rows"]
        if self.counts:
            cells = "".join(
                f"<tr><td>{e(k)}</td><td>{v:,}</td></tr>" for k, v in self.counts.items()
            )
            parts.append(f"<table>{cells}</table>")
        cols = list(self.column_map.columns.items())
        if cols:
            rows = "".join(
                f"<tr><td>{e(h)}</td><td><code>{e(t)}</code></td></tr>" for h, t in cols[:40]
            )
            more = f"<p>... and {len(cols) - 40:,} more columns</p>" if len(cols) > 40 else ""
            parts.append(f"<table><tr><th>column</th><th>read as</th></tr>{rows}</table>{more}")
        if self.problems:
            counts = self.problem_counts()
            items = "".join(f"<li>{n:,} &times; {e(k)}</li>" for k, n in list(counts.items())[:20])
            parts.append(f"<p>{len(self.problems):,} problems:</p><ul>{items}</ul>")
            first = "".join(f"<li>{e(str(p))}</li>" for p in self.problems[:MAX_HTML_ITEMS])
            rest = len(self.problems) - MAX_HTML_ITEMS
            tail = (
                f"<li>... and {rest:,} more (report.to_frame() has them all)</li>"
                if rest > 0
                else ""
            )
            parts.append(f"<ol>{first}{tail}</ol>")
        else:
            parts.append("<p>no problems</p>")
        parts.append("</div>")
        return "".join(parts)
