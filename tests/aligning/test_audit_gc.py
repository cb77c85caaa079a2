"""`audit` and `to_frame` pause the cyclic collector and leave it as they found it."""

from __future__ import annotations

import gc

import pytest

import channelvalue as cv


def test_audit_and_to_frame_leave_the_collector_on() -> None:
    report = cv.aligning.audit(cv.datasets.example())
    assert gc.isenabled()
    pytest.importorskip("pandas")
    report.to_frame()
    assert gc.isenabled()


def test_audit_leaves_a_disabled_collector_disabled() -> None:
    gc.disable()
    try:
        cv.aligning.audit(cv.datasets.example())
        assert not gc.isenabled()
    finally:
        gc.enable()
