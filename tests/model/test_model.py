"""The domain model as a whole: an error test for every validator of every class (with a
completeness check), and properties over every kind of object. Worked examples live in the
file of their module (test_organizations, test_links, test_plan, test_finding, test_enums,
test_frozen)."""

from __future__ import annotations

import math
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue.io._convert import structure_item, unstructure_item
from channelvalue.model import Evidence, FlowTable, Need
from channelvalue.testing import strategies as cvst

NAN = math.nan
INF = math.inf
HUGE = 10**400  # an int too large for a float

_LINK = {"source": "a", "target": "b"}
_BASE: dict[type[Any], dict[str, Any]] = {
    cv.Organization: {"id": "o", "role": "reseller"},
    cv.Segment: {"id": "s"},
    Need: {"level": 0.5},
    cv.Manager: {"id": "m"},
    cv.Supplies: _LINK,
    cv.Serves: _LINK,
    cv.ReportsTo: _LINK,
    cv.SharesData: _LINK,
    Evidence: {"metric": "nps", "value": 1.0},
    cv.ValueProposition: {
        "id": "vp",
        "segment": "s",
        "claim": "fast",
        "evidence": [Evidence("m", 1.0)],
    },
    cv.Lever: {"id": "l"},
    cv.Investment: {"id": "i", "recipient": "r"},
    cv.Margin: {"segment": "s", "member": "m"},
    FlowTable: {
        "segment": "s",
        "weights": {"ordering": 1.0},
        "shares": {"ordering": {"a": 1.0}},
    },
    cv.Finding: {"check": "c.x", "severity": "info", "message": "m"},
}

# (class, field given, bad value, field named in the message, value named in the message)
_CASES: list[tuple[type[Any], str, Any, str, Any]] = [
    # Organization
    (cv.Organization, "id", "", "id", ""),
    (cv.Organization, "id", 5, "id", 5),
    (cv.Organization, "id", None, "id", None),
    (cv.Organization, "name", 5, "name", 5),
    (cv.Organization, "role", "wholesaler", "role", "wholesaler"),
    (cv.Organization, "role", 3, "role", 3),
    (cv.Organization, "verticals", "retail", "verticals", "retail"),
    (cv.Organization, "verticals", [""], "verticals", [""]),
    (cv.Organization, "regions", [1], "regions", [1]),
    (cv.Organization, "regions", None, "regions", None),
    (cv.Organization, "revenue", -1.0, "revenue", -1.0),
    (cv.Organization, "revenue", NAN, "revenue", NAN),
    (cv.Organization, "revenue", INF, "revenue", INF),
    (cv.Organization, "revenue", "5", "revenue", "5"),
    (cv.Organization, "revenue", True, "revenue", True),
    (cv.Organization, "revenue", HUGE, "revenue", HUGE),
    (cv.Organization, "volume", -0.5, "volume", -0.5),
    (cv.Organization, "velocity", -1.5, "velocity", -1.5),
    (cv.Organization, "steward_share", 1.5, "steward_share", 1.5),
    (cv.Organization, "switching_ease", -0.1, "switching_ease", -0.1),
    (cv.Organization, "velocity", NAN, "velocity", NAN),
    (cv.Organization, "tier", "diamond", "tier", "diamond"),
    (cv.Organization, "engagement", "remote", "engagement", "remote"),
    (cv.Organization, "owned", 1, "owned", 1),
    (cv.Organization, "owned", "yes", "owned", "yes"),
    (cv.Organization, "capabilities", {"availability": 1.5}, "capabilities['availability']", 1.5),
    (cv.Organization, "capabilities", {"speed": 0.5}, "capabilities", "speed"),
    (cv.Organization, "capabilities", [("lot_size", 1)], "capabilities", [("lot_size", 1)]),
    (cv.Organization, "priorities", {"line:a": -1.0}, "priorities['line:a']", -1.0),
    (cv.Organization, "priorities", {"line:a": HUGE}, "priorities['line:a']", HUGE),
    (cv.Organization, "priorities", {"": 1.0}, "priorities", ""),
    (cv.Organization, "priorities", {7: 1.0}, "priorities", 7),
    (cv.Organization, "attributes", {"deals": HUGE}, "attributes['deals']", HUGE),
    (cv.Organization, "attributes", {"deals": "many"}, "attributes['deals']", "many"),
    (cv.Organization, "attributes", {"": 1.0}, "attributes", ""),
    (cv.Organization, "placeholder", "yes", "placeholder", "yes"),
    # Need
    (Need, "level", 1.5, "level", 1.5),
    (Need, "level", -0.1, "level", -0.1),
    (Need, "level", None, "level", None),
    (Need, "importance", -1, "importance", -1),
    # Segment
    (cv.Segment, "id", "", "id", ""),
    (cv.Segment, "name", None, "name", None),
    (cv.Segment, "size", -3, "size", -3),
    (cv.Segment, "band", "giant", "band", "giant"),
    (cv.Segment, "verticals", "x", "verticals", "x"),
    (cv.Segment, "regions", [None], "regions", [None]),
    (cv.Segment, "needs", 5, "needs", 5),
    (cv.Segment, "needs", {"speed": (0.5, 1)}, "needs", "speed"),
    (cv.Segment, "needs", {"availability": (1.5, 1)}, "needs['availability'].level", 1.5),
    (cv.Segment, "needs", {"availability": (0.5, -2)}, "needs['availability'].importance", -2),
    (cv.Segment, "needs", {"availability": 0.5}, "needs['availability']", 0.5),
    (
        cv.Segment,
        "needs",
        {"availability": {"lvl": 0.5}},
        "needs['availability']",
        {"lvl": 0.5},
    ),
    (
        cv.Segment,
        "needs",
        {"lot_size": {"level": "hi"}},
        "needs['lot_size'].level",
        "hi",
    ),
    # Manager
    (cv.Manager, "id", "", "id", ""),
    (cv.Manager, "name", 1, "name", 1),
    (cv.Manager, "capacity", 0, "capacity", 0),
    (cv.Manager, "capacity", -5, "capacity", -5),
    (cv.Manager, "capacity", NAN, "capacity", NAN),
    # links
    (cv.Supplies, "source", "", "source", ""),
    (cv.Supplies, "target", 7, "target", 7),
    (cv.Serves, "source", [], "source", []),
    (cv.Serves, "target", "", "target", ""),
    (cv.Serves, "revenue", -1, "revenue", -1),
    (cv.Serves, "revenue", INF, "revenue", INF),
    (cv.ReportsTo, "source", None, "source", None),
    (cv.ReportsTo, "target", b"x", "target", b"x"),
    (cv.ReportsTo, "manager", "", "manager", ""),
    (cv.ReportsTo, "manager", 5, "manager", 5),
    (cv.ReportsTo, "mode", "sideways", "mode", "sideways"),
    (cv.SharesData, "source", 1.5, "source", 1.5),
    (cv.SharesData, "target", "", "target", ""),
    (cv.SharesData, "data", [], "data", []),
    (cv.SharesData, "data", ["gossip"], "data", ["gossip"]),
    (cv.SharesData, "data", "sell_through", "data", "sell_through"),
    (cv.SharesData, "interval_days", 0, "interval_days", 0),
    (cv.SharesData, "interval_days", -1, "interval_days", -1),
    (cv.SharesData, "interval_days", INF, "interval_days", INF),
    # Evidence
    (Evidence, "metric", "", "metric", ""),
    (Evidence, "value", NAN, "value", NAN),
    (Evidence, "value", INF, "value", INF),
    (Evidence, "value", "x", "value", "x"),
    (Evidence, "source", 1, "source", 1),
    (Evidence, "unit", None, "unit", None),
    # ValueProposition
    (cv.ValueProposition, "id", "", "id", ""),
    (cv.ValueProposition, "segment", None, "segment", None),
    (cv.ValueProposition, "claim", "", "claim", ""),
    (cv.ValueProposition, "evidence", [], "evidence", []),
    (cv.ValueProposition, "evidence", [1], "evidence", [1]),
    (cv.ValueProposition, "evidence", "ev", "evidence", "ev"),
    (cv.ValueProposition, "levers", "l1", "levers", "l1"),
    (cv.ValueProposition, "owners", [""], "owners", [""]),
    # Lever
    (cv.Lever, "id", "", "id", ""),
    (cv.Lever, "change", 1, "change", 1),
    (cv.Lever, "acts_on", "neither", "acts_on", "neither"),
    (cv.Lever, "roles", ["king"], "roles", ["king"]),
    (cv.Lever, "roles", "reseller", "roles", "reseller"),
    (cv.Lever, "members", [1], "members", [1]),
    (cv.Lever, "owners", "x", "owners", "x"),
    (cv.Lever, "impact", -0.1, "impact", -0.1),
    # Investment
    (cv.Investment, "id", "", "id", ""),
    (cv.Investment, "recipient", "", "recipient", ""),
    (cv.Investment, "kind", "bribe", "kind", "bribe"),
    (cv.Investment, "amount", -5, "amount", -5),
    (cv.Investment, "amount", NAN, "amount", NAN),
    (cv.Investment, "period", 2026, "period", 2026),
    # Margin
    (cv.Margin, "segment", "", "segment", ""),
    (cv.Margin, "member", None, "member", None),
    (cv.Margin, "share", 1.5, "share", 1.5),
    (cv.Margin, "share", -0.1, "share", -0.1),
    # FlowTable
    (FlowTable, "segment", "", "segment", ""),
    (FlowTable, "weights", {"ordering": 0.5}, "weights", {"ordering": 0.5}),
    (FlowTable, "weights", {"teleport": 1.0}, "weights", "teleport"),
    (FlowTable, "weights", {"ordering": -1.0, "payment": 2.0}, "weights['ordering']", -1.0),
    (FlowTable, "weights", {"ordering": HUGE}, "weights['ordering']", HUGE),
    (FlowTable, "weights", 1.0, "weights", 1.0),
    (FlowTable, "shares", {"ordering": {"a": 0.5}}, "shares['ordering']", {"a": 0.5}),
    (FlowTable, "shares", {"ordering": {"": 1.0}}, "shares['ordering']", ""),
    (FlowTable, "shares", {"ordering": {}}, "shares['ordering']", {}),
    (FlowTable, "shares", {"ordering": {"a": 1.5}}, "shares['ordering']['a']", 1.5),
    (FlowTable, "shares", {"teleport": {"a": 1.0}}, "shares", "teleport"),
    (FlowTable, "shares", 5, "shares", 5),
    (FlowTable, "shares", {}, "shares", ["ordering"]),
    (FlowTable, "costs", {"ordering": {"a": -1.0}}, "costs['ordering']['a']", -1.0),
    (FlowTable, "costs", [1], "costs", [1]),
    # Finding
    (cv.Finding, "check", "", "check", ""),
    (cv.Finding, "severity", "fatal", "severity", "fatal"),
    (cv.Finding, "subjects", "abc", "subjects", "abc"),
    (cv.Finding, "subjects", [""], "subjects", [""]),
    (cv.Finding, "message", "", "message", ""),
    (cv.Finding, "evidence", {"x": NAN}, "evidence['x']", NAN),
    (cv.Finding, "evidence", {"x": True}, "evidence['x']", True),
    (cv.Finding, "evidence", {"x": HUGE}, "evidence['x']", HUGE),
    (cv.Finding, "evidence", {"": 1.0}, "evidence['']", 1.0),
    (cv.Finding, "evidence", [1], "evidence", [1]),
]


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77]


@pytest.mark.parametrize(
    ("cls", "field", "value", "named", "shown"),
    _CASES,
    ids=[f"{c.__name__}.{f}={v!r:.30}" for c, f, v, _, _ in _CASES],
)
def test_every_validator_names_class_field_and_value(
    cls: type[Any], field: str, value: Any, named: str, shown: Any
) -> None:
    kwargs = {**_BASE[cls], field: value}
    with pytest.raises(cv.ValidationError) as info:
        cls(**kwargs)
    err = info.value
    message = str(err)
    assert message.startswith(f"{cls.__name__}.{named}: got "), message
    assert _shown(shown) in message
    assert "expected" in message
    assert err.obj == cls.__name__
    assert err.field == named
    assert isinstance(err, ValueError)


def test_the_base_objects_of_the_error_table_are_valid() -> None:
    # each error above comes from the one bad field, not from a bad base
    built = [cls(**kwargs) for cls, kwargs in _BASE.items()]
    assert len(built) == len(_BASE)


def test_evolve_runs_the_same_validators() -> None:
    org = cv.Organization("o", role="reseller")
    with pytest.raises(cv.ValidationError, match=r"^Organization\.revenue: got -1 "):
        attrs.evolve(org, revenue=-1)


def test_a_huge_int_is_refused_not_an_overflow() -> None:
    # found by these tests: float(10**400) raised a bare OverflowError
    with pytest.raises(cv.ValidationError, match="revenue"):
        cv.Organization("o", role="vendor", revenue=HUGE)


def test_a_bad_need_mapping_names_its_path_once() -> None:
    # found by these tests: the path came out as needs['lot_size'].needs['lot_size']
    with pytest.raises(cv.ValidationError) as info:
        cv.Segment("s", needs={"lot_size": {"level": 0.5, "extra": 1}})
    assert info.value.field == "needs['lot_size']"
    assert str(info.value).count("lot_size") == 1 + str(info.value.value).count("lot_size")


# ---------------------------------------------------------------------- properties
_ANY_OBJECT: st.SearchStrategy[Any] = st.one_of(
    cvst.organizations(),
    cvst.segments(),
    cvst.managers(),
    cvst.links(),
    cvst.evidence(),
    cvst.propositions(),
    cvst.levers(),
    cvst.investments(),
    cvst.margins(),
    cvst.flow_tables(),
    cvst.findings(),
)


@given(_ANY_OBJECT)
def test_objects_are_frozen_and_hashable(obj: Any) -> None:
    assert hash(obj) == hash(attrs.evolve(obj))
    assert obj == attrs.evolve(obj)
    first = attrs.fields(type(obj))[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(obj, first, "other")


@given(_ANY_OBJECT)
def test_objects_survive_the_cattrs_round_trip(obj: Any) -> None:
    data = unstructure_item(obj)
    cls = cv.Link if isinstance(obj, cv.Link) else type(obj)
    assert structure_item(data, cls, "$") == obj


@given(_ANY_OBJECT)
def test_rebuilding_from_fields_gives_an_equal_object(obj: Any) -> None:
    # the converters are idempotent: feeding back converted values changes nothing
    fields = {a.alias: getattr(obj, a.name) for a in attrs.fields(type(obj)) if a.init}
    assert type(obj)(**fields) == obj


@given(cvst.organizations(), st.randoms(use_true_random=False))
def test_collection_order_never_matters(org: cv.Organization, rnd: Any) -> None:
    regions = list(org.regions)
    rnd.shuffle(regions)
    priorities = list(org.priorities.items())
    rnd.shuffle(priorities)
    again = attrs.evolve(org, regions=regions, priorities=dict(priorities))
    assert again == org


def test_every_domain_class_has_error_cases() -> None:
    covered = {c for c, *_ in _CASES}
    assert covered == set(_BASE)
    # and every init field of every class is exercised at least once
    for cls in covered:
        fields = {a.alias for a in attrs.fields(cls) if a.init}
        exercised = {f for c, f, *_ in _CASES if c is cls}
        assert fields == exercised, (cls.__name__, fields - exercised)
