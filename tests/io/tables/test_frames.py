"""Tables in and out: ``from_frames`` / ``to_frames``."""

from __future__ import annotations

import gc
import math
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue.errors import DocumentError, ValidationError, WrongTypeError
from channelvalue.io.tables.cells import RULES, join_items, split_items
from channelvalue.io.tables.schema import COLUMNS, FRAME_NAMES, OPTIONAL
from channelvalue.model import (
    DataKind,
    EngagementModel,
    Flow,
    Manager,
    Need,
    Organization,
    ReportingMode,
    Role,
    ServiceOutput,
    Supplies,
    Tier,
)
from channelvalue.model._bulk import build_many, converted_default
from channelvalue.testing import strategies as cvst

# ---------------------------------------------------------------------- round trips


@given(cvst.networks())
def test_round_trip_of_every_strategy_network(net: cv.ChannelNetwork) -> None:
    assert cv.io.from_frames(**cv.io.to_frames(net)) == net


@given(cvst.networks(ids=cvst.texts(min_size=1), names=cvst.texts()))
def test_round_trip_with_free_text_ids(net: cv.ChannelNetwork) -> None:
    assert cv.io.from_frames(**cv.io.to_frames(net)) == net


@settings(max_examples=5)
@given(st.integers(1, 400), st.integers(0, 2**16))
def test_round_trip_of_synthetic_networks(n: int, seed: int) -> None:
    net = cv.datasets.synthetic(n, seed=seed)
    assert cv.io.from_frames(**cv.io.to_frames(net)) == net


def test_round_trip_of_the_example_and_an_empty_network() -> None:
    net = cv.datasets.example()
    assert cv.io.from_frames(**cv.io.to_frames(net)) == net
    empty = cv.ChannelNetwork()
    frames = cv.io.to_frames(empty)
    assert all(len(frames[k]) == 0 for k in FRAME_NAMES if k != "network")
    assert cv.io.from_frames(**frames) == empty


def test_frames_are_sorted_and_deterministic() -> None:
    net = cv.datasets.synthetic(150, seed=3)
    again = cv.io.from_frames(**cv.io.to_frames(net))  # another insertion order
    a, b = cv.io.to_frames(net), cv.io.to_frames(again)
    assert list(a) == list(FRAME_NAMES)
    for key in FRAME_NAMES:
        pd.testing.assert_frame_equal(a[key], b[key])
    ids = a["organizations"]["id"].tolist()
    assert ids == sorted(ids)
    for key in FRAME_NAMES:  # optional columns only appear when some row sets them
        known = [c for c in COLUMNS[key] if c not in OPTIONAL.get(key, ())]
        assert list(a[key].columns[: len(known)]) == known


def test_frame_columns_of_the_example() -> None:
    frames = cv.io.to_frames(cv.datasets.example())
    orgs = frames["organizations"].set_index("id")
    acme = orgs.loc["acme"]
    assert (acme["role"], acme["tier"], acme["owned"]) == ("vendor", "registered", True)
    assert acme["regions"] == "central;north;south"
    assert acme["capability.quality_assurance"] == 0.95
    assert math.isnan(acme["capability.lot_size"])
    assert acme["priority.line:firewall"] == 0.4
    assert pd.isna(acme["engagement"])
    seg = frames["segments"].set_index("id").loc["smb"]
    assert (seg["need.availability.level"], seg["need.availability.importance"]) == (0.9, 3.0)
    links = frames["links"]
    feed = links[(links["kind"] == "shares_data")].iloc[0]
    assert feed["data"] in ("sell_through", "sell_through;pipeline")
    assert pd.isna(feed["manager"])
    assert pd.isna(feed["revenue"])
    flows = frames["flow_tables"]
    row = flows[(flows["flow"] == "financing") & (flows["member"] == "acme")].iloc[0]
    assert (row["weight"], row["share"], row["cost"]) == (0.15, 0.2, 0.8)
    assert frames["network"].to_dict("records") == [
        {"name": "Acme Networks channel", "steward": "acme"}
    ]
    assert frames["evidence"]["proposition"].tolist().count("vp-smb-nextday") == 2


# ---------------------------------------------------------------------- messy input


def _messy() -> dict[str, pd.DataFrame]:
    orgs = pd.DataFrame(
        {
            " ID ": ["acme", "d1", "r1", "m1"],
            "Name": ["Acme", "Northbridge", "Northwind IT", "CloudOps"],
            "ROLE": [
                "  Manufacturer",
                "disti",
                "Value-Added Reseller ",
                "managed service provider",
            ],
            "Tier": ["", "Premier", "gold", " Silver "],
            "engagement": [None, "High touch", "self-service", "POOLED"],
            "Owned": ["yes", "no", "", "FALSE"],
            "Revenue": ["1e8", " 5000000 ", "1200000.5", ""],
            "regions": ["north ; south", "north", "", "south;"],
            "Capability.After-Sales": ["", "", "0.8", "0.9"],
            "priority.line:core": [0.5, np.nan, 0.2, np.nan],
        }
    )
    links = pd.DataFrame(
        {
            "Kind": ["Supplies", "supplies", "supplies", "serves", "Reports To", "data feed"],
            "Source": ["acme", "d1", "d1", "r1", "r1", "r1"],
            "Target": ["d1", "r1", "m1", "smb", "d1", "d1"],
            "revenue": ["", "", "", "250000", "", ""],
            "manager": ["", "", "", "", "cam-1", ""],
            "Data": ["", "", "", "", "", "POS; Stock"],
            "interval days": ["", "", "", "", "", "7"],
        }
    )
    segments = pd.DataFrame(
        {
            "id": ["smb"],
            "band": ["SME"],
            "need.Delivery time.level": ["0.9"],
            "need.availability.Importance": [" 3 "],
        }
    )
    managers = pd.DataFrame({"id": ["cam-1"], "capacity": [12]})
    return {"organizations": orgs, "links": links, "segments": segments, "managers": managers}


def test_messy_frames_load() -> None:
    net = cv.io.from_frames(**_messy())
    assert net.steward_id == "acme"  # the only vendor
    acme, d1, r1, m1 = (net.organizations[i] for i in ("acme", "d1", "r1", "m1"))
    assert (acme.role, acme.owned, acme.revenue, acme.regions) == (
        Role.VENDOR,
        True,
        1e8,
        ("north", "south"),
    )
    assert (d1.role, d1.tier, d1.engagement) == (
        Role.DISTRIBUTOR,
        Tier.PLATINUM,
        EngagementModel.DEDICATED,
    )
    assert (r1.role, r1.tier, r1.revenue) == (Role.RESELLER, Tier.GOLD, 1200000.5)
    assert r1.capabilities == {ServiceOutput.AFTER_SALES_SERVICE: 0.8}
    assert r1.priorities == {"line:core": 0.2}
    assert (m1.role, m1.tier, m1.engagement, m1.revenue) == (
        Role.MSP,
        Tier.SILVER,
        EngagementModel.POOLED,
        0.0,
    )
    assert m1.regions == ("south",)
    assert net.segments["smb"].needs == {ServiceOutput.AVAILABILITY: Need(level=0.9, importance=3)}
    feed = net.link("shares_data", "r1", "d1")
    assert feed.data == (DataKind.SELL_THROUGH, DataKind.INVENTORY)  # type: ignore[attr-defined]
    assert feed.interval_days == 7.0  # type: ignore[attr-defined]
    line = net.link("reports_to", "r1", "d1")
    assert (line.manager, line.mode) == ("cam-1", ReportingMode.INDIRECT)  # type: ignore[attr-defined]
    assert net.link("serves", "r1", "smb").revenue == 250000.0  # type: ignore[attr-defined]


def test_misspelt_role_names_row_column_and_closest_term() -> None:
    frames = _messy()
    frames["organizations"].loc[2, "ROLE"] = "resellr"
    with pytest.raises(DocumentError) as info:
        cv.io.from_frames(**frames)
    (problem,) = info.value.problems
    assert problem.path == "organizations row 2, column 'ROLE'"
    assert "got 'resellr'" in problem.message
    assert "closest: 'reseller'" in problem.message


def test_every_bad_cell_of_every_table_is_reported_at_once() -> None:
    frames = _messy()
    orgs = frames["organizations"]
    orgs.loc[0, "ROLE"] = "vendr"
    orgs.loc[1, "Tier"] = "golden"
    orgs.loc[2, "Revenue"] = "-5"
    orgs.loc[3, "Revenue"] = "lots"
    orgs.loc[3, "Owned"] = "maybe"
    orgs.loc[1, "Capability.After-Sales"] = "1.5"
    frames["links"].loc[5, "Data"] = "POS; gossip"
    frames["links"].loc[0, "Kind"] = "sells"
    with pytest.raises(DocumentError) as info:
        cv.io.from_frames(**frames)
    got = {p.path: p.message for p in info.value.problems}
    assert got == {
        "organizations row 0, column 'ROLE'": got["organizations row 0, column 'ROLE'"],
        "organizations row 1, column 'Tier'": got["organizations row 1, column 'Tier'"],
        "organizations row 2, column 'Revenue'": "got '-5' but expected a finite number >= 0",
        "organizations row 3, column 'Revenue'": "got 'lots' but expected a number",
        "organizations row 3, column 'Owned'": got["organizations row 3, column 'Owned'"],
        "organizations row 1, column 'Capability.After-Sales'": (
            "got '1.5' but expected a finite number in [0, 1]"
        ),
        "links row 5, column 'Data'": got["links row 5, column 'Data'"],
        "links row 0, column 'Kind'": got["links row 0, column 'Kind'"],
    }
    assert "closest: 'vendor'" in got["organizations row 0, column 'ROLE'"]
    assert "closest: 'gold'" in got["organizations row 1, column 'Tier'"]
    assert "got 'gossip'" in got["links row 5, column 'Data'"]
    assert "'supplies'" in got["links row 0, column 'Kind'"]
    assert "true or false" in got["organizations row 3, column 'Owned'"]


def test_references_are_checked_after_the_cells_and_named_by_row() -> None:
    frames = _messy()
    frames["links"].loc[3, "Target"] = "smbb"
    frames["links"].loc[4, "manager"] = "ghost"
    with pytest.raises(DocumentError) as info:
        cv.io.from_frames(**frames)
    got = {p.path: p.message for p in info.value.problems}
    assert got == {
        "links row 3, column 'Target'": "Serves.target: unknown segment id 'smbb'",
        "links row 4, column 'manager'": "ReportsTo.manager: unknown manager id 'ghost'",
    }


def test_a_single_bad_reference_and_duplicate_ids() -> None:
    frames = _messy()
    frames["organizations"].loc[3, " ID "] = "r1"
    with pytest.raises(DocumentError) as info:
        cv.io.from_frames(**frames)
    paths = [p.path for p in info.value.problems]
    assert "organizations row 3, column ' ID '" in paths


# ---------------------------------------------------------------------- error per input


def _orgs(**cols: Any) -> pd.DataFrame:
    base: dict[str, Any] = {"id": ["v", "r"], "role": ["vendor", "reseller"]}
    base.update(cols)
    return pd.DataFrame(base)


def _problems(*args: Any, **kwargs: Any) -> dict[str, str]:
    with pytest.raises(DocumentError) as info:
        cv.io.from_frames(*args, **kwargs)
    return {p.path: p.message for p in info.value.problems}


@pytest.mark.parametrize(
    ("column", "values", "path", "message"),
    [
        ("revenu", [1, 2], "organizations, column 'revenu'", "did you mean 'revenue'?"),
        ("id", ["v", ""], "organizations row 1, column 'id'", "expected a non-empty id"),
        ("id", ["v", None], "organizations row 1, column 'id'", "expected a non-empty id"),
        ("role", ["vendor", ""], "organizations row 1, column 'role'", "expected a role"),
        ("role", ["vendor", 3], "organizations row 1, column 'role'", "a role (text)"),
        ("name", ["x", 2.5], "organizations row 1, column 'name'", "expected text"),
        ("velocity", [0, -2], "organizations row 1, column 'velocity'", ">= -1"),
        ("volume", [0, np.inf], "organizations row 1, column 'volume'", "finite number >= 0"),
        ("volume", ["0", "nan"], "organizations row 1, column 'volume'", "expected a number"),
        ("regions", ["", '["a", 1]'], "organizations row 1, column 'regions'", "JSON list"),
        ("regions", ["", "[oops"], "organizations row 1, column 'regions'", "JSON list"),
        ("regions", ["", 5], "organizations row 1, column 'regions'", "';'-separated list"),
        ("owned", ["", 2.0], "organizations row 1, column 'owned'", "true or false"),
        ("priority.", [1, 1], "organizations, column 'priority.'", "key after the '.'"),
        ("capability.speed", [1, 1], "organizations, column 'capability.speed'", "unknown key"),
        ("priority.x", [-1, 1], "organizations row 0, column 'priority.x'", ">= 0"),
    ],
)
def test_bad_organization_cells(column: str, values: list[Any], path: str, message: str) -> None:
    got = _problems(_orgs(**{column: values}), None)
    assert path in got, got
    assert message in got[path]


def test_missing_and_duplicate_columns() -> None:
    got = _problems(pd.DataFrame({"id": ["v"]}), pd.DataFrame({"source": [], "target": []}))
    assert got == {
        "organizations": "missing column 'role'",
        "links": "missing column 'kind'",
    }
    twice = pd.DataFrame([["v", "vendor", "vendor"]], columns=["id", "role", "Role"])
    assert _problems(twice, None) == {"organizations, column 'Role'": "same column as 'role'"}
    same = pd.DataFrame([["v", "vendor", "x"]], columns=["id", "role", "role"])
    assert "column given twice" in _problems(same, None)["organizations, column 'role'"]
    caps = _orgs(**{"capability.support": [0.1, 0.2], "capability.service": [0.1, 0.2]})
    assert "same column" in _problems(caps, None)["organizations, column 'capability.service'"]


def test_extra_columns_can_be_ignored() -> None:
    frame = _orgs(phone=["1", "2"], **{"Account owner": ["a", "b"]})
    got = _problems(frame, None)
    assert set(got) == {"organizations, column 'phone'", "organizations, column 'Account owner'"}
    net = cv.io.from_frames(frame, None, extra_columns="ignore")
    assert set(net.organizations) == {"v", "r"}


def test_empty_link_cells_take_their_defaults() -> None:
    links = pd.DataFrame(
        {
            "kind": ["shares_data", "shares_data", "reports_to"],
            "source": ["r", "r", "r"],
            "target": ["v", "x", "v"],
            "data": ["", "pipeline", None],
            "interval_days": [None, "7", None],
            "mode": [None, None, ""],
        }
    )
    orgs = _orgs(id=["v", "r", "x"], role=["vendor", "reseller", "distributor"])
    net = cv.io.from_frames(orgs, links)
    feed = net.link("shares_data", "r", "v")
    assert feed == cv.SharesData("r", "v")
    assert feed.data == (DataKind.SELL_THROUGH,)  # type: ignore[attr-defined]
    assert net.link("shares_data", "r", "x").data == (DataKind.PIPELINE,)  # type: ignore[attr-defined]
    assert net.link("reports_to", "r", "v") == cv.ReportsTo("r", "v")


def test_link_cells_must_fit_the_link_kind() -> None:
    links = pd.DataFrame(
        {
            "kind": ["supplies", "supplies"],
            "source": ["v", "v"],
            "target": ["r", "r"],
            "manager": ["m", None],
            "interval_days": [np.nan, 0.0],
        }
    )
    got = _problems(_orgs(), links)
    assert got["links row 0, column 'manager'"].startswith("got 'm' but expected an empty cell")
    assert "for shares_data links" in got["links row 1, column 'interval_days'"]


def test_plan_frames_and_their_errors() -> None:
    net = cv.datasets.example()
    frames = cv.io.to_frames(net)
    plan = {k: frames.pop(k) for k in ("levers", "propositions", "evidence", "investments")}
    assert cv.io.from_frames(**frames, plan=plan) == net
    with pytest.raises(ValidationError, match="given twice"):
        cv.io.from_frames(**frames, plan=plan, levers=plan["levers"])
    with pytest.raises(ValidationError, match="one of levers"):
        cv.io.from_frames(**frames, plan={"lever": plan["levers"]})
    # evidence: a proposition without any, and a row for an unknown proposition
    ev = plan["evidence"].copy()
    ev.loc[0, "proposition"] = "vp-ghost"
    got = _problems(**frames, plan={**plan, "evidence": ev})
    assert got["evidence row 0, column 'proposition'"].startswith("got 'vp-ghost'")
    assert got["propositions row 0"] == "no rows in the evidence table (a claim needs evidence)"
    lone = {k: v for k, v in frames.items() if k != "propositions"}
    got = _problems(**lone, evidence=plan["evidence"])
    assert got == {"evidence": "has rows but there is no propositions table"}


def test_flow_table_errors() -> None:
    frames = cv.io.to_frames(cv.datasets.example())
    flows = frames["flow_tables"]
    bad = flows.copy()
    bad.loc[1, "weight"] = 0.3  # differs from row 0's weight of the same flow
    got = _problems(**{**frames, "flow_tables": bad})
    assert "the weight given above" in got["flow_tables row 1, column 'weight'"]
    bad = flows.copy()
    bad.loc[0, "weight"] = 0.5
    bad.loc[1, "weight"] = 0.5
    bad.loc[2, "weight"] = 0.5
    got = _problems(**{**frames, "flow_tables": bad})
    assert "weights summing to 1" in got["flow_tables row 0, column 'weight'"]
    bad = flows.copy()
    bad.loc[1, "member"] = None
    got = _problems(**{**frames, "flow_tables": bad})
    assert "a member id" in got["flow_tables row 1, column 'share'"]
    bad = flows.copy()
    bad.loc[1, "member"] = bad.loc[0, "member"]
    got = _problems(**{**frames, "flow_tables": bad})
    assert "given twice" in got["flow_tables row 1, column 'member'"]


def test_segment_need_errors() -> None:
    segs = pd.DataFrame(
        {
            "id": ["s"],
            "need.availability.importance": [2.0],
            "need.speed.level": [0.5],
            "need.availability.size": [1.0],
        }
    )
    got = _problems(_orgs(), None, segments=segs)
    assert "without a level" in got["segments row 0, column 'need.availability.importance'"]
    assert "a known service_output" in got["segments, column 'need.speed.level'"]
    assert ".level or .importance" in got["segments, column 'need.availability.size'"]


def test_network_frame_steward_and_name() -> None:
    net = cv.io.from_frames(_orgs(), None, network=pd.DataFrame({"name": ["N"], "steward": ["v"]}))
    assert (net.name, net.steward_id) == ("N", "v")
    net = cv.io.from_frames(_orgs(), None, steward="r", name="M")
    assert (net.name, net.steward_id) == ("M", "r")
    two = pd.DataFrame({"id": ["a", "b"], "role": ["vendor", "vendor"]})
    assert cv.io.from_frames(two, None).steward_id is None
    empty_steward = pd.DataFrame({"name": [""], "steward": [""]})
    assert cv.io.from_frames(_orgs(), None, network=empty_steward).steward_id is None
    got = _problems(_orgs(), None, network=pd.DataFrame({"name": ["a", "b"]}))
    assert got == {"network": "has 2 rows but expected at most one"}


def test_integer_ids_become_text_and_wrong_arguments() -> None:
    net = cv.io.from_frames(pd.DataFrame({"id": [1001, 7], "role": ["vendor", "var"]}), None)
    assert set(net.organizations) == {"1001", "7"}
    with pytest.raises(WrongTypeError, match="a pandas DataFrame"):
        cv.io.from_frames({"id": ["x"]}, None)  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match="a Vocabulary or None"):
        cv.io.from_frames(_orgs(), None, vocabulary="en")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'error' or 'ignore'"):
        cv.io.from_frames(_orgs(), None, extra_columns="warn")  # type: ignore[arg-type]


def test_custom_vocabulary() -> None:
    orgs = pd.DataFrame({"id": ["v", "r"], "role": ["vendor", "Fachhändler"]})
    assert "Fachhändler" in str(_problems(orgs, None))
    vocab = cv.io.vocabulary.DEFAULT_VOCABULARY.extend("role", {"reseller": "Fachhändler"})
    net = cv.io.from_frames(orgs, None, vocabulary=vocab)
    assert net.organizations["r"].role is Role.RESELLER


# ---------------------------------------------------------------------- building blocks


@given(st.floats() | st.integers(-5, 5).map(float), st.sampled_from(list(RULES)))
def test_vectorised_rules_equal_the_converters(x: float, conv: Any) -> None:
    try:
        conv(x)
        accepted = True
    except ValidationError:
        accepted = False
    assert bool(RULES[conv](np.array([x]))[0]) is accepted


@given(st.lists(st.text(min_size=1), max_size=4))
def test_list_cells_round_trip(items: list[str]) -> None:
    assert split_items(join_items(items)) == items


def test_list_cells_are_pleasant_when_they_can_be() -> None:
    assert join_items(("north", "south")) == "north;south"
    assert join_items(()) == ""
    assert split_items(" north ;; south ") == ["north", "south"]
    with pytest.raises(ValueError, match="JSON list of strings"):
        split_items("[1, 2]")


def test_bulk_construction_equals_the_constructors() -> None:
    built = build_many(
        Organization,
        2,
        {"id": ["a", "b"], "role": [Role.VENDOR, Role.MSP], "revenue": [1.0, 2.5]},
    )
    assert built == [
        Organization("a", role="vendor", revenue=1),
        Organization("b", role="msp", revenue=2.5),
    ]
    assert hash(built[0]) == hash(Organization("a", role="vendor", revenue=1))
    assert build_many(Manager, 0, {"id": []}) == []
    with pytest.raises(TypeError, match="is required"):
        build_many(Manager, 0, {})
    assert converted_default(Organization, "capabilities") == {}
    with pytest.raises(KeyError):
        converted_default(Organization, "role")
    with pytest.raises(TypeError, match="post-init"):
        build_many(cv.FlowTable, 0, {})
    with pytest.raises(TypeError, match="no field"):
        build_many(Supplies, 1, {"kind": ["x"]})
    with pytest.raises(ValueError, match="has 1 values"):
        build_many(Supplies, 2, {"source": ["a"]})
    with pytest.raises(TypeError, match=r"Organization.tier: .* got 'gold' \(str\)"):
        build_many(Organization, 1, {"id": ["a"], "role": [Role.MSP], "tier": ["gold"]})
    with pytest.raises(TypeError, match=r"Manager.capacity: .* \(int\)"):
        build_many(Manager, 1, {"id": ["m"], "capacity": [3]})
    with pytest.raises(TypeError, match=r"Manager\.id"):
        build_many(Manager, 1, {"id": [""]})


def test_flow_enum_order_in_flow_tables() -> None:
    frames = cv.io.to_frames(cv.datasets.example())
    flows = [Flow(f) for f in frames["flow_tables"]["flow"].drop_duplicates()]
    assert flows == sorted(flows, key=list(Flow).index)


def test_loading_restores_the_garbage_collector_state() -> None:
    frames = cv.io.to_frames(cv.datasets.synthetic(50))
    assert gc.isenabled()
    cv.io.from_frames(**frames)
    assert gc.isenabled()
    gc.disable()
    try:
        cv.io.from_frames(**frames)
        assert not gc.isenabled()
    finally:
        gc.enable()
    gc.freeze()  # a caller's frozen objects stay frozen
    try:
        frozen = gc.get_freeze_count()
        cv.io.from_frames(**frames)
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
    bad = cv.io.to_frames(cv.datasets.synthetic(50))
    bad["organizations"].loc[0, "role"] = "nope"
    with pytest.raises(DocumentError):
        cv.io.from_frames(**bad)
    assert gc.isenabled()


@pytest.mark.parametrize("cell", [3 + 4j, np.complex128(2 + 0j), b"1", bytearray(b"2")])
def test_a_complex_or_bytes_cell_in_a_number_column_is_refused(cell: object) -> None:
    # pandas reads 3+4j as 3.0 (dropping the imaginary part) and b"1" as 1.0
    frames = cv.io.to_frames(cv.datasets.example())
    orgs = frames["organizations"].copy()
    orgs["revenue"] = orgs["revenue"].astype(object)
    orgs.loc[orgs.index[0], "revenue"] = cell
    with pytest.raises(cv.DocumentError) as err:
        cv.io.from_frames(**{**frames, "organizations": orgs})
    (line,) = str(err.value).splitlines()[1:]
    assert line.startswith("  organizations row 0, column 'revenue': got ")
    assert line.endswith(" but expected a number")
