"""The audit trend: scores per period and check, findings appeared and resolved."""

from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("pandas")

import channelvalue as cv
from channelvalue.aligning import audit, compare
from channelvalue.errors import ValidationError
from channelvalue.transactions.trend import Trend

D = dt.date


@pytest.fixture(scope="module")
def trend() -> Trend:
    net = cv.datasets.example()
    r1 = audit(net, checks=["reporting", "transparency"])
    net.add(cv.ReportsTo("res-11", "dist-north", manager="pam-north"))
    r2 = audit(net, checks=["reporting", "transparency"])
    r3 = audit(net, checks=["reporting", "transparency"])
    # given out of order: sorted by day
    return Trend.from_reports([(D(2024, 3, 31), r3), (D(2024, 1, 31), r1), (D(2024, 2, 29), r2)])


def test_days_sorted_and_diffs_consecutive(trend: Trend) -> None:
    assert trend.as_of == (D(2024, 1, 31), D(2024, 2, 29), D(2024, 3, 31))
    assert len(trend.diffs) == 2
    assert trend.diffs[0] == compare(trend.reports[0], trend.reports[1])
    assert repr(trend).startswith("<Trend 2024-01-31..2024-03-31: 3 audits, score ")


def test_scores_wide_and_long_agree(trend: Trend) -> None:
    wide = trend.scores()
    long = trend.to_frame()
    for day, r in zip(trend.as_of, trend.reports, strict=True):
        row = wide[wide.as_of == day].iloc[0]
        assert row["overall"] == pytest.approx(r.score)
        for c, s in r.scores.items():
            assert row[c] == pytest.approx(s)
            got = long[(long.as_of == day) & (long.check == c)]["score"].iloc[0]
            assert got == pytest.approx(s)
    # transparency.data_quality is not assessed (no measures): empty score, a reason
    dq = long[long.check == "transparency.data_quality"]
    assert dq["score"].isna().all()
    assert dq["not_assessed"].str.startswith("no channel-data measures").all()


def test_changes_count_appeared_and_resolved(trend: Trend) -> None:
    ch = trend.changes()
    assert ch["appeared"].tolist() == [0, len(trend.diffs[0].new), len(trend.diffs[1].new)]
    assert ch["resolved"].tolist() == [0, len(trend.diffs[0].resolved), 0]
    assert ch["resolved"].tolist()[1] >= 1  # res-11 got its reporting line
    long = trend.to_frame()
    per_check = long[(long.check != "overall") & (long.as_of == D(2024, 2, 29))]
    assert per_check["resolved"].sum() == ch["resolved"].tolist()[1]
    assert "<table>" in trend._repr_html_()


def test_from_reports_errors() -> None:
    r = audit(cv.datasets.example(), checks=["reporting"])
    with pytest.raises(ValidationError):
        Trend.from_reports([])
    with pytest.raises(ValidationError):
        Trend.from_reports([(D(2024, 1, 1), r), (D(2024, 1, 1), r)])
