"""Fuzzing ``io.loads`` and ``io.load``: the only exception that may escape is DocumentError.

Inputs: random bytes, JSON-like token soup, truncated and bit-flipped valid documents,
one field set to a value of every JSON type, extreme numbers and non-finite literals,
deep nesting, duplicate ids, dangling references, unknown formats and versions, and
stacks of random mutations. Every accepted document must round-trip losslessly.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue import io

from .fuzz_harness import (
    FUZZ,
    RAW_NUMBERS,
    Raw,
    attempt,
    base_documents,
    check_accepted,
    deep,
    encode,
    encodings,
    everything_document,
    examples,
    ids_in,
    json_depth,
    json_values,
    mutate,
    slots,
)

TOKENS = [
    "{", "}", "[", "]", ":", ",", " ", "\n", '"', "\\", "\\u", "d800", "null", "true", "false",
    "0", "-1", "1.5", "1e400", "NaN", "-Infinity", "1" + "0" * 400, '"format"',
    '"channelvalue"', '"format_version"', "1", "2", '"name"', '"steward"', '"v"', '"r"',
    '"organizations"', '"segments"', '"managers"', '"links"', '"plan"', '"levers"',
    '"propositions"', '"investments"', '"margins"', '"flow_tables"', '"id"', '"role"',
    '"vendor"', '"reseller"', '"kind"', '"supplies"', '"serves"', '"reports_to"',
    '"shares_data"', '"source"', '"target"', '"revenue"', '"needs"', '"lot_size"',
    '"level"', '"weights"', '"shares"', '"promotion"', '"\\ud800"', '"\\ud83d\\ude00"',
]  # fmt: skip


def loads(target: str, text: str | bytes, **limits: int) -> cv.ChannelNetwork | None:
    """``io.loads`` through the tally; an accepted network must round-trip."""
    net = attempt(target, lambda: io.loads(text, **limits))
    if net is not None:
        check_accepted(net)
    return net


# ---------------------------------------------------------------- raw input
@examples(60, 20_000)
@given(st.binary(max_size=400))
def test_random_bytes(data: bytes) -> None:
    loads("io.loads", data)


@examples(60, 15_000)
@given(st.lists(st.sampled_from(TOKENS), max_size=60).map("".join))
def test_json_like_token_soup(text: str) -> None:
    loads("io.loads", text)


@examples(25, 4_000)
@given(base_documents(), st.data())
def test_truncated_documents_are_refused(doc: dict[str, Any], data: st.DataObject) -> None:
    raw = data.draw(encodings(doc))
    cut = data.draw(st.integers(0, len(raw) - 1))
    assert loads("io.loads", raw[:cut]) is None


@examples(25, 6_000)
@given(base_documents(), st.data())
def test_bit_flipped_and_spliced_documents(doc: dict[str, Any], data: st.DataObject) -> None:
    raw = bytearray(encode(doc, indent=data.draw(st.sampled_from([None, 1]))).encode("utf-8"))
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(raw) - 1))
        how = data.draw(st.sampled_from(["flip", "byte", "delete", "insert", "repeat"]))
        if how == "flip":
            raw[at] ^= 1 << data.draw(st.integers(0, 7))
        elif how == "byte":
            raw[at] = data.draw(st.sampled_from(b'{}[]":,\\0123456789e-.\x00\xff\xc3a'))
        elif how == "delete":
            del raw[at : at + data.draw(st.integers(1, 16))]
        elif how == "insert":
            raw[at:at] = data.draw(st.binary(min_size=1, max_size=8))
        else:
            raw[at:at] = raw[at : at + data.draw(st.integers(1, 64))]
        if not raw:
            break
    loads("io.loads", bytes(raw))


# ---------------------------------------------------------------- wrong types
EVERY_TYPE: list[Any] = [
    None, True, False, 0, -1, 7, 0.5, -2.5, 10**400, Raw("NaN"), Raw("1e400"), "", "x",
    "vendor", "\ud800", [], [1], ["x"], [{}], {}, {"a": 1}, {"id": "x"},
]  # fmt: skip
"""A value of every JSON type, including ones a field may accept."""


def test_every_field_of_every_kind_with_every_json_type() -> None:
    """Exhaustive: each slot of the one-of-everything document, set to each JSON type.

    The short run tries one value of each JSON type; ``make fuzz`` all of :data:`EVERY_TYPE`.
    """
    count = len(slots(everything_document()))
    assert count > 100
    values = EVERY_TYPE if FUZZ else [None, True, 10**400, "x", [], {"a": 1}]
    refused = 0
    for index in range(count):
        for value in values:
            doc = everything_document()
            container, key = slots(doc)[index]
            container[key] = copy.deepcopy(value)
            refused += loads("io.loads", encode(doc)) is None
    assert refused > count * len(values) // 2  # most replacements break the document


@examples(30, 6_000)
@given(base_documents(), st.data())
def test_one_field_set_to_a_value_of_any_json_type(
    doc: dict[str, Any], data: st.DataObject
) -> None:
    container, key = data.draw(st.sampled_from(slots(doc)))
    container[key] = data.draw(json_values(ids_in(doc)))
    loads("io.loads", data.draw(encodings(doc)))


# ---------------------------------------------------------------- numbers
def _number_slots(doc: Any) -> list[tuple[Any, Any]]:
    return [
        (c, k)
        for c, k in slots(doc)
        if isinstance(c[k], int | float) and not isinstance(c[k], bool) and k != "format_version"
    ]


@examples(30, 6_000)
@given(base_documents(example=False), st.data())
def test_huge_tiny_and_non_finite_numbers(doc: dict[str, Any], data: st.DataObject) -> None:
    places = _number_slots(doc)
    if not places:
        return
    for _ in range(data.draw(st.integers(1, 3))):
        container, key = data.draw(st.sampled_from(places))
        container[key] = Raw(data.draw(st.sampled_from(RAW_NUMBERS)))
    net = loads("io.loads", encode(doc))
    if net is not None:  # whatever loads holds finite numbers only: strict JSON again
        json.loads(io.dumps(net), parse_constant=_refuse_constant)


def _refuse_constant(name: str) -> None:
    raise AssertionError(f"{name} in a loaded network")


# ---------------------------------------------------------------- nesting
@examples(30, 5_000)
@given(
    base_documents(example=False),
    st.data(),
    st.integers(1, 200),
    st.booleans(),
    st.sampled_from([None, 3, 8, 64, 300]),
)
def test_deep_nesting_is_refused_beyond_max_depth(
    doc: dict[str, Any], data: st.DataObject, depth: int, objects: bool, max_depth: int | None
) -> None:
    container, key = data.draw(st.sampled_from(slots(doc)))
    container[key] = deep(depth, container[key], objects=objects)
    limits = {} if max_depth is None else {"max_depth": max_depth}
    net = loads("io.loads", encode(doc), **limits)
    if json_depth(doc) > (max_depth or 64):
        assert net is None


@examples(20, 2_000)
@given(st.integers(65, 300_000), st.sampled_from(["[", "{", '{"a":', "[{", '{"plan":[']))
def test_nesting_far_beyond_the_parser_recursion_limit(count: int, opener: str) -> None:
    text = '{"format_version": 1, "name": ' + opener * count
    for limits in ({}, {"max_depth": 10**9}):
        assert loads("io.loads", text, **limits) is None


# ---------------------------------------------------------------- identities and references
_KEYED = ["organizations", "segments", "managers", "links"]
_PLAN = ["levers", "propositions", "investments", "margins", "flow_tables"]
_REFERENCES = {"source", "target", "manager", "segment", "recipient", "member"}
_REFERENCE_LISTS = {"owners", "levers", "members"}


def _sections(doc: dict[str, Any]) -> list[list[Any]]:
    plan = doc.get("plan", {})
    return [doc[k] for k in _KEYED if doc.get(k)] + [plan[k] for k in _PLAN if plan.get(k)]


@examples(30, 5_000)
@given(base_documents(), st.data())
def test_duplicate_items_and_ids_are_refused(doc: dict[str, Any], data: st.DataObject) -> None:
    sections = _sections(doc)
    section = data.draw(st.sampled_from(sections))
    item = data.draw(st.sampled_from(section))
    if data.draw(st.booleans()) or len(ids_in(doc)) < 2 or "id" not in item:
        section.insert(data.draw(st.integers(0, len(section))), copy.deepcopy(item))
    else:  # give another object, of any kind, this object's id
        others = [o for s in sections for o in s if "id" in o and o is not item]
        data.draw(st.sampled_from(others))["id"] = item["id"]
    assert loads("io.loads", encode(doc)) is None


@examples(30, 5_000)
@given(base_documents(), st.data())
def test_dangling_references_are_refused(doc: dict[str, Any], data: st.DataObject) -> None:
    places = [
        (c, k)
        for c, k in slots(doc)
        if isinstance(c, dict)
        and c is not doc.get("plan")
        and (k in _REFERENCES or (k in _REFERENCE_LISTS and isinstance(c[k], list)))
        and (k not in ("source", "target") or "kind" in c)  # Evidence.source is free text
    ]
    if not places:
        return
    container, key = data.draw(st.sampled_from(places))
    ghost = "ghost-" + data.draw(st.text(min_size=1, max_size=4))
    if isinstance(container[key], list):
        container[key] = [*container[key], ghost]
    else:
        container[key] = ghost
    assert loads("io.loads", data.draw(encodings(doc))) is None


# ---------------------------------------------------------------- format and version
@examples(30, 4_000)
@given(base_documents(example=False), json_values(), json_values(), st.booleans())
def test_unknown_formats_and_versions(
    doc: dict[str, Any], version: Any, fmt: Any, drop_format: bool
) -> None:
    doc["format_version"] = version
    if drop_format:
        del doc["format"]
    else:
        doc["format"] = fmt
    net = loads("io.loads", encode(doc))
    known = type(version) is int and version == 1 and (drop_format or fmt == "channelvalue")
    if not known:
        assert net is None


# ---------------------------------------------------------------- anything goes
@examples(20, 8_000)
@given(base_documents(), st.data())
def test_stacked_random_mutations(doc: dict[str, Any], data: st.DataObject) -> None:
    root: Any = doc
    for _ in range(data.draw(st.integers(1, 6))):
        root = mutate(root, data.draw)
    loads("io.loads", data.draw(encodings(root)))


# ---------------------------------------------------------------- files
@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-load")


@st.composite
def file_contents(draw: st.DrawFn) -> bytes:
    """Random bytes, or a valid document after a few mutations, in any encoding."""
    if draw(st.booleans()):
        return draw(st.binary(max_size=300))
    root: Any = draw(base_documents(example=False))
    for _ in range(draw(st.integers(0, 3))):
        root = mutate(root, draw)
    raw = draw(encodings(root))
    return raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw


@examples(40, 10_000)
@given(file_contents(), st.sampled_from([None, 50, 4096]), st.sampled_from([None, 2, 64]))
def test_load_agrees_with_loads(
    workdir: Path, content: bytes, max_bytes: int | None, max_depth: int | None
) -> None:
    path = workdir / "doc.json"
    path.write_bytes(content)
    limits = {
        k: v for k, v in (("max_bytes", max_bytes), ("max_depth", max_depth)) if v is not None
    }
    from_file = attempt("io.load", lambda: io.load(path, **limits))
    try:
        from_text: cv.ChannelNetwork | None = io.loads(content, **limits)
    except cv.DocumentError:
        from_text = None
    assert from_file == from_text


@examples(30, 3_000)
@given(st.text(alphabet=st.characters(exclude_characters="/"), max_size=40))
def test_load_of_odd_paths(workdir: Path, name: str) -> None:
    for path in (workdir / name, str(workdir) + "/" + name):
        attempt("io.load", lambda p=path: io.load(p))


def test_the_deep_documents_of_the_suite_are_as_deep_as_built() -> None:
    assert json_depth(deep(5, 1, objects=True)) == 5
    assert json_depth(deep(3, {"a": [1]}, objects=False)) == 5
    assert json_depth({"a": 1, "b": [[], {}]}) == 3
    assert json.loads(encode({"a": Raw("1e400"), "b": [Raw("NaN")]})) == {
        "a": float("inf"),
        "b": [pytest.approx(float("nan"), nan_ok=True)],
    }
