"""plot_trend: lines per check and overall, bars of findings appeared and resolved."""

from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("matplotlib")
pytest.importorskip("pandas")

import channelvalue as cv
from channelvalue.aligning import audit
from channelvalue.errors import ValidationError, WrongTypeError
from channelvalue.plotting.trend import plot_trend
from channelvalue.transactions.trend import Trend


def make() -> Trend:
    net = cv.datasets.example()
    r1 = audit(net, checks=["reporting"])
    net.add(cv.ReportsTo("res-11", "dist-north", manager="pam-north"))
    r2 = audit(net, checks=["reporting"])
    return Trend.from_reports([(dt.date(2024, 1, 31), r1), (dt.date(2024, 2, 29), r2)])


def test_lines_and_bars() -> None:
    import matplotlib.pyplot as plt

    ax = plot_trend(make())
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels == ["reporting.coverage", "reporting.manager_load", "overall"]
    twin = next(a for a in ax.figure.axes if a is not ax)
    heights = sorted(p.get_height() for p in twin.patches)
    assert heights[0] == -1  # one finding resolved in February
    plt.close(ax.figure)


def test_errors() -> None:
    with pytest.raises(WrongTypeError):
        plot_trend("not a trend")
    with pytest.raises(ValidationError):
        plot_trend(make(), checks=["nope.nope"])
