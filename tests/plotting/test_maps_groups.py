"""channel_map by group and channel_detail: the top distributors named, the rest grouped;
a readable detail at 2,000 partners."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue.plotting import channel_detail, channel_map
from channelvalue.plotting.maps import _grouped
from channelvalue.testing import strategies

from ._layout import clipped_texts, overlapping_labels


def _distributors(n: int = 20) -> cv.ChannelNetwork:
    """`n` distributors (revenue through them grows with their number), 3 resellers each."""
    net = cv.ChannelNetwork(steward="v", name="many distributors")
    items: list[object] = [cv.Organization("v", role="vendor", name="Vendor"), cv.Segment("smb")]
    for d in range(n):
        items += [
            cv.Organization(f"d{d:02}", role="distributor", name=f"Distributor {d:02}"),
            cv.Supplies("v", f"d{d:02}"),
        ]
        for r in range(3):
            rid = f"r{d:02}-{r}"
            items += [
                cv.Organization(rid, role="reseller", name=f"Reseller {d:02}-{r}"),
                cv.Supplies(f"d{d:02}", rid),
                cv.Serves(rid, "smb", revenue=float(d + 1)),
            ]
    net.add_all(items)  # type: ignore[arg-type]
    return net


def test_top_distributors_are_named_and_the_rest_grouped() -> None:
    ax = channel_map(_distributors(), aggregate=True, top=8)
    texts = {t.get_text() for t in ax.texts}
    named = {f"Distributor {d:02}" for d in range(12, 20)}  # the 8 with most revenue
    assert named <= texts
    assert "Distributor 11" not in texts
    assert "+12 more distributors" in texts
    assert "60 resellers" in texts
    assert overlapping_labels(ax) == []
    assert clipped_texts(ax.figure) == []


def test_top_zero_groups_every_distributor() -> None:
    texts = {t.get_text() for t in channel_map(_distributors(), aggregate=True, top=0).texts}
    assert "20 distributors" in texts
    assert not any(t.startswith("Distributor ") for t in texts)


@pytest.mark.parametrize("bad", [-1, 1.5, True, "8"])
def test_bad_top_is_an_error(bad: object) -> None:
    with pytest.raises(cv.ValidationError, match=r"channel_map\.top"):
        channel_map(_distributors(3), aggregate=True, top=bad)  # type: ignore[arg-type]
    with pytest.raises(cv.ValidationError, match=r"channel_detail\.top"):
        channel_detail(_distributors(3), top=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [0, -1, 2.0, False])
def test_bad_per_role_is_an_error(bad: object) -> None:
    with pytest.raises(cv.ValidationError, match=r"channel_detail\.per_role"):
        channel_detail(_distributors(3), per_role=bad)  # type: ignore[arg-type]


def test_detail_of_two_thousand_partners_stays_readable() -> None:
    net = cv.datasets.synthetic(2_000, seed=7)
    ax = channel_detail(net, per_role=4)
    labels = [t.get_text() for t in ax.texts]
    roles = {o.role for o in net.organizations.values()} - {net.steward.role}
    # named partners: at most per_role per role and layer, one tail each, the segments
    assert len(labels) <= 4 + len(roles) * 2 * (4 + 1) + len(net.segments) + 2
    tails = [t for t in labels if t.startswith("+")]
    assert tails
    # every partner is counted once: named ones plus those in the tails
    named = sum(1 for t in labels if t in {o.label for o in net.organizations.values()})
    tail_total = sum(int(t.split()[0][1:].replace(",", "")) for t in tails)
    assert named + tail_total == len(net.organizations)
    assert overlapping_labels(ax) == []
    assert clipped_texts(ax.figure) == []
    markers = sum(len(c.get_offsets()) for c in ax.collections if hasattr(c, "get_sizes"))
    assert markers < 80  # not a hairball of 2,000 nodes
    assert np.isfinite([ax.get_xlim(), ax.get_ylim()]).all()


def test_detail_labels_by_id() -> None:
    texts = {t.get_text() for t in channel_detail(_distributors(4), labels="id").texts}
    assert {"v", "d03", "r03-2", "smb"} <= texts


@settings(max_examples=25)
@given(
    net=strategies.networks(max_organizations=12, max_segments=3, plan=False),
    top=st.sampled_from([None, 0, 1, 3]),
    per_role=st.sampled_from([None, 1, 2]),
)
def test_every_organization_is_in_exactly_one_node(
    net: cv.ChannelNetwork, top: int | None, per_role: int | None
) -> None:
    graph = _grouped(net, top=top, per_role=per_role)
    assert sum(graph.count) == len(net.organizations)
    assert (graph.node_of >= 0).all()
    sizes = np.bincount(graph.node_of, minlength=len(graph.org))
    assert sizes.tolist() == graph.count
    assert all(c >= 2 for o, c in zip(graph.org, graph.count, strict=True) if o < 0)
    src, dst, weight = graph.supply
    assert (src != dst).all()  # no line from a group to itself
    assert (weight >= 0).all()


NAMES = st.sampled_from(["Acme", "Northbridge Distribution", "R", ""])


@settings(max_examples=5)
@given(net=strategies.networks(max_organizations=8, max_segments=3, plan=False, names=NAMES))
def test_any_network_draws_both_ways(net: cv.ChannelNetwork) -> None:
    import matplotlib.pyplot as plt

    for ax in (channel_map(net, aggregate=True), channel_detail(net)):
        assert overlapping_labels(ax) == []
        plt.close(ax.figure)
