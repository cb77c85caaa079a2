"""channel_map of a network whose route patterns were capped: the overflow bucket is left
out of the prefix tree and counted among the patterns not drawn."""

from __future__ import annotations

import matplotlib.pyplot as plt

from channelvalue.mapping import route_patterns
from channelvalue.plotting import channel_map

from ..mapping.test_complexity import layered


def test_capped_patterns_draw() -> None:
    net = layered(8)
    assert route_patterns(net).capped
    ax = channel_map(net, aggregate="patterns")
    assert "not drawn" in ax.get_title()
    plt.close(ax.figure)
