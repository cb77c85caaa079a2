"""The command line: validate, summary and demo; exit codes 0 / 1 / 2 and their messages."""

from __future__ import annotations

import io as _io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue import io
from channelvalue.cli import main

EXAMPLE = cv.datasets.example_path()


def run(*argv: str) -> tuple[int, str, str]:
    out, err = _io.StringIO(), _io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _write(tmp_path: Path, net: cv.ChannelNetwork, name: str = "net.json") -> str:
    path = tmp_path / name
    io.save(net, path)
    return str(path)


def test_validate_a_valid_file() -> None:
    code, out, err = run("validate", EXAMPLE)
    assert code == 0
    one_line = " ".join(out.split())  # wrapped to the output width; the path is never cut
    assert one_line.startswith(f"{EXAMPLE}: valid (<ChannelNetwork 'Acme Networks channel'")
    assert out.splitlines()[0].startswith(f"{EXAMPLE}: valid")
    assert all(len(line) <= 80 for line in out.splitlines()[1:])
    assert err == ""


def test_validate_lists_every_problem_with_exit_1(tmp_path: Path) -> None:
    net = cv.ChannelNetwork(steward="ghost")
    net.add_all(
        [
            cv.Organization("a", role="distributor"),
            cv.Organization("b", role="reseller"),
            cv.Supplies("a", "b"),
            cv.Supplies("b", "a"),
        ]
    )
    path = _write(tmp_path, net)
    code, out, _ = run("validate", path)
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == f"{path}: 2 problem(s)"
    assert lines[1] == "  $.steward: unknown organization id 'ghost'"
    assert lines[2].startswith("  $.links: supplies links form a cycle: ")


def test_validate_without_a_steward(tmp_path: Path) -> None:
    code, out, _ = run("validate", _write(tmp_path, cv.ChannelNetwork()))
    assert code == 1
    assert "$.steward: no steward is set" in out


@pytest.mark.parametrize("command", ["validate", "summary", "audit"])
def test_unreadable_input_exits_2(tmp_path: Path, command: str) -> None:
    missing = str(tmp_path / "missing.json")
    code, out, err = run(command, missing)
    assert code == 2
    assert out == ""
    assert f"{missing}: cannot read file" in err

    broken = tmp_path / "broken.json"
    broken.write_text('{"format_version": 1, "organizations": [', encoding="utf-8")
    code, out, err = run(command, str(broken))
    # one contract for every command: a document that does not read is exit 2, on stderr
    assert code == 2
    assert out == ""
    assert f"{broken}: invalid network document" in err
    assert "$: malformed JSON" in err


def test_validate_lists_bad_content_with_exit_2_and_the_path(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(
        '{"format_version": 1, "organizations": [{"id": "a", "role": "zzz"}]}',
        encoding="utf-8",
    )
    code, out, err = run("validate", str(path))
    assert code == 2
    assert out == ""
    assert "$.organizations[0].role: got 'zzz'" in err


def test_summary_refuses_bad_content_with_exit_2_and_the_path(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(
        '{"format_version": 1, "organizations": [{"id": "a", "role": "zzz"}]}',
        encoding="utf-8",
    )
    code, out, err = run("summary", str(path))
    assert code == 2
    assert out == ""
    assert "$.organizations[0].role: got 'zzz'" in err


def test_summary() -> None:
    code, out, err = run("summary", EXAMPLE)
    assert code == 0
    assert err == ""
    lines = out.splitlines()
    assert lines[0] == "Acme Networks channel — steward: acme (Acme Networks)"
    assert any(line.split() == ["organizations", "60"] for line in lines)
    assert any(line.split()[:2] == ["vendor", "1"] for line in lines)


def test_summary_of_a_network_without_steward(tmp_path: Path) -> None:
    code, out, _ = run("summary", _write(tmp_path, cv.ChannelNetwork(name="n")))
    assert code == 0
    assert out.splitlines()[0] == "n — steward: (none)"


def test_demo() -> None:
    code, out, err = run("demo")
    assert code == 0
    assert err == ""
    assert "Acme Networks" in out


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("frobnicate")[0] == 2
    assert run()[0] == 2
    assert run("validate")[0] == 2
    assert "usage: channelvalue" in capsys.readouterr().err
    assert run("--version")[0] == 0
    assert f"channelvalue {cv.__version__}" in capsys.readouterr().out


def test_python_dash_m_runs_the_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "channelvalue", "validate", EXAMPLE],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0
    assert "valid" in done.stdout


@given(st.binary(max_size=120) | st.text(alphabet='{}[]":,0123456789tfn', max_size=60))
def test_fuzz_validate_never_crashes(content: bytes | str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.json"
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        code, out, err = run("validate", str(path))
    assert code in (0, 1, 2)
    if code == 2:
        assert err.startswith(f"{path}: ")
        assert out == ""


def test_a_reader_that_goes_away_gets_no_traceback() -> None:
    # `channelvalue audit FILE | head -1`: the pipe closes after one line
    proc = subprocess.Popen(
        [sys.executable, "-m", "channelvalue", "audit", EXAMPLE, "--format", "markdown"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert proc.stdout is not None
    assert proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=120)
    assert first.startswith(b"# Audit of")
    assert "Traceback" not in err
    assert proc.returncode in (0, 1)


@pytest.mark.parametrize("columns", ["80", "60"])
@pytest.mark.parametrize("command", [("demo",), ("audit", EXAMPLE), ("summary", EXAMPLE)])
def test_table_and_summary_output_fit_the_terminal(
    monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...], columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    _, out, err = run(*command)
    assert err == ""
    assert max(len(line) for line in out.splitlines()) <= int(columns)
    if command[0] == "summary":  # nothing is lost: the same words as an unwrapped summary
        monkeypatch.setenv("COLUMNS", "10000")
        _, wide, _ = run(*command)
        assert out.split() == wide.split()
    else:  # messages wrap (titles may end in an ellipsis): every word of each one is shown
        words = set(out.split())
        report = cv.aligning.audit(cv.datasets.example())
        for check in report.checks:
            for finding in [f for f in report.findings if f.check == check][:10]:
                assert set(finding.message.split()) <= words, finding.message


def test_json_output_is_never_wrapped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    _, out, _ = run("audit", EXAMPLE, "--format", "json")
    assert max(len(line) for line in out.splitlines()) > 40


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    code, out, err = run("summary", str(tmp_path / "missing.json"))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert "cannot read file" in err


@pytest.mark.parametrize("command", ["audit", "summary", "validate"])
def test_max_bytes_bounds_the_file_read(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    size = Path(EXAMPLE).stat().st_size
    code, out, err = run(command, EXAMPLE, "--max-bytes", str(size - 1))
    assert code == 2
    assert f"over the limit of {size - 1:,}" in out + err
    code, _, _ = run(command, EXAMPLE, "--max-bytes", str(size))
    assert code in (0, 1)
    code, _, _ = run(command, EXAMPLE, "--max-bytes", "0")
    assert code == 2
    assert "expected a positive number of bytes" in capsys.readouterr().err  # argparse
