"""channel_map: member drawing for small networks, role patterns for large ones."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest
from matplotlib.collections import LineCollection, PathCollection

import channelvalue as cv
from channelvalue.mapping import route_patterns
from channelvalue.plotting import DETAIL_LIMIT, MAX_DETAIL, channel_map


def _markers(ax: object) -> int:
    return sum(len(c.get_offsets()) for c in ax.collections if isinstance(c, PathCollection))


def _lines(ax: object) -> list[LineCollection]:
    return [c for c in ax.collections if isinstance(c, LineCollection)]


def test_small_network_draws_every_member(example, render) -> None:
    ax = channel_map(example)
    render(ax, "map")
    assert ax.get_title() == "Channel map of Acme Networks channel: 60 organizations, 5 segments"
    assert _markers(ax) == 60 + 5  # one marker per organization and per segment
    supplies, serves = _lines(ax)
    assert len(supplies.get_segments()) == example.count_links("supplies")
    assert len(serves.get_segments()) == example.count_links("serves")
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "steward: Acme Networks" in labels
    assert "segment (5)" in labels
    assert "reseller (20)" in labels


def test_layers_put_the_steward_on_top_and_segments_at_the_bottom(example) -> None:
    ax = channel_map(example)
    points = [c.get_offsets() for c in ax.collections if isinstance(c, PathCollection)]
    *others, steward, segments = points  # roles, then the steward, then the segments
    assert steward[:, 1].tolist() == [0.0]
    assert len(segments) == 5
    assert all(p[:, 1].max() < 0 and p[:, 1].min() > segments[:, 1].max() for p in others)


def test_aggregated_map_is_the_role_pattern_tree(example, render) -> None:
    ax = channel_map(example, aggregate="patterns")
    render(ax, "map_patterns")
    overall = route_patterns(example).overall()
    assert ax.get_title() == (
        "Channel map of Acme Networks channel by role pattern: 60 organizations, 9 patterns"
    )
    prefixes = {">".join(r.pattern.split(">")[:k]) for r in overall for k in range(2, 99)}
    prefixes.discard("")
    # one marker per pattern prefix below the steward, the steward, and each segment
    assert _markers(ax) == len({p for p in prefixes if ">" in p}) + 1 + 5
    tree, last = _lines(ax)
    assert len(tree.get_segments()) == len({p for p in prefixes if ">" in p})
    assert len(last.get_segments()) == len(route_patterns(example).rows)


def test_large_network_is_aggregated_by_default(render) -> None:
    net = cv.datasets.synthetic(partners=400, seed=3)
    assert len(net.organizations) + len(net.segments) > DETAIL_LIMIT
    ax = channel_map(net)
    render(ax, "map_large")
    assert "(partners grouped by role)" in ax.get_title()
    assert _markers(ax) < 50  # groups, not partners


def test_draws_on_given_axes(example) -> None:
    _, (left, right) = plt.subplots(1, 2)
    assert channel_map(example, ax=right) is right
    assert not left.collections


def test_network_without_revenue_weights_lines_by_routes(render) -> None:
    net = cv.ChannelNetwork(steward="v", name="tiny")
    net.add_all(
        [
            cv.Organization("v", role="vendor"),
            cv.Organization("d", role="distributor"),
            cv.Organization("r", role="reseller"),
            cv.Segment("smb"),
            cv.Segment("lost"),
            cv.Supplies("v", "d"),
            cv.Supplies("d", "r"),
            cv.Serves("r", "smb"),
        ]
    )
    ax = channel_map(net, aggregate="patterns")
    render(ax, "tiny")
    assert any("line width: routes" in t.get_text() for t in ax.texts)
    detail = channel_map(net, aggregate=False)
    assert detail.get_title() == "Channel map of tiny: 3 organizations, 2 segments"


@pytest.mark.parametrize("bad", [1, "yes", 0.0, "pattern"])
def test_bad_aggregate_is_an_error(example, bad: object) -> None:
    with pytest.raises(cv.ValidationError, match=r"channel_map\.aggregate"):
        channel_map(example, aggregate=bad)  # type: ignore[arg-type]


def test_refuses_to_draw_too_many_members() -> None:
    net = cv.datasets.synthetic(partners=MAX_DETAIL, seed=1)
    with pytest.raises(cv.ValidationError, match="at most 2,000 are drawn one by one"):
        channel_map(net, aggregate=False)


def test_not_a_network_is_an_error() -> None:
    with pytest.raises(cv.WrongTypeError, match=r"channel_map\.net"):
        channel_map("example")  # type: ignore[arg-type]


def test_bad_axes_is_an_error(example) -> None:
    with pytest.raises(cv.WrongTypeError, match=r"channel_map\.ax"):
        channel_map(example, ax="left")  # type: ignore[arg-type]


def test_no_steward_is_an_error() -> None:
    net = cv.ChannelNetwork()
    net.add(cv.Organization("r", role="reseller"))
    with pytest.raises(cv.ChannelValueError):
        channel_map(net)


def test_supply_cycle_is_an_error() -> None:
    net = cv.ChannelNetwork(steward="v")
    net.add_all(
        [
            cv.Organization("v", role="vendor"),
            cv.Organization("a", role="distributor"),
            cv.Organization("b", role="distributor"),
            cv.Supplies("v", "a"),
            cv.Supplies("a", "b"),
            cv.Supplies("b", "a"),
        ]
    )
    for aggregate in (True, False, "patterns"):
        with pytest.raises(cv.CycleError):
            channel_map(net, aggregate=aggregate)


def test_steward_alone_draws_both_ways(render) -> None:
    net = cv.ChannelNetwork(steward="v", name="lonely")
    net.add_all([cv.Organization("v", role="vendor"), cv.Segment("smb")])
    detail = channel_map(net, aggregate=False)
    assert detail.get_title() == "Channel map of lonely: 1 organization, 1 segment"
    assert _markers(detail) == 2
    patterns = channel_map(net, aggregate="patterns")
    render(patterns, "lonely")
    assert (
        patterns.get_title() == "Channel map of lonely by role pattern: 1 organization, 0 patterns"
    )
    assert not _lines(patterns)
