"""Finding: the sort key puts errors first; subjects keep their order."""

from __future__ import annotations

import channelvalue as cv


def test_finding_sort_key_puts_errors_first() -> None:
    info = cv.Finding("b", "info", message="m")
    error = cv.Finding("z", "error", message="m")
    assert sorted([info, error], key=lambda f: f.sort_key) == [error, info]
    assert cv.Finding("c", "warning", subjects=["z", "a"], message="m").subjects == ("z", "a")
