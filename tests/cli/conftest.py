"""Shared inputs of the command-line tests: a 2,000-partner network on disk."""

from __future__ import annotations

import pytest

import channelvalue as cv


@pytest.fixture(scope="session")
def synthetic_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    """`cv.datasets.synthetic(2000, seed=1)` saved as JSON."""
    path = tmp_path_factory.mktemp("cli") / "synthetic-2000.json"
    cv.io.save(cv.datasets.synthetic(2000, seed=1), path)
    return str(path)
