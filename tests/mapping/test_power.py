"""`power_map`: the five-partner dependence matrix worked by hand, and its edge cases.

The network (the guide's, docs/guides/power.md)::

    v supplies a, b, c, d, e          smb: regions north, south   ent: north   public: none
    a  north  serves smb 60, ent 100  share 0.80  ease 0.25  -> D_p = 0.8 * 0.75 = 0.60
    b  north  serves smb 40           share 0.80  ease 0.25  -> D_p = 0.60
    c  south  serves smb 50           share 0.10  ease 0.80  -> D_p = 0.1 * 0.2  = 0.02
    d  south  serves smb 50           share 0.90  ease ?     -> D_p = 0.90 (unknown ease: 0)
    e  north  serves public 200       share 0.05  ease 0.90  -> D_p = 0.05 * 0.1 = 0.005

Cells (segment x region): smb/north {a 60, b 40} = 100, smb/south {c 50, d 50} = 100,
ent/north {a 100} = 100, public/north {e 200} = 200 (public lists no region: e's own).

Steward's dependence `sum_c r/(1 + alternatives) / sum_c R`:
a (60/2 + 100/1) / 200 = 0.65; b 40/2/100 = 0.20; c, d 50/2/100 = 0.25; e 200/200 = 1.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import attrs
import numpy as np
import pytest

import channelvalue as cv
from channelvalue.mapping import PowerMap, PowerRow, power_map
from channelvalue.testing import network_items


def five_partners() -> cv.ChannelNetwork:
    net = cv.ChannelNetwork(steward="v", name="five partners")
    org = cv.Organization
    net.add_all(
        [
            org("v", role="vendor"),
            org("a", role="reseller", regions=["north"], steward_share=0.8, switching_ease=0.25),
            org("b", role="reseller", regions=["north"], steward_share=0.8, switching_ease=0.25),
            org("c", role="reseller", regions=["south"], steward_share=0.1, switching_ease=0.8),
            org("d", role="msp", regions=["south"], steward_share=0.9),
            org("e", role="system_integrator", regions=["north"], steward_share=0.05,
                switching_ease=0.9),
            cv.Segment("smb", regions=["north", "south"]),
            cv.Segment("ent", regions=["north"]),
            cv.Segment("public"),
            *[cv.Supplies("v", p) for p in "abcde"],
            cv.Serves("a", "smb", revenue=60.0),
            cv.Serves("a", "ent", revenue=100.0),
            cv.Serves("b", "smb", revenue=40.0),
            cv.Serves("c", "smb", revenue=50.0),
            cv.Serves("d", "smb", revenue=50.0),
            cv.Serves("e", "public", revenue=200.0),
        ]
    )  # fmt: skip
    return net


def example_without_shares() -> cv.ChannelNetwork:
    """The bundled example with every `steward_share` and `switching_ease` cleared."""
    example = cv.datasets.example()
    net = cv.ChannelNetwork(steward=example.steward_id, name="example without shares")
    net.add_all(
        attrs.evolve(i, steward_share=None, switching_ease=None)
        if isinstance(i, cv.Organization)
        else i
        for i in network_items(example)
    )
    return net


# partner: (D_p, D_s, balance, interdependence, revenue, cell revenue, cells, sole, alts)
HAND = {
    "a": (0.60, 0.65, -0.05, 1.25, 160.0, 200.0, 2, 1, 0),
    "b": (0.60, 0.20, 0.40, 0.80, 40.0, 100.0, 1, 0, 1),
    "c": (0.02, 0.25, -0.23, 0.27, 50.0, 100.0, 1, 0, 1),
    "d": (0.90, 0.25, 0.65, 1.15, 50.0, 100.0, 1, 0, 1),
    "e": (0.005, 1.00, -0.995, 1.005, 200.0, 200.0, 1, 1, 0),
}


def test_the_five_partner_matrix_matches_the_hand_figures() -> None:
    pm = power_map(five_partners())
    assert pm.partners == ("a", "b", "c", "d", "e")
    got = pm.to_frame().set_index("partner")
    for p, (dp, ds, bal, tot, rev, cell, cells, sole, alts) in HAND.items():
        row = got.loc[p]
        assert row["partner_dependence"] == pytest.approx(dp)
        assert row["steward_dependence"] == pytest.approx(ds)
        assert row["balance"] == pytest.approx(bal)
        assert row["interdependence"] == pytest.approx(tot)
        assert (row["revenue"], row["cell_revenue"]) == (rev, cell)
        assert (row["cells"], row["sole_cells"], row["alternatives"]) == (cells, sole, alts)
    assert pm.row("a").sole_revenue == 100.0
    assert pm.row("e").sole_revenue == 200.0
    assert [r.partner for r in pm if r.holds_power] == ["a", "c", "e"]
    assert pm.row("d").switching_ease is None
    assert pm.row("d").steward_share == 0.9


def test_rows_top_and_renderings() -> None:
    pm = power_map(five_partners())
    assert [r.partner for r in pm.top(3)] == ["e", "a", "c"]  # revenue, then id
    assert isinstance(pm.row("e"), PowerRow)
    assert len(pm) == 5
    assert repr(pm) == (
        "PowerMap(steward='v', partners=5, shares_known=5, partners_holding_power=3)"
    )
    assert pm.top(0) == ()
    page = pm._repr_html_()
    assert page.count("<tr>") == 6
    assert "more partners" not in page
    with pytest.raises(cv.UnknownIdError):
        pm.row("v")  # the steward is not its own partner
    with pytest.raises(cv.UnknownIdError):
        pm.row(3)  # type: ignore[arg-type]


def test_html_is_bounded() -> None:
    net = cv.ChannelNetwork(steward="v")
    net.add_all([cv.Organization("v", role="vendor"), cv.Segment("s")])
    net.add_all(cv.Organization(f"p{i:02d}", role="reseller") for i in range(30))
    net.add_all(cv.Supplies("v", f"p{i:02d}") for i in range(30))
    net.add_all(cv.Serves(f"p{i:02d}", "s", revenue=float(i)) for i in range(30))
    page = power_map(net)._repr_html_()
    assert page.count("<tr>") == 21
    assert "10 more partners" in page
    assert power_map(net).row("p29").alternatives == 29


def test_unknown_shares_unrouted_and_owned_partners() -> None:
    net = five_partners()
    net.add_all(
        [
            cv.Organization("own", role="reseller", owned=True, regions=["north"]),
            cv.Organization("off", role="reseller", regions=["north"], steward_share=0.5),
            cv.Organization("dist", role="distributor", steward_share=0.3),
            cv.Supplies("v", "own"),
            cv.Supplies("v", "dist"),
            cv.Serves("own", "ent", revenue=100.0),
            cv.Serves("off", "ent", revenue=50.0),  # no route from v: not the steward's
        ]
    )
    pm = power_map(net)
    assert "own" not in pm.partners
    assert "v" not in pm.partners
    # the owned unit adds to ent/north's revenue but is no alternative: a 60/2 + 100 of 300
    assert pm.row("a").steward_dependence == pytest.approx(130 / 300)
    assert pm.row("a").alternatives == 0
    off = pm.row("off")
    assert (off.revenue, off.cells, off.steward_dependence, off.alternatives) == (0, 0, 0, None)
    assert pm.row("dist").cells == 0
    assert pm.row("dist").partner_dependence == 0.3


def test_a_network_without_shares_is_not_assessed() -> None:
    pm = power_map(example_without_shares())
    assert not pm.assessed
    assert np.isnan(pm.partner_dependence).all()
    assert np.isnan(pm.balance).all()
    row = pm.top(1)[0]
    assert row.partner_dependence is None
    assert row.balance is None
    assert not row.holds_power


def test_the_example_knows_five_shares() -> None:
    pm = power_map(cv.datasets.example())
    assert pm.assessed
    known = pm.to_frame().dropna(subset=["partner_dependence"])
    assert sorted(known["partner"]) == ["res-07", "res-12", "ret-48", "sys-32", "sys-gov"]
    assert pm.row("res-12").partner_dependence == pytest.approx(0.85 * 0.9)
    assert pm.row("ret-48").partner_dependence == pytest.approx(0.95)  # unknown ease: 0
    assert pm.row("res-01").partner_dependence is None


def test_zero_revenue_and_no_links() -> None:
    net = cv.ChannelNetwork(steward="v")
    net.add_all(
        [
            cv.Organization("v", role="vendor"),
            cv.Organization("a", role="reseller", steward_share=1.0, switching_ease=1.0),
            cv.Segment("s"),
            cv.Supplies("v", "a"),
            cv.Serves("a", "s", revenue=0.0),
        ]
    )
    row = power_map(net).row("a")
    assert (row.partner_dependence, row.steward_dependence, row.cells) == (0.0, 0.0, 1)
    empty = cv.ChannelNetwork(steward="v")
    empty.add(cv.Organization("v", role="vendor"))
    pm = power_map(empty)
    assert pm.partners == ()
    assert len(pm.to_frame()) == 0
    assert pm.top() == ()


def test_errors() -> None:
    with pytest.raises(cv.UnknownIdError):
        power_map(cv.ChannelNetwork())
    net = five_partners()
    net.add(cv.Supplies("a", "v"))
    with pytest.raises(cv.CycleError):
        power_map(net)


def test_result_is_frozen_and_compares() -> None:
    pm = power_map(five_partners())
    assert pm == power_map(five_partners())
    with pytest.raises(AttributeError):
        pm.steward = "x"  # type: ignore[misc]
    with pytest.raises(ValueError, match="read-only"):
        pm.revenue[0] = 1.0
    assert isinstance(pm, PowerMap)


def test_the_fields_round_trip_through_json_and_frames() -> None:
    net = five_partners()
    assert cv.io.loads(cv.io.dumps(net)) == net
    frames = cv.io.to_frames(net)
    orgs = frames["organizations"].set_index("id")
    assert orgs.loc["a", "steward_share"] == 0.8
    assert math.isnan(orgs.loc["d", "switching_ease"])
    assert cv.io.from_frames(**frames) == net
    bare = example_without_shares()
    plain = cv.io.to_frames(bare)["organizations"]
    assert "steward_share" not in plain.columns  # only written when some row has it
    assert '"steward_share"' not in cv.io.dumps(bare)
    example = cv.io.to_frames(cv.datasets.example())["organizations"].set_index("id")
    assert example["steward_share"].notna().sum() == 5
    assert example.loc["res-12", "steward_share"] == 0.85
    assert math.isnan(example.loc["ret-48", "switching_ease"])


def test_bad_values_are_refused() -> None:
    with pytest.raises(cv.ValidationError, match=r"Organization.steward_share: got 1.5"):
        cv.Organization("x", role="reseller", steward_share=1.5)
    with pytest.raises(cv.ValidationError, match="switching_ease"):
        cv.Organization("x", role="reseller", switching_ease=float("nan"))
    frames = cv.io.to_frames(five_partners())
    frames["organizations"].loc[0, "steward_share"] = 2.0
    with pytest.raises(cv.DocumentError, match=r"steward_share': got 2\.0"):
        cv.io.from_frames(**frames)


GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guides" / "power.md"


def test_power_guide_examples(run_doc_examples: Callable[..., None]) -> None:
    run_doc_examples(GUIDE, at_least=15)
