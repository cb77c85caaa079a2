"""The margin waterfall: bars, labels to the cent, options and errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import channelvalue as cv
from channelvalue.errors import UnknownIdError, ValidationError, WrongTypeError
from channelvalue.mapping import margin_build_up, route_margins
from channelvalue.plotting import margin_waterfall


def _pricing(ident: str = "rt", list_price: float = 100) -> cv.RoutePricing:
    return cv.RoutePricing(
        ident,
        steward="acme",
        list_price=list_price,
        levels=[
            cv.PriceLevel("dist-north", buy=60, sell=66, back_end=1.5),
            cv.PriceLevel("res-07", buy=66, sell=85, rebate=2),
        ],
    )


def test_bars_and_labels_to_the_cent(render: Callable[[Any, str], Path]) -> None:
    ax = margin_waterfall(route_margins(_pricing()), names={"res-07": "Reseller 07"})
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels == ["list price", "customer\ndiscount", "dist-north", "Reseller 07", "acme\nnet"]
    texts = [t.get_text() for t in ax.texts]
    assert texts == [
        "100.00",
        "\u221215.00",
        "\u22127.50\n(26.3%)",
        "\u221221.00\n(73.7%)",
        "56.50",
    ]
    heights = [round(p.get_height(), 2) for p in ax.patches]
    bottoms = [round(p.get_y(), 2) for p in ax.patches]
    assert heights == [100.0, 15.0, 7.5, 21.0, 56.5]
    assert bottoms == [0.0, 85.0, 77.5, 56.5, 0.0]
    assert ax.get_title() == ("Margin build-up of route rt: end price 85.00, channel margin 28.50")
    render(ax, "waterfall")


def test_no_discount_bar_at_list_price() -> None:
    ax = margin_waterfall(route_margins(_pricing(list_price=85)), title="T", figsize=(5, 3))
    assert len(ax.patches) == 4
    assert ax.get_title() == "T"


def test_a_build_up_needs_a_route_when_it_has_several() -> None:
    net = cv.datasets.example()
    net.add_all([_pricing("a"), _pricing("b")])
    build = margin_build_up(net)
    assert margin_waterfall(build, "b").get_title().startswith("Margin build-up of route b")
    with pytest.raises(ValidationError, match="route"):
        margin_waterfall(build)
    with pytest.raises(UnknownIdError):
        margin_waterfall(build, "c")
    one = margin_build_up(net, routes=["a"])
    assert "route a" in margin_waterfall(one).get_title()


def test_draws_on_given_axes_and_refuses_bad_input() -> None:
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    assert margin_waterfall(route_margins(_pricing()), ax=ax) is ax
    with pytest.raises(WrongTypeError):
        margin_waterfall("rt")  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError):
        margin_waterfall(route_margins(_pricing()), ax="ax")  # type: ignore[arg-type]
