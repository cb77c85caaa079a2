"""Data quality of channel data: every issue counted and listed, per rule and per partner.

[`quality_report`][channelvalue.transactions.quality.quality_report] runs these rules as ibis
expressions in the engine that holds the data (only counts and the listed lines come back):

| kind | lines flagged |
|---|---|
| `duplicate` | a repeat of a line: same partner, date, product, quantity, document (*) |
| `unknown-partner` | a `partner`, sell-in `buyer` or `seller` that is no organization |
| `unknown-product` | a product outside the catalogue (only when `products` is given) |
| `bad-quantity` | a quantity <= 0 on a line that is not a return; a negative stock on hand |
| `future-date` | a date after `as_of` (default: today) |
| `outside-period` | a date before `start` or after `end` (when given) |
| `late-report` | a feed's reports that are due and have not arrived, after its last report |
| `missing-report` | a feed's reports that never arrived although later ones did |

(*) `sell_through`; `sell_in` by buyer and seller too; an `inventory` snapshot by partner, date
and product. The first line of each group is not counted, its repeats are.

*Reports* are the sell-through lines of a partner with a sell-through or inventory feed
([`feed_intervals`][channelvalue.transactions.feeds.feed_intervals]), counted in the calendar
buckets of the feed's cadence ([`cadence_unit`][channelvalue.transactions.feeds.cadence_unit]:
weeks, months or quarters). A bucket is *expected* when it lies wholly between the first day of
the period (`start`, default the first sell-through date) and its last (`end`, default
`as_of`, default the last sell-through date); an expected bucket with no line is a late report
when no later bucket has lines, a missing one otherwise.

Examples:
    >>> import datetime as dt, pyarrow as pa
    >>> import channelvalue as cv
    >>> from channelvalue.transactions import ChannelData
    >>> net = cv.ChannelNetwork(steward="v")
    >>> net.add_all([cv.Organization("v", role="vendor"), cv.Organization("r1", role="reseller"),
    ...              cv.SharesData("r1", "v", interval_days=30)])
    >>> data = ChannelData()
    >>> _ = data.load("sell_through", pa.table({
    ...     "date": [dt.date(2024, 1, 5), dt.date(2024, 1, 5), dt.date(2024, 3, 9),
    ...              dt.date(2024, 3, 9)],
    ...     "partner": ["r1", "r1", "r1", "ghost"], "product": ["p", "p", "p", "p"],
    ...     "quantity": [2.0, 2.0, 0.0, 1.0], "amount": [20.0, 20.0, 0.0, 10.0],
    ...     "is_return": [False] * 4, "document": ["i1", "i1", "i2", "i3"]}), source="pos")
    >>> q = quality_report(data, net, as_of=dt.date(2024, 4, 30))
    >>> dict(q.counts)  # February missing, April late
    ... # doctest: +NORMALIZE_WHITESPACE
    {'duplicate': 1, 'unknown-partner': 1, 'unknown-product': 0, 'bad-quantity': 1,
     'future-date': 0, 'outside-period': 0, 'late-report': 1, 'missing-report': 1}
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from .._optional import require_pandas
from ..core.network import ChannelNetwork
from ..errors import ValidationError
from ..model.measures import ChannelMeasures
from .feeds import bucket_end, bucket_of, bucket_start, cadence_unit, feed_intervals
from .schema import _require

__all__ = ["ISSUE_COLUMNS", "ISSUE_KINDS", "QualityReport", "quality_report"]

ISSUE_KINDS = (
    "duplicate",
    "unknown-partner",
    "unknown-product",
    "bad-quantity",
    "future-date",
    "outside-period",
    "late-report",
    "missing-report",
)
"""The kinds of issue, in the order they are reported."""

ISSUE_COLUMNS = (
    "kind",
    "table",
    "partner",
    "date",
    "product",
    "quantity",
    "document",
    "source",
    "count",
    "detail",
)
"""The columns of [`QualityReport.to_frame`][channelvalue.transactions.quality.QualityReport.
to_frame]: one row per flagged line (or group of duplicates, or feed with late or missing
reports); `count` is how many lines (or reports) the row stands for."""

_PARTNER_FIELDS = {
    "duplicate": "duplicate_lines",
    "unknown-product": "unmatched_lines",
    "unknown-partner": "unmatched_lines",
    "late-report": "late_reports",
    "missing-report": "missing_reports",
}


def _frozen(value: Mapping[str, Any] | None) -> dict[str, Any]:
    return dict(value or {})


@attrs.frozen(slots=True, repr=False, eq=False)
class QualityReport:
    """The data-quality issues found in channel data.

    Attributes:
        counts: lines (or reports, for `late-report` and `missing-report`) per issue kind.
        issues: the listed issues, a `pandas.DataFrame` with the columns
            [`ISSUE_COLUMNS`][channelvalue.transactions.quality.ISSUE_COLUMNS] (at most
            `limit` rows per kind; `counts` are never cut).
        partners: per partner, `{kind: count}` plus `expected_reports` for partners with a
            feed.
        start: the first day of the reporting period (or `None`).
        end: its last day (or `None`).
        as_of: the day the report is made for.
        not_assessed: `{kind: reason}` for rules that could not run (no catalogue, no feeds).
        truncated: the kinds whose listing was cut at `limit`.
    """

    counts: Mapping[str, int] = attrs.field(converter=_frozen)
    issues: Any
    partners: Mapping[str, Mapping[str, int]] = attrs.field(converter=_frozen)
    start: dt.date | None
    end: dt.date | None
    as_of: dt.date
    not_assessed: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen)
    truncated: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        """All issues counted (lines and reports).

        Examples:
            >>> QualityReport({"duplicate": 2, "late-report": 1}, None, {}, None, None,
            ...               dt.date(2024, 1, 1)).total
            3
        """
        return sum(self.counts.values())

    def to_frame(self, kind: str | None = None) -> Any:
        """The listed issues (of one `kind`, or all), one row per line or group.

        Examples:
            >>> import pandas as pd
            >>> QualityReport({}, pd.DataFrame(columns=list(ISSUE_COLUMNS)), {}, None, None,
            ...               dt.date(2024, 1, 1)).to_frame().columns.tolist()[:3]
            ['kind', 'table', 'partner']
        """
        require_pandas("QualityReport.to_frame()")
        if kind is None:
            return self.issues.copy()
        if kind not in ISSUE_KINDS:
            raise ValidationError("QualityReport", "kind", kind, "one of " + ", ".join(ISSUE_KINDS))
        return self.issues[self.issues["kind"] == kind].reset_index(drop=True)

    def by_partner(self) -> Any:
        """One row per partner with an issue or a feed: a column per kind and
        `expected_reports`, sorted by the number of issues (most first).

        Examples:
            >>> QualityReport({}, None, {"r1": {"duplicate": 2}}, None, None,
            ...               dt.date(2024, 1, 1)).by_partner().loc[0, "duplicate"]
            np.int64(2)
        """
        pd = require_pandas("QualityReport.by_partner()")
        cols = [*ISSUE_KINDS, "expected_reports"]
        rows = [
            {"partner": p, **{c: int(v.get(c, 0)) for c in cols}}
            for p, v in sorted(self.partners.items())
        ]
        frame = pd.DataFrame(rows, columns=["partner", *cols])
        if frame.empty:
            return frame
        frame["issues"] = frame[list(ISSUE_KINDS)].sum(axis=1)
        frame = frame.sort_values(["issues", "partner"], ascending=[False, True], kind="stable")
        return frame.reset_index(drop=True)

    def quality_counts(self) -> dict[str, dict[str, int]]:
        """`{partner: {PartnerMeasure field: count}}`: what
        [`apply`][channelvalue.transactions.quality.QualityReport.apply] fills in (also the
        `quality=` argument of `ChannelMetrics.measures`).

        `duplicate_lines` are the partner's repeated lines, `unmatched_lines` its lines naming
        an unknown product and the sell-in lines it sold to unknown buyers, `late_reports`,
        `missing_reports` and `expected_reports` count its feed's reports.

        Examples:
            >>> QualityReport({}, None, {"r1": {"duplicate": 2, "late-report": 1}}, None, None,
            ...               dt.date(2024, 1, 1)).quality_counts()
            {'r1': {'duplicate_lines': 2, 'late_reports': 1}}
        """
        out: dict[str, dict[str, int]] = {}
        for partner, kinds in sorted(self.partners.items()):
            row: dict[str, int] = {}
            for kind, n in kinds.items():
                field = _PARTNER_FIELDS.get(kind)
                if kind == "expected_reports":
                    field = "expected_reports"
                if field and n:
                    row[field] = row.get(field, 0) + int(n)
            if row:
                out[partner] = row
        return out

    def apply(self, measures: ChannelMeasures) -> ChannelMeasures:
        """`measures` with each measured partner's data-quality counts filled in from this
        report (the other figures and the provenance unchanged).

        Examples:
            >>> from channelvalue.model.measures import PartnerMeasure, Provenance
            >>> m = ChannelMeasures({"r1": PartnerMeasure("r1", volume=1, velocity=None,
            ...     sell_in=0, sell_through=0, on_hand=None, weeks_of_inventory=None,
            ...     weeks_of_inventory_change=None, sell_in_ratio=None, claims_paid=0,
            ...     claims_earned=0, win_rate=None, lines=3)},
            ...     Provenance("month", dt.date(2024, 1, 1), dt.date(2024, 1, 31),
            ...                dt.date(2024, 1, 31)))
            >>> q = QualityReport({}, None, {"r1": {"duplicate": 1}}, None, None,
            ...                   dt.date(2024, 1, 31))
            >>> q.apply(m).partners["r1"].duplicate_lines
            1
        """
        counts = self.quality_counts()
        fields = ("duplicate_lines", "unmatched_lines", "late_reports", "missing_reports",
                  "expected_reports")  # fmt: skip
        partners = {}
        for pid, m in measures.partners.items():
            row = counts.get(pid, {})
            changes: dict[str, Any] = {f: row.get(f, 0) for f in fields}
            partners[pid] = attrs.evolve(m, **changes)
        return ChannelMeasures(partners, measures.provenance)

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v:,}" for k, v in self.counts.items() if v)
        return f"<QualityReport as of {self.as_of}: {shown or 'no issues'}>"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(k)}</td><td>{v:,}</td></tr>" for k, v in self.counts.items()
        )
        skipped = "".join(
            f"<li>{html.escape(k)}: not assessed ({html.escape(r)})</li>"
            for k, r in self.not_assessed.items()
        )
        return (
            f"<p>Data quality as of {self.as_of}</p><table><tr><th>issue</th><th>count</th>"
            f"</tr>{rows}</table>" + (f"<ul>{skipped}</ul>" if skipped else "")
        )


# ------------------------------------------------------------------ helpers
def _epoch_days(ibis: Any, date: Any) -> Any:
    """Days since 1970-01-01 of a date column, in integer arithmetic every backend runs
    (the civil-from-days formula)."""
    y = date.year().cast("int64")
    m = date.month().cast("int64")
    d = date.day().cast("int64")
    y = y - (m <= 2).ifelse(1, 0)
    era = y // 400
    yoe = y - era * 400
    mp = (m > 2).ifelse(m - 3, m + 9)
    doy = (153 * mp + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _bucket(ibis: Any, date: Any, unit: str) -> Any:
    if unit == "week":
        return (_epoch_days(ibis, date) - 4) // 7
    months = date.year().cast("int64") * 12 + date.month().cast("int64") - 1
    return months if unit == "month" else months // 3


def _expected(first: dt.date, last: dt.date, unit: str) -> tuple[int, int]:
    lo = bucket_of(first, unit)
    if bucket_start(lo, unit) < first:
        lo += 1
    hi = bucket_of(last, unit)
    if bucket_end(hi, unit) > last:
        hi -= 1
    return lo, hi


def _rows(expr: Any, limit: int | None) -> Any:
    if limit is not None:
        expr = expr.limit(limit)
    return expr.to_pyarrow().to_pandas()


_PARTNER_COLUMNS = {"sell_in": ("buyer", "seller")}


def _line_rules(
    ibis: Any,
    tables: Mapping[str, Any],
    known: Any,
    products: Iterable[str] | None,
    today: dt.date,
    start: dt.date | None,
    end: dt.date | None,
) -> dict[str, list[tuple[str, Any]]]:
    """Per table, `(rule, condition)` of every line rule (`unknown-<column>` marks a line
    naming an organization not in `known`, a one-column table of ids)."""
    catalogue = (
        None
        if products is None
        else ibis.memtable({"_id": sorted(set(products))}, schema={"_id": "string"})
    )

    def unknown(col: Any, ids: Any) -> Any:
        return col.isnull() | ~col.isin(ids._id)

    out: dict[str, list[tuple[str, Any]]] = {}
    for name, t in tables.items():
        rules = [
            (f"unknown-{col}", unknown(t[col], known))
            for col in _PARTNER_COLUMNS.get(name, ("partner",))
        ]
        if catalogue is not None and name in ("sell_in", "sell_through", "inventory"):
            rules.append(("unknown-product", unknown(t.product, catalogue)))
        if name in ("sell_in", "sell_through"):
            rules.append(("bad-quantity", (t.quantity <= 0) & ~t.is_return))
        elif name == "inventory":
            rules.append(("bad-quantity", t.on_hand < 0))
        rules.append(("future-date", t.date > ibis.literal(today)))
        if start is not None or end is not None:
            cond = ibis.literal(False)
            if start is not None:
                cond = cond | (t.date < ibis.literal(start))
            if end is not None:
                cond = cond | (t.date > ibis.literal(end))
            rules.append(("outside-period", cond))
        out[name] = rules
    return out


def _flag_counts(
    ibis: Any,
    tables: Mapping[str, Any],
    partner_col: Mapping[str, str],
    rules: Mapping[str, list[tuple[str, Any]]],
) -> dict[tuple[str, str], Any]:
    """`(rule, table) -> {partner: lines}` for every rule of `rules` (one grouped query per
    table), `("unknown-buyer-by-seller", "sell_in")` the sell-in lines to unknown buyers per
    seller, and `("span", "sell_through")` the first and last sell-through dates."""
    out: dict[tuple[str, str], Any] = {}
    for name, t in tables.items():
        pcol = partner_col[name]
        keys = [pcol, "seller"] if name == "sell_in" else [pcol]
        sums = {f"n{i}": ibis.ifelse(cond, 1, 0).sum() for i, (_, cond) in enumerate(rules[name])}
        if name == "sell_through":
            sums.update(lo=t.date.min(), hi=t.date.max())
        found = t.group_by(keys).aggregate(**sums).to_pyarrow()
        for i, (rule, _) in enumerate(rules[name]):
            out[(rule, name)] = _sum_by(found, pcol, f"n{i}")
            if rule == "unknown-buyer":
                out[("unknown-buyer-by-seller", name)] = _sum_by(found, "seller", f"n{i}")
        if name == "sell_through":
            pc = _require("pyarrow.compute", "quality_report()")
            out[("span", name)] = {
                "lo": pc.min(found["lo"]).as_py(),
                "hi": pc.max(found["hi"]).as_py(),
            }
    return out


def _sum_by(found: Any, key: str, column: str) -> dict[str, int]:
    """`{key value: sum of column}` over the rows of the Arrow table `found` where `column`
    is above 0 (vectorised: the grouped counts may have a row per partner)."""
    pc = _require("pyarrow.compute", "quality_report()")
    flagged = found.filter(pc.greater(found[column], 0))
    if not flagged.num_rows:
        return {}
    sums = flagged.group_by(key).aggregate([(column, "sum")])
    return {
        k: int(v)
        for k, v in zip(sums[key].to_pylist(), sums[f"{column}_sum"].to_pylist(), strict=True)
        if k is not None
    }


def quality_report(
    store: Any,
    net: ChannelNetwork,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    as_of: dt.date | None = None,
    products: Iterable[str] | None = None,
    limit: int | None = 100_000,
) -> QualityReport:
    """Count and list the data-quality issues of `store` against the network `net`.

    Args:
        store: a [`ChannelData`][channelvalue.transactions.store.ChannelData] (or anything
            with `.table(name)` returning ibis tables of the schema).
        net: the network: its organizations are the partner master, its `SharesData` feeds
            the expected reports.
        start: the first day of the reporting period (lines before it are outside it).
        end: the last day of the reporting period.
        as_of: the day of the report: later dates are in the future; reports due by then
            are late (default: today for future dates, the last sell-through date for
            reports).
        products: the product catalogue; without it, unknown products are not assessed.
        limit: the most issues listed per kind (`None`: all); counts are never cut.

    Raises:
        ValidationError: `start` after `end`, or a `limit` below 0.

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.transactions import ChannelData
        >>> quality_report(ChannelData(), cv.datasets.example()).not_assessed["unknown-product"]
        'no product catalogue given (products=)'
    """
    ibis = _require("ibis", "quality_report()")
    pd = require_pandas("quality_report()")
    if start is not None and end is not None and start > end:
        raise ValidationError("quality_report", "start", start, f"a date on or before {end}")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
        raise ValidationError("quality_report", "limit", limit, "an int >= 0 or None")
    today = as_of or dt.date.today()
    known = ibis.memtable({"_id": sorted(net.organizations)}, schema={"_id": "string"})
    tables = {name: store.table(name) for name in ("sell_in", "sell_through", "inventory",
                                                    "claims", "deals")}  # fmt: skip
    partner_col = {"sell_in": "buyer", "sell_through": "partner", "inventory": "partner",
                   "claims": "partner", "deals": "partner"}  # fmt: skip
    listed: list[Any] = []
    counts = dict.fromkeys(ISSUE_KINDS, 0)
    per: dict[str, dict[str, int]] = {}
    truncated: list[str] = []
    not_assessed: dict[str, str] = {}

    def add(kind: str, table: str, frame: Any, total: int) -> None:
        counts[kind] += total
        if frame is None or frame.empty:
            return
        frame = frame.assign(kind=kind, table=table)
        for c in ISSUE_COLUMNS:
            if c not in frame.columns:
                frame[c] = None
        listed.append(frame[list(ISSUE_COLUMNS)])
        if limit is not None and len(frame) >= limit and total > len(frame):
            truncated.append(kind)

    def tally(kind: str, counts_by_partner: Mapping[str, int]) -> None:
        for p, n in counts_by_partner.items():
            if n:
                row = per.setdefault(p, {})
                row[kind] = row.get(kind, 0) + n

    # every line rule of a table counted per partner in one grouped pass over the table, with
    # a conditional sum per rule; a rule's lines are then listed only when it flags some
    rules = _line_rules(ibis, tables, known, products, today, start, end)
    flagged = _flag_counts(ibis, tables, partner_col, rules)

    def line_rule(kind: str, name: str, expr: Any, detail: str) -> None:
        t = expr
        pcol = partner_col[name]
        by_partner = flagged.get((kind, name), {})  # the partner columns are never null
        total = sum(by_partner.values())
        if not total:
            return
        cols = {"partner": t[pcol]}
        for c in ("date", "product", "quantity", "document", "source"):
            if c in t.columns:
                cols[c] = t[c]
        if name == "inventory":
            cols["quantity"] = t["on_hand"]
        frame = _rows(t.select(**cols), limit).assign(count=1, detail=detail)
        add(kind, name, frame, total)
        tally(kind, by_partner)

    # -------------------------------------------------------------- duplicates
    dup_keys = {
        "sell_through": ("partner", "date", "product", "quantity", "document"),
        "sell_in": ("seller", "buyer", "date", "product", "quantity", "document"),
        "inventory": ("partner", "date", "product"),
    }
    for name, keys in dup_keys.items():
        t = tables[name]
        # the groups of repeated lines are few: aggregated once in the engine, then read back
        found = t.group_by(list(keys)).aggregate(n=t.count()).filter(lambda g: g.n > 1).to_pyarrow()
        if not found.num_rows:
            continue
        groups = found.to_pandas()
        pcol = partner_col[name]
        groups["count"] = groups["n"] - 1
        total = int(groups["count"].sum())
        groups = groups.rename(columns={pcol: "partner"}).sort_values(
            ["partner", "date", "product"], kind="stable"
        )
        shown = ["partner", "date", "product", "count"]
        if "quantity" in keys:
            shown += ["quantity", "document"]
        frame = groups[shown].reset_index(drop=True)
        if limit is not None:
            frame = frame.head(limit)
        add("duplicate", name, frame.assign(detail="repeated line"), total)
        tally(
            "duplicate",
            {str(k): int(v) for k, v in groups.groupby("partner")["count"].sum().items()},
        )

    # -------------------------------------------------------------- unknown partners
    for name, cols in (("sell_through", ("partner",)), ("inventory", ("partner",)),
                       ("sell_in", ("buyer", "seller")), ("claims", ("partner",)),
                       ("deals", ("partner",))):  # fmt: skip
        t = tables[name]
        for col in cols:
            total = sum(flagged.get((f"unknown-{col}", name), {}).values())
            if not total:
                continue
            bad = t.anti_join(known, t[col] == known._id)
            sel = {"partner": bad[col]}
            for c in ("date", "product", "quantity", "document", "source"):
                if c in bad.columns:
                    sel[c] = bad[c]
            frame = _rows(bad.select(**sel), limit)
            add("unknown-partner", name, frame.assign(count=1, detail=f"unknown {col}"), total)
            if name == "sell_in" and col == "buyer":
                # a distributor's sell-in to buyers the master does not know: its lines
                tally("unknown-partner", flagged.get(("unknown-buyer-by-seller", name), {}))

    # -------------------------------------------------------------- unknown products
    if products is None:
        not_assessed["unknown-product"] = "no product catalogue given (products=)"
    else:
        catalogue = ibis.memtable({"_sku": sorted(set(products))}, schema={"_sku": "string"})
        for name in ("sell_in", "sell_through", "inventory"):
            t = tables[name]
            bad = t.anti_join(catalogue, t.product == catalogue._sku)
            line_rule("unknown-product", name, bad, "product not in the catalogue")

    # -------------------------------------------------------------- quantities
    for name in ("sell_in", "sell_through"):
        t = tables[name]
        line_rule("bad-quantity", name, t.filter((t.quantity <= 0) & ~t.is_return),
                  "quantity <= 0 on a line that is not a return")  # fmt: skip
    inv = tables["inventory"]
    line_rule("bad-quantity", "inventory", inv.filter(inv.on_hand < 0), "negative stock")

    # -------------------------------------------------------------- dates
    for name, t in tables.items():
        line_rule("future-date", name, t.filter(t.date > ibis.literal(today)),
                  f"after {today}")  # fmt: skip
        if start is not None or end is not None:
            cond = ibis.literal(False)
            if start is not None:
                cond = cond | (t.date < ibis.literal(start))
            if end is not None:
                cond = cond | (t.date > ibis.literal(end))
            line_rule("outside-period", name, t.filter(cond),
                      f"outside {start or '...'} .. {end or '...'}")  # fmt: skip
    if start is None and end is None:
        not_assessed["outside-period"] = "no reporting period given (start=, end=)"

    # -------------------------------------------------------------- late and missing reports
    st = tables["sell_through"]
    intervals = feed_intervals(net)
    span = flagged.get(("span", "sell_through"), {"lo": None, "hi": None})
    first = start or span["lo"]
    last = end or as_of or span["hi"]
    if as_of is not None and last is not None:
        last = min(last, as_of)
    if not intervals:
        not_assessed["late-report"] = not_assessed["missing-report"] = "no partner has a feed"
    elif first is None or last is None:
        not_assessed["late-report"] = not_assessed["missing-report"] = "no sell-through lines"
    else:
        by_unit: dict[str, list[str]] = {}
        for pid, days in intervals.items():
            by_unit.setdefault(cadence_unit(days), []).append(pid)
        feed_rows = []
        for unit, pids in sorted(by_unit.items()):
            lo, hi = _expected(first, last, unit)
            if hi < lo:
                continue
            members = ibis.memtable({"_p": pids}, schema={"_p": "string"})
            lines = st.semi_join(members, st.partner == members._p)
            b = _bucket(ibis, lines.date, unit).name("_b")
            lines = lines.select(partner=lines.partner, _b=b)
            lines = lines.filter((lines._b >= lo) & (lines._b <= hi))
            agg = lines.group_by("partner").aggregate(
                n=lines._b.nunique(), last=lines._b.max()
            ).to_pyarrow().to_pylist()  # fmt: skip
            seen = {r["partner"]: r for r in agg}
            expected = hi - lo + 1
            for pid in pids:
                r = seen.get(pid)
                n, top = (int(r["n"]), int(r["last"])) if r else (0, lo - 1)
                late_n = hi - top
                missing_n = expected - n - late_n
                row = per.setdefault(pid, {})
                row["expected_reports"] = expected
                if late_n:
                    row["late-report"] = late_n
                    since = bucket_end(top, unit) if r else "the start"
                    text = f"no {unit}ly report since {since}"
                    feed_rows.append(
                        ("late-report", pid, bucket_start(top + 1, unit), late_n, text)
                    )
                if missing_n:
                    row["missing-report"] = missing_n
                    text = f"{missing_n} of {expected} {unit}ly reports missing"
                    feed_rows.append(
                        ("missing-report", pid, bucket_start(lo, unit), missing_n, text)
                    )
        for kind in ("late-report", "missing-report"):
            rows = [r for r in feed_rows if r[0] == kind]
            frame = pd.DataFrame(
                [{"partner": p, "date": d, "count": n, "detail": text} for _, p, d, n, text in rows]
            )
            if limit is not None:
                frame = frame.head(limit)
            add(kind, "sell_through", frame, sum(r[3] for r in rows))

    issues = (
        pd.concat(listed, ignore_index=True)
        if listed
        else pd.DataFrame(columns=list(ISSUE_COLUMNS))
    )
    return QualityReport(
        counts=counts,
        issues=issues,
        partners=per,
        start=start,
        end=end,
        as_of=as_of or (last if isinstance(last, dt.date) else today),
        not_assessed=not_assessed,
        truncated=tuple(dict.fromkeys(truncated)),
    )
