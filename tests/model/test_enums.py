"""The enums: ranks and lever focus."""

from __future__ import annotations

import channelvalue as cv


def test_enum_ranks_and_focus() -> None:
    assert [t.rank for t in cv.Tier] == [3, 2, 1, 0]
    assert [s.rank for s in cv.Severity] == [0, 1, 2]
    assert cv.LeverFocus.BOTH.covers(cv.LeverFocus.SATISFACTION)
    assert not cv.LeverFocus.EFFICIENCY.covers(cv.LeverFocus.SATISFACTION)
