"""Which partners are expected to report, and how often: the cadence of their data feeds.

A partner is expected to send sell-through (and inventory) reports when it has a
[`SharesData`][channelvalue.SharesData] link carrying sell-through data; its *cadence* is the
shortest `interval_days` of those links. Reports are then counted in calendar buckets of the
cadence ([`cadence_unit`][channelvalue.transactions.feeds.cadence_unit]): a weekly feed is
expected to report in every calendar week (Monday to Sunday), a monthly one in every month,
anything longer in every quarter.

Examples:
    >>> import channelvalue as cv
    >>> net = cv.ChannelNetwork(steward="v")
    >>> net.add_all([cv.Organization("v", role="vendor"),
    ...     cv.Organization("a", role="reseller"), cv.SharesData("a", "v", interval_days=7),
    ...     cv.Organization("b", role="reseller")])
    >>> feed_intervals(net)
    {'a': 7.0}
    >>> cadence_unit(7.0), cadence_unit(30.0), cadence_unit(90.0)
    ('week', 'month', 'quarter')
"""

from __future__ import annotations

import datetime as dt

from ..core.network import ChannelNetwork
from ..model import DataKind, SharesData

__all__ = ["bucket_end", "bucket_of", "bucket_start", "cadence_unit", "feed_intervals"]

_EPOCH = dt.date(1970, 1, 5)  # a Monday: week buckets start on Mondays


def feed_intervals(net: ChannelNetwork) -> dict[str, float]:
    """`{partner id: days between reports}` for every organization with a sell-through or
    inventory feed (its shortest interval), sorted by id.

    Examples:
        >>> import channelvalue as cv
        >>> len(feed_intervals(cv.datasets.example())) > 0
        True
    """
    out: dict[str, float] = {}
    wanted = (DataKind.SELL_THROUGH, DataKind.INVENTORY)
    for link in net.links(SharesData):
        assert isinstance(link, SharesData)
        if any(kind in link.data for kind in wanted):
            days = float(link.interval_days)
            out[link.source] = min(out.get(link.source, days), days)
    return dict(sorted(out.items()))


def cadence_unit(interval_days: float) -> str:
    """The calendar bucket reports of a feed are counted in: `"week"` up to 10 days,
    `"month"` up to 45 days, else `"quarter"`.

    Examples:
        >>> cadence_unit(1), cadence_unit(14), cadence_unit(365)
        ('week', 'month', 'quarter')
    """
    if interval_days <= 10:
        return "week"
    if interval_days <= 45:
        return "month"
    return "quarter"


def bucket_of(day: dt.date, unit: str) -> int:
    """The index of the calendar bucket holding `day` (weeks from a Monday; months and
    quarters from year 0).

    Examples:
        >>> bucket_of(dt.date(2024, 3, 31), "month") - bucket_of(dt.date(2024, 1, 1), "month")
        2
    """
    if unit == "week":
        return (day - _EPOCH).days // 7
    months = day.year * 12 + day.month - 1
    return months if unit == "month" else months // 3


def bucket_start(index: int, unit: str) -> dt.date:
    """The first day of bucket `index`.

    Examples:
        >>> bucket_start(bucket_of(dt.date(2024, 5, 17), "quarter"), "quarter")
        datetime.date(2024, 4, 1)
    """
    if unit == "week":
        return _EPOCH + dt.timedelta(days=7 * index)
    months = index if unit == "month" else index * 3
    return dt.date(months // 12, months % 12 + 1, 1)


def bucket_end(index: int, unit: str) -> dt.date:
    """The last day of bucket `index`.

    Examples:
        >>> bucket_end(bucket_of(dt.date(2024, 2, 3), "month"), "month")
        datetime.date(2024, 2, 29)
    """
    return bucket_start(index + 1, unit) - dt.timedelta(days=1)
