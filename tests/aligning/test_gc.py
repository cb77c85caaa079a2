"""`paused_gc`: the cyclic collector is off inside the block and restored after it."""

from __future__ import annotations

import gc

import pytest

from channelvalue.aligning._gc import paused_gc


def test_restores_an_enabled_collector_also_after_an_error() -> None:
    assert gc.isenabled()
    seen = []

    def fail() -> None:
        with paused_gc():
            seen.append(gc.isenabled())
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        fail()
    assert seen == [False]
    assert gc.isenabled()


def test_leaves_a_disabled_collector_disabled() -> None:
    gc.disable()
    try:
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_audit_leaves_the_collector_as_it_was() -> None:
    import channelvalue as cv

    cv.aligning.audit(cv.datasets.example())
    assert gc.isenabled()
