"""power_balance: the power map of the five-partner network, labels without collisions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.text import Annotation

import channelvalue as cv
from channelvalue.mapping import power_map
from channelvalue.plotting import LABEL_LIMIT, power_balance

from ..mapping.test_power import example_without_shares, five_partners


def _labels(ax: Any) -> list[Any]:
    return [t for t in ax.texts if isinstance(t, Annotation)]


def test_the_five_partners(render: Callable[[Any, str], Path]) -> None:
    ax = power_balance(five_partners())
    [points] = ax.collections
    offsets = points.get_offsets()
    assert np.allclose(offsets[:, 0], [0.6, 0.6, 0.02, 0.9, 0.005])
    assert np.allclose(offsets[:, 1], [0.65, 0.2, 0.25, 0.25, 1.0])
    sizes = points.get_sizes()
    assert sizes.argmax() == 4  # e: the most revenue at stake
    assert sorted(t.get_text() for t in _labels(ax)) == ["a", "b", "c", "d", "e"]
    assert ax.get_title() == "Power map: 5 partners (area: revenue at stake)"
    assert ax.get_ylabel() == "steward's dependence on the partner"
    render(ax, "power")


def test_options_and_a_power_map_input() -> None:
    pm = power_map(five_partners())
    _, given = plt.subplots()
    ax = power_balance(pm, label=2, high=0.3, ax=given, title="T")
    assert ax is given
    assert ax.get_title() == "T"
    assert sorted(t.get_text() for t in _labels(ax)) == ["a", "e"]  # most revenue first
    dashed = [line for line in ax.lines if line.get_linestyle() == "--"]
    assert list(dashed[0].get_xdata()) == [0.3, 0.3]
    assert _labels(power_balance(pm, label=0)) == []


def test_many_partners_get_labels_that_do_not_overlap() -> None:
    rng = np.random.default_rng(1)
    net = cv.ChannelNetwork(steward="v")
    n = 60
    net.add_all([cv.Organization("v", role="vendor"), cv.Segment("s")])
    share = rng.uniform(0.3, 0.5, n)  # crowded: all points in one band
    net.add_all(
        cv.Organization(f"p{i:02d}", role="reseller", steward_share=float(share[i]))
        for i in range(n)
    )
    net.add_all(cv.Supplies("v", f"p{i:02d}") for i in range(n))
    net.add_all(cv.Serves(f"p{i:02d}", "s", revenue=float(i + 1)) for i in range(n))
    ax = power_balance(net)
    texts = _labels(ax)
    assert 0 < len(texts) <= LABEL_LIMIT  # crowded: some stay unnamed rather than overlap
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    boxes = [t.get_window_extent(renderer) for t in texts]
    overlaps = sum(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    assert overlaps == 0


def test_a_network_without_shares_draws_an_empty_map() -> None:
    ax = power_balance(example_without_shares())
    assert ax.get_title() == "Power map: no partner has a known steward_share"
    assert len(ax.collections[0].get_offsets()) == 0
    # the bundled example knows five partners' shares: five points
    ax = power_balance(cv.datasets.example())
    assert ax.get_title() == "Power map: 5 partners (area: revenue at stake)"
    assert len(ax.collections[0].get_offsets()) == 5


def test_bad_arguments() -> None:
    with pytest.raises(cv.WrongTypeError):
        power_balance("net")  # type: ignore[arg-type]
    with pytest.raises(cv.ValidationError, match="label"):
        power_balance(five_partners(), label=-1)
    with pytest.raises(cv.ValidationError, match="high"):
        power_balance(five_partners(), high=1.0)
    with pytest.raises(cv.WrongTypeError):
        power_balance(five_partners(), ax="axes")  # type: ignore[arg-type]
