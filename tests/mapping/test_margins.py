"""Margin build-up along each route: the model, the algorithm (a three-level route worked to
the cent), the JSON and frame round trips, and the Margins guide."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue.errors import UnknownIdError, ValidationError, WrongTypeError
from channelvalue.mapping import MarginBuildUp, margin_build_up, route_margins
from channelvalue.model import PRICE_TOLERANCE, PriceLevel, RoutePricing
from channelvalue.testing import strategies as cvst

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guides" / "margins.md"


def _pricing(**kw: object) -> RoutePricing:
    args: dict[str, object] = {
        "steward": "acme",
        "segment": "smb",
        "list_price": 100,
        "target_price": 80,
        "levels": [
            PriceLevel("dist-north", buy=60, sell=66, back_end=1.5),
            PriceLevel("res-07", buy=66, sell=85, rebate=2),
        ],
    }
    args.update(kw)
    return RoutePricing("rt-smb-north", **args)  # type: ignore[arg-type]


def _bare() -> cv.ChannelNetwork:
    """The bundled example without its route pricing ("price-smb-north")."""
    net = cv.datasets.example()
    net.remove("price-smb-north")
    return net


def _net(*pricings: RoutePricing) -> cv.ChannelNetwork:
    net = _bare()
    net.add_all(list(pricings or [_pricing()]))
    return net


# ---------------------------------------------------------------------- the model
def test_a_level_margin_adds_rebates_and_back_end() -> None:
    lv = PriceLevel("r", buy=66, sell=85, rebate=2, back_end=0.25)
    assert (lv.front_margin, lv.margin) == (19.0, 21.25)


def test_prices_must_add_up_along_the_route() -> None:
    with pytest.raises(ValidationError) as info:
        _pricing(
            levels=[
                PriceLevel("dist-north", buy=60, sell=66),
                PriceLevel("res-07", buy=65, sell=85),
            ]
        )
    text = str(info.value)
    assert "rt-smb-north" in text
    assert "levels[1].buy" in text
    assert "'dist-north'" in text
    assert "'res-07'" in text
    assert "65.0" in text
    assert "66.0" in text
    assert isinstance(info.value, cv.ChannelValueError)


def test_a_cent_of_rounding_is_tolerated() -> None:
    assert PRICE_TOLERANCE == 0.01
    p = _pricing(
        levels=[PriceLevel("d", buy=60, sell=66.004), PriceLevel("r", buy=65.995, sell=85)]
    )
    assert p.route == ("acme", "d", "r")
    with pytest.raises(ValidationError):
        _pricing(levels=[PriceLevel("d", buy=60, sell=66), PriceLevel("r", buy=66.02, sell=85)])


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"list_price": -1}, "RoutePricing.list_price"),
        ({"list_price": math.nan}, "RoutePricing.list_price"),
        ({"target_price": math.inf}, "RoutePricing.target_price"),
        ({"levels": []}, "RoutePricing.levels"),
        ({"levels": "x"}, "RoutePricing.levels"),
        ({"levels": [1]}, "RoutePricing.levels[0]"),
        ({"levels": [{"member": "d", "buy": -1, "sell": 2}]}, "RoutePricing.levels[0].buy"),
        ({"levels": [{"member": "d", "cost": 1}]}, "RoutePricing.levels[0]"),
        ({"steward": ""}, "RoutePricing.steward"),
        ({"segment": ""}, "RoutePricing.segment"),
    ],
)
def test_bad_fields_are_named(kw: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError, match=field.replace("[", r"\[").replace("]", r"\]")):
        _pricing(**kw)


def test_a_member_twice_or_the_steward_as_a_level_is_refused() -> None:
    with pytest.raises(ValidationError, match="each member once"):
        _pricing(levels=[PriceLevel("acme", buy=1, sell=2)])
    with pytest.raises(ValidationError, match=r"levels\[1\].member"):
        _pricing(levels=[PriceLevel("d", buy=1, sell=2), PriceLevel("d", buy=2, sell=3)])


def test_negative_front_margins_are_allowed() -> None:
    p = _pricing(levels=[PriceLevel("d", buy=60, sell=58, rebate=3)], list_price=58)
    assert route_margins(p).margins == (1.0,)


# ---------------------------------------------------------------------- the algorithm
def test_three_level_route_to_the_cent() -> None:
    r = margin_build_up(_net())["rt-smb-north"]
    assert r.members == ("dist-north", "res-07")
    assert r.margins == (7.5, 21.0)
    assert r.channel_margin == 28.5
    assert r.steward_net == 56.5
    assert r.end_price == 85.0
    assert r.steward_net + r.channel_margin == r.end_price
    assert [round(s, 6) for s in r.shares] == [round(7.5 / 28.5, 6), round(21 / 28.5, 6)]
    assert [round(p, 6) for p in r.percents] == [round(7.5 / 66, 6), round(21 / 85, 6)]
    # efficiency template of smb: dist-north 0.445, res-07 0.2175, rescaled over the route
    assert [round(n, 6) for n in r.normative] == [
        round(0.445 / 0.6625, 6),
        round(0.2175 / 0.6625, 6),
    ]
    assert math.isclose(sum(r.normative), 1.0)
    assert r.waterfall() == (
        ("list price", 100.0),
        ("customer discount", -15.0),
        ("dist-north", -7.5),
        ("res-07", -21.0),
        ("acme net", 56.5),
    )


def test_the_frame_has_one_row_per_level() -> None:
    frame = margin_build_up(_net()).to_frame()
    assert frame["member"].tolist() == ["dist-north", "res-07"]
    assert frame["level"].tolist() == [1, 2]
    assert frame["discount"].round(4).tolist() == [0.4, 0.34]
    assert frame["channel_margin"].tolist() == [28.5, 28.5]
    assert frame["steward_net"].tolist() == [56.5, 56.5]
    assert (frame["share_gap"].round(6) == (frame["share"] - frame["normative"]).round(6)).all()
    assert margin_build_up(_bare()).to_frame().shape == (0, len(frame.columns))


def test_without_a_flow_table_the_normative_columns_are_empty() -> None:
    net = _net(_pricing(segment=None))
    r = margin_build_up(net)["rt-smb-north"]
    assert all(math.isnan(n) for n in r.normative)
    assert all(math.isnan(g) for g in r.share_gaps)
    net2 = _net(_pricing(segment="public"))
    assert all(math.isnan(n) for n in margin_build_up(net2)["rt-smb-north"].normative)


def test_members_outside_the_template_get_a_normative_share_of_zero() -> None:
    p = _pricing(
        levels=[PriceLevel("dist-north", buy=60, sell=66), PriceLevel("res-01", buy=66, sell=85)]
    )
    r = margin_build_up(_net(p))["rt-smb-north"]
    assert r.normative == (1.0, 0.0)


def test_zero_margins_and_prices_give_nan_not_errors() -> None:
    p = RoutePricing("z", steward="v", list_price=0, levels=[PriceLevel("r", buy=0, sell=0)])
    r = route_margins(p)
    assert r.channel_margin == 0.0
    assert math.isnan(r.shares[0])
    assert math.isnan(r.percents[0])
    assert math.isnan(MarginBuildUp.of([r]).to_frame().loc[0, "discount"])


def test_routes_selects_and_unknown_ids_are_refused() -> None:
    other = RoutePricing(
        "rt-2", steward="acme", list_price=10, levels=[PriceLevel("dist-south", buy=5, sell=9)]
    )
    net = _net(_pricing(), other)
    assert list(margin_build_up(net).routes) == ["rt-2", "rt-smb-north"]
    assert list(margin_build_up(net, routes=["rt-2"]).routes) == ["rt-2"]
    with pytest.raises(UnknownIdError, match="nope"):
        margin_build_up(net, routes=["nope"])
    with pytest.raises(WrongTypeError):
        margin_build_up(net, routes="rt-2")
    with pytest.raises(UnknownIdError):
        margin_build_up(net)["nope"]
    with pytest.raises(WrongTypeError):
        route_margins("rt-2")  # type: ignore[arg-type]


def test_repr_and_bounded_html() -> None:
    pricings = [
        RoutePricing(
            f"rt-{i:02d}",
            steward="acme",
            list_price=10,
            levels=[PriceLevel("res-01", buy=5, sell=9)],
        )
        for i in range(30)
    ]
    b = margin_build_up(_net(*pricings))
    assert repr(b) == "MarginBuildUp(routes=30, levels=30)"
    html = b._repr_html_()
    assert html.count("<tr>") == 21
    assert "10 more rows" in html
    assert "RouteMargins('rt-00'" in repr(b["rt-00"])
    assert b["rt-00"].to_frame().shape[0] == 1


# ---------------------------------------------------------------------- the network and io
def test_the_network_checks_references_and_cascades() -> None:
    net = _bare()
    with pytest.raises(cv.ChannelValueError, match="nobody"):
        net.add(_pricing(levels=[PriceLevel("nobody", buy=1, sell=2)]))
    with pytest.raises(cv.ChannelValueError, match="nowhere"):
        net.add(_pricing(segment="nowhere"))
    net.add(_pricing())
    with pytest.raises(cv.DuplicateIdError):
        net.add(_pricing())
    with pytest.raises(cv.DuplicateIdError):
        net.add(_pricing(levels=[PriceLevel("res-01", buy=1, sell=2)]))
    assert net.counts()["route_pricing"] == 1
    net.remove("res-07", cascade=True)
    assert not net.registry("route_pricing")
    net = _net()
    net.remove("rt-smb-north")
    assert not net.registry("route_pricing")


def test_json_and_frames_round_trip() -> None:
    other = RoutePricing(
        "rt-2", steward="acme", list_price=10, levels=[PriceLevel("dist-south", buy=5, sell=9)]
    )
    net = _net(_pricing(), other)
    doc = cv.io.document(net)
    assert [p["id"] for p in doc["plan"]["route_pricing"]] == ["rt-2", "rt-smb-north"]
    assert cv.io.loads(cv.io.dumps(net)) == net
    frames = cv.io.to_frames(net)
    assert frames["route_pricing"]["id"].tolist() == ["rt-2", "rt-smb-north", "rt-smb-north"]
    assert cv.io.from_frames(**frames) == net
    assert cv.io.from_networkx(cv.io.to_networkx(net)) == net


def test_an_empty_section_is_left_out_of_documents() -> None:
    assert "route_pricing" in cv.io.document(cv.datasets.example())["plan"]
    assert "route_pricing" not in cv.io.document(_bare())["plan"]
    assert "route_pricing" in cv.io.to_frames(_bare())


def test_a_bad_document_names_the_path() -> None:
    doc = cv.io.document(_net())
    doc["plan"]["route_pricing"][0]["levels"][1]["buy"] = 65
    with pytest.raises(cv.DocumentError, match=r"route_pricing\[0\].*levels\[1\].buy"):
        cv.io.network_from_document(doc)


def test_frames_problems_are_located() -> None:
    frames = cv.io.to_frames(_net())
    bad = frames["route_pricing"].copy()
    bad.loc[1, "buy"] = 65.0
    with pytest.raises(cv.DocumentError, match="route_pricing row 0"):
        cv.io.from_frames(**{**frames, "route_pricing": bad})
    bad = frames["route_pricing"].copy()
    bad.loc[1, "list_price"] = 90.0
    with pytest.raises(cv.DocumentError, match="list_price"):
        cv.io.from_frames(**{**frames, "route_pricing": bad})
    bad = frames["route_pricing"].copy()
    bad["sell"] = bad["sell"].astype(object)
    bad.loc[0, "sell"] = None
    with pytest.raises(cv.DocumentError, match="sell"):
        cv.io.from_frames(**{**frames, "route_pricing": bad})
    bad = frames["route_pricing"].copy()
    bad["steward"] = None
    with pytest.raises(cv.DocumentError, match="steward"):
        cv.io.from_frames(**{**frames, "route_pricing": bad})


def test_later_rows_may_leave_the_route_columns_empty() -> None:
    frames = cv.io.to_frames(_net())
    lean = frames["route_pricing"].copy()
    for col in ("steward", "segment"):
        lean[col] = lean[col].astype(object)
        lean.loc[1, col] = None
    for col in ("list_price", "target_price"):
        lean.loc[1, col] = math.nan
    assert cv.io.from_frames(**{**frames, "route_pricing": lean}) == _net()


@settings(max_examples=30, database=None, deadline=None)
@given(cvst.route_pricings(), st.data())
def test_strategy_pricings_round_trip(p: RoutePricing, data: st.DataObject) -> None:
    net = cv.ChannelNetwork(steward=p.steward)
    net.add_all(
        [cv.Organization(m, role="vendor" if m == p.steward else "reseller") for m in p.route]
        + ([cv.Segment(p.segment)] if p.segment and p.segment not in p.route else [])
    )
    if p.segment in p.route:
        p = RoutePricing(p.id, steward=p.steward, levels=p.levels, list_price=p.list_price)
    if p.id in net.organizations or p.id in net.segments:
        return
    net.add(p)
    assert cv.io.loads(cv.io.dumps(net)) == net
    assert cv.io.from_frames(**cv.io.to_frames(net)) == net
    r = route_margins(p)
    assert math.isclose(r.steward_net + r.channel_margin, r.end_price, rel_tol=1e-9, abs_tol=1e-6)
    _ = data


def test_the_margins_guide_runs(run_doc_examples: Callable[..., None]) -> None:
    run_doc_examples(GUIDE, at_least=20)
