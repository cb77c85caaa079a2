"""Fuzzing the command line in-process: no exception escapes ``main`` and no traceback prints.

``validate``, ``summary`` and ``audit`` read fuzzed files (random bytes and mutated
documents, whose extreme but valid numbers also reach the audit's checks); ``audit
--config`` reads fuzzed settings; and random argument lists exercise the parser.
Output goes to byte streams with the encodings of a real terminal (stdout strict UTF-8,
stderr with backslash escapes), so text that cannot be printed is caught too. Exit codes
must agree with the library: 2 exactly when the file does not load (with a message on
stderr), else 0 or 1 as the command defines. Every run also checks that no control
character (other than the line feed) reaches stdout or stderr raw, whatever the data holds
(issue 14: a file must not drive the terminal), and that ``main`` never reports an internal
error (its catch-all for bugs counts as an escape here).
"""

from __future__ import annotations

import contextlib
import io as _io
import json
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue import io
from channelvalue.aligning import AuditConfig
from channelvalue.cli import main

from .fuzz_harness import (
    NOTHING,
    RAW_NUMBERS,
    Raw,
    attempt,
    base_documents,
    encode,
    encodings,
    examples,
    json_values,
    mutate,
    slots,
)

# what may never reach a terminal raw: C0 controls but the line feed, DEL and C1 controls,
# line/paragraph separators, bidi formatting characters, the BOM and lone surrogates
CONTROL = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\u061c\u200e\u200f\u202a-\u202e"
    "\u2066-\u2069\ud800-\udfff]"
)
INTERNAL = "channelvalue: internal error"


def assert_no_control(stream: str, text: str) -> None:
    """No control character of ``CONTROL`` in ``text`` (what one stream received)."""
    found = CONTROL.search(text)
    assert found is None, f"raw control character {found and found[0]!r} on {stream}: {text!r}"


@attrs.define
class Run:
    """One in-process run of the command line."""

    code: int
    out: str
    err: str


def run(target: str, argv: list[str]) -> Run:
    """``main(argv)`` through the tally, with terminal-like output streams."""
    out_bytes, err_bytes = _io.BytesIO(), _io.BytesIO()
    out = _io.TextIOWrapper(out_bytes, encoding="utf-8", errors="strict", write_through=True)
    err = _io.TextIOWrapper(
        err_bytes, encoding="utf-8", errors="backslashreplace", write_through=True
    )

    def call() -> int:
        code = main(argv, out=out, err=err)
        text = err_bytes.getvalue().decode("utf-8", "replace")
        if INTERNAL in text:  # main's catch-all caught a bug: an escape all the same
            raise AssertionError(text)
        return code

    # argparse writes usage errors and --help to sys.stderr / sys.stdout themselves
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = attempt(target, call, refuse=NOTHING, refused_if=lambda code: code == 2)
    assert code in (0, 1, 2)
    result = Run(code, out_bytes.getvalue().decode(), err_bytes.getvalue().decode())
    assert "Traceback" not in result.out + result.err
    assert_no_control("stdout", result.out)
    assert_no_control("stderr", result.err)
    if result.code == 2:
        assert result.err.strip(), "exit 2 without a message on stderr"
    return result


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-cli")


@st.composite
def mutated_files(draw: st.DrawFn) -> bytes:
    """Valid documents, mutated, with extreme numbers, or with a few bytes changed."""
    root: Any = draw(base_documents(example=False))
    how = draw(st.sampled_from(["none", "mutate", "numbers", "bytes"]))
    if how == "mutate":
        for _ in range(draw(st.integers(1, 3))):
            root = mutate(root, draw)
    elif how == "numbers":  # extreme values that may still load, to reach the checks
        numbers = [
            (c, k) for c, k in slots(root) if type(c[k]) in (int, float) and k != "format_version"
        ]
        chosen = draw(st.lists(st.sampled_from(numbers), max_size=4)) if numbers else []
        for container, key in chosen:
            container[key] = draw(
                st.sampled_from([0, 0.0, 1e308, 1.7976931348623157e308, 5e-324, 1e-300, 1])
                | st.sampled_from(RAW_NUMBERS).map(Raw)
            )
    raw = draw(encodings(root)) if how != "bytes" else encode(root)
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    if how == "bytes":
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + draw(st.binary(max_size=4)) + data[at + 1 :]
    return data


FILES = st.binary(max_size=200) | mutated_files()


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} in JSON output")


@examples(10, 2_000)
@given(FILES, st.sampled_from(["table", "markdown", "json"]))
def test_validate_summary_and_audit_of_fuzzed_files(
    workdir: Path, content: bytes, fmt: str
) -> None:
    path = workdir / "net.json"
    path.write_bytes(content)
    try:
        net: cv.ChannelNetwork | None = io.load(path)
    except cv.DocumentError:
        net = None
    problems = net.validate() if net is not None else ()
    for command in ("validate", "summary", "audit"):
        options = ["--format", fmt] if command == "audit" else []
        result = run(f"cli {command}", [command, str(path), *options])
        if net is None:  # the file does not load: exit 2 for every command
            assert result.code == 2
            assert str(path) in result.err
        elif command == "validate":
            assert result.code == (1 if problems else 0)
        elif command == "summary":
            assert result.code == 0
            assert result.out.strip()
        else:  # an audit needs a valid network, and then runs every check
            assert result.code in ((2,) if problems else (0, 1)), result.err
            if fmt == "json" and not problems:  # strict JSON: no NaN or Infinity
                json.loads(result.out, parse_constant=_refuse_constant)


CONFIG_KEYS = [a.name for a in attrs.fields(AuditConfig)]


@st.composite
def configs(draw: st.DrawFn) -> bytes:
    """Settings files: objects of known and unknown keys with any values, or junk."""
    form = draw(st.sampled_from(["object", "object", "json", "bytes"]))
    if form == "bytes":
        return draw(st.binary(max_size=60))
    if form == "json":
        return encode(draw(json_values())).encode("utf-8", "surrogatepass")
    keys = st.sampled_from([*CONFIG_KEYS, "unknown"])
    settings = draw(st.dictionaries(keys, json_values(["gold", "silver", "a", "b"]), max_size=4))
    return encode(settings).encode("utf-8", "surrogatepass")


@examples(10, 2_000)
@given(configs())
def test_audit_with_fuzzed_settings(workdir: Path, config: bytes) -> None:
    network = workdir / "small.json"
    if not network.exists():
        io.save(cv.datasets.synthetic(12, seed=1), network)
    settings = workdir / "settings.json"
    settings.write_bytes(config)
    result = run("cli audit --config", ["audit", str(network), "--config", str(settings)])
    if result.code == 2:
        assert str(settings) in result.err


ARGS = [
    "\x1b[2J", "\x9b31m", "\u202e", "\r", "\t", "\n",
    "demo", "validate", "summary", "audit", "map", "--format", "json", "markdown", "table",
    "xml", "--fail-on", "warning", "error", "info", "--config", "--check", "reporting",
    "nonexistent.check", "--version", "-h", "--help", "-", "", "--", "/", "\x00", "\ud800",
    "--summary", "--top", "1", "--all", "--labels", "id", "name", "csv", "html", "never",
    "--quiet", "import", "--columns", "a=b",
]  # fmt: skip


@examples(10, 2_000)
@given(st.lists(st.sampled_from(ARGS) | st.text(max_size=5), max_size=6))
def test_random_argument_lists(argv: list[str]) -> None:
    run("cli argv", argv)


@pytest.mark.parametrize("command", ["validate", "summary", "audit"])
@pytest.mark.parametrize("name", ["a\x00b", "\ud800", "/no/such/file.json", "/", ""])
def test_unreadable_paths_exit_2(command: str, name: str) -> None:
    result = run(f"cli {command}", [command, name])
    assert result.code == 2
    assert "cannot read file" in result.err


def test_the_example_through_every_command() -> None:
    """The bundled example: valid, summarised, audited (exit 0 or 1, a report printed)."""
    path = cv.datasets.example_path()
    assert run("cli validate", ["validate", path]).code == 0
    assert "acme" in run("cli summary", ["summary", path]).out
    audit = run("cli audit", ["audit", path, "--format", "json"])
    assert audit.code in (0, 1)
    assert audit.out.lstrip().startswith("{")
