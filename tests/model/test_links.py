"""The links: keys and defaults."""

from __future__ import annotations

import channelvalue as cv


def test_link_keys_and_defaults() -> None:
    assert cv.Supplies("a", "b").key == ("supplies", "a", "b")
    r = cv.ReportsTo("a", "b")
    assert r.manager is None
    assert r.mode is cv.ReportingMode.INDIRECT
    d = cv.SharesData("a", "b")
    assert d.data == (cv.DataKind.SELL_THROUGH,)
    assert d.interval_days == 30.0
    assert cv.SharesData("a", "b", data=["forecast", "sell_through"]).data == (
        cv.DataKind.SELL_THROUGH,
        cv.DataKind.FORECAST,
    )
    assert cv.Margin("s", "m", share=0.25).key == ("s", "m")
