"""JSON documents: lossless round trips, and hostile input that only ever gets DocumentError."""

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
from channelvalue.testing import strategies as cvst


def _doc(**sections: Any) -> dict[str, Any]:
    return {"format": "channelvalue", "format_version": 1, **sections}


_V = {"id": "v", "role": "vendor"}
_R = {"id": "r", "role": "reseller"}


# ---------------------------------------------------------------------- round trips
@given(cvst.networks())
def test_loads_dumps_round_trip(net: cv.ChannelNetwork) -> None:
    text = io.dumps(net)
    again = io.loads(text)
    assert again == net
    assert io.dumps(again) == text  # the document is canonical
    assert io.loads(text.encode("utf-8")) == net


@given(cvst.networks(max_organizations=3))
def test_save_load_round_trip(net: cv.ChannelNetwork) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "net.json"
        io.save(net, path)
        assert io.load(path) == net
        io.save(net, str(path), indent=None)
        assert io.load(str(path)) == net


def test_document_of_a_small_network_worked_by_hand() -> None:
    net = cv.ChannelNetwork(steward="v", name="n")
    net.add_all(
        [
            cv.Organization("r", role="reseller", revenue=5),
            cv.Organization("v", role="vendor"),
            cv.Segment("s", size=10),
            cv.Supplies("v", "r"),
            cv.Serves("r", "s"),
            cv.Margin("s", "r", share=0.5),
        ]
    )
    assert io.document(net) == {
        "format": "channelvalue",
        "format_version": 1,
        "name": "n",
        "steward": "v",
        "organizations": [
            {"id": "r", "role": "reseller", "revenue": 5.0},
            {"id": "v", "role": "vendor"},
        ],
        "segments": [{"id": "s", "size": 10.0}],
        "managers": [],
        "links": [
            {"kind": "serves", "source": "r", "target": "s"},
            {"kind": "supplies", "source": "v", "target": "r"},
        ],
        "plan": {
            "levers": [],
            "propositions": [],
            "investments": [],
            "margins": [{"segment": "s", "member": "r", "share": 0.5}],
            "flow_tables": [],
        },
    }


def test_the_example_round_trips() -> None:
    net = cv.datasets.example()
    assert io.loads(io.dumps(net, indent=2)) == net


# ---------------------------------------------------------------------- bad documents
_BAD: list[tuple[str, Any, str, str]] = [
    # (case, document text or object, path of the problem, part of its message)
    ("malformed", "{", "$", "malformed JSON at line 1 column 2"),
    ("empty", "", "$", "malformed JSON"),
    ("not utf-8", b"\xff\xfe\x00", "$", "UTF"),
    ("not an object", "[]", "$", "expected an object, got list"),
    ("not text", 5, "$", "expected JSON text, got int"),
    ("missing version", {"format": "channelvalue"}, "$.format_version", "missing"),
    ("newer version", _doc(format_version=2), "$.format_version", "newer than this library"),
    ("version as text", _doc(format_version="1"), "$.format_version", "got '1'"),
    ("version as bool", _doc(format_version=True), "$.format_version", "got True"),
    ("other format", _doc(format="xml"), "$.format", "got 'xml'"),
    ("unknown top field", _doc(colour=1), "$.colour", "unknown field"),
    ("unknown plan section", _doc(plan={"x": []}), "$.plan.x", "unknown plan section"),
    ("plan not an object", _doc(plan=[]), "$.plan", "expected an object, got list"),
    ("name not text", _doc(name=5), "$.name", "got 5"),
    ("steward not an id", _doc(steward=[]), "$.steward", "got []"),
    ("section not a list", _doc(organizations={}), "$.organizations", "expected a list"),
    ("item not an object", _doc(organizations=[5]), "$.organizations[0]", "got int"),
    (
        "wrong type in a field",
        _doc(organizations=[{**_V, "revenue": "x"}]),
        "$.organizations[0].revenue",
        "got 'x'",
    ),
    (
        "unknown field",
        _doc(organizations=[{**_V, "colour": "red"}]),
        "$.organizations[0]",
        "unknown field(s) colour for Organization",
    ),
    (
        "missing field",
        _doc(organizations=[{"role": "vendor"}]),
        "$.organizations[0].id",
        "missing required field of Organization",
    ),
    (
        "bad link kind",
        _doc(links=[{"kind": "sells", "source": "v", "target": "r"}]),
        "$.links[0].kind",
        "got 'sells'",
    ),
    (
        "unhashable link kind",
        _doc(links=[{"kind": ["supplies"], "source": "v", "target": "r"}]),
        "$.links[0].kind",
        "got ['supplies']",
    ),
    (
        "dangling link",
        _doc(organizations=[_V], links=[{"kind": "supplies", "source": "v", "target": "ghost"}]),
        "$.links[0]",
        "unknown organization id 'ghost'",
    ),
    (
        "dangling plan item",
        _doc(organizations=[_V], plan={"investments": [{"id": "i", "recipient": "ghost"}]}),
        "$.plan.investments[0]",
        "'ghost'",
    ),
    (
        "duplicate id",
        _doc(organizations=[_V, {"id": "v", "role": "msp"}]),
        "$.organizations[1]",
        "id 'v' is already used",
    ),
    (
        "wrong node kind",
        _doc(organizations=[_V, _R], links=[{"kind": "serves", "source": "v", "target": "r"}]),
        "$.links[0]",
        "expected a segment id",
    ),
    (
        "evidence field",
        _doc(
            segments=[{"id": "s"}],
            plan={
                "propositions": [
                    {"id": "p", "segment": "s", "claim": "c", "evidence": [{"value": 1}]}
                ]
            },
        ),
        "$.plan.propositions[0].evidence[0].metric",
        "missing required field of Evidence",
    ),
    (
        "evidence not an object",
        _doc(
            segments=[{"id": "s"}],
            plan={"propositions": [{"id": "p", "segment": "s", "claim": "c", "evidence": [1]}]},
        ),
        "$.plan.propositions[0].evidence[0]",
        "expected an object (Evidence)",
    ),
    (
        "need out of range",
        _doc(segments=[{"id": "s", "needs": {"lot_size": {"level": 2}}}]),
        "$.segments[0].needs['lot_size'].level",
        "got 2",
    ),
    ("NaN", '{"format_version": 1, "name": NaN}', "$", "NaN is not allowed"),
    ("Infinity", '{"format_version": 1, "name": Infinity}', "$", "Infinity is not allowed"),
    (
        "-Infinity",
        '{"format_version": 1, "organizations": [{"id": "v", "role": "vendor", '
        '"revenue": -Infinity}]}',
        "$",
        "-Infinity is not allowed",
    ),
    (
        "a float too large",
        '{"format_version": 1, "organizations": [{"id": "v", "role": "vendor", "revenue": 1e400}]}',
        "$.organizations[0].revenue",
        "got inf",
    ),
    (
        "an int too large for a float",
        '{"format_version": 1, "organizations": [{"id": "v", "role": "vendor", "revenue": 1'
        + "0" * 400
        + "}]}",
        "$.organizations[0].revenue",
        "got 1000",
    ),
    ("an int of 5000 digits", '{"format_version": 1' + "0" * 5000 + "}", "$", "digits"),
    ("deep nesting", "[" * 100_000 + "]" * 100_000, "$", "deep"),
    (
        "deep nesting in a field",
        '{"format_version": 1, "name": ' + "[" * 40 + "]" * 40 + "}",
        "$.name",
        "expected a string",
    ),
]


@pytest.mark.parametrize(("case", "source", "path", "part"), _BAD, ids=[c[0] for c in _BAD])
def test_bad_documents_are_document_errors_with_the_path(
    case: str, source: Any, path: str, part: str
) -> None:
    text = source if isinstance(source, str | bytes | int) else json.dumps(source)
    with pytest.raises(cv.DocumentError) as info:
        io.loads(text)  # type: ignore[arg-type]
    err = info.value
    assert not isinstance(err, KeyError | TypeError)
    assert [p.path for p in err.problems] == [path], str(err)
    assert part in err.problems[0].message, str(err)
    assert path in str(err)


def test_every_problem_of_a_document_is_reported_at_once() -> None:
    doc = _doc(
        name=1,
        organizations=[{**_V, "revenue": -1}, {"id": "", "role": "msp"}],
        segments=[{"id": "s", "size": "big"}],
        plan={"margins": [{"segment": "s", "member": "v", "share": 2}]},
    )
    with pytest.raises(cv.DocumentError) as info:
        io.loads(json.dumps(doc))
    assert [p.path for p in info.value.problems] == [
        "$.name",
        "$.organizations[0].revenue",
        "$.organizations[1].id",
        "$.segments[0].size",
        "$.plan.margins[0].share",
    ]
    assert str(info.value).startswith("5 problems:")


def test_size_limit_and_files() -> None:
    with pytest.raises(cv.DocumentError, match="over the limit of 10"):
        io.loads(io.dumps(cv.ChannelNetwork()), max_bytes=10)
    with pytest.raises(cv.DocumentError, match="cannot read file"):
        io.load("/no/such/dir/net.json")
    with pytest.raises(cv.DocumentError, match="cannot read file"):
        io.load("bad\x00path.json")


def test_save_refuses_a_lone_surrogate_and_writes_nothing(tmp_path: Path) -> None:
    # found by these tests: save() raised a bare UnicodeEncodeError
    net = cv.ChannelNetwork(name="bad \ud800 name")
    path = tmp_path / "net.json"
    with pytest.raises(cv.DocumentError, match="lone surrogate"):
        io.save(net, path)
    assert not path.exists()


# ---------------------------------------------------------------------- fuzzing
def _only_document_errors(text: str | bytes) -> cv.ChannelNetwork | None:
    """Load ``text``; the only exception allowed out is DocumentError."""
    problems: tuple[cv.Problem, ...] = ()
    try:
        net = io.loads(text)
    except cv.DocumentError as err:
        problems = err.problems
    else:
        assert io.loads(io.dumps(net)) == net
        return net
    assert problems
    assert all(p.path for p in problems)
    return None


@given(st.binary(max_size=200))
def test_fuzz_random_bytes(data: bytes) -> None:
    _only_document_errors(data)


@given(st.text(alphabet='{}[]":,0123456789.eE-+ntrufalsNIy\\ ', max_size=80))
def test_fuzz_json_like_text(text: str) -> None:
    _only_document_errors(text)


@given(cvst.networks(max_organizations=4), st.data())
def test_fuzz_truncated_and_bit_flipped_documents(net: cv.ChannelNetwork, data: Any) -> None:
    raw = io.dumps(net).encode("utf-8")
    cut = data.draw(st.integers(0, len(raw) - 1))
    assert _only_document_errors(raw[:cut]) is None  # a truncated object is never valid
    at = data.draw(st.integers(0, len(raw) - 1))
    bit = data.draw(st.integers(0, 7))
    flipped = bytearray(raw)
    flipped[at] ^= 1 << bit
    _only_document_errors(bytes(flipped))


_JSON_VALUES: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.sampled_from([10**400, -(10**400), 1e308, -0.0, 5e-324])
    | st.floats()
    | st.text(max_size=4),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=6,
)


def _slots(node: Any, out: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in a parsed document."""
    if isinstance(node, dict):
        for key, value in node.items():
            out.append((node, key))
            _slots(value, out)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out.append((node, i))
            _slots(value, out)
    return out


@given(cvst.networks(max_organizations=4), st.data())
def test_fuzz_wrong_values_missing_and_unknown_fields(net: cv.ChannelNetwork, data: Any) -> None:
    doc = copy.deepcopy(io.document(net))
    for _ in range(data.draw(st.integers(1, 3))):
        slots = _slots(doc, [])
        container, key = data.draw(st.sampled_from(slots))
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            container[key] = data.draw(_JSON_VALUES)
        elif action == "delete":
            del container[key]
        elif isinstance(container, dict):
            container[data.draw(st.text(min_size=1, max_size=4))] = data.draw(_JSON_VALUES)
        else:
            container.append(data.draw(_JSON_VALUES))
    text = json.dumps(doc, allow_nan=True)
    _only_document_errors(text)


@given(cvst.networks(max_organizations=3), st.data())
def test_fuzz_dangling_references_and_duplicates(net: cv.ChannelNetwork, data: Any) -> None:
    doc = io.document(net)
    kind = data.draw(st.sampled_from(["supplies", "serves", "reports_to", "shares_data"]))
    source = data.draw(st.sampled_from([*sorted(net.organizations), "ghost"]))
    doc["links"].append({"kind": kind, "source": source, "target": "ghost"})
    if data.draw(st.booleans()):
        doc["organizations"].append(doc["organizations"][0])
    with pytest.raises(cv.DocumentError) as info:
        io.loads(json.dumps(doc))
    assert any(p.path.startswith("$.links[") for p in info.value.problems)
