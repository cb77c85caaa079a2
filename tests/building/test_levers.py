"""The lever long-list from mapping's demand-side and supply-side gaps."""

from __future__ import annotations

import math

import pytest

import channelvalue as cv
from channelvalue.building import suggest_levers
from channelvalue.errors import ValidationError
from channelvalue.mapping import segment_efficiency, service_gaps


def test_example_long_list() -> None:
    net = cv.datasets.example()
    s = suggest_levers(net)
    assert repr(s) == "<LeverSuggestions: 5 satisfaction and 3 efficiency candidates>"
    # demand side: mapping's key under-served needs; impact = importance x gap, e.g.
    # midmarket after-sales 3 x 0.193 = 0.579 > enterprise customization 3 x 0.172 = 0.517
    demand = [x for x in s.suggestions if x.side == "demand"]
    expected = service_gaps(net).underserved()
    assert {(x.segment, x.target) for x in demand} == {
        (r.segment, r.output.value) for r in expected
    }
    assert [x.lever.id for x in demand] == [
        "suggested-midmarket-after_sales_service",
        "suggested-enterprise-customization",
        "suggested-smb-spatial_convenience",
        "suggested-smb-lot_size",
        "suggested-midmarket-customization",
    ]
    top = demand[0]
    row = next(
        r for r in expected if r.segment == "midmarket" and r.output.value == "after_sales_service"
    )
    assert top.lever.impact == pytest.approx(3 * row.gap)
    assert top.gap == pytest.approx(row.gap)
    assert top.lever.acts_on is cv.LeverFocus.SATISFACTION
    # it acts where the need is under-served: the serving roles of those route patterns
    assert top.patterns == (
        "vendor>distributor>reseller",
        "vendor>distributor>system_integrator",
        "vendor>system_integrator",
    )
    assert [r.value for r in top.lever.roles] == ["reseller", "system_integrator"]
    # supply side: impact = weight x excess: physical 0.25 x 0.255, financing 0.15 x 0.16,
    # promotion 0.15 x 0.14
    supply = [x for x in s.suggestions if x.side == "supply"]
    assert [x.target for x in supply] == ["physical_possession", "financing", "promotion"]
    assert [x.lever.impact for x in supply] == pytest.approx([0.06375, 0.024, 0.021])
    phys = supply[0]
    assert phys.lever.acts_on is cv.LeverFocus.EFFICIENCY
    assert phys.lever.members == ("dist-north", "res-07", "res-13")
    assert {r.value for r in phys.lever.roles} == {"distributor", "reseller"}
    assert phys.gap == pytest.approx(segment_efficiency(net, "smb").supply[0].excess)
    # the candidates go straight into the plan
    net.add_all(s.levers)
    assert "suggested-smb-lot_size" in net.levers
    frame = s.to_frame()
    assert len(frame) == 8
    assert frame.loc[0, "roles"] == "reseller, system_integrator"


def test_materiality_options() -> None:
    net = cv.datasets.example()
    # every under-served need counts with min_importance=0: enterprise after-sales too
    wide = suggest_levers(net, min_importance=0)
    assert sum(x.side == "demand" for x in wide.suggestions) == 6
    assert "suggested-enterprise-after_sales_service" in {x.lever.id for x in wide.suggestions}
    # only the flows whose excess is above 0.15: physical 0.255 and financing 0.16
    narrow = suggest_levers(net, min_excess=0.15)
    assert [x.target for x in narrow.suggestions if x.side == "supply"] == [
        "physical_possession",
        "financing",
    ]
    # a loose tolerance makes every gap "met"
    assert [x.side for x in suggest_levers(net, tolerance=0.9).suggestions] == ["supply"] * 3


def test_no_gaps_no_suggestions(flow_net) -> None:
    # flow_net: the segment states no needs and the flow table has no cost indices
    s = suggest_levers(flow_net())
    assert s.suggestions == ()
    assert s.for_segment("s") == ()


def test_errors() -> None:
    net = cv.datasets.example()
    for bad in (-0.1, math.nan, "0", True):
        with pytest.raises(ValidationError) as err:
            suggest_levers(net, min_excess=bad)  # type: ignore[arg-type]
        assert err.value.field == "min_excess"
    with pytest.raises(ValidationError):
        suggest_levers(net, tolerance=2.0)


def test_lever_texts_say_what_changes_and_which_gap_closes() -> None:
    s = suggest_levers(cv.datasets.example())
    top = s.suggestions[0]
    assert top.lever.change == "Raise after_sales_service for midmarket to its demanded level"
    financing = next(x for x in s.suggestions if x.target == "financing")
    assert financing.lever.change == "Move financing work in smb towards acme"
    # smb financing: acme 0.2 at cost 0.8, dist-north 0.8 at cost 1.0 -> current
    # 0.16 + 0.8 = 0.96; all of it is costed (share 1.0), cheapest acme: 1.0 x 0.8 = 0.8
    assert financing.closes == "smb: financing costs 0.96 against 0.8 at acme"
    assert financing.gap == pytest.approx(0.16)


def test_supply_suggestions_belong_to_their_segment() -> None:
    s = suggest_levers(cv.datasets.example())
    # the example's only flow table is smb's: all three supply candidates are for smb
    assert [x.segment for x in s.suggestions if x.side == "supply"] == ["smb", "smb", "smb"]
    # for_segment keeps demand first, then supply, each by impact
    assert [x.target for x in s.for_segment("smb")] == [
        "spatial_convenience",
        "lot_size",
        "physical_possession",
        "financing",
        "promotion",
    ]


def test_frame_columns() -> None:
    frame = suggest_levers(cv.datasets.example()).to_frame()
    assert list(frame.columns) == [
        "lever",
        "side",
        "segment",
        "target",
        "gap",
        "impact",
        "roles",
        "members",
        "closes",
    ]
    financing = frame[frame["lever"] == "suggested-smb-financing"].iloc[0]
    assert financing["target"] == "financing"
    assert financing["members"] == "acme, dist-north"
    assert financing["closes"] == "smb: financing costs 0.96 against 0.8 at acme"


def test_min_excess_error_message() -> None:
    with pytest.raises(ValidationError) as err:
        suggest_levers(cv.datasets.example(), min_excess=-0.1)
    assert str(err.value) == (
        "suggest_levers.min_excess: got -0.1 but expected a finite number >= 0"
    )
