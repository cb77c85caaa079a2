"""A negative zero keeps its sign through every format (issue 14: JSON lost it, because a
field equal to its `0.0` default is left out of a document)."""

from __future__ import annotations

import math
import tempfile

from hypothesis import given
from hypothesis import strategies as st

import channelvalue as cv


def _net(revenue: float, velocity: float) -> cv.ChannelNetwork:
    net = cv.ChannelNetwork(steward="v")
    net.add_all(
        [
            cv.Organization("v", role="vendor"),
            cv.Organization("r", role="reseller", revenue=revenue, velocity=velocity),
            cv.Supplies("v", "r"),
        ]
    )
    return net


def _signs(net: cv.ChannelNetwork) -> tuple[float, float]:
    r = net.organizations["r"]
    return math.copysign(1.0, r.revenue), math.copysign(1.0, r.velocity)


def test_json_writes_a_negative_zero_and_reads_it_back() -> None:
    net = _net(-0.0, -0.0)
    text = cv.io.dumps(net)
    assert '"revenue": -0.0' in text
    assert _signs(cv.io.loads(text)) == (-1.0, -1.0)
    # a positive zero is still left out, as every default is
    assert '"revenue"' not in cv.io.dumps(_net(0.0, 0.0))


@given(
    st.sampled_from([0.0, -0.0, 1.5, -2.0]),
    st.sampled_from([0.0, -0.0, 0.25, -0.5]),
)
def test_every_format_keeps_the_sign(revenue: float, velocity: float) -> None:
    net = _net(abs(revenue) if revenue else revenue, velocity)
    expected = _signs(net)
    assert _signs(cv.io.loads(cv.io.dumps(net))) == expected
    assert _signs(cv.io.from_networkx(cv.io.to_networkx(net))) == expected
    assert _signs(cv.io.from_frames(**cv.io.to_frames(net))) == expected
    with tempfile.TemporaryDirectory() as folder:
        cv.io.write_csv(net, folder)
        assert _signs(cv.io.read_csv(folder)) == expected
