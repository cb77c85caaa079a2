"""Pins of ``mapping.segmentation``: ABC classes by cumulative revenue share (ties share
a class), and the refusals word for word."""

from __future__ import annotations

import sys

import pytest

import channelvalue as cv
from channelvalue.errors import ChannelValueError, MissingDependencyError
from channelvalue.mapping import EngagementPolicy, segment_partners


def resellers(*revenue: float) -> cv.ChannelNetwork:
    net = cv.ChannelNetwork(steward="v")
    net.add_all(
        [cv.Organization("v", role="vendor", revenue=1000.0)]
        + [cv.Organization(f"p{i}", role="reseller", revenue=r) for i, r in enumerate(revenue)]
    )
    return net


def test_abc_by_share_before_each_partner() -> None:
    # shares 0.5, 0.3, 0.1, 0.1 (the steward's revenue is left out); share before:
    # 0, 0.5, 0.8, 0.8 (p2 and p3 tie: both take the share before the first of them)
    seg = segment_partners(resellers(50.0, 30.0, 10.0, 10.0))
    assert seg.ids == ("p0", "p1", "p2", "p3")
    assert [seg.partner(f"p{i}").abc for i in range(4)] == ["A", "A", "B", "B"]
    assert [seg.partner(f"p{i}").share for i in range(4)] == [0.5, 0.3, 0.1, 0.1]
    assert seg.thresholds == (0.8, 0.95)


def test_thresholds_move_the_classes() -> None:
    seg = segment_partners(resellers(50.0, 30.0, 10.0, 10.0), thresholds=(0.4, 0.6))
    assert [seg.partner(f"p{i}").abc for i in range(4)] == ["A", "B", "C", "C"]
    assert seg.thresholds == (0.4, 0.6)


def test_no_revenue_puts_everyone_in_c() -> None:
    seg = segment_partners(resellers(0.0, 0.0))
    assert [seg.partner(f"p{i}").abc for i in range(2)] == ["C", "C"]


@pytest.mark.parametrize("thresholds", [(0.5, 0.5), "x", (0.0, 0.5), (0.5, 1.5)])
def test_bad_thresholds_word_for_word(thresholds: object) -> None:
    with pytest.raises(ChannelValueError) as err:
        segment_partners(resellers(1.0), thresholds=thresholds)  # type: ignore[arg-type]
    assert str(err.value) == (
        f"segment_partners.thresholds: got {thresholds!r} but expected (a, b) with 0 < a < b <= 1"
    )


def test_other_refusals_word_for_word() -> None:
    with pytest.raises(ChannelValueError) as err:
        segment_partners(resellers(1.0), policy=3)  # type: ignore[arg-type]
    assert str(err.value) == (
        "segment_partners.policy: got 3 (int) but expected an EngagementPolicy or None"
    )
    seg = segment_partners(resellers(1.0), policy=EngagementPolicy())
    with pytest.raises(ChannelValueError) as err:
        seg.partner("v")  # the steward is not profiled
    assert str(err.value) == "PartnerSegmentation.partner: unknown partner id 'v'"
    with pytest.raises(ChannelValueError) as err:
        seg.partner("zz")
    assert str(err.value) == "PartnerSegmentation.partner: unknown partner id 'zz'"


def test_frame_without_pandas_names_the_call(monkeypatch: pytest.MonkeyPatch) -> None:
    seg = segment_partners(resellers(1.0, 2.0))
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingDependencyError) as err:
        seg.to_frame()
    assert str(err.value) == (
        "PartnerSegmentation.to_frame() needs the optional dependency 'pandas': "
        "pip install 'channelvalue[pandas]'"
    )


def test_class_boundaries_are_exclusive() -> None:
    # shares 0.5, 0.25, 0.15, 0.1 -> share before 0, 0.5, 0.75, 0.9: a partner exactly
    # at a threshold belongs to the next class
    seg = segment_partners(resellers(50.0, 25.0, 15.0, 10.0), thresholds=(0.5, 0.75))
    assert [seg.partner(f"p{i}").abc for i in range(4)] == ["A", "B", "C", "C"]
    seg = segment_partners(resellers(50.0, 25.0, 15.0, 10.0), thresholds=(0.6, 0.8))
    assert [seg.partner(f"p{i}").abc for i in range(4)] == ["A", "A", "B", "C"]


def test_no_partner_at_all() -> None:
    net = cv.ChannelNetwork(steward="v")
    net.add_all([cv.Organization("v", role="vendor", revenue=5.0, volume=3.0, velocity=0.5)])
    seg = segment_partners(net)
    assert seg.ids == ()
    assert (seg.volume_median, seg.velocity_median) == (0.0, 0.0)
    assert seg.misfits == ()


def test_small_revenues_still_make_classes() -> None:
    # revenue 1.0 in all (0.5 + 0.25 + 0.15 + 0.1): shares as with 100 in all
    seg = segment_partners(resellers(0.5, 0.25, 0.15, 0.1), thresholds=(0.5, 0.75))
    assert [seg.partner(f"p{i}").abc for i in range(4)] == ["A", "B", "C", "C"]


def test_frame_columns() -> None:
    frame = segment_partners(resellers(50.0, 25.0, 15.0, 10.0)).to_frame()
    assert list(frame.columns) == [
        "partner",
        "partner_name",
        "role",
        "revenue",
        "share",
        "abc",
        "quadrant",
        "focus",
        "recommended",
        "current",
        "fits",
    ]
    assert frame["partner"].tolist() == ["p0", "p1", "p2", "p3"]
    # default thresholds 0.8, 0.95; share before 0, 0.5, 0.75, 0.9
    assert frame["abc"].tolist() == ["A", "A", "A", "B"]
