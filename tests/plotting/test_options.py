"""The options every plot shares: `ax=`, `title=`, `labels=`, `figsize=`; nothing clipped."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import matplotlib.pyplot as plt
import pytest

import channelvalue as cv
from channelvalue import aligning, building, mapping, plotting
from channelvalue.testing import network_items

from ._layout import clipped_texts, overlapping_labels

LONG_NAME = "Northbridge & Southern Technology Distribution Holdings, EMEA"  # 60 characters


def _example() -> cv.ChannelNetwork:
    return cv.datasets.example()


def _overlap_net() -> cv.ChannelNetwork:
    net = cv.ChannelNetwork(steward="v")
    net.add_all(
        [
            cv.Organization("v", role="vendor", name="Vendor Inc"),
            cv.Organization("r1", role="reseller", name="Reseller One"),
            cv.Organization("r2", role="reseller", name="Reseller Two"),
            mapping.account_list("v", ["a", "c"]),
            mapping.account_list("r1", ["a", "b"]),
            mapping.account_list("r2", ["b", "c"]),
        ]
    )
    return net


def _power_net() -> cv.ChannelNetwork:
    net = cv.ChannelNetwork(steward="v")
    net.add_all(
        [
            cv.Organization("v", role="vendor"),
            cv.Segment("s"),
            *[
                cv.Organization(f"p{k}", role="reseller", name=f"Partner {k}", steward_share=k / 5)
                for k in range(1, 5)
            ],
            *[cv.Supplies("v", f"p{k}") for k in range(1, 5)],
            *[cv.Serves(f"p{k}", "s", revenue=10.0 * k) for k in range(1, 5)],
        ]
    )
    return net


def _design() -> Any:
    t = building.MemberType("t", role="agent", costs={f.value: 1 for f in cv.Flow})
    return building.design_channel(cv.Segment("s"), [t])


def _ranking() -> Any:
    return building.consensus([["a", "b", "c"], ["a", "c", "b"], ["b", "a", "c"]])


def _margins() -> Any:
    p = cv.RoutePricing(
        "rt", steward="acme", list_price=100, levels=[cv.PriceLevel("r1", buy=66, sell=85)]
    )
    return mapping.route_margins(p)


# name -> (draw(**options), takes labels=)
PLOTS: dict[str, tuple[Callable[..., Any], bool]] = {
    "audit_summary": (
        lambda **kw: plotting.audit_summary(aligning.audit(_example(), checks=["reporting"]), **kw),
        True,
    ),
    "channel_map": (lambda **kw: plotting.channel_map(_example(), **kw), True),
    "channel_map_groups": (
        lambda **kw: plotting.channel_map(_example(), aggregate=True, **kw),
        True,
    ),
    "channel_map_patterns": (
        lambda **kw: plotting.channel_map(_example(), aggregate="patterns", **kw),
        True,
    ),
    "channel_detail": (lambda **kw: plotting.channel_detail(_example(), **kw), True),
    "gap_heatmap": (lambda **kw: plotting.gap_heatmap(_example(), **kw), True),
    "lorenz": (lambda **kw: plotting.lorenz(_example(), **kw), False),
    "consensus_ranking": (lambda **kw: plotting.consensus_ranking(_ranking(), **kw), True),
    "design_matrix": (lambda **kw: plotting.design_matrix(_design(), **kw), False),
    "margin_waterfall": (lambda **kw: plotting.margin_waterfall(_margins(), **kw), True),
    "power_balance": (lambda **kw: plotting.power_balance(_power_net(), **kw), True),
    "account_overlap_heatmap": (
        lambda **kw: plotting.account_overlap_heatmap(_overlap_net(), **kw),
        True,
    ),
}


@pytest.mark.parametrize("name", sorted(PLOTS))
def test_title_and_figsize_are_applied(name: str) -> None:
    draw, _ = PLOTS[name]
    ax = draw(title="My slide", figsize=(6.5, 4.25))
    assert ax.get_title() == "My slide" or ax.get_title("left") == "My slide"
    assert tuple(ax.figure.get_size_inches()) == (6.5, 4.25)
    assert ax.figure.get_layout_engine() is not None  # constrained layout: nothing clipped


@pytest.mark.parametrize("name", sorted(PLOTS))
def test_draws_on_the_given_axes(name: str) -> None:
    draw, _ = PLOTS[name]
    _, (left, right) = plt.subplots(1, 2, figsize=(14, 6), layout="constrained")
    assert draw(ax=right) is right
    assert not left.has_data()
    assert not left.texts


@pytest.mark.parametrize("name", sorted(PLOTS))
def test_nothing_clips_on_a_plain_savefig(name: str) -> None:
    draw, _ = PLOTS[name]
    ax = draw()
    assert clipped_texts(ax.figure) == []


@pytest.mark.parametrize("name", sorted(PLOTS))
def test_a_long_title_wraps_instead_of_clipping(name: str) -> None:
    draw, _ = PLOTS[name]
    ax = draw(title=f"Channel map of {LONG_NAME}: 2,003 organizations, 8 segments")
    assert clipped_texts(ax.figure) == []


@pytest.mark.parametrize("name", sorted(n for n, (_, labels) in PLOTS.items() if labels))
def test_labels_must_be_name_or_id(name: str) -> None:
    draw, _ = PLOTS[name]
    with pytest.raises(cv.ValidationError, match=r"\.labels: got 'names'"):
        draw(labels="names")


@pytest.mark.parametrize("name", sorted(PLOTS))
@pytest.mark.parametrize(
    ("option", "value"), [("title", 3), ("figsize", (0, 4)), ("figsize", "big")]
)
def test_bad_common_options_are_errors(name: str, option: str, value: object) -> None:
    draw, _ = PLOTS[name]
    with pytest.raises(cv.ValidationError, match=rf"\.{option}: got"):
        draw(**{option: value})


@pytest.mark.parametrize(
    "name", ["channel_map", "channel_map_groups", "channel_map_patterns", "channel_detail"]
)
def test_map_labels_never_overlap(name: str) -> None:
    draw, _ = PLOTS[name]
    assert overlapping_labels(draw()) == []


def test_long_network_name_title_fits() -> None:
    example = cv.datasets.example()
    net = cv.ChannelNetwork(steward="acme", name=LONG_NAME)
    net.add_all(network_items(example))
    for ax in (plotting.channel_map(net), plotting.channel_map(net, figsize=(7, 5))):
        assert LONG_NAME.split()[0] in ax.get_title()
        assert clipped_texts(ax.figure) == []


def test_labels_by_name_and_by_id() -> None:
    net = cv.datasets.example()
    by_name = {t.get_text() for t in plotting.channel_map(net).texts}
    by_id = {t.get_text() for t in plotting.channel_map(net, labels="id").texts}
    assert {"Acme Networks", "Northbridge Distribution", "Small business"} <= by_name
    assert {"acme", "dist-north", "smb"} <= by_id
    assert "dist-north" not in by_name
    gaps = plotting.gap_heatmap(net, labels="id")
    assert [t.get_text() for t in gaps.get_yticklabels()][:1] == ["enterprise"]
    power = plotting.power_balance(_power_net(), labels="id")
    assert {t.get_text() for t in power.texts} >= {"p4", "p3"}
    power = plotting.power_balance(_power_net())
    assert {t.get_text() for t in power.texts} >= {"Partner 4", "Partner 3"}
    overlap = plotting.account_overlap_heatmap(_overlap_net(), labels="id")
    assert [t.get_text() for t in overlap.get_yticklabels()] == ["direct", "r1", "r2"] or [
        t.get_text() for t in overlap.get_yticklabels()
    ][1:] == ["r1", "r2"]
    ranking = plotting.consensus_ranking(_ranking(), names={"a": "Lever A"})
    assert [t.get_text() for t in ranking.get_yticklabels()] == ["Lever A", "b", "c"]
    ranking = plotting.consensus_ranking(_ranking(), names={"a": "Lever A"}, labels="id")
    assert [t.get_text() for t in ranking.get_yticklabels()] == ["a", "b", "c"]
    margins = plotting.margin_waterfall(_margins(), names={"r1": "Reseller One"})
    assert "Reseller One" in [t.get_text() for t in margins.get_xticklabels()]
    margins = plotting.margin_waterfall(_margins(), names={"r1": "Reseller One"}, labels="id")
    assert "r1" in [t.get_text() for t in margins.get_xticklabels()]
