"""Pins of ``mapping.removal``: losses of a small net, the refusals word for word and the
frame without pandas.

    v -> d -> r1 (5, serves smb);  v -> r2 (7, serves smb);  d -> r3 (11, serves ent)

Removing ``d`` loses r1's route and revenue in smb (2 routes -> 1, 12 -> 7) and cuts
``ent`` off (1 -> 0, 11 lost); r1 and r3 are stranded.
"""

from __future__ import annotations

import sys

import pytest

import channelvalue as cv
from channelvalue.errors import ChannelValueError, MissingDependencyError
from channelvalue.mapping import what_if_removed


def small() -> cv.ChannelNetwork:
    net = cv.ChannelNetwork(steward="v")
    net.add_all(
        [
            cv.Organization("v", role="vendor"),
            cv.Organization("d", role="distributor"),
            cv.Organization("r1", role="reseller", revenue=5.0),
            cv.Organization("r2", role="reseller", revenue=7.0),
            cv.Organization("r3", role="reseller", revenue=11.0),
            cv.Segment("ent"),
            cv.Segment("smb"),
            cv.Supplies("v", "d"),
            cv.Supplies("d", "r1"),
            cv.Supplies("v", "r2"),
            cv.Supplies("d", "r3"),
            cv.Serves("r1", "smb"),
            cv.Serves("r2", "smb"),
            cv.Serves("r3", "ent"),
        ]
    )
    return net


def test_losses_of_removing_the_distributor() -> None:
    impact = what_if_removed(small(), "d")
    rows = [
        (
            s.segment,
            s.routes_before,
            s.routes_after,
            s.partners_before,
            s.partners_after,
            s.revenue_before,
            s.revenue_after,
            s.revenue_lost,
        )
        for s in impact.segments
    ]
    assert rows == [
        ("ent", 1, 0, 1, 0, 11.0, 0.0, 11.0),
        ("smb", 2, 1, 2, 1, 12.0, 7.0, 5.0),
    ]
    assert impact.cut_off == ("ent",)
    assert impact.stranded == ("r1", "r3")
    assert (impact.revenue_lost, impact.routes_lost) == (16.0, 2)


def test_removing_a_leaf_strands_nobody() -> None:
    impact = what_if_removed(small(), "r2")
    assert impact.stranded == ()
    assert impact.cut_off == ()
    assert (impact.revenue_lost, impact.routes_lost) == (7.0, 1)


@pytest.mark.parametrize(
    ("org", "message"),
    [
        (
            "v",
            "what_if_removed.org_id: got 'v' but expected an organization other than the steward",
        ),
        ("zz", "what_if_removed.org_id: unknown organization id 'zz'"),
        (3, "what_if_removed.org_id: got 3 (int) but expected an organization id (str)"),
    ],
)
def test_refusals_word_for_word(org: object, message: str) -> None:
    with pytest.raises(ChannelValueError) as err:
        what_if_removed(small(), org)  # type: ignore[arg-type]
    assert str(err.value) == message


def test_frame_without_pandas_names_the_call(monkeypatch: pytest.MonkeyPatch) -> None:
    impact = what_if_removed(small(), "d")
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingDependencyError) as err:
        impact.to_frame()
    assert str(err.value) == (
        "RemovalImpact.to_frame() needs the optional dependency 'pandas': "
        "pip install 'channelvalue[pandas]'"
    )
