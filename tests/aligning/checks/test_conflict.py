"""conflict.overlap: fire, stay quiet, evidence by hand."""

from __future__ import annotations

import pytest

import channelvalue as cv
from channelvalue.aligning.checks.conflict import cell_axis


@pytest.fixture
def fires(reseller, network) -> cv.ChannelNetwork:
    # smb segment of 1000 customers over 2 regions x 1 vertical: 500 per cell; at 500
    # customers per partner (smb) a cell supports max(1, 500 / 500) = 1 partner
    seg = cv.Segment("s", size=1000, band="smb", regions=["n", "south"], verticals=["x"])
    crowd = [reseller(f"p{i}", 10, regions=["n"], verticals=["x"]) for i in range(3)]
    return network(
        seg,
        *crowd,
        reseller("q", 10, regions=["south"], verticals=["x"]),
        *[cv.Serves(p.id, "s") for p in crowd],
        cv.Serves("q", "s"),
        cv.Serves("v", "s", revenue=50.0),
        regions=["south"],
        verticals=["x"],
    )


def test_cell_axis() -> None:
    assert cell_axis(("a", "b"), ("b", "c")) == ("b",)
    assert cell_axis((), ("b", "c")) == ("b", "c")
    assert cell_axis(("a",), ()) == ("a",)
    assert cell_axis(("a",), ("b",)) == ("a",)
    assert cell_axis((), ()) == ("*",)


def test_fires_with_hand_checked_evidence(run, fires: cv.ChannelNetwork) -> None:
    found = run("conflict.overlap", fires)
    crowded, direct = found
    # 3 partners in (s, n, x) where 1 is supported: excess 2; 3 > 2 x 1: an error
    assert crowded.severity is cv.Severity.ERROR
    assert crowded.subjects == ("s", "p0", "p1", "p2")
    assert dict(crowded.evidence) == {
        "partners": 3.0,
        "supported": 1.0,
        "size_per_cell": 500.0,
        "excess": 2.0,
        "customers_per_partner": 500.0,
    }
    assert "n / x" in crowded.message
    # the steward serves (s, south, x) where q also sells
    assert direct.severity is cv.Severity.WARNING
    assert direct.subjects == ("v", "s", "q")
    assert dict(direct.evidence) == {"partners": 1.0, "direct_revenue": 50.0}


def test_band_capacity_is_configurable(run, fires: cv.ChannelNetwork) -> None:
    found = run("conflict.overlap", fires, customers_per_partner={"smb": 100})
    # 500 / 100 = 5 partners supported: no crowding, only the direct sale remains
    assert [f.subjects[0] for f in found] == ["v"]


def test_warning_when_less_than_twice_over(reseller, run, network) -> None:
    seg = cv.Segment("s", size=2000)  # no band: default 500 -> supports 4
    ps = [reseller(f"p{i}") for i in range(6)]
    found = run("conflict.overlap", network(seg, *ps, *[cv.Serves(p.id, "s") for p in ps]))
    [f] = found
    assert f.severity is cv.Severity.WARNING  # 6 > 4 but not > 8
    assert f.evidence["excess"] == 2.0
    assert "any region / any vertical" in f.message


def test_subjects_are_capped(reseller, network, run) -> None:
    seg = cv.Segment("s", size=10)
    ps = [reseller(f"p{i:02d}") for i in range(30)]
    net = network(seg, *ps, *[cv.Serves(p.id, "s") for p in ps])
    [f] = run("conflict.overlap", net, max_subjects=5)
    assert f.subjects == ("s", "p00", "p01", "p02", "p03", "p04")
    assert f.evidence["partners"] == 30.0


def test_quiet(network, reseller, run) -> None:
    seg = cv.Segment("s", size=1000, band="smb", regions=["n", "south"])
    net = network(
        seg,
        reseller("a", regions=["n"]),
        reseller("b", regions=["south"]),
        cv.Serves("a", "s"),
        cv.Serves("b", "s"),
    )
    assert run("conflict.overlap", net) == []
    assert run("conflict.overlap", network()) == []


def test_partners_with_no_regions_sit_in_every_region_of_the_segment(
    network, reseller, run
) -> None:
    # 1000 customers over 2 regions: 500 per cell, smb capacity 500 -> 1 partner per cell;
    # a and b list no region, so each sits in both cells: 2 > 1 (not > 2) -> 2 warnings
    seg = cv.Segment("s", size=1000, band="smb", regions=["n", "south"])
    net = network(seg, reseller("a"), reseller("b"), cv.Serves("a", "s"), cv.Serves("b", "s"))
    found = run("conflict.overlap", net)
    assert [(f.severity.value, f.subjects) for f in found] == [
        ("warning", ("s", "a", "b")),
        ("warning", ("s", "a", "b")),
    ]
    assert [f.message.split(", which")[0] for f in found] == [
        "2 partners compete for s in n / any vertical",
        "2 partners compete for s in south / any vertical",
    ]


def test_partners_with_no_verticals_sit_in_every_vertical_of_the_segment(
    network, reseller, run
) -> None:
    seg = cv.Segment("s", size=1000, band="smb", verticals=["health", "retail"])
    net = network(seg, reseller("a"), reseller("b"), cv.Serves("a", "s"), cv.Serves("b", "s"))
    assert [f.message.split(", which")[0] for f in run("conflict.overlap", net)] == [
        "2 partners compete for s in any region / health",
        "2 partners compete for s in any region / retail",
    ]


def test_direct_sale_beside_several_partners_says_partners(network, reseller, run) -> None:
    seg = cv.Segment("s", size=10_000)  # supports 20 partners: no crowding
    net = network(
        seg,
        reseller("a"),
        reseller("b"),
        cv.Serves("a", "s"),
        cv.Serves("b", "s"),
        cv.Serves("v", "s", revenue=5.0),
    )
    [f] = run("conflict.overlap", net)
    assert f.subjects == ("v", "s", "a", "b")
    assert f.message.startswith(
        "v (the steward's own) sells direct to s in any region / any vertical beside "
        "2 partners: agree rules of engagement"
    )
