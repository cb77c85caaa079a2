"""The command line cannot be turned against its terminal (issue 14, items 3, 6 and 7):
control characters from the data never reach stdout or stderr raw, any output encoding
works, every file read is bounded, and no traceback is ever printed."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import channelvalue as cv
from channelvalue import cli
from channelvalue.cli import main

EXAMPLE = cv.datasets.example_path()
ESC = "\x1b[2J\x1b[H\x1b]0;pwned\x07ALL GOOD\x9b31m\u202e\x00"

# every control character but the line feed (C0, C1, line/paragraph separators, bidi, BOM)
CONTROL = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\u061c\u200e\u200f\u202a-\u202e"
    "\u2066-\u2069\ud800-\udfff]"
)


def _clean(text: str) -> None:
    found = CONTROL.search(text)
    assert found is None, f"raw control character {found and found[0]!r} in {text!r}"
    assert "Traceback" not in text


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    _clean(out)
    _clean(err)
    return code, out, err


def _hostile(tmp_path: Path, *, unknown_key: bool = False, invalid: bool = False) -> str:
    text = cv.io.dumps(cv.datasets.example())
    text = text.replace(json.dumps("res-11"), json.dumps(f"res{ESC}\nALL GOOD"))
    data = json.loads(text)
    data["name"] = f"{ESC}name\r\nALL GOOD"
    if unknown_key:
        data["organizations"][0][f"{ESC}\nALL GOOD"] = 1
    if invalid:
        data["steward"] = f"missing{ESC}"
    path = tmp_path / f"hostile{int(unknown_key)}{int(invalid)}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    "argv",
    [
        ["summary"],
        ["validate"],
        ["audit"],
        ["audit", "--format", "markdown"],
        ["audit", "--format", "json"],
    ],
)
def test_control_characters_in_names_and_ids_are_shown_not_sent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, err = _run(capsys, argv[0], _hostile(tmp_path), *argv[1:])
    assert code in (0, 1)
    assert err == ""
    assert "ALL GOOD" in out
    assert not any(line.startswith("ALL GOOD") for line in out.splitlines())


def test_json_output_escapes_controls_and_still_loads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _hostile(tmp_path)
    code, out, _ = _run(capsys, "audit", path, "--format", "json")
    assert code == 1
    assert json.loads(out)["network"] == f"{ESC}name\r\nALL GOOD"


def test_unknown_keys_and_invalid_documents_report_safely(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "summary", _hostile(tmp_path, unknown_key=True))
    assert code == 2
    assert out == ""
    assert "unknown field(s) \\x1b[2J" in err
    assert not any(line.startswith("ALL GOOD") for line in err.splitlines())
    for command, stream in (("audit", 2), ("validate", 1)):
        code, out, err = _run(capsys, command, _hostile(tmp_path, invalid=True))
        assert code == stream
        assert "missing\\x1b[2J" in (err if stream == 2 else out)


def test_paths_and_arguments_are_shown_not_sent(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "validate", f"/no/such/{ESC}.json")
    assert code == 2
    assert "/no/such/\\x1b[2J" in err
    code, _, err = _run(capsys, "summary", f"/no/such/{ESC}.json")
    assert code == 2
    code, _, err = _run(capsys, "audit", EXAMPLE, "--config", f"/no/such/{ESC}")
    assert code == 2
    code, _, err = _run(capsys, "audit", EXAMPLE, ESC)
    assert code == 2
    assert "unrecognized arguments: \\x1b[2J" in err
    code, _, err = _run(capsys, "audit", EXAMPLE, "--format", ESC)
    assert code == 2


def test_an_endless_config_file_is_refused_not_read(capsys: pytest.CaptureFixture[str]) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    code, out, err = _run(capsys, "audit", EXAMPLE, "--config", "/dev/zero")
    assert code == 2
    assert out == ""
    assert "/dev/zero: invalid audit configuration" in err
    assert "over the limit" in err


def test_a_non_utf8_terminal_gets_escapes_not_a_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    for argv in (
        ["audit", _hostile(tmp_path), "--format", "markdown"],
        ["validate", _hostile(tmp_path, invalid=True)],
        ["demo"],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "channelvalue", *argv],
            capture_output=True,
            env=env,
            timeout=120,
        )
        assert done.returncode in (0, 1), done.stderr  # the terminal's encoding is no error
        assert done.stderr == b""
        out = done.stdout.decode("ascii")  # nothing but ASCII reached the terminal
        _clean(out)


def test_summary_on_an_ascii_terminal() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run(
        [sys.executable, "-m", "channelvalue", "summary", EXAMPLE],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0
    assert done.stderr == b""
    assert done.stdout.decode("ascii").startswith("Acme Networks channel \\u2014 steward: acme")


@pytest.mark.parametrize(
    ("error", "code", "message"),
    [
        (RuntimeError("boom\x1b[2J"), 2, "internal error, please report it: RuntimeError"),
        (MemoryError(), 2, "not enough memory"),
        (KeyboardInterrupt(), 130, ""),
    ],
)
def test_no_traceback_for_anything_unexpected(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    error: BaseException,
    code: int,
    message: str,
) -> None:
    def fail(_net: cv.ChannelNetwork, **_options: object) -> str:
        raise error

    monkeypatch.setattr(cli._commands, "summary_text", fail)
    got, out, err = _run(capsys, "summary", EXAMPLE)
    assert got == code
    assert out == ""
    assert message in err
    assert len(err.splitlines()) <= 1
