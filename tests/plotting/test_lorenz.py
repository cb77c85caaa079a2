"""lorenz: the Lorenz curves of revenue and resources across partners."""

from __future__ import annotations

import numpy as np
import pytest

import channelvalue as cv
from channelvalue.metrics import lorenz_points
from channelvalue.plotting import CURVE_POINTS, lorenz


def _net(revenues: list[float], investments: dict[str, float]) -> cv.ChannelNetwork:
    net = cv.ChannelNetwork(steward="v", name="n")
    items: list[object] = [cv.Organization("v", role="vendor", revenue=1e9)]
    for k, rev in enumerate(revenues):
        items += [cv.Organization(f"p{k}", role="reseller", revenue=rev), cv.Supplies("v", f"p{k}")]
    items += [
        cv.Investment(f"i-{who}", recipient=who, kind="mdf", amount=amount)
        for who, amount in investments.items()
    ]
    net.add_all(items)
    return net


def test_curves_and_gini_worked_by_hand(render) -> None:
    # revenue 0, 0, 0, 4: Gini 0.75; resources all to p0: Gini 0.75 too
    ax = lorenz(_net([0, 0, 0, 4], {"p0": 10.0}))
    render(ax, "lorenz")
    labels = ax.get_legend_handles_labels()[1]
    assert labels == ["revenue (Gini 0.75)", "resources (Gini 0.75)", "equality"]
    revenue, _, equality = ax.get_lines()
    assert revenue.get_xdata().tolist() == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert revenue.get_ydata().tolist() == [0.0, 0.0, 0.0, 0.0, 1.0]
    assert equality.get_xdata().tolist() == [0, 1]
    assert ax.get_title() == "Revenue and resources across 4 partners"


def test_steward_and_owned_units_are_not_partners() -> None:
    net = _net([1, 3], {"v": 100.0, "p1": 5.0})
    net.add(cv.Organization("own", role="reseller", owned=True, revenue=50))
    ax = lorenz(net)
    assert ax.get_title() == "Revenue and resources across 2 partners"
    assert ax.get_lines()[0].get_ydata().tolist() == [0.0, 0.25, 1.0]
    assert ax.get_lines()[1].get_ydata().tolist() == [0.0, 0.0, 1.0]


def test_missing_quantity_is_named_not_drawn() -> None:
    ax = lorenz(_net([1, 2, 3], {}))
    labels = ax.get_legend_handles_labels()[1]
    assert labels[1] == "resources: none recorded"
    assert len(ax.get_lines()[1].get_xdata()) == 0


def test_example(example, render) -> None:
    ax = lorenz(example)
    render(ax, "lorenz_example")
    assert [line.get_label().split(" ")[0] for line in ax.get_lines()] == [
        "revenue",
        "resources",
        "equality",
    ]


def test_large_curves_are_thinned() -> None:
    x, y = lorenz_points(np.arange(5_000, dtype=float), max_points=CURVE_POINTS)
    assert len(x) == len(y) == CURVE_POINTS
    assert (x[0], y[0], x[-1], y[-1]) == (0.0, 0.0, 1.0, 1.0)
    assert np.all(np.diff(y) >= 0)


@pytest.mark.parametrize("bad", [[], [-1.0, 2.0], [0.0, 0.0], [float("nan")]])
def test_bad_curve_values_are_errors(bad: list[float]) -> None:
    with pytest.raises(cv.ValidationError, match=r"lorenz_points\.values"):
        lorenz_points(bad)


def test_no_partner_is_an_error() -> None:
    with pytest.raises(cv.ValidationError, match="a network with partners"):
        lorenz(_net([], {}))


def test_nothing_to_draw_is_an_error() -> None:
    with pytest.raises(cv.ValidationError, match="some revenue or some investments"):
        lorenz(_net([0, 0], {}))


def test_wrong_types_are_errors(example) -> None:
    with pytest.raises(cv.WrongTypeError, match=r"lorenz\.net"):
        lorenz({"revenue": [1, 2]})  # type: ignore[arg-type]
    with pytest.raises(cv.WrongTypeError, match=r"lorenz\.ax"):
        lorenz(example, ax=1)  # type: ignore[arg-type]
