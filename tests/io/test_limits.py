"""Limits of the JSON loaders: size, nesting depth, text, huge and non-finite numbers.

The depth scan is checked against a plain Python reference on arbitrary bytes (so chunk
boundaries, escaped quotes and backslash runs are covered) and against the true depth of
valid JSON values.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue.io._limits import checked_text, first_too_deep, surrogate_problems
from channelvalue.io.json import DEFAULT_MAX_DEPTH

PACKAGE = Path(cv.__file__).parent


def reference_too_deep(data: bytes, max_depth: int) -> int | None:
    """The offset of the first bracket deeper than ``max_depth``, byte by byte.

    A backslash escapes the next byte wherever it is (outside strings it is not valid
    JSON, so a parser stops there; the scan may count on either way).
    """
    depth = 0
    in_string = escaped = False
    for i, byte in enumerate(data):
        was_escaped, escaped = escaped, False
        char = chr(byte)
        if char == "\\" and not was_escaped:
            escaped = True
        elif char == '"' and not was_escaped:
            in_string = not in_string
        elif not in_string and char in "[{":
            depth += 1
            if depth > max_depth:
                return i
        elif not in_string and char in "]}":
            depth -= 1
    return None


def json_depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max((json_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((json_depth(v) for v in value), default=0)
    return 0


def doc(**fields: Any) -> str:
    return json.dumps({"format_version": 1, **fields}, ensure_ascii=False)


# ---------------------------------------------------------------- the depth scan
@given(
    st.binary(max_size=60).map(lambda b: bytes(b'[]{}"\\|\x02ab'[x % 10] for x in b)),
    st.integers(0, 5),
    st.integers(1, 9),
)
def test_depth_scan_agrees_with_the_byte_by_byte_reference(
    data: bytes, max_depth: int, chunk: int
) -> None:
    assert first_too_deep(data, max_depth, chunk=chunk) == reference_too_deep(data, max_depth)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='[]{}"\\ab\u00e9'),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(alphabet='[]{}"\\ab', max_size=3), inner, max_size=3)
    ),
    max_leaves=12,
)


@given(json_values, st.integers(0, 6), st.sampled_from([2, 3, 5, 1 << 22]))
def test_depth_scan_finds_the_true_depth_of_json_values(
    value: Any, max_depth: int, chunk: int
) -> None:
    text = json.dumps(value, ensure_ascii=False).encode("utf-8")
    offset = first_too_deep(text, max_depth, chunk=chunk)
    assert (offset is None) == (json_depth(value) <= max_depth)
    if offset is not None:
        assert text[offset : offset + 1] in (b"[", b"{")


def test_depth_scan_worked_by_hand() -> None:
    text = b'{"a": "[[[", "b": [{"c": "\\"[["}], "d": [[1]]}'
    assert first_too_deep(text, 3) is None
    assert first_too_deep(text, 2) == text.index(b'{"c"')  # { [ { is depth 3
    assert first_too_deep(b"[" * 10, 9) == 9
    assert first_too_deep(b'"\\\\"[[', 1) == 5  # an escaped backslash does not escape the quote


# ---------------------------------------------------------------- loads and load
def test_loads_refuses_nesting_deeper_than_max_depth() -> None:
    deep = '{"format_version": 1, "name": ' + "[" * 70 + "]" * 70 + "}"
    with pytest.raises(cv.DocumentError, match=r"max_depth=64 at line 1 column 94"):
        cv.io.loads(deep)
    assert DEFAULT_MAX_DEPTH == cv.io.DEFAULT_MAX_DEPTH == 64
    # within the limit the text is parsed and the value judged by the field's converter
    with pytest.raises(cv.DocumentError, match=r"\$\.name: got \[\[\[") as info:
        cv.io.loads(deep, max_depth=71)
    assert "max_depth" not in str(info.value)


def test_loads_counts_lines_and_columns_of_the_deep_bracket() -> None:
    with pytest.raises(cv.DocumentError, match="at line 3 column 4"):
        cv.io.loads('{\n "x":\n [[[[]]]]}', max_depth=3)


def test_brackets_inside_strings_do_not_count() -> None:
    net = cv.io.loads(doc(name="[[[[[[{{{{" * 20), max_depth=1)
    assert net.name.startswith("[[[[")


def test_the_parser_recursion_limit_is_a_document_error() -> None:
    with pytest.raises(cv.DocumentError, match="nested too deeply"):
        cv.io.loads("[" * 100_000, max_depth=10**9)


def test_load_passes_max_depth_and_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"format_version": 1, "name": [[["x"]]]}', encoding="utf-8")
    with pytest.raises(cv.DocumentError, match="max_depth=2"):
        cv.io.load(path, max_depth=2)
    with pytest.raises(cv.DocumentError) as info:
        cv.io.load(path, max_bytes=10)
    assert str(info.value) == f"1 problem:\n  {path}: file of 40 bytes is over the limit of 10"


def test_load_reads_no_more_than_max_bytes_from_a_device() -> None:
    """A character device reports size 0: the reader stops at max_bytes anyway."""
    if not Path("/dev/zero").exists():  # pragma: no cover - every Linux has it
        pytest.skip("no /dev/zero")
    with pytest.raises(cv.DocumentError) as info:
        cv.io.load("/dev/zero", max_bytes=1000)
    assert str(info.value) == "1 problem:\n  /dev/zero: file is over the limit of 1,000 bytes"


def test_max_bytes_counts_utf8_bytes_not_characters() -> None:
    text = doc(name="\u00e9" * 50)  # 50 characters, 100 bytes in the name
    assert len(text) < 100 < len(text.encode("utf-8"))
    with pytest.raises(cv.DocumentError, match=r"document of 1\d\d bytes is over the limit of 100"):
        cv.io.loads(text, max_bytes=100)
    assert cv.io.loads(text, max_bytes=200).name == "\u00e9" * 50


def test_a_document_of_exactly_max_bytes_is_read() -> None:
    text = doc(name="x")
    assert cv.io.loads(text, max_bytes=len(text)).name == "x"
    with pytest.raises(cv.DocumentError, match="over the limit"):
        cv.io.loads(text, max_bytes=len(text) - 1)


# ---------------------------------------------------------------- text
def test_lone_surrogates_are_refused_with_their_path() -> None:
    with pytest.raises(cv.DocumentError, match=r"\$\.name: got '\\ud800' but expected valid"):
        cv.io.loads('{"format_version": 1, "name": "\\ud800"}')  # the escape \ud800
    text = '{"format_version": 1, "organizations": [{"id": "a\\udfff", "role": "vendor"}]}'
    with pytest.raises(cv.DocumentError, match=r"\$\.organizations\[0\]\.id: got 'a\\udfff'"):
        cv.io.loads(text.encode("ascii"))
    with pytest.raises(cv.DocumentError, match=r"\$\.x\['\\ud800'\]: a key with a lone surrogate"):
        cv.io.loads('{"format_version": 1, "x": {"\\ud800": 1}}')


def test_a_raw_surrogate_in_text_or_bytes_is_refused() -> None:
    raw = '{"format_version": 1, "name": "\ud800"}'
    with pytest.raises(cv.DocumentError, match="lone surrogate at character 31"):
        cv.io.loads(raw)
    with pytest.raises(cv.DocumentError, match="not UTF-8 text: invalid continuation byte"):
        cv.io.loads(raw.encode("utf-8", "surrogatepass"))


def test_paired_surrogate_escapes_are_one_character() -> None:
    text = '{"format_version": 1, "name": "smile \\ud83d\\ude00"}'
    assert cv.io.loads(text).name == "smile \U0001f600"


def test_utf16_and_utf32_documents_are_read_and_checked() -> None:
    for encoding in ("utf-16", "utf-16-be", "utf-32", "utf-8-sig"):
        assert cv.io.loads(doc(name="\u00e9t\u00e9").encode(encoding)).name == "\u00e9t\u00e9"
    bad = '{"format_version": 1, "name": "\ud800"}'.encode("utf-16-le", "surrogatepass")
    with pytest.raises(cv.DocumentError, match="not UTF-16-LE text: illegal UTF-16 surrogate"):
        cv.io.loads(bad)


def test_undecodable_bytes_name_the_byte() -> None:
    with pytest.raises(cv.DocumentError, match=r"not UTF-8 text: invalid start byte at byte 30"):
        cv.io.loads(b'{"format_version": 1, "name": \xff}')


def test_surrogate_problems_walks_keys_values_and_lists() -> None:
    data = {"a": ["ok", "\udc00"], "\ud800": {"b": "\ud801"}, "c": 1}
    assert [p.path for p in surrogate_problems(data)] == [
        "$.a[1]",
        "$.\ud800.b",
        "$['\\ud800']",
    ]
    assert surrogate_problems({"a": ["\U0001f600"]}) == []


def test_checked_text_reports_whether_an_escape_needs_the_walk() -> None:
    assert checked_text(b'["\\u00e9"]', max_bytes=99, max_depth=1) == ('["\\u00e9"]', False)
    assert checked_text('["\\uD83D"]', max_bytes=99, max_depth=1) == ('["\\uD83D"]', True)


# ---------------------------------------------------------------- numbers
@pytest.mark.parametrize(
    ("fragment", "path"),
    [
        ('"organizations": [{"id": "a", "role": "vendor", "revenue": 1E}]', "revenue"),
        ('"segments": [{"id": "s", "needs": {"lot_size": {"level": 1E}}}]', "level"),
        ('"managers": [{"id": "m", "capacity": -1E}]', "capacity"),
        (
            '"plan": {"flow_tables": [{"segment": "s", "weights": {"promotion": 1E},'
            ' "shares": {"promotion": {"a": 1}}}]}',
            "weights['promotion']",
        ),
    ],
)
def test_integers_too_large_for_a_float_are_refused_with_their_path(
    fragment: str, path: str
) -> None:
    text = "{" + '"format_version": 1, ' + fragment.replace("1E", "1" + "0" * 400) + "}"
    with pytest.raises(cv.DocumentError) as info:
        cv.io.loads(text)
    (problem,) = info.value.problems
    assert problem.path.endswith(path)
    assert "finite number" in problem.message


def test_integers_beyond_the_digit_limit_are_a_document_error() -> None:
    with pytest.raises(cv.DocumentError, match="4300 digits"):
        cv.io.loads('{"format_version": 1, "name": 1' + "0" * 5000 + "}")


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinities_are_refused(constant: str) -> None:
    text = '{"format_version": 1, "organizations": [{"id": "a", "role": "vendor", "revenue": '
    with pytest.raises(cv.DocumentError, match=f"{constant} is not allowed"):
        cv.io.loads(text + constant + "}]}")


@pytest.mark.parametrize("number", ["1e400", "-1e400"])
def test_float_literals_that_overflow_are_refused_with_their_path(number: str) -> None:
    text = '{"format_version": 1, "organizations": [{"id": "a", "role": "vendor", "revenue": '
    with pytest.raises(cv.DocumentError, match=r"\$\.organizations\[0\]\.revenue: got -?inf"):
        cv.io.loads(text + number + "}]}")


# ---------------------------------------------------------------- no code execution
_FORBIDDEN_MODULES = {"pickle", "cPickle", "_pickle", "dill", "marshal", "shelve", "yaml"}
_FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__"}


def _code_execution_sites(source: str) -> list[str]:
    """Imports of unpickling or YAML modules and calls that run text as code."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [a.name.split(".")[0] for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [(node.module or "").split(".")[0]]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            names = [node.func.id] if node.func.id in _FORBIDDEN_CALLS else []
        elif isinstance(node, ast.Attribute) and node.attr in {"load", "loads", "unsafe_load"}:
            base = node.value
            names = [base.id] if isinstance(base, ast.Name) else []
        else:
            continue
        forbidden = _FORBIDDEN_MODULES | _FORBIDDEN_CALLS
        found += [(node.lineno, n) for n in names if n in forbidden]
    return [f"line {line}: {name}" for line, name in sorted(found)]


def test_the_package_never_executes_code_from_its_input() -> None:
    sources = sorted(PACKAGE.rglob("*.py"))
    assert len(sources) > 20
    offenders = {
        str(p.relative_to(PACKAGE)): sites
        for p in sources
        if (sites := _code_execution_sites(p.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_the_code_execution_scan_finds_what_it_looks_for() -> None:
    source = "import pickle\nfrom yaml import load\nx = eval('1')\nyaml.load(s)\nexec(c)\n"
    assert _code_execution_sites(source) == [
        "line 1: pickle",
        "line 2: yaml",
        "line 3: eval",
        "line 4: yaml",
        "line 5: exec",
    ]
    assert _code_execution_sites("import json\nre.compile('x')\njson.loads(s)\n") == []
