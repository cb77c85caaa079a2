"""Pins of ``mapping.gaps``: the refusals word for word, and the frames without pandas."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import pytest

import channelvalue as cv
from channelvalue.errors import ChannelValueError, MissingDependencyError
from channelvalue.mapping import ServiceGaps, service_gaps


@pytest.fixture(scope="module")
def gaps() -> ServiceGaps:
    return service_gaps(cv.datasets.example())


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda g: g.underserved("nope"), "ServiceGaps.underserved: unknown segment id 'nope'"),
        (
            lambda g: g.underserved(min_importance="x"),
            "ServiceGaps.underserved.min_importance: got 'x' but expected a number or None",
        ),
        (
            lambda g: g.score("smb", "zz"),
            "ServiceGaps.score: unknown segment or pattern id 'smb/zz'",
        ),
        (lambda g: g.score("zz"), "ServiceGaps.score: unknown segment or pattern id 'zz'"),
        (
            lambda g: list(g.partner_rows("zz")),
            "ServiceGaps.partner_rows: unknown segment id 'zz'",
        ),
        (
            lambda g: g.to_frame(level="x"),
            "ServiceGaps.to_frame.level: got 'x' but expected one of "
            "'segment', 'pattern', 'partner'",
        ),
    ],
)
def test_refusals_word_for_word(
    gaps: ServiceGaps, call: Callable[[ServiceGaps], Any], message: str
) -> None:
    with pytest.raises(ChannelValueError) as err:
        call(gaps)
    assert str(err.value) == message


def test_tolerance_refused_word_for_word() -> None:
    with pytest.raises(ChannelValueError) as err:
        service_gaps(cv.datasets.example(), tolerance=1.0)
    assert str(err.value) == "service_gaps.tolerance: got 1.0 but expected a number in [0, 1)"


@pytest.mark.parametrize(
    ("call", "feature"),
    [
        (lambda g: g.to_frame(), "ServiceGaps.to_frame()"),
        (lambda g: g.to_frame(level="pattern"), "ServiceGaps.to_frame()"),
        (lambda g: g.to_frame(level="partner"), "ServiceGaps.to_frame()"),
        (lambda g: g.scores_frame(), "ServiceGaps.scores_frame()"),
    ],
)
def test_frames_without_pandas_name_the_call(
    gaps: ServiceGaps,
    call: Callable[[ServiceGaps], Any],
    feature: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingDependencyError) as err:
        call(gaps)
    assert str(err.value) == (
        f"{feature} needs the optional dependency 'pandas': pip install 'channelvalue[pandas]'"
    )


def test_frame_columns_per_level(gaps: ServiceGaps) -> None:
    common = [
        "segment",
        "segment_name",
        "output",
        "importance",
        "demanded",
        "delivered",
        "gap",
        "status",
    ]
    assert list(gaps.to_frame().columns) == common
    pattern = gaps.to_frame(level="pattern")
    assert list(pattern.columns) == [*common[:3], "pattern", *common[3:]]
    partner = gaps.to_frame(level="partner")
    assert list(partner.columns) == [*common[:3], "partner", "partner_name", *common[3:]]


def two_patterns() -> cv.ChannelNetwork:
    """``a`` states no need; ``b`` is served by r1 (v>d>r1, revenue 10) and r2 (v>r2, 30).

    Delivered (best along the route): v>d>r1 availability 0.8, lot_size 0.4;
    v>r2 availability 0.2, lot_size 0.6. Segment-wide, revenue-weighted:
    availability (10 x 0.8 + 30 x 0.2) / 40 = 0.35, lot_size (10 x 0.4 + 30 x 0.6) / 40
    = 0.55. Needs: availability 0.5 (importance 1), lot_size 1.0 (importance 2).
    """
    net = cv.ChannelNetwork(steward="v")
    net.add_all(
        [
            cv.Organization("v", role="vendor"),
            cv.Organization("d", role="distributor", capabilities={"availability": 0.8}),
            cv.Organization("r1", role="reseller", revenue=10.0, capabilities={"lot_size": 0.4}),
            cv.Organization(
                "r2",
                role="reseller",
                revenue=30.0,
                capabilities={"lot_size": 0.6, "availability": 0.2},
            ),
            cv.Segment("a"),
            cv.Segment("b", needs={"availability": (0.5, 1.0), "lot_size": (1.0, 2.0)}),
            cv.Supplies("v", "d"),
            cv.Supplies("d", "r1"),
            cv.Supplies("v", "r2"),
            cv.Serves("r1", "b"),
            cv.Serves("r2", "b"),
        ]
    )
    return net


def test_segment_and_pattern_rows_by_hand() -> None:
    g = service_gaps(two_patterns())
    seg = [(r.segment, r.output.value, round(r.delivered, 12), r.status) for r in g.segments]
    assert seg == [("b", "availability", 0.35, "under"), ("b", "lot_size", 0.55, "under")]
    pat = [(r.pattern, r.output.value, round(r.delivered, 12), r.status) for r in g.patterns]
    assert pat == [
        ("vendor>distributor>reseller", "availability", 0.8, "over"),
        ("vendor>distributor>reseller", "lot_size", 0.4, "under"),
        ("vendor>reseller", "availability", 0.2, "under"),
        ("vendor>reseller", "lot_size", 0.6, "under"),
    ]


def test_underserved_skips_segments_without_needs() -> None:
    g = service_gaps(two_patterns())
    # key needs: importance >= the mean 1.5, so lot_size only
    assert [(r.segment, r.output.value) for r in g.underserved()] == [("b", "lot_size")]
    assert g.underserved("a") == ()
    every = [(r.segment, r.output.value) for r in g.underserved(min_importance=0)]
    assert every == [("b", "availability"), ("b", "lot_size")]
