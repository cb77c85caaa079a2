"""Pins of ``mapping.coverage``: per-segment figures of a two-reseller net, the refusals
word for word and the frames without pandas.

``v`` supplies ``a`` (revenue 30) and ``b`` (10), both serving ``smb``; ``c`` (20) serves
``smb`` but nobody supplies it; ``ent`` has no partner. ``smb``: 2 partners, 2 routes,
revenue 40, HHI 0.75**2 + 0.25**2 = 0.625, 1 unrouted partner.
"""

from __future__ import annotations

import sys

import pytest

import channelvalue as cv
from channelvalue.errors import ChannelValueError, MissingDependencyError
from channelvalue.mapping import coverage


def two_resellers() -> cv.ChannelNetwork:
    net = cv.ChannelNetwork(steward="v")
    net.add_all(
        [
            cv.Organization("v", role="vendor"),
            cv.Organization("a", role="reseller", revenue=30.0),
            cv.Organization("b", role="reseller", revenue=10.0),
            cv.Organization("c", role="reseller", revenue=20.0),
            cv.Segment("smb"),
            cv.Segment("ent"),
            cv.Supplies("v", "a"),
            cv.Supplies("v", "b"),
            cv.Serves("a", "smb"),
            cv.Serves("b", "smb"),
            cv.Serves("c", "smb"),
        ]
    )
    return net


def test_segment_figures() -> None:
    cov = coverage(two_resellers())
    smb = cov.segment("smb")
    assert (smb.partners, smb.routes, smb.revenue, smb.unrouted) == (2, 2, 40.0, 1)
    assert smb.hhi == pytest.approx(0.625, abs=1e-15)
    assert smb.covered
    ent = cov.segment("ent")
    assert (ent.partners, ent.routes, ent.revenue, ent.hhi, ent.unrouted) == (0, 0, 0.0, None, 0)
    assert not ent.covered
    assert cov.uncovered == ("ent",)
    assert cov.partners_of("smb") == ("a", "b")


def test_matrix_frames() -> None:
    cov = coverage(two_resellers())
    rev = cov.matrix_frame()
    assert list(rev.columns) == ["a", "b"]
    assert rev.loc["smb"].tolist() == [30.0, 10.0]
    assert rev.loc["ent"].tolist() == [0.0, 0.0]
    assert cov.matrix_frame(value="routes").loc["smb"].tolist() == [1.0, 1.0]


def test_refusals_word_for_word() -> None:
    cov = coverage(two_resellers())
    with pytest.raises(ChannelValueError) as err:
        cov.segment("zz")
    assert str(err.value) == "Coverage.segment: unknown segment id 'zz'"
    with pytest.raises(ChannelValueError) as err:
        cov.matrix_frame(value="x")
    assert str(err.value) == (
        "Coverage.matrix_frame.value: got 'x' but expected one of 'revenue', 'routes'"
    )


@pytest.mark.parametrize("name", ["to_frame", "matrix_frame"])
def test_frames_without_pandas_name_the_call(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    cov = coverage(two_resellers())
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingDependencyError) as err:
        getattr(cov, name)()
    assert str(err.value) == (
        f"Coverage.{name}() needs the optional dependency 'pandas': "
        "pip install 'channelvalue[pandas]'"
    )
