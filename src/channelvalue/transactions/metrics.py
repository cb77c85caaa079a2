"""Per-partner, per-period metrics of channel data, written once as ibis expressions.

[`channel_metrics`][channelvalue.transactions.metrics.channel_metrics] turns the five tables of
a [`ChannelData`][channelvalue.transactions.store.ChannelData] (or any ibis tables with their
columns) into one row per partner and period: sell-in, sell-through, volume, velocity (period
over period, and trailing year over the year before), inventory on hand and weeks of inventory,
sell-in ÷ sell-through over a rolling window, claims paid and earned, deal win rate.

Every figure is one ibis expression, run by the engine that holds the data (DuckDB, Polars,
Spark, a warehouse); only results come back to Python. The expressions use group-bys, joins
and a cross join with a small table of period offsets, not window functions, so they run on
every ibis backend, Polars included (whose ibis backend has no window functions).

How the rolling figures are computed: the per-partner, per-period sums are joined to the
offsets `k = 0 .. 2w-1` (`w` the rolling window) and summed again per partner and *target*
period `period + k`: the sum over `k < w` is the rolling sum over `w` periods, `k == 1` the
period before. The trailing year and the year before are built the same way in two steps:
sums over blocks of `b` periods (`b` divides the year: 4 months, 13 weeks, 2 quarters), then
the blocks fanned out to the offsets `0, b, 2b, ...` below two years. The cost is the number
of partner-periods times `max(2w, b) + 2 * year / b` (10 for months with the default
window: `b` is 6), whatever the number of lines. Each table is aggregated per partner and
period once; the period's own sums are joined from those aggregates, not fanned out.

Examples:
    >>> import datetime as dt
    >>> import pyarrow as pa
    >>> from channelvalue.transactions import ChannelData, channel_metrics
    >>> data = ChannelData()
    >>> _ = data.load("sell_through", pa.table({
    ...     "date": [dt.date(2026, 1, 10), dt.date(2026, 2, 10)], "partner": ["r1", "r1"],
    ...     "product": ["p", "p"], "quantity": [10.0, 15.0], "amount": [100.0, 150.0],
    ...     "is_return": [False, False]}), source="pos")
    >>> frame = channel_metrics(data).to_frame()
    >>> print(frame[["partner", "period", "sell_through", "velocity"]].to_string(index=False))
    partner     period  sell_through  velocity
         r1 2026-01-01         100.0       NaN
         r1 2026-02-01         150.0       0.5
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping
from typing import Any, Final

import attrs

from .._optional import require_pandas
from ..errors import ValidationError
from ..model.measures import PERIODS, ChannelMeasures, PartnerMeasure, Provenance
from ._compat import duckdb_compat
from .schema import TABLES, _require, arrow_schema

__all__ = [
    "FRAME_COLUMNS",
    "PERIODS_PER_YEAR",
    "WEEKS_PER_PERIOD",
    "ChannelMetrics",
    "channel_metrics",
    "period_index",
    "period_start",
]

PERIODS_PER_YEAR: Final = {"week": 52, "month": 12, "quarter": 4}
"""How many periods make the trailing year."""
WEEKS_PER_PERIOD: Final = {"week": 1.0, "month": 365.25 / 12 / 7, "quarter": 365.25 / 4 / 7}
"""The average length of a period in weeks (weeks of inventory divide by it)."""

FRAME_COLUMNS: Final = (
    "partner",
    "period",
    "sell_in",
    "sell_in_units",
    "sell_through",
    "sell_through_units",
    "volume",
    "velocity",
    "velocity_ttm",
    "on_hand",
    "weeks_of_inventory",
    "weeks_of_inventory_change",
    "sell_in_ratio",
    "claims_paid",
    "claims_earned",
    "deals_won",
    "deals_closed",
    "win_rate",
    "lines",
)
"""The columns of [`ChannelMetrics.to_frame`][channelvalue.transactions.metrics.ChannelMetrics.
to_frame], in order."""

_EPOCH_MONDAY = 4  # 1970-01-01 was a Thursday: day 4 is Monday 1970-01-05


def period_index(date: Any, period: str) -> Any:
    """The integer index of the period holding `date` (an ibis date expression, or a
    `datetime.date`): months and quarters count from year 0, weeks (Monday to Sunday) from
    1970-01-05.

    Examples:
        >>> period_index(dt.date(2026, 2, 3), "month"), period_index(dt.date(2026, 2, 3), "week")
        (24313, 2926)
    """
    _check_period(period)
    if isinstance(date, dt.date):
        if period == "month":
            return date.year * 12 + date.month - 1
        if period == "quarter":
            return date.year * 4 + (date.month - 1) // 3
        return ((date - dt.date(1970, 1, 1)).days - _EPOCH_MONDAY) // 7
    if period == "month":
        return date.year() * 12 + date.month() - 1
    if period == "quarter":
        return date.year() * 4 + date.quarter() - 1
    return (date.epoch_days() - _EPOCH_MONDAY) // 7


def period_start(index: int, period: str) -> dt.date:
    """The first day of the period with `index` (the inverse of
    [`period_index`][channelvalue.transactions.metrics.period_index]).

    Examples:
        >>> period_start(24313, "month"), period_start(8104, "quarter"), period_start(2926, "week")
        (datetime.date(2026, 2, 1), datetime.date(2026, 1, 1), datetime.date(2026, 2, 2))
    """
    _check_period(period)
    index = int(index)
    if period == "month":
        return dt.date(index // 12, index % 12 + 1, 1)
    if period == "quarter":
        return dt.date(index // 4, (index % 4) * 3 + 1, 1)
    return dt.date(1970, 1, 5) + dt.timedelta(days=7 * index)


def period_end(index: int, period: str) -> dt.date:
    """The last day of the period with `index`.

    Examples:
        >>> period_end(24313, "month")
        datetime.date(2026, 2, 28)
    """
    return period_start(index + 1, period) - dt.timedelta(days=1)


def _check_period(period: str) -> None:
    if period not in PERIODS:
        raise ValidationError(
            "channel_metrics", "period", period, "one of " + ", ".join(map(repr, PERIODS))
        )


# ------------------------------------------------------------------------- the plan
_SUMS: Final = (
    "si_amount",
    "si_units",
    "st_amount",
    "st_units",
    "paid",
    "earned",
    "won",
    "closed",
    "lines",
    "inv_lines",
)


def _tables(data: Any) -> dict[str, Any]:
    ibis = _require("ibis", "channel_metrics")
    if hasattr(data, "tables") and not isinstance(data, Mapping):
        return dict(data.tables)
    if not isinstance(data, Mapping):
        raise ValidationError(
            "channel_metrics", "data", type(data).__name__, "a ChannelData or a mapping of tables"
        )
    unknown = sorted(set(data) - set(TABLES))
    if unknown:
        raise ValidationError(
            "channel_metrics", "data", unknown[0], "table names among " + ", ".join(TABLES)
        )
    pa = _require("pyarrow", "channel_metrics")
    out = {}
    for name in TABLES:
        if name in data:
            out[name] = data[name]
        else:
            empty = pa.table({c: [] for c in arrow_schema(name).names}, schema=arrow_schema(name))
            out[name] = ibis.memtable(empty)
    return out


def _per_period(tables: Mapping[str, Any], period: str) -> Any:
    """One row per partner and period index with every sum: each table aggregated on its own
    per partner and period (only the columns it feeds), the small aggregates stacked with the
    same columns, and summed again per partner and period."""
    ibis = _require("ibis", "channel_metrics")
    zero = ibis.literal(0.0)

    def agg(t: Any, partner: Any, **values: Any) -> Any:
        keyed = t.mutate(_partner=partner.cast("string"), _idx=period_index(t.date, period))
        sums = {name: value(keyed).sum().cast("float64") for name, value in values.items()}
        sums["lines"] = keyed.count().cast("float64")
        return keyed.group_by([keyed._partner.name("partner"), keyed._idx.name("idx")]).aggregate(
            **sums
        )

    si = tables["sell_in"]
    st = tables["sell_through"]
    cl = tables["claims"]
    de = tables["deals"]
    inv = tables["inventory"]
    # inventory: each product's last snapshot in the period (summed over products below)
    inv = inv.mutate(idx=period_index(inv.date, period))
    last = inv.group_by(["partner", "product", "idx"]).aggregate(
        on_hand=inv.on_hand.argmax(inv.date), n=inv.count().cast("float64")
    )
    parts = [
        agg(si, si.buyer, si_amount=lambda t: t.amount, si_units=lambda t: t.quantity),
        agg(st, st.partner, st_amount=lambda t: t.amount, st_units=lambda t: t.quantity),
        agg(
            cl,
            cl.partner,
            paid=lambda t: ibis.ifelse(t.status == "paid", t.amount, zero),
            earned=lambda t: t.earned.fill_null(0.0),
        ),
        agg(
            de,
            de.partner,
            won=lambda t: ibis.ifelse(t.status == "won", 1.0, 0.0),
            closed=lambda t: ibis.ifelse(t.status.isin(["won", "lost", "expired"]), 1.0, 0.0),
        ),
        last.group_by([last.partner.cast("string").name("partner"), "idx"]).aggregate(
            lines=last.n.sum(), inv_lines=last.n.sum(), on_hand=last.on_hand.cast("float64").sum()
        ),
    ]
    cols = ["partner", "idx", *_SUMS, "on_hand"]
    null = ibis.null("float64")
    union = ibis.union(
        *[
            p.select(
                *[
                    (p[c] if c in p.columns else (null if c == "on_hand" else zero))
                    .cast(_col_type(c))
                    .name(c)
                    for c in cols
                ]
            )
            for p in parts
        ]
    )
    sums = {name: union[name].sum() for name in _SUMS}
    sums["on_hand"] = union.on_hand.sum()
    return union.group_by(["partner", "idx"]).aggregate(**sums)


def _col_type(name: str) -> str:
    return {"partner": "string", "idx": "int64"}.get(name, "float64")


def _span(tables: Mapping[str, Any], period: str) -> tuple[int | None, int | None]:
    """The indexes of the first and last periods with lines (one query over the dates)."""
    ibis = _require("ibis", "channel_metrics")
    dates = ibis.union(*[t.select(d=t.date) for t in tables.values()])
    row = dates.aggregate(lo=dates.d.min(), hi=dates.d.max()).to_pyarrow().to_pylist()[0]
    if row["lo"] is None:
        return None, None
    return period_index(row["lo"], period), period_index(row["hi"], period)


_LONG: Final = ("st_units", "si_amount", "st_amount", "paid", "earned", "won", "closed", "lines")
"""The sums the trailing-year figures read."""


@attrs.frozen(slots=True)
class _Plan:
    """How the rolling figures are built: sums over offsets `k` (periods back from the
    target period), in two fan-outs: the short one (`k < 2 * window`: the period, the
    period before, the window and the window before) and the long one (`k < horizon`:
    the trailing year, the year before, the lines used)."""

    period: str
    window: int
    year: int
    first: int | None

    @property
    def horizon(self) -> int:
        return 2 * self.year

    @property
    def block(self) -> int:
        """The periods summed first (a divisor of the year), so the long fan-out has
        `horizon / block` offsets, not `horizon`: the one with the fewest rows in the two
        fan-outs together (the short one has `max(2 * window, block)` offsets)."""
        divisors = [d for d in range(1, self.year + 1) if self.year % d == 0]
        return min(divisors, key=lambda d: (max(2 * self.window, d) + self.horizon / d, d))

    def long_fan(self, short: Any, last: int | None) -> Any:
        """The long fan-out, built on the block sums of `short` (its `block_*` columns: each
        partner's sums over the `block` periods ending at each target), fanned out to the
        targets `block`, `2 * block`, ... later (so the offsets `k` are multiples of
        `block`; a block lies wholly in the trailing year or wholly in the year before,
        since `block` divides the year)."""
        ibis = _require("ibis", "channel_metrics")
        b = self.block
        blocks = short.select(
            "partner", idx=short.target, **{c: short[f"block_{c}"] for c in _LONG}
        )
        ks = ibis.memtable({"k": list(range(0, self.horizon, b))}, schema={"k": "int64"})
        fan = blocks.cross_join(ks)
        fan = fan.mutate(target=fan.idx + fan.k)
        return fan if last is None else fan.filter(fan.target <= last)

    def fan(self, base: Any, offsets: int, last: int | None) -> Any:
        """Each row of `base` once per target period `idx + k`, `k < offsets`."""
        ibis = _require("ibis", "channel_metrics")
        ks = ibis.memtable({"k": list(range(offsets))}, schema={"k": "int64"})
        fan = base.cross_join(ks)
        fan = fan.mutate(target=fan.idx + fan.k)
        return fan if last is None else fan.filter(fan.target <= last)

    def short_sums(self, fan: Any, base: Any, *, blocks: bool = False) -> Any:
        """Per partner and target period: the period's own sums (joined from `base`, the
        per-period sums the fan was built from), the period before, the rolling window and
        the window before (from a fan with `k < 2 * window`), and with `blocks` the sums over
        the `block` periods ending at the target (`block_*`)."""
        ibis = _require("ibis", "channel_metrics")
        null = ibis.null("float64")
        zero = ibis.literal(0.0)
        window = self.window

        def at(cond: Any, value: Any) -> Any:
            return ibis.ifelse(cond, value, zero).sum()

        f = fan
        k = f.k
        before = (k >= window) & (k < 2 * window)
        sums = {
            "st_before": at(k == 1, f.st_amount),
            "si_window": at(k < window, f.si_amount),
            "st_window": at(k < window, f.st_amount),
            "units_window": at(k < window, f.st_units),
            "units_window_before": at(before, f.st_units),
            "has_inv_before": at(k == window, f.inv_lines),
            "on_hand_before": ibis.ifelse(k == window, f.on_hand, null).max(),
        }
        if blocks:
            sums.update({f"block_{c}": at(k < self.block, f[c]) for c in _LONG})
        rolled = f.group_by(["partner", "target"]).aggregate(**sums)
        # the period's own sums: the base row of the target period (none: zeros)
        now = {
            "sell_in": "si_amount",
            "sell_in_units": "si_units",
            "sell_through": "st_amount",
            "sell_through_units": "st_units",
            "claims_paid": "paid",
            "claims_earned": "earned",
            "deals_won": "won",
            "deals_closed": "closed",
            "lines": "lines",
            "has_inv": "inv_lines",
        }
        b = base.select(
            _p=base.partner,
            _t=base.idx,
            on_hand=base.on_hand,
            **{n: base[c] for n, c in now.items()},
        )
        joined = rolled.left_join(b, [rolled.partner == b._p, rolled.target == b._t])
        return joined.select(
            rolled.partner,
            rolled.target,
            **{n: b[n].fill_null(0.0) for n in now},
            on_hand=b.on_hand,
            **{c: rolled[c] for c in sums},
        )

    def table(self, long_fan: Any, short: Any) -> Any:
        """Every metric per partner and target period, from the long fan and the short sums
        ([`short_sums`][channelvalue.transactions.metrics._Plan.short_sums])."""
        ibis = _require("ibis", "channel_metrics")
        null = ibis.null("float64")
        zero = ibis.literal(0.0)
        window, year = self.window, self.year

        def at(cond: Any, value: Any) -> Any:
            return ibis.ifelse(cond, value, zero).sum()

        f = long_fan
        k = f.k
        long = f.group_by(["partner", "target"]).aggregate(
            volume_year=at(k < year, f.st_units),
            sell_in_year=at(k < year, f.si_amount),
            sell_through_year=at(k < year, f.st_amount),
            st_year_before=at((k >= year) & (k < 2 * year), f.st_amount),
            claims_paid_year=at(k < year, f.paid),
            claims_earned_year=at(k < year, f.earned),
            won_year=at(k < year, f.won),
            closed_year=at(k < year, f.closed),
            lines_used=f.lines.sum(),
        )
        long = long.filter(long.lines_used > 0)  # a row per partner with lines in two years
        short_cols = [
            c
            for c in short.columns
            if c not in ("partner", "target", "on_hand", "on_hand_before")
            and not c.startswith("block_")
        ]
        joined = long.left_join(short, ["partner", "target"])
        s = joined.select(
            partner=long.partner,
            idx=long.target,
            **{c: long[c] for c in long.columns if c not in ("partner", "target")},
            **{c: short[c].fill_null(0.0) for c in short_cols},
            on_hand=short.on_hand,
            on_hand_before=short.on_hand_before,
        )
        base_first = ibis.literal(self.first if self.first is not None else 0, type="int64")
        seen = s.idx - base_first + 1  # periods of data up to and including this one
        weeks = WEEKS_PER_PERIOD[self.period]
        rate_now = s.units_window / (ibis.least(seen, window) * weeks)
        seen_before = seen - window
        rate_before = s.units_window_before / (ibis.least(seen_before, window) * weeks)
        woi = ibis.ifelse((s.has_inv > 0) & (s.units_window > 0), s.on_hand / rate_now, null)
        woi_before = ibis.ifelse(
            (s.has_inv_before > 0) & (seen_before >= 1) & (s.units_window_before > 0),
            s.on_hand_before / rate_before,
            null,
        )
        return s.mutate(
            volume=s.sell_through_units,
            velocity=ibis.ifelse(
                (seen >= 2) & (s.st_before > 0), s.sell_through / s.st_before - 1.0, null
            ),
            velocity_ttm=ibis.ifelse(
                (seen >= 2 * year) & (s.st_year_before > 0),
                s.sell_through_year / s.st_year_before - 1.0,
                null,
            ),
            on_hand=ibis.ifelse(s.has_inv > 0, s.on_hand, null),
            weeks_of_inventory=woi,
            weeks_of_inventory_change=woi - woi_before,
            sell_in_ratio=ibis.ifelse(s.st_window > 0, s.si_window / s.st_window, null),
            win_rate=ibis.ifelse(s.deals_closed > 0, s.deals_won / s.deals_closed, null),
        )


@attrs.frozen(slots=True, eq=False)  # holds ibis expressions: compared by identity
class ChannelMetrics:
    """The metrics of channel data: an ibis expression (one row per partner and period) and
    what it was computed with.

    The table is computed once, in the engine, when the metrics are made (a partner-period
    table, however many lines); [`to_frame`][channelvalue.transactions.metrics.
    ChannelMetrics.to_frame] reads it all and [`measures`][channelvalue.transactions.metrics.
    ChannelMetrics.measures] the rows of one period.

    Attributes:
        table: the ibis expression with the columns of
            [`FRAME_COLUMNS`][channelvalue.transactions.metrics.FRAME_COLUMNS] (the period as
            an integer index `idx` instead of a date) and the trailing-year sums
            `*_year` that measures use.
        period: `week`, `month` or `quarter`.
        window: the rolling window in periods (sell-in ratio, weeks of inventory).
        year: periods in the trailing year.
        first: the index of the first period with data (`None` without data).
        last: the index of the last period with data (`None` without data).
        sources: the tables the metrics read (name -> ibis table).
        base: the per-partner, per-period sums the metrics are built from (an ibis
            expression: run again when executed).
    """

    table: Any
    period: str
    window: int
    year: int
    first: int | None
    last: int | None
    sources: Mapping[str, Any] = attrs.field(repr=False)
    base: Any = attrs.field(default=None, repr=False)

    def to_frame(self) -> Any:
        """One row per partner and period (pandas; only the results are materialised), sorted
        by partner and period; the period is its first day. Columns: [`FRAME_COLUMNS`]
        [channelvalue.transactions.metrics.FRAME_COLUMNS].

        - `sell_in`, `sell_through`: money in the period; `*_units` the units.
        - `volume`: the units sold through in the period.
        - `velocity`: sell-through money over the period before, minus 1 (`NaN` when the
          period before sold nothing or is before the data).
        - `velocity_ttm`: the trailing year over the year before, minus 1 (`NaN` until the
          data covers both years, or when the year before sold nothing).
        - `on_hand`: units in the last snapshot of each product in the period (`NaN` without).
        - `weeks_of_inventory`: on hand ÷ weekly sell-through units over the rolling window.
        - `weeks_of_inventory_change`: its change over one window.
        - `sell_in_ratio`: sell-in ÷ sell-through money over the rolling window.
        - `claims_paid`, `claims_earned`; `deals_won`, `deals_closed`, `win_rate` (won ÷
          closed) in the period; `lines`: lines of the partner in the period.
        """
        pd = require_pandas("ChannelMetrics.to_frame()")
        cols = [c for c in FRAME_COLUMNS if c != "period"]
        if self.first is None:
            return pd.DataFrame({c: [] for c in FRAME_COLUMNS})
        # sorted by the engine (byte order of the partner ids: the order of Python's str)
        arrow = self.table.select("idx", *cols).order_by(["partner", "idx"]).to_pyarrow()
        frame = arrow.to_pandas()
        idx = frame.pop("idx")
        starts = {i: period_start(i, self.period) for i in idx.unique().tolist()}
        frame.insert(1, "period", idx.map(starts).astype(object))
        return frame[list(FRAME_COLUMNS)]

    def _repr_html_(self) -> str:
        span = (
            "no data"
            if self.first is None or self.last is None
            else f"{period_start(self.first, self.period)} to {period_end(self.last, self.period)}"
        )
        return (
            f"<p><b>ChannelMetrics</b> per {html.escape(self.period)}, {html.escape(span)},"
            f" rolling window {self.window}</p>"
        )

    def measures(
        self,
        as_of: dt.date | None = None,
        *,
        quality: Mapping[str, Mapping[str, int]] | None = None,
    ) -> ChannelMeasures:
        """The measures per partner, as of the period holding `as_of` (default: the last
        period with data), for [`ChannelNetwork.with_measures`][channelvalue.ChannelNetwork.
        with_measures].

        Only data up to the end of that period is used. A partner is measured when it has
        lines in the two trailing years. `volume` is the units sold through over the trailing
        year, annualised when the data covers fewer periods of it; `velocity` is the trailing
        year over the year before (`None` until the data covers both). `quality` (partner ->
        field -> count, e.g. from the data-quality pass) fills in the data-quality counts of
        [`PartnerMeasure`][channelvalue.model.measures.PartnerMeasure].

        Examples:
            >>> import pyarrow as pa
            >>> from channelvalue.transactions import ChannelData, channel_metrics
            >>> data = ChannelData()
            >>> _ = data.load("sell_in", pa.table({"date": [dt.date(2026, 3, 1)],
            ...     "seller": ["acme"], "buyer": ["r1"], "product": ["p"], "quantity": [5.0],
            ...     "amount": [50.0], "is_return": [False]}), source="erp")
            >>> m = channel_metrics(data).measures()
            >>> m.partners["r1"].sell_in, m.provenance.rows["sell_in"]
            (50.0, 1)
        """
        ibis = _require("ibis", "ChannelMetrics.measures")
        if as_of is not None and not isinstance(as_of, dt.date):
            raise ValidationError("measures", "as_of", as_of, "a date")
        if self.first is None or self.last is None:
            if as_of is None:
                raise ValidationError("measures", "data", "no lines", "some channel data")
            target = period_index(as_of, self.period)
        else:
            target = self.last if as_of is None else period_index(as_of, self.period)
            if not self.first <= target <= self.last:
                raise ValidationError(
                    "measures",
                    "as_of",
                    as_of.isoformat() if as_of else target,
                    f"a date from {period_start(self.first, self.period)} to"
                    f" {period_end(self.last, self.period)} (the periods with data)",
                )
        as_of = as_of or period_end(target, self.period)
        end_day = period_end(target, self.period)
        # the target period's rows of the table (the engine pushes the filter into the fans)
        rows = self.table.filter(self.table.idx == target).to_pyarrow().to_pylist()
        first = self.first if self.first is not None else target
        covered = max(0, min(self.year, target - first + 1))
        partners = []
        for r in rows:
            extra = dict((quality or {}).get(r["partner"], {}))
            volume = r["volume_year"] * self.year / covered if covered else 0.0
            partners.append(
                PartnerMeasure(
                    r["partner"],
                    volume=max(volume, 0.0),
                    velocity=None if r["velocity_ttm"] is None else max(r["velocity_ttm"], -1.0),
                    sell_in=r["sell_in_year"],
                    sell_through=r["sell_through_year"],
                    on_hand=r["on_hand"],
                    weeks_of_inventory=r["weeks_of_inventory"],
                    weeks_of_inventory_change=r["weeks_of_inventory_change"],
                    sell_in_ratio=r["sell_in_ratio"],
                    claims_paid=r["claims_paid_year"],
                    claims_earned=r["claims_earned_year"],
                    win_rate=(r["won_year"] / r["closed_year"]) if r["closed_year"] else None,
                    lines=int(r["lines_used"]),
                    **extra,
                )
            )
        counts = dict.fromkeys(self.sources, 0)
        sources: set[str] = set()
        starts = []
        parts = []
        for name, t in self.sources.items():
            used = t.filter(t.date <= ibis.literal(end_day))
            parts.append(
                used.group_by("source")
                .aggregate(n=used.count(), start=used.date.min())
                .mutate(table=ibis.literal(name))
            )
        for row in ibis.union(*parts).to_pyarrow().to_pylist():  # one small query
            counts[row["table"]] += int(row["n"])
            starts.append(row["start"])
            if row["source"]:
                sources.add(row["source"])
        start = min(starts) if starts else period_start(target, self.period)
        provenance = Provenance(
            self.period,
            start,
            max(start, min(end_day, period_end(self.last, self.period)) if self.last else end_day),
            as_of,
            sources=sorted(sources),
            rows=counts,
        )
        return ChannelMeasures({m.partner: m for m in partners}, provenance)


def channel_metrics(
    data: Any,
    *,
    period: str = "month",
    window: int = 3,
) -> ChannelMetrics:
    """The per-partner, per-period metrics of `data`, as ibis expressions.

    Args:
        data: a [`ChannelData`][channelvalue.transactions.store.ChannelData], or a mapping of
            table names to ibis tables with the columns of
            [`TABLES`][channelvalue.transactions.schema.TABLES] (missing tables are empty).
        period: `week`, `month` (default) or `quarter`.
        window: the rolling window, in periods, of the sell-in ratio and weeks of inventory
            (default 3; at most a year of periods).

    Raises:
        ValidationError: an unknown period or table, or a window that is not a whole number
            of at least 1.

    Examples:
        >>> channel_metrics({}, period="day")
        Traceback (most recent call last):
        ...
        channelvalue.errors.ValidationError: channel_metrics.period: got 'day' but expected \
one of 'week', 'month', 'quarter'
    """
    _require("ibis", "channel_metrics")
    duckdb_compat()
    _check_period(period)
    year = PERIODS_PER_YEAR[period]
    if isinstance(window, bool) or not isinstance(window, int) or not 1 <= window <= year:
        raise ValidationError(
            "channel_metrics", "window", window, f"a whole number from 1 to {year} (a year)"
        )
    tables = _tables(data)
    first, last = _span(tables, period)
    # the per-partner, per-period sums (partners x periods rows, whatever the lines) are
    # materialised once in the engine, read by both fan-outs and released with them once the
    # table is made (the metrics keep the expression, not the data)
    sums = _per_period(tables, period)
    base = sums.cache()
    plan = _Plan(period, window, year, first)
    fan = plan.fan(base, max(2 * window, plan.block), last)
    short = plan.short_sums(fan, base, blocks=True).cache()  # read twice: materialised once
    # every metric per partner and period, materialised once: the frame reads all of it, the
    # measures the rows of one period
    table = plan.table(plan.long_fan(short, last), short).cache()
    return ChannelMetrics(table, period, window, year, first, last, tables, sums)
