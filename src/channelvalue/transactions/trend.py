"""Monitoring over time: an audit per period on that period's measures, and the trend.

[`audit_over_time`][channelvalue.transactions.trend.audit_over_time] takes the network and its
channel data and, for each period, measures the partners as of the period's end
(`ChannelMetrics.measures`, with that period's data-quality counts), puts the measures on the
network (`net.with_measures`) and audits it. Consecutive audits are compared with
[`compare`][channelvalue.compare]: the [`Trend`][channelvalue.transactions.trend.Trend] holds the
score of every check per period and the findings that appeared and resolved from one period
to the next. [`plot_trend`][channelvalue.plotting.trend.plot_trend] draws it.

Examples:
    >>> import datetime as dt
    >>> import channelvalue as cv
    >>> from channelvalue.aligning import audit
    >>> net = cv.datasets.example()
    >>> before = audit(net, checks=["reporting"])
    >>> net.add(cv.ReportsTo("res-11", "dist-north", manager="pam-north"))
    >>> trend = Trend.from_reports([(dt.date(2024, 1, 31), before),
    ...                             (dt.date(2024, 2, 29), audit(net, checks=["reporting"]))])
    >>> print(trend.changes()[["as_of", "appeared", "resolved"]].to_string(index=False))
         as_of  appeared  resolved
    2024-01-31         0         0
    2024-02-29         0         1
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from .._optional import require_pandas
from ..aligning import AuditConfig, AuditDiff, AuditReport, audit, compare
from ..core.network import ChannelNetwork
from ..errors import ValidationError

__all__ = ["Trend", "audit_over_time"]


@attrs.frozen(slots=True, repr=False, eq=False)
class Trend:
    """Audits of one network over time, and what changed between consecutive ones.

    Attributes:
        as_of: the day of each audit, ascending.
        reports: the audit of each day.
        diffs: `compare(reports[k - 1], reports[k])` for each later audit (one fewer).
    """

    as_of: tuple[dt.date, ...]
    reports: tuple[AuditReport, ...]
    diffs: tuple[AuditDiff, ...]

    @classmethod
    def from_reports(cls, reports: Iterable[tuple[dt.date, AuditReport]]) -> Trend:
        """A trend of dated audit reports (sorted by day; days must differ).

        Raises:
            ValidationError: two reports on one day, or no report.

        Examples:
            >>> Trend.from_reports([])
            Traceback (most recent call last):
            ...
            channelvalue.errors.ValidationError: Trend.reports: got [] but expected at least one \
(day, AuditReport)
        """
        items = sorted(reports, key=lambda r: r[0])
        if not items:
            raise ValidationError("Trend", "reports", [], "at least one (day, AuditReport)")
        days = [d for d, _ in items]
        if len(set(days)) != len(days):
            raise ValidationError("Trend", "reports", days, "one report per day")
        reps = tuple(r for _, r in items)
        diffs = tuple(compare(a, b) for a, b in itertools.pairwise(reps))
        return cls(tuple(days), reps, diffs)

    def scores(self) -> Any:
        """The score per period and check, wide: one row per day, a column `overall` and one
        per check (empty where the check was not assessed that day).

        Examples:
            >>> import channelvalue as cv
            >>> from channelvalue.aligning import audit
            >>> r = audit(cv.datasets.example(), checks=["reporting"])
            >>> Trend.from_reports([(dt.date(2024, 1, 1), r)]).scores().columns.tolist()
            ['as_of', 'overall', 'reporting.coverage', 'reporting.manager_load']
        """
        pd = require_pandas("Trend.scores()")
        checks = sorted({c for r in self.reports for c in r.titles})
        rows = []
        for day, r in zip(self.as_of, self.reports, strict=True):
            row: dict[str, Any] = {"as_of": day, "overall": r.score}
            for c in checks:
                row[c] = r.scores.get(c)
            rows.append(row)
        frame = pd.DataFrame(rows, columns=["as_of", "overall", *checks])
        for c in ["overall", *checks]:
            frame[c] = frame[c].astype("float64")
        return frame

    def to_frame(self) -> Any:
        """The trend, long: one row per day and check (and `overall`) with its score, the
        findings that appeared and resolved since the audit before, and the not-assessed
        reason where there is one.

        Examples:
            >>> import channelvalue as cv
            >>> from channelvalue.aligning import audit
            >>> r = audit(cv.datasets.example(), checks=["reporting"])
            >>> Trend.from_reports([(dt.date(2024, 1, 1), r)]).to_frame().columns.tolist()
            ['as_of', 'check', 'score', 'findings', 'appeared', 'resolved', 'not_assessed']
        """
        pd = require_pandas("Trend.to_frame()")
        rows = []
        for k, (day, r) in enumerate(zip(self.as_of, self.reports, strict=True)):
            diff = self.diffs[k - 1] if k else None
            per: dict[str, int] = {}
            for f in r.findings:
                per[f.check] = per.get(f.check, 0) + 1
            new: dict[str, int] = {}
            gone: dict[str, int] = {}
            if diff is not None:
                for f in diff.new:
                    new[f.check] = new.get(f.check, 0) + 1
                for f in diff.resolved:
                    gone[f.check] = gone.get(f.check, 0) + 1
            rows.append(
                {
                    "as_of": day,
                    "check": "overall",
                    "score": r.score,
                    "findings": len(r.findings),
                    "appeared": sum(new.values()),
                    "resolved": sum(gone.values()),
                    "not_assessed": None,
                }
            )
            for c in sorted(r.titles):
                rows.append(
                    {
                        "as_of": day,
                        "check": c,
                        "score": r.scores.get(c),
                        "findings": per.get(c, 0),
                        "appeared": new.get(c, 0),
                        "resolved": gone.get(c, 0),
                        "not_assessed": r.not_assessed.get(c),
                    }
                )
        frame = pd.DataFrame(
            rows,
            columns=["as_of", "check", "score", "findings", "appeared", "resolved",
                     "not_assessed"],
        )  # fmt: skip
        frame["score"] = frame["score"].astype("float64")
        return frame

    def changes(self) -> Any:
        """Per day: the overall score, the findings, how many appeared and resolved since
        the audit before (0 on the first day).

        Examples:
            >>> import channelvalue as cv
            >>> from channelvalue.aligning import audit
            >>> r = audit(cv.datasets.example(), checks=["reporting"])
            >>> Trend.from_reports([(dt.date(2024, 1, 1), r)]).changes()["appeared"].tolist()
            [0]
        """
        frame = self.to_frame()
        overall = frame[frame["check"] == "overall"]
        return overall[["as_of", "score", "findings", "appeared", "resolved"]].reset_index(
            drop=True
        )

    def __repr__(self) -> str:
        if not self.reports:
            return "<Trend: no audits>"
        first, last = self.reports[0].score, self.reports[-1].score
        shown = f"score {first:.1f} -> {last:.1f}" if first is not None and last is not None else ""
        return f"<Trend {self.as_of[0]}..{self.as_of[-1]}: {len(self.reports)} audits, {shown}>"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(str(r.as_of))}</td><td>"
            f"{'' if r.score != r.score else f'{r.score:.1f}'}</td>"
            f"<td>{r.appeared}</td><td>{r.resolved}</td></tr>"
            for r in self.changes().head(60).itertuples()
        )
        return (
            "<table><tr><th>as of</th><th>score</th><th>appeared</th><th>resolved</th></tr>"
            f"{rows}</table>"
        )


class _Upto:
    """A store seen as of `day`: its tables without the lines dated after it."""

    def __init__(self, store: Any, day: dt.date) -> None:
        self.store = store
        self.day = day

    def table(self, name: str) -> Any:
        import ibis

        t = self.store.table(name)
        return t.filter(t.date <= ibis.literal(self.day))


def _period_days(metrics: Any, periods: int | Sequence[dt.date] | None) -> list[dt.date]:
    from .metrics import period_end

    if periods is not None and not isinstance(periods, int):
        days = sorted(set(periods))
        if not all(isinstance(d, dt.date) for d in days):
            raise ValidationError("audit_over_time", "periods", periods, "an int or dates")
        return days
    if metrics.first is None or metrics.last is None:
        raise ValidationError("audit_over_time", "data", "no lines", "some channel data")
    n = 12 if periods is None else periods
    if isinstance(n, bool) or n < 1:
        raise ValidationError("audit_over_time", "periods", periods, "an int >= 1 or dates")
    last = metrics.last
    first = max(metrics.first, last - n + 1)
    return [period_end(k, metrics.period) for k in range(first, last + 1)]


def audit_over_time(
    net: ChannelNetwork,
    data: Any,
    *,
    periods: int | Sequence[dt.date] | None = None,
    checks: Iterable[str] | None = None,
    config: AuditConfig | None = None,
    quality: bool = True,
    products: Iterable[str] | None = None,
    period: str = "month",
) -> Trend:
    """Audit `net` at the end of each period on that period's measures, and compare.

    Args:
        net: the network (its own figures are replaced by the measured ones per period).
        data: a [`ChannelData`][channelvalue.transactions.store.ChannelData] or the
            [`ChannelMetrics`][channelvalue.transactions.metrics.ChannelMetrics] of one.
        periods: the last `n` periods with data (default 12), or the days to audit at.
        checks: the checks to run (default: all registered).
        config: the audit thresholds.
        quality: also run the data-quality pass up to each day and put its counts on the
            measures (needs `data` to be a `ChannelData`).
        products: the product catalogue for the data-quality pass.
        period: the metrics' period when `data` is a `ChannelData`.

    Raises:
        ValidationError: no data, or `periods` neither a positive int nor dates.

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.transactions import ChannelData
        >>> net = cv.datasets.synthetic(40, seed=1, plan=False)
        >>> ts = cv.datasets.synthetic_transactions(net, periods=6, seed=2)
        >>> data = ChannelData()
        >>> for name, table in ts.tables.items():
        ...     _ = data.load(name, table, source="generated")
        >>> trend = audit_over_time(net, data, periods=3, checks=["transparency", "resources"])
        >>> trend.as_of
        (datetime.date(2024, 4, 30), datetime.date(2024, 5, 31), datetime.date(2024, 6, 30))
    """
    from .metrics import ChannelMetrics, channel_metrics
    from .quality import quality_report

    if isinstance(data, ChannelMetrics):
        metrics, store = data, None
    else:
        metrics, store = channel_metrics(data, period=period), data
    days = _period_days(metrics, periods)
    chosen = None if checks is None else list(checks)
    catalogue = None if products is None else sorted(set(products))
    reports = []
    for day in days:
        measures = metrics.measures(day)
        if quality and store is not None:
            q = quality_report(_Upto(store, day), net, as_of=day, products=catalogue, limit=0)
            measures = q.apply(measures)
        measured = net.with_measures(measures, as_of=day)
        reports.append((day, audit(measured, checks=chosen, config=config)))
    return Trend.from_reports(reports)
