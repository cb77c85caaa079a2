"""Fixtures of the plotting tests: the Agg backend, closed figures, PNG rendering."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import matplotlib
import pytest

import channelvalue as cv

matplotlib.use("Agg")

import matplotlib.pyplot as plt

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


@pytest.fixture
def render(tmp_path: Path) -> Callable[[Any, str], Path]:
    """Save the figure of an Axes to ``tmp_path/<name>.png``, check it is a PNG, return it."""

    def save(ax: Any, name: str) -> Path:
        path = tmp_path / f"{name}.png"
        ax.figure.savefig(path, dpi=60)
        data = path.read_bytes()
        assert data.startswith(PNG_MAGIC)
        assert len(data) > 5_000  # a drawing, not an empty canvas
        return path

    return save


@pytest.fixture(scope="module")
def example() -> cv.ChannelNetwork:
    """The bundled example (read-only in these tests)."""
    return cv.datasets.example()
