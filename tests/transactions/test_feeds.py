"""Feed cadence and calendar buckets."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue.transactions.feeds import (
    bucket_end,
    bucket_of,
    bucket_start,
    cadence_unit,
    feed_intervals,
)

UNITS = st.sampled_from(["week", "month", "quarter"])


@given(st.dates(min_value=dt.date(1971, 1, 1), max_value=dt.date(9998, 1, 1)), UNITS)
def test_a_day_lies_in_its_bucket(day: dt.date, unit: str) -> None:
    b = bucket_of(day, unit)
    assert bucket_start(b, unit) <= day <= bucket_end(b, unit)
    assert bucket_of(bucket_end(b, unit) + dt.timedelta(days=1), unit) == b + 1


def test_weeks_start_on_mondays() -> None:
    assert bucket_start(bucket_of(dt.date(2024, 1, 3), "week"), "week") == dt.date(2024, 1, 1)


def test_feed_intervals_take_the_shortest_sell_through_or_inventory_feed() -> None:
    net = cv.ChannelNetwork(steward="v")
    net.add_all(
        [
            cv.Organization("v", role="vendor"),
            cv.Organization("d", role="distributor"),
            cv.Organization("a", role="reseller"),
            cv.Organization("b", role="reseller"),
            cv.SharesData("a", "v", interval_days=30),
            cv.SharesData("a", "d", interval_days=7, data=["inventory"]),
            cv.SharesData("b", "v", interval_days=1, data=["forecast"]),
        ]
    )
    assert feed_intervals(net) == {"a": 7.0}
    assert [cadence_unit(d) for d in (7, 10, 11, 45, 46)] == [
        "week", "week", "month", "month", "quarter",
    ]  # fmt: skip
