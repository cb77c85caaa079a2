"""The table of kinds covers every class a network holds, and everything loops over it."""

from __future__ import annotations

import typing

import pytest

import channelvalue as cv
from channelvalue.core.network import Item
from channelvalue.io import json as cv_json
from channelvalue.io.networkx import _NODE_KINDS
from channelvalue.io.tables.schema import FRAME_NAMES, PLAN_FRAMES
from channelvalue.model import LINK_KINDS, Link
from channelvalue.model.kinds import (
    ID_KINDS,
    KINDS,
    KINDS_BY_CLASS,
    KINDS_BY_NAME,
    LINK_ROWS,
    kind_of,
    sections,
)
from channelvalue.testing.strategies import _LINK_STRATEGIES


def _item_classes() -> set[type[typing.Any]]:
    out: set[type[typing.Any]] = set()
    for cls in typing.get_args(Item):
        if cls is Link:
            out.update(LINK_KINDS.values())
        else:
            out.add(cls)
    return out


def test_the_table_covers_every_item_class_once() -> None:
    assert {k.cls for k in KINDS} == _item_classes()
    assert len(KINDS_BY_CLASS) == len(KINDS_BY_NAME) == len(KINDS)


def test_names_are_canonical_and_link_rows_follow_link_kinds() -> None:
    assert [k.name for k in LINK_ROWS] == list(LINK_KINDS)
    assert all(k.name == k.cls.kind for k in LINK_ROWS)
    for k in KINDS:
        assert k.name.islower()
        assert " " not in k.name
        assert k.part in ("structure", "plan")


def test_keys_match_what_the_objects_say() -> None:
    net = cv.datasets.example()
    for k in KINDS:
        for key, obj in net.registry(k.name).items():
            assert k.key(obj) == key
            assert kind_of(obj) is k
            if k.id_attr is not None:
                assert getattr(obj, k.id_attr) == key


def test_counts_keys_are_the_table() -> None:
    counts = cv.datasets.example().counts()
    assert list(counts) == [k.counts_as for k in KINDS]
    net = cv.datasets.example()
    assert counts == {k.counts_as: len(net.registry(k.name)) for k in KINDS}


def test_json_sections_are_the_table() -> None:
    doc = cv.io.document(cv.datasets.example())
    structure = [s for s, _ in sections("structure")]
    plan = [s for s, _ in sections("plan")]
    assert [key for key in doc if key in structure] == structure
    assert list(doc["plan"]) == plan  # the example holds every kind, even those left out empty
    empty = cv.ChannelNetwork(steward="v")
    omitted = {k.section for k in KINDS if k.omit_empty}
    assert list(cv.io.document(empty)["plan"]) == [s for s in plan if s not in omitted]
    assert [s for s, _ in cv_json._STRUCTURE] == structure
    assert [s for s, _ in cv_json._PLAN] == plan
    assert {k.section for k in KINDS} == set(structure) | set(plan)


def test_frames_are_the_table() -> None:
    frames = {k.frame for k in KINDS}
    assert frames <= set(FRAME_NAMES)
    assert set(FRAME_NAMES) - frames == {"network", "evidence"}
    assert {k.frame for k in KINDS if k.part == "plan"} == set(PLAN_FRAMES) - {"evidence"}
    pytest.importorskip("pandas")
    assert list(cv.io.to_frames(cv.datasets.example())) == list(FRAME_NAMES)


def test_graph_nodes_and_edges_are_the_table() -> None:
    net = cv.datasets.example()
    assert set(_NODE_KINDS) == {k.name for k in KINDS if k.node}
    nodes = {n for k in KINDS if k.node for n in net.registry(k.name)}
    assert set(net.graph.nodes) == nodes
    assert {key for _, _, key in net.graph.edges(keys=True)} <= {k.name for k in LINK_ROWS}
    g = cv.io.to_networkx(net)
    assert {data["kind"] for _, data in g.nodes(data=True)} == set(_NODE_KINDS)


def test_the_id_namespace_and_strategies_follow_the_table() -> None:
    assert {k.name for k in ID_KINDS} == {
        "organization",
        "segment",
        "manager",
        "lever",
        "proposition",
        "investment",
        "route_pricing",
    }
    assert list(_LINK_STRATEGIES) == [k.name for k in LINK_ROWS]


def test_registry_refuses_an_unknown_kind() -> None:
    with pytest.raises(cv.errors.WrongTypeError, match="one of 'organization'"):
        cv.ChannelNetwork().registry("organizations")
