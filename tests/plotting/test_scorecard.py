"""plot_scorecard: resources share against revenue share, labels by name without collisions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.text import Annotation

import channelvalue as cv
from channelvalue.aligning import partner_scorecard
from channelvalue.plotting import SCORECARD_LABELS, plot_scorecard


def _labels(ax: Any) -> list[Annotation]:
    return [t for t in ax.texts if isinstance(t, Annotation)]


@pytest.fixture(scope="module")
def card() -> Any:
    return partner_scorecard(cv.datasets.example())


def test_points_labels_and_title(card: Any, render: Callable[[Any, str], Path]) -> None:
    ax = plot_scorecard(card)
    assert isinstance(ax, Axes)
    [points] = ax.collections
    offsets = points.get_offsets()
    assert np.allclose(offsets[:, 0], card.revenue_share)
    assert np.allclose(offsets[:, 1], card.resource_share)
    assert points.get_sizes().argmax() == int(card.volume.argmax())  # area: volume
    assert np.allclose(points.get_array(), card.velocity)  # colour: velocity
    names = [t.get_text() for t in _labels(ax)]
    assert "Northbridge Distribution" in names  # farthest from parity, named by name
    assert 0 < len(names) <= SCORECARD_LABELS
    assert ax.get_title() == "Acme Networks channel: resources against revenue, 58 partners"
    assert ax.get_xlabel() == "share of partner revenue"
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    boxes = [t.get_window_extent(renderer) for t in _labels(ax)]
    for i, a in enumerate(boxes):  # no two labels overlap
        assert not any(a.overlaps(b) for b in boxes[i + 1 :])
    render(ax, "scorecard")


def test_options(card: Any) -> None:
    _fig, given = plt.subplots(figsize=(5, 4))
    ax = plot_scorecard(card, ax=given, title="Mine", labels="id", top=2)
    assert ax is given
    assert ax.get_title() == "Mine"
    ids = [t.get_text().split(" +")[0] for t in _labels(ax)]
    assert ids
    assert set(ids) <= set(card.ids)
    assert len(ids) <= 2
    assert not _labels(plot_scorecard(card, labels=None))
    assert not _labels(plot_scorecard(card, top=0))
    big = plot_scorecard(card, figsize=(10.0, 8.0))
    assert tuple(big.figure.get_size_inches()) == (10.0, 8.0)


def test_no_investments_is_said() -> None:
    net = cv.ChannelNetwork(steward="v")
    net.add_all(
        [cv.Organization("v", role="vendor"), cv.Organization("a", role="msp", revenue=1.0)]
    )
    ax = plot_scorecard(partner_scorecard(net))
    assert "no investments in partners recorded" in [t.get_text() for t in ax.texts]


def test_errors(card: Any) -> None:
    with pytest.raises(cv.WrongTypeError):
        plot_scorecard(cv.datasets.example())  # type: ignore[arg-type]
    with pytest.raises(cv.ValidationError, match="labels"):
        plot_scorecard(card, labels="both")
    with pytest.raises(cv.ValidationError, match="top"):
        plot_scorecard(card, top=-1)
    with pytest.raises(cv.WrongTypeError):
        plot_scorecard(card, ax="axes")  # type: ignore[arg-type]
