"""`read_export`: a one-table CRM / PRM export into a network and an import report."""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal

import attrs
import numpy as np

from ...core._gc import paused_gc
from ...core.network import ChannelNetwork
from ...errors import ChannelValueError, DocumentError, Problem, ValidationError, WrongTypeError
from ...model import (
    EngagementModel,
    Investment,
    InvestmentKind,
    Manager,
    Organization,
    ReportsTo,
    Role,
    Segment,
    Serves,
    SharesData,
    Supplies,
    Tier,
)
from ...model._bulk import build_many
from ..vocabulary import DEFAULT_VOCABULARY, Vocabulary, term_key
from .columnmap import ColumnMap
from .duplicates import find_duplicates
from .headers import (
    IGNORE,
    MULTI_VALUED,
    NUMERIC_TARGETS,
    attribute_key,
    closest_targets,
    recognise_header,
)
from .numbers import parse_numbers
from .references import IdPool, NameIndex, slugify
from .report import DuplicateFinding, ImportReport, UnknownTerm, UnresolvedParent, show_rows
from .source import RawTable, read_source, text_cells
from .values import (
    IRREGULAR_INTERVAL_DAYS,
    cadence_closest,
    cadence_days,
    codes,
    region_name,
    split_cell,
)

__all__ = ["read_export"]

Policy = Literal["report", "merge", "error"]
_DUPLICATES = ("report", "merge", "error")
_PARENTS = ("report", "placeholder")
_TERMS = ("report", "other", "error")
_SHARE_TARGETS = frozenset({"velocity", "steward_share"})
_NEVER_NEGATIVE = frozenset({"revenue", "volume", "mdf", "coop"})
_FALLBACK = {
    "role": "role 'other'",
    "tier": "tier left at 'registered'",
    "engagement": "no engagement",
}


@attrs.define
class _Job:
    """The state of one import: the table, the problems found so far, and whether the
    network can still be built."""

    table: str
    problems: list[Problem] = attrs.field(factory=list)
    fatal: bool = False

    def add(
        self,
        message: str,
        *,
        kind: str,
        row: int | None = None,
        column: str | None = None,
        value: Any = None,
        hint: str = "",
        fatal: bool = False,
    ) -> None:
        where = self.table
        if row is not None:
            where += f" row {row}"
        if column is not None:
            where += f"{',' if row is not None else ''} column {column!r}"
        self.problems.append(
            Problem(
                where,
                message,
                table=self.table,
                row=row,
                column=column,
                value=value,
                kind=kind,
                hint=hint,
            )
        )
        self.fatal = self.fatal or fatal

    def error(self) -> DocumentError:
        """Every problem found, as the error that ends the import."""
        return DocumentError(self.problems, title=_title(self))


def _title(job: _Job) -> str:
    n = len(job.problems)
    return f"{job.table}: the network cannot be built; {n:,} problem{'s' if n != 1 else ''}"


def _choice(name: str, value: Any, valid: Sequence[str]) -> str:
    if type(value) is not str or value not in valid:
        raise ValidationError("read_export", name, value, " or ".join(repr(v) for v in valid))
    return value


def _column_map(columns: Any) -> ColumnMap:
    if columns is None:
        return ColumnMap()
    if isinstance(columns, ColumnMap):
        return columns
    if isinstance(columns, str | os.PathLike):
        return ColumnMap.load(columns)
    if isinstance(columns, Mapping):
        return ColumnMap.from_dict(columns)
    raise WrongTypeError(
        "read_export(columns=...)", columns, "a ColumnMap, a mapping or a path to a saved map"
    )


def read_export(
    source: Any,
    *,
    columns: ColumnMap | Mapping[str, Any] | str | os.PathLike[str] | None = None,
    locale: str | None = None,
    currency: str | None = None,
    rates: Mapping[str, float] | None = None,
    duplicates: Policy = "report",
    missing_parents: Literal["report", "placeholder"] = "report",
    unknown_terms: Literal["report", "other", "error"] = "report",
    table: str | None = None,
    steward: str | None = None,
    name: str = "",
    vocabulary: Vocabulary | None = None,
) -> tuple[ChannelNetwork, ImportReport]:
    """Read a one-table partner export (one row per account) into a network.

    The export is what a CRM or PRM gives: one wide row per account with its name, id,
    partner type, tier, revenue, growth, parent distributor, account manager, customer
    segments, regions, reporting cadence, MDF and other figures, spelt and formatted as
    people type them. Headers are recognised through the common vocabulary (see
    `channelvalue.io.export.headers`; `columns=` overrides any of them), numbers are parsed
    as written ("$1,234.00", "USD 2.5M", "19 %", "(1,234)"; a blank is missing, never 0),
    terms go through the [`Vocabulary`][channelvalue.Vocabulary], and names resolve to rows.

    What each row gives:

    - an [`Organization`][channelvalue.Organization] with its `name`, role, tier,
      engagement, revenue, velocity (growth), volume, regions, verticals, steward share and
      `attributes` (every other numeric column, e.g. `"deal_registrations"`);
    - a [`Supplies`][channelvalue.Supplies] link from its parent (by name or id), or from
      the steward when it names none;
    - a [`Manager`][channelvalue.Manager] per distinct manager name (id `manager-<name>`) and
      a [`ReportsTo`][channelvalue.ReportsTo] link to the steward naming it;
    - a [`Segment`][channelvalue.Segment] per distinct segment name (id `segment-<name>`; a
      size band such as "SMB" or "Mid-Market" also sets its `band`, and spellings of one band
      are one segment) and a [`Serves`][channelvalue.Serves] link for each item of the cell;
    - a [`SharesData`][channelvalue.SharesData] feed to the steward with the interval of its
      reporting cadence ("Weekly" 7 days, "Monthly" 30, "Quarterly" 91, ...; "None" gives no
      feed; an irregular one such as "Ad hoc" gets
      [`IRREGULAR_INTERVAL_DAYS`][channelvalue.io.export.values.IRREGULAR_INTERVAL_DAYS] and is
      flagged with a problem of kind `irregular-cadence`);
    - an [`Investment`][channelvalue.Investment] of kind `mdf` (or `coop`) for an amount above 0.

    The steward is `steward=` (a row's name or id; a name no row has adds a placeholder
    vendor of that name), else the one row whose partner type is a vendor; with none, a
    placeholder vendor is added and reported (kind `no-steward`).

    Duplicates (exact rows, one id on several rows, one account under several ids: same or
    similar normalised names) are found without comparing all pairs and listed in
    `report.duplicates`. `duplicates=` decides what happens:

    - `"report"`: an exact repeat of a row and a repeated id keep their first row (the
      network cannot hold one id twice); rows with the same or similar names are all loaded;
      each group is a problem;
    - `"merge"`: every group becomes its first row (its id and name). A cell that is blank in
      the first row is taken from the first later row that has it; lists (segments, regions)
      are joined; nothing is summed: the revenue is the first row's (or the first non-blank
      one), since the rows are one account and adding them would count it twice. The
      finding says which rows were merged and how;
    - `"error"`: any group makes the import fail, listing every group.

    Problems are data: each has the table, the row as the user counts it (the header is
    row 1 of a CSV or sheet, the first data row is row 2; a DataFrame row is its index + 1),
    the column as written, the value, a kind and a hint. Problems that leave the network
    buildable are in the report; when it cannot be built (unreadable file, no name or id
    column, mixed currencies without rates, `"error"` policies) every problem found is
    raised at once in one [`DocumentError`][channelvalue.DocumentError]; nothing is half
    loaded.

    Args:
        source: a `.csv` file (UTF-8 with or without BOM, UTF-16, Windows-1252 or Latin-1;
            `,` `;` tab or `|` delimited), an `.xlsx` workbook, a `.parquet` file or a pandas
            DataFrame.
        columns: header -> target overrides: a [`ColumnMap`][channelvalue.io.ColumnMap], a
            mapping (`{"Acct": "name", "Notes": "ignore"}`) or the path of a saved map.
        locale: how numbers are written (`"en_US"`, `"de_DE"`, ...); default: the map's,
            else `"en_US"`.
        currency: the currency of amounts written without one (default: the map's).
        rates: conversion rates, `{ISO code: factor into the base currency}` (needed when the
            export mixes currencies; default: the map's).
        duplicates: `"report"`, `"merge"` or `"error"` (see above).
        missing_parents: `"report"` (a parent that is no row is one problem listing the
            rows that name it; those rows get no supplier) or `"placeholder"` (an
            organization of that name, role distributor, `placeholder=True`, supplied by the
            steward, is added).
        unknown_terms: `"report"` (a partner type, tier, engagement or cadence the
            vocabulary does not know is a problem of kind `unknown-term` with the closest
            known terms; the row loads with its category's fallback: role `other`, tier left
            at `registered`, no engagement, no feed), `"other"` (the same fallback, listed in
            `report.unknown_terms` but not as problems) or `"error"` (the import fails).
        table: the sheet of an `.xlsx` workbook (default: the first); for other sources the
            name problems give the table.
        steward: the steward's name or id (default: the map's, else the vendor row).
        name: the network's name.
        vocabulary: the terms to accept (default: the default vocabulary, plus the map's
            `terms`).

    Returns:
        The network and the [`ImportReport`][channelvalue.io.ImportReport].

    Raises:
        DocumentError: the network cannot be built; every problem is listed.
        FileError: the file cannot be read.
        ValidationError: an option has a bad value (or the column map a bad target).
        WrongTypeError: `source` or `columns` has the wrong type.
        MissingDependencyError: pandas (or openpyxl for `.xlsx`) is not installed.

    Examples:
        >>> import pandas as pd
        >>> export = pd.DataFrame({
        ...     "Account Name": ["Acme", "TD Synnex", "Northwind IT"],
        ...     "Partner Type": ["Vendor", "Disti", "VAR"],
        ...     "Annual Revenue": ["", "$12.5M", "288,612.00"],
        ...     "Parent Distributor": ["", "", "TD SYNNEX"],
        ...     "Customer Segments": ["", "", "SMB; Mid-Market"],
        ... })
        >>> net, report = read_export(export)
        >>> net.steward.name, net.organizations["northwind-it"].revenue
        ('Acme', 288612.0)
        >>> [net.segments[s].name for s in net.segments_of("northwind-it")]
        ['Mid-Market', 'SMB']
        >>> net.upstream("northwind-it")
        ('td-synnex',)
    """
    _choice("duplicates", duplicates, _DUPLICATES)
    _choice("missing_parents", missing_parents, _PARENTS)
    _choice("unknown_terms", unknown_terms, _TERMS)
    for arg, value in (
        ("locale", locale),
        ("currency", currency),
        ("steward", steward),
        ("table", table),
    ):
        if value is not None and (type(value) is not str or not value or not _unicode(value)):
            raise ValidationError("read_export", arg, value, "a non-empty string or None")
    if type(name) is not str or not _unicode(name):
        raise WrongTypeError("read_export(name=...)", name, "a string")
    if vocabulary is not None and not isinstance(vocabulary, Vocabulary):
        raise WrongTypeError("read_export(vocabulary=...)", vocabulary, "a Vocabulary or None")
    if rates is not None and not isinstance(rates, Mapping):
        raise WrongTypeError("read_export(rates=...)", rates, "a mapping of currency code to rate")
    cmap = _column_map(columns)
    vocab = vocabulary or DEFAULT_VOCABULARY
    for category, terms in cmap.terms.items():
        by_canonical: dict[str, list[str]] = {}
        for term, canonical in terms.items():
            by_canonical.setdefault(canonical, []).append(term)
        vocab = vocab.extend(category, by_canonical, override=True)
    raw = read_source(source, table=table)
    job = _Job(raw.table, list(raw.problems))
    try:
        with paused_gc(promote=True):
            return _Import(
                raw,
                job,
                cmap,
                vocab,
                locale=locale or cmap.locale or "en_US",
                currency=currency or cmap.currency,
                rates=rates if rates is not None else (dict(cmap.rates) or None),
                duplicates=duplicates,
                missing_parents=missing_parents,
                unknown_terms=unknown_terms,
                steward=steward or cmap.steward,
                name=name,
            ).run()
    except ChannelValueError:
        raise
    except (
        ValueError,
        TypeError,
        OverflowError,
        RecursionError,
        MemoryError,
    ) as err:  # pragma: no cover
        job.add(f"cannot read it: {type(err).__name__}: {err}", kind="internal", fatal=True)
        raise job.error() from None


# ---------------------------------------------------------------------------------------------
class _Import:
    """One run of `read_export` (the steps in order, sharing the row arrays)."""

    def __init__(
        self,
        raw: RawTable,
        job: _Job,
        cmap: ColumnMap,
        vocab: Vocabulary,
        *,
        locale: str,
        currency: str | None,
        rates: Mapping[str, float] | None,
        duplicates: str,
        missing_parents: str,
        unknown_terms: str,
        steward: str | None,
        name: str,
    ) -> None:
        self.raw = raw
        self.job = job
        self.cmap = cmap
        self.vocab = vocab
        self.locale = locale
        self.currency = currency
        self.rates = rates
        self.duplicates = duplicates
        self.missing_parents = missing_parents
        self.unknown_terms = unknown_terms
        self.steward_arg = steward
        self.name = name
        self.used: dict[str, str] = {}  # header -> target, for the report's column map
        self.column: dict[str, int] = {}  # target -> column index
        self.text: dict[str, list[str]] = {}  # target -> cells of kept rows, as text
        self.findings: list[DuplicateFinding] = []
        self.unknown: list[UnknownTerm] = []
        self.unresolved: list[UnresolvedParent] = []
        self.irregular: list[int] = []
        self.placeholders: list[str] = []
        self.blanks: dict[str, int] = {}
        self.currencies: set[str] = set()
        self.extra_orgs: list[Organization] = []  # placeholders for the steward
        self.extra_items: list[Any] = []  # placeholders for parents, and their links

    # ------------------------------------------------------------------ helpers
    def header(self, target: str) -> str:
        return self.raw.headers[self.column[target]]

    def kept(self, target: str) -> list[str]:
        """The text cells of `target` on the rows that are loaded."""
        cells = self.text[target]
        return cells if len(self.keep) == len(cells) else [cells[i] for i in self.keep.tolist()]

    def rows_of(self, positions: Any) -> tuple[int, ...]:
        return tuple(int(r) for r in self.rows[np.asarray(positions, dtype=np.intp)])

    # ------------------------------------------------------------------ run
    def run(self) -> tuple[ChannelNetwork, ImportReport]:
        self.map_headers()
        self.read_text()
        if self.job.fatal:
            raise self.job.error()
        self.identify()
        self.find_duplicates()
        roles, tiers, engagements = self.terms()
        numbers = self.numbers()
        steward = self.choose_steward(roles)
        items: list[Any] = []
        items += self.organizations(roles, tiers, engagements, numbers, steward)
        items += self.parents(roles, steward)
        items += self.managers(steward)
        items += self.segments()
        items += self.feeds(steward)
        items += self.investments(numbers)
        if self.job.fatal:
            raise self.job.error()
        net = ChannelNetwork(steward=steward, name=self.name)
        try:
            net.add_all(items)
        except DocumentError as err:  # pragma: no cover - every reference is checked above
            for p in err.problems:
                self.job.add(str(p), kind="network")
            raise self.job.error() from None
        return net, self.report(net)

    # ------------------------------------------------------------------ headers
    def map_headers(self) -> None:
        raw, job, explicit = self.raw, self.job, self.cmap.columns
        by_key = {term_key(h): t for h, t in explicit.items()}
        for j, header in enumerate(raw.headers):
            label = header or f"(column {j + 1})"
            target = explicit.get(header)
            if target is None:
                target = by_key.get(term_key(header)) if header else None
            if target is None and header:
                target = recognise_header(header)
            if target is None:
                cells = raw.cells[j]
                filled = [c for c in text_cells(cells.tolist()) if c]
                if not filled:
                    if header:
                        self.used.setdefault(label, IGNORE)
                        job.add(
                            "unknown column with no values; not read",
                            kind="unknown-column",
                            column=label,
                            hint=_closest_hint(header),
                        )
                    continue
                parsed = parse_numbers(filled, locale=self.locale)
                key = attribute_key(header) if header else ""
                if not parsed.problems and key and f"attribute.{key}" not in self.column:
                    target = f"attribute.{key}"
                    job.add(
                        f"unknown column of numbers; kept as attributes[{key!r}]",
                        kind="unknown-column",
                        column=label,
                        hint=f"map it in columns= ({label!r}: 'ignore' or another target)",
                    )
                else:
                    self.used.setdefault(label, IGNORE)
                    job.add(
                        "unknown column; not read",
                        kind="unknown-column",
                        column=label,
                        value=filled[0],
                        hint=_closest_hint(header)
                        + f"; map it in columns= ({label!r}: '<target>' or 'ignore')",
                    )
                    continue
            if target == IGNORE:
                self.used.setdefault(label, IGNORE)
                continue
            if target in self.column:
                first = raw.headers[self.column[target]]
                job.add(
                    f"means {target!r} like column {first!r}, which is read instead",
                    kind="ambiguous-column",
                    column=label,
                    hint="map one of them to another target or 'ignore' in columns=",
                )
                self.used.setdefault(label, IGNORE)
                continue
            self.used[label] = target
            self.column[target] = j
        for header in explicit:
            if header not in raw.headers and term_key(header) not in {
                term_key(h) for h in raw.headers
            }:
                job.add(
                    "the column map names a column the export does not have",
                    kind="missing-column",
                    column=header,
                    hint="the export's headers changed? update the map",
                )
        if "id" not in self.column and "name" not in self.column:
            shown = ", ".join(repr(h) for h in raw.headers[:12])
            job.add(
                f"no column gives the account name or id (headers: {shown})",
                kind="missing-column",
                hint="map one with columns={'<header>': 'name'}",
                fatal=True,
            )

    def read_text(self) -> None:
        raw = self.raw
        n = len(raw)
        texts = {t: text_cells(raw.cells[j].tolist()) for t, j in self.column.items()}
        if n and texts:
            filled = np.zeros(n, dtype=bool)
            for cells in texts.values():
                filled |= np.fromiter(map(bool, cells), dtype=bool, count=n)
            keep = np.flatnonzero(filled)
        else:
            keep = np.arange(0, dtype=np.intp)
        if len(keep) < n:
            texts = {t: [c[i] for i in keep] for t, c in texts.items()}
        self.rows = raw.rows[keep]
        self.text = texts
        self.n = len(keep)
        for target, cells in texts.items():
            self.blanks[self.header(target)] = cells.count("")

    # ------------------------------------------------------------------ ids and names
    def identify(self) -> None:
        n, job = self.n, self.job
        ids = self.text.get("id")
        names = self.text.get("name", [""] * n)
        pool = IdPool()
        if ids is None:
            out = []
            for nm in names:
                out.append(pool.claim(slugify(nm)) if nm else "")
            ids = out
        else:
            ids = list(ids)
            for i in ids:
                if i:
                    pool.add(i)
        missing_id = [i for i in range(n) if not ids[i] and names[i]]
        nothing = [i for i in range(n) if not ids[i] and not names[i]]
        if missing_id and "id" in self.column:
            job.add(
                f"{len(missing_id):,} rows have a name but no id "
                f"({show_rows(self.rows_of(missing_id))}); their ids are made from their names",
                kind="missing-id",
                row=int(self.rows[missing_id[0]]),
                column=self.header("id"),
                value="",
                hint="fill in the ids in the export",
            )
        for k in missing_id:
            ids[k] = pool.claim(slugify(names[k]))
        self.drop = np.zeros(n, dtype=bool)
        if nothing:
            col = self.header("name") if "name" in self.column else self.header("id")
            job.add(
                f"{len(nothing):,} rows have neither a name nor an id "
                f"({show_rows(self.rows_of(nothing))}); they are not read",
                kind="missing-name",
                row=int(self.rows[nothing[0]]),
                column=col,
                value="",
                hint="fill in the name of each account",
            )
            self.drop[nothing] = True
        self.ids = ids
        self.names = list(names)
        self.pool = pool

    # ------------------------------------------------------------------ duplicates
    def find_duplicates(self) -> None:
        n, job = self.n, self.job
        live = np.flatnonzero(~self.drop)
        ids = [self.ids[i] for i in live]
        names = [self.names[i] for i in live]
        targets = sorted(self.text)
        # one key per row: its mapped cells joined (NUL never occurs in a CSV file read)
        columns = [self.text[t] for t in targets]
        joined = ["\x00".join(cells) for cells in zip(*columns, strict=True)] if columns else []
        row_keys = [(joined[i],) for i in live.tolist()]
        groups = find_duplicates(ids, names, rows=row_keys)
        parent = np.arange(n)

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = int(parent[i])
            return i

        merging = self.duplicates == "merge"
        id_col = self.header("id") if "id" in self.column else self.header("name")
        name_col = self.header("name") if "name" in self.column else id_col
        exact = [set(g.positions) for g in groups if g.kind == "exact-row"]
        for g in groups:
            if g.kind == "same-id" and any(set(g.positions) <= e for e in exact):
                continue  # the exact repeat of a row says it already
            positions = sorted(int(live[p]) for p in g.positions)
            rows = self.rows_of(positions)
            first = positions[0]
            unite = g.kind in ("exact-row", "same-id") or merging
            if self.duplicates == "error":
                action = "refused"
            elif unite:
                action = (
                    f"merged into {self.ids[first]!r} (row {rows[0]})"
                    if merging
                    else f"kept the first row (row {rows[0]}); the others are not read"
                )
            else:
                action = "reported; every row is loaded"
            finding = DuplicateFinding(
                g.kind,
                rows,
                tuple(self.ids[p] for p in positions),
                tuple(self.names[p] for p in positions),
                float(g.score),
                action,
            )
            self.findings.append(finding)
            what = {
                "exact-row": "the same row",
                "same-id": f"id {self.ids[first]!r}",
                "same-name": f"name {self.names[first]!r}",
                "similar-name": f"similar names ({', '.join(repr(x) for x in finding.names[:4])})",
            }.get(g.kind, g.kind)
            job.add(
                f"{what} on {show_rows(rows)}: {action}",
                kind=f"duplicate-{g.kind.removeprefix('same-')}" if g.kind == "same-id" else g.kind,
                row=rows[1] if len(rows) > 1 else rows[0],
                column=id_col
                if g.kind == "same-id"
                else (None if g.kind == "exact-row" else name_col),
                value=self.ids[positions[1]]
                if g.kind == "same-id" and len(positions) > 1
                else (self.names[positions[-1]] if g.kind != "exact-row" else None),
                hint="pass duplicates='merge' to merge them, or fix the export"
                if not merging and self.duplicates != "error"
                else "",
                fatal=self.duplicates == "error",
            )
            if unite and self.duplicates != "error":
                for p in positions[1:]:
                    a, b = root(first), root(p)
                    if a != b:
                        parent[max(a, b)] = min(a, b)
        self.index = NameIndex(
            [i if not d else "" for i, d in zip(self.ids, self.drop, strict=True)],
            [nm if not d else "" for nm, d in zip(self.names, self.drop, strict=True)],
        )
        self.root_of = [root(i) for i in range(n)]
        merged_away = [i for i in range(n) if self.root_of[i] != i and not self.drop[i]]
        if merged_away and merging:
            self._merge_cells(merged_away, root)
        for i in merged_away:
            self.index.alias(self.ids[i], self.names[i], root(i))
            self.drop[i] = True
        keep = np.flatnonzero(~self.drop)
        self.keep = keep

    def _merge_cells(self, merged: list[int], root: Callable[[int], int]) -> None:
        for target, cells in self.text.items():
            if target == "id":
                continue
            multi = target in MULTI_VALUED
            for i in merged:
                r = root(i)
                if not cells[i]:
                    continue
                if not cells[r]:
                    cells[r] = cells[i]
                elif multi:
                    cells[r] = f"{cells[r]};{cells[i]}"

    # ------------------------------------------------------------------ vocabulary terms
    def terms(self) -> tuple[list[Role], list[Tier], list[EngagementModel | None]]:
        keep = self.keep
        m = len(keep)
        roles: list[Any] = [Role.OTHER] * m
        tiers: list[Any] = [Tier.REGISTERED] * m
        engagements: list[Any] = [None] * m
        for category, out, blank_value in (
            ("role", roles, Role.OTHER),
            ("tier", tiers, Tier.REGISTERED),
            ("engagement", engagements, None),
        ):
            if category not in self.column:
                continue
            cells = self.kept(category)
            code, uniques = codes(cells)
            table: list[Any] = []
            for u in uniques:
                if not u:
                    table.append(blank_value)
                    continue
                found = self.vocab.lookup(category, u)
                if found is None:
                    table.append(blank_value)
                    self._unknown(
                        category,
                        u,
                        np.flatnonzero(code == len(table) - 1),
                        self.vocab.closest(category, u),
                    )
                else:
                    table.append(found)
            arr = np.empty(len(table), dtype=object)
            arr[:] = table
            out[:] = arr[code].tolist() if m else []
            if category == "role":
                blank = [i for i, c in enumerate(cells) if not c]
                if blank:
                    self.job.add(
                        f"{len(blank):,} rows have no partner type "
                        f"({show_rows(self.rows_of(keep[blank]))}); they get role 'other'",
                        kind="missing-value",
                        row=int(self.rows[keep[blank[0]]]),
                        column=self.header("role"),
                        value="",
                        hint="fill in the partner type",
                    )
        return roles, tiers, engagements

    def _unknown(self, category: str, term: str, positions: Any, closest: tuple[str, ...]) -> None:
        """`positions` index the kept rows."""
        rows = self.rows_of(self.keep[positions])
        action = _FALLBACK.get(category, "no feed")
        column = self.header(category)
        self.unknown.append(UnknownTerm(column, category, term, rows, closest, action))
        if self.unknown_terms == "other":
            return
        shown = ", ".join(repr(c) for c in closest)
        hint = f"closest: {shown}" if shown else f"no known {category} is close"
        terms = f"{{{category!r}: {{{term!r}: '<{category}>'}}}}"
        hint += f"; add it with columns=ColumnMap(..., terms={terms})"
        if category == "cadence":
            hint = (
                f"closest: {shown}; " if shown else ""
            ) + "write Weekly, Monthly, Quarterly, None or Ad hoc"
        self.job.add(
            f"unknown {category} {term!r} on {show_rows(rows)}: {action}",
            kind="unknown-term",
            row=rows[0],
            column=column,
            value=term,
            hint=hint,
            fatal=self.unknown_terms == "error",
        )

    # ------------------------------------------------------------------ numbers
    def numbers(self) -> dict[str, np.ndarray[Any, np.dtype[np.float64]]]:
        keep = self.keep
        out: dict[str, np.ndarray[Any, np.dtype[np.float64]]] = {}
        for target in self.column:
            if target not in NUMERIC_TARGETS and not target.startswith("attribute."):
                continue
            cells = self.kept(target)
            header = self.header(target)
            parsed = parse_numbers(
                cells, locale=self.locale, share=target in _SHARE_TARGETS, rates=self.rates
            )
            values = np.array(parsed.values, dtype=np.float64, copy=True)
            self.currencies.update(parsed.currencies)
            for position, text, kind, message, hint in parsed.problems:
                fatal = kind in ("mixed-currency", "missing-rate")
                row = int(self.rows[keep[position]]) if 0 <= position < len(keep) else None
                self.job.add(
                    message, kind=kind, row=row, column=header, value=text, hint=hint, fatal=fatal
                )
            bad = ~np.isfinite(values) & ~np.isnan(values)
            if target in _NEVER_NEGATIVE:
                bad |= values < 0
                rule = "a number >= 0"
            elif target == "velocity":
                bad |= values < -1
                rule = "a growth of -100 % or more"
            elif target == "steward_share":
                bad |= (values < 0) | (values > 1)
                rule = "a share between 0 and 1"
            else:
                rule = "a finite number"
            for position in np.flatnonzero(bad).tolist():
                self.job.add(
                    f"got {cells[position]!r} but expected {rule}; read as blank",
                    kind="bad-number",
                    row=int(self.rows[keep[position]]),
                    column=header,
                    value=cells[position],
                    hint="correct it in the export",
                )
            values[bad] = np.nan
            out[target] = values
        if self.currency and self.currencies - {self.currency} and not self.rates:
            other = ", ".join(sorted(self.currencies - {self.currency}))
            self.job.add(
                f"amounts in {other}, not in {self.currency}",
                kind="mixed-currency",
                hint="pass rates={'EUR': 1.08, ...} to convert them",
                fatal=True,
            )
        return out

    # ------------------------------------------------------------------ steward
    def choose_steward(self, roles: list[Role]) -> str:
        keep, job = self.keep, self.job
        arg = self.steward_arg
        if arg is not None:
            found = self.index.find(arg)
            if found is not None:
                return self.ids[self.root_of[found]]
            ident = self.pool.claim(slugify(arg))
            self.extra_orgs = [_placeholder(ident, arg, Role.VENDOR)]
            self.placeholders.append(ident)
            return ident
        vendors = [i for i, r in enumerate(roles) if r is Role.VENDOR]
        if vendors:
            if len(vendors) > 1:
                rows = self.rows_of(keep[vendors])
                job.add(
                    f"{len(vendors):,} rows are vendors ({show_rows(rows)}); "
                    "the first is the steward",
                    kind="several-vendors",
                    row=rows[1],
                    column=self.header("role"),
                    value=self.names[keep[vendors[1]]] or self.ids[keep[vendors[1]]],
                    hint="pass steward='<name>' to choose",
                )
            return self.ids[int(keep[vendors[0]])]
        ident = self.pool.claim("vendor")
        self.extra_orgs = [_placeholder(ident, "Vendor (not in the export)", Role.VENDOR)]
        self.placeholders.append(ident)
        job.add(
            f"no row is a vendor; a placeholder vendor {ident!r} is the steward",
            kind="no-steward",
            hint="pass steward='<your company>' to name it",
        )
        return ident

    # ------------------------------------------------------------------ organizations
    def organizations(
        self,
        roles: list[Role],
        tiers: list[Tier],
        engagements: list[EngagementModel | None],
        numbers: dict[str, np.ndarray[Any, np.dtype[np.float64]]],
        steward: str,
    ) -> list[Any]:
        keep = self.keep
        m = len(keep)
        columns: dict[str, Any] = {
            "id": [self.ids[i] for i in keep],
            "name": [self.names[i] for i in keep],
            "role": roles,
            "tier": tiers,
            "engagement": engagements,
        }
        for target in ("revenue", "volume", "velocity"):
            if target in numbers:
                columns[target] = np.nan_to_num(numbers[target], nan=0.0).tolist()
        if "steward_share" in numbers:
            share = numbers["steward_share"]
            columns["steward_share"] = [None if math.isnan(x) else x for x in share.tolist()]
        for target in ("regions", "verticals"):
            if target in self.text:
                cells = self.kept(target)
                code, uniques = codes(cells)
                table = np.empty(len(uniques), dtype=object)
                table[:] = [_items(u, target) for u in uniques]
                columns[target] = table[code].tolist() if m else []
        attributes = {
            t.removeprefix("attribute."): v
            for t, v in numbers.items()
            if t.startswith("attribute.")
        }
        orgs = build_many(Organization, m, columns)
        if attributes:
            orgs = self._with_attributes(orgs, attributes)
        return [*orgs, *self.extra_orgs]

    def _with_attributes(
        self, orgs: list[Organization], attributes: dict[str, Any]
    ) -> list[Organization]:
        """`orgs` with their attributes set (rows with the same attributes share one map)."""
        keys = list(attributes)
        grid = np.column_stack([attributes[k] for k in keys])
        has = ~np.isnan(grid)
        setter = getattr(Organization, "attributes").__set__  # noqa: B009 - slot descriptor
        field = attrs.fields(Organization).attributes
        convert = field.converter
        assert callable(convert)
        rows = np.flatnonzero(has.any(axis=1))
        if not len(rows):
            return orgs
        # one map per distinct row of attributes (blank cells as 0 beside a "has" flag)
        combo = np.concatenate([np.where(has, grid, 0.0), has], axis=1)[rows]
        _, first, inverse = np.unique(combo, axis=0, return_index=True, return_inverse=True)
        shared = [
            convert({k: float(grid[i, j]) for j, k in enumerate(keys) if has[i, j]})
            for i in rows[first].tolist()
        ]
        for i, u in zip(rows.tolist(), inverse.ravel().tolist(), strict=True):
            setter(orgs[i], shared[u])  # fresh objects of build_many, not yet shared
        return orgs

    # ------------------------------------------------------------------ parents
    def parents(self, roles: list[Role], steward: str) -> list[Any]:
        keep, job = self.keep, self.job
        m = len(keep)
        ids = [self.ids[i] for i in keep]
        source: list[str | None] = [steward] * m
        if "parent" in self.column:
            cells = self.kept("parent")
            code, uniques = codes(cells)
            header = self.header("parent")
            table: list[str | None] = []
            extra: list[Any] = []
            for k, u in enumerate(uniques):
                if not u:
                    table.append(steward)
                    continue
                found = self.index.find(u)
                if found is not None:
                    table.append(self.ids[self.root_of[found]])
                    continue
                positions = np.flatnonzero(code == k)
                rows = self.rows_of(keep[positions])
                if self.missing_parents == "placeholder":
                    ident = self.pool.claim(slugify(u))
                    extra += [_placeholder(ident, u, Role.DISTRIBUTOR), Supplies(steward, ident)]
                    self.placeholders.append(ident)
                    action = f"placeholder {ident!r} added"
                    table.append(ident)
                else:
                    action = "left unconnected"
                    table.append(None)
                    job.add(
                        f"{u!r} is named on {show_rows(rows)} but is no row of the export: "
                        + action,
                        kind="unknown-parent",
                        row=rows[0],
                        column=header,
                        value=u,
                        hint="add it to the export, or pass missing_parents='placeholder'",
                    )
                self.unresolved.append(UnresolvedParent(u, rows, action))
            arr = np.empty(len(table), dtype=object)
            arr[:] = table
            source = arr[code].tolist() if m else []
            self.extra_items = extra
        src_arr = np.empty(m, dtype=object)
        src_arr[:] = source
        dst_arr = np.empty(m, dtype=object)
        dst_arr[:] = ids
        linked = np.fromiter((x is not None for x in source), dtype=bool, count=m)
        linked &= dst_arr != steward
        for k in np.flatnonzero(linked & (src_arr == dst_arr)).tolist():
            job.add(
                "the account names itself as its parent; supplied by the steward instead",
                kind="self-parent",
                row=int(self.rows[keep[k]]),
                column=self.header("parent"),
                value=self.text["parent"][keep[k]],
            )
            src_arr[k] = steward
        src: list[str] = src_arr[linked].tolist()
        dst: list[str] = dst_arr[linked].tolist()
        self._break_cycles(src, dst, steward)
        return [
            *build_many(Supplies, len(src), {"source": src, "target": dst}),
            *self.extra_items,
        ]

    def _break_cycles(self, src: list[str], dst: list[str], steward: str) -> None:
        """Find parent chains that loop (A's parent is B, B's parent is A) in one pass (each
        account has one parent, so every loop is found by following parents) and break each:
        its first row is supplied by the steward instead (reported, kind `supply-cycle`)."""
        uppers = set(src)
        uppers.discard(steward)
        if not any(t in uppers for t, s in zip(dst, src, strict=True) if s != steward):
            return  # no account with a parent is itself the parent of another: no loop
        parent_of = {t: (s, k) for k, (s, t) in enumerate(zip(src, dst, strict=True))}
        state: dict[str, int] = {}  # 1: on the current path, 2: done
        position = {self.ids[i]: int(i) for i in self.keep}
        for start in dst:
            path: list[str] = []
            node: str | None = start
            while node is not None and state.get(node, 0) == 0:
                state[node] = 1
                path.append(node)
                up = parent_of.get(node)
                node = up[0] if up is not None and up[0] != steward else None
            if node is not None and state.get(node) == 1:
                loop = path[path.index(node) :]
                rows = sorted(int(self.rows[position[x]]) for x in loop if x in position)
                first = min(loop, key=lambda x: position.get(x, 0))
                k = parent_of[first][1]
                self.job.add(
                    f"the parents of {show_rows(rows)} form a loop; row "
                    f"{int(self.rows[position[first]])} is supplied by the steward instead",
                    kind="supply-cycle",
                    row=rows[0],
                    column=self.header("parent"),
                    value=self.text["parent"][position[first]],
                    hint="correct the parent of one of these accounts",
                )
                src[k] = steward
            for x in path:
                state[x] = 2

    def _kept_ids(self) -> np.ndarray[Any, np.dtype[Any]]:
        """The id of each kept row, as an object array."""
        ids = np.empty(len(self.ids), dtype=object)
        ids[:] = self.ids
        return ids[self.keep]

    # ------------------------------------------------------------------ managers
    def managers(self, steward: str) -> list[Any]:
        if "manager" not in self.column:
            return []
        keep = self.keep
        cells = self.kept("manager")
        code, uniques = codes(cells)
        by_key: dict[str, str] = {}
        managers: list[Manager] = []
        table: list[str | None] = []
        for u in uniques:
            if not u:
                table.append(None)
                continue
            key = term_key(u) or u
            ident = by_key.get(key)
            if ident is None:
                ident = self.pool.claim(f"manager-{slugify(u)}")
                by_key[key] = ident
                managers.append(Manager(ident, name=u))
            table.append(ident)
        arr = np.empty(len(table), dtype=object)
        arr[:] = table
        named = np.array([t is not None for t in table], dtype=bool)
        orgs = self._kept_ids()
        take = np.flatnonzero(named[code] & (orgs != steward)) if len(keep) else keep[:0]
        src: list[str] = orgs[take].tolist()
        mgr: list[str] = arr[code[take]].tolist()
        links = build_many(
            ReportsTo, len(src), {"source": src, "target": [steward] * len(src), "manager": mgr}
        )
        return [*managers, *links]

    # ------------------------------------------------------------------ segments
    def segments(self) -> list[Any]:
        if "segments" not in self.column:
            return []
        cells = self.kept("segments")
        code, uniques = codes(cells)
        by_key: dict[str, str] = {}
        segments: list[Segment] = []
        table: list[tuple[str, ...]] = []
        for u in uniques:
            idents: list[str] = []
            for item in split_cell(u):
                band = self.vocab.lookup("band", item)
                key = f"band:{band.value}" if band is not None else term_key(item) or item
                ident = by_key.get(key)
                if ident is None:
                    ident = self.pool.claim(f"segment-{slugify(item)}")
                    by_key[key] = ident
                    segments.append(Segment(ident, name=item, band=band))
                if ident not in idents:
                    idents.append(ident)
            table.append(tuple(idents))
        # every row's segments in one go: row k serves table[code[k]], in order
        per = np.array([len(t) for t in table], dtype=np.int64)[code]
        flat = np.empty(int(sum(len(t) for t in table)), dtype=object)
        flat[:] = [ident for t in table for ident in t]
        offsets = np.cumsum([0, *(len(t) for t in table)])[:-1]
        firsts = np.cumsum(per) - per
        within = np.arange(int(per.sum())) - np.repeat(firsts, per)
        src: list[str] = np.repeat(self._kept_ids(), per).tolist()
        dst: list[str] = flat[np.repeat(offsets[code], per) + within].tolist()
        return [*segments, *build_many(Serves, len(src), {"source": src, "target": dst})]

    # ------------------------------------------------------------------ feeds
    def feeds(self, steward: str) -> list[Any]:
        if "cadence" not in self.column:
            return []
        keep = self.keep
        cells = self.kept("cadence")
        code, uniques = codes(cells)
        table: list[float] = []
        for k, u in enumerate(uniques):
            days = cadence_days(u) if u else 0.0
            if days is None:
                self._unknown("cadence", u, np.flatnonzero(code == k), cadence_closest(u))
                days = 0.0
            elif days < 0:
                rows = self.rows_of(keep[np.flatnonzero(code == k)])
                self.irregular.extend(rows)
                self.job.add(
                    f"{u!r} on {show_rows(rows)} is no regular cadence: the feed is kept, "
                    f"counted as every {IRREGULAR_INTERVAL_DAYS:g} days",
                    kind="irregular-cadence",
                    row=rows[0],
                    column=self.header("cadence"),
                    value=u,
                    hint="agree a regular reporting cadence with these partners",
                )
                days = IRREGULAR_INTERVAL_DAYS
            table.append(days)
        per_row = np.asarray(table, dtype=np.float64)[code] if len(keep) else np.zeros(0)
        src: list[str] = []
        interval: list[float] = []
        for k in np.flatnonzero(per_row > 0).tolist():
            org = self.ids[keep[k]]
            if org != steward:
                src.append(org)
                interval.append(float(per_row[k]))
        return build_many(
            SharesData,
            len(src),
            {"source": src, "target": [steward] * len(src), "interval_days": interval},
        )

    # ------------------------------------------------------------------ investments
    def investments(self, numbers: dict[str, np.ndarray[Any, np.dtype[np.float64]]]) -> list[Any]:
        keep = self.keep
        out: list[Any] = []
        for target, kind in (("mdf", InvestmentKind.MDF), ("coop", InvestmentKind.COOP)):
            values = numbers.get(target)
            if values is None:
                continue
            given = np.flatnonzero(values > 0)
            orgs = [self.ids[i] for i in keep[given].tolist()]
            out += build_many(
                Investment,
                len(orgs),
                {
                    "id": [self.pool.claim(f"{target}-{org}") for org in orgs],
                    "recipient": orgs,
                    "kind": [kind] * len(orgs),
                    "amount": values[given].tolist(),
                },
            )
        return out

    # ------------------------------------------------------------------ report
    def report(self, net: ChannelNetwork) -> ImportReport:
        counts = {k: v for k, v in net.counts().items() if v}
        return ImportReport(
            table=self.raw.table,
            rows=self.n,
            column_map=ColumnMap(
                self.used,
                terms=self.cmap.terms,
                locale=self.locale if self.locale != "en_US" else self.cmap.locale,
                currency=self.currency,
                steward=self.steward_arg,
                rates=self.rates or {},
            ),
            counts=counts,
            duplicates=tuple(self.findings),
            unresolved_parents=tuple(self.unresolved),
            unknown_terms=tuple(self.unknown),
            irregular_feeds=tuple(sorted(self.irregular)),
            placeholders=tuple(self.placeholders),
            blanks=self.blanks,
            currencies=tuple(sorted(self.currencies)),
            problems=tuple(self.job.problems),
            encoding=self.raw.encoding,
            delimiter=self.raw.delimiter,
        )


def _placeholder(ident: str, name: str, role: Role) -> Organization:
    return Organization(ident, name=name, role=role, placeholder=True)


def _unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _items(cell: str, target: str) -> tuple[str, ...]:
    if target == "regions" and region_name(cell) != cell:
        return (region_name(cell),)  # "Europe, Middle East & Africa" is one region
    items = split_cell(cell)
    if target == "regions":
        items = tuple(region_name(x) for x in items)
    return tuple(sorted(set(items)))


def _closest_hint(header: str) -> str:
    near = closest_targets(header)
    return f"closest targets: {', '.join(repr(t) for t in near)}" if near else "no target is close"
