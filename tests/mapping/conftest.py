"""Fixtures of the mapping tests (the networks live in ``mapping_paper.py``)."""

from __future__ import annotations

import pytest

import channelvalue as cv

from .mapping_paper import build, paper_items


@pytest.fixture
def paper() -> cv.ChannelNetwork:
    """The paper network (fresh for each test)."""
    return build(paper_items())
