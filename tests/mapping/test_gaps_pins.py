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
            "('segment', 'pattern', 'partner')",
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
    common = ["segment", "output", "importance", "demanded", "delivered", "gap", "status"]
    assert list(gaps.to_frame().columns) == common
    pattern = gaps.to_frame(level="pattern")
    assert list(pattern.columns) == [*common[:2], "pattern", *common[2:]]
    partner = gaps.to_frame(level="partner")
    assert list(partner.columns) == [*common[:2], "partner", *common[2:]]
