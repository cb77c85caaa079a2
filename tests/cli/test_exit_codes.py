"""One exit-code contract for every command: 0 ok, 1 findings at or above --fail-on
(validate: problems), 2 unreadable or invalid input / usage, 130 on Ctrl-C."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import channelvalue as cv
from channelvalue import cli

from .helpers import EXAMPLE, run


def _write(tmp_path: Path, net: cv.ChannelNetwork, name: str = "net.json") -> str:
    path = tmp_path / name
    cv.io.save(net, path)
    return str(path)


@pytest.fixture
def broken(tmp_path: Path) -> str:
    path = tmp_path / "broken.json"
    path.write_text('{"format_version": 1, "organizations": [', encoding="utf-8")
    return str(path)


@pytest.fixture
def no_steward(tmp_path: Path) -> str:
    net = cv.ChannelNetwork(name="n")
    net.add(cv.Organization("a", role="vendor"))
    return _write(tmp_path, net)


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["--check", "reporting"], 0),  # warnings only, --fail-on error
        ([], 1),  # the example has errors
        (["--check", "reporting", "--fail-on", "warning"], 1),
        (["--check", "reporting", "--fail-on", "info"], 1),
        (["--check", "power", "--fail-on", "info"], 1),
        (["--fail-on", "never"], 0),
        (["--summary"], 1),  # the layout does not change the exit code
        (["--format", "json"], 1),
    ],
)
def test_audit_exit_code_follows_fail_on(argv: list[str], code: int) -> None:
    assert run("audit", EXAMPLE, *argv)[0] == code


def test_demo_exits_0_unless_asked(tmp_path: Path) -> None:
    assert run("demo")[0] == 0
    assert run("demo", "--fail-on", "error")[0] == 1


@pytest.mark.parametrize("command", ["audit", "summary", "validate", "import"])
def test_unreadable_input_exits_2_for_every_command(
    tmp_path: Path, broken: str, command: str
) -> None:
    for path in (str(tmp_path / "missing.json"), broken, str(tmp_path)):
        code, out, err = run(command, path)
        assert code == 2, (command, path)
        assert out == ""
        assert err.startswith(path)


@pytest.mark.parametrize("command", ["audit", "summary", "validate", "import"])
def test_a_document_with_bad_content_exits_2(tmp_path: Path, command: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(
        '{"format_version": 1, "organizations": [{"id": "a", "role": "zzz"}]}', encoding="utf-8"
    )
    code, out, err = run(command, str(path))
    assert code == 2
    assert out == ""
    assert "$.organizations[0].role: got 'zzz'" in err


def test_validate_was_1_on_an_unreadable_document_and_is_now_2(broken: str) -> None:
    code, out, err = run("validate", broken)
    assert code == 2
    assert out == ""
    assert "malformed JSON" in err


def test_an_invalid_network(no_steward: str) -> None:
    code, out, err = run("validate", no_steward)  # readable, with problems: 1, on stdout
    assert code == 1
    assert err == ""
    assert "$.steward: no steward is set" in out
    code, out, err = run("audit", no_steward)  # an audit cannot run on it: 2
    assert code == 2
    assert out == ""
    assert "$.steward: no steward is set" in err
    assert run("summary", no_steward)[0] == 0  # a summary can
    code, out, err = run("import", no_steward)  # written all the same, exit 1
    assert code == 1
    assert json.loads(out)["name"] == "n"
    assert "no steward is set" in err


def test_validate_formats(no_steward: str) -> None:
    code, out, _ = run("validate", no_steward, "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["valid"] is False
    assert data["problems"][0]["path"] == "$.steward"
    code, out, _ = run("validate", EXAMPLE, "--format", "json")
    assert code == 0
    assert json.loads(out)["valid"] is True
    pd = pytest.importorskip("pandas")
    import io as _io

    code, out, _ = run("validate", no_steward, "--format", "csv")
    assert code == 1
    frame = pd.read_csv(_io.StringIO(out))
    assert list(frame["path"]) == ["$.steward"]
    code, out, _ = run("validate", EXAMPLE, "--format", "csv")
    assert code == 0
    assert out.startswith("table,row,column")


def test_summary_formats() -> None:
    code, out, _ = run("summary", EXAMPLE, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["counts"]["organizations"] == 60
    assert data["steward"] == {"id": "acme", "name": "Acme Networks"}
    code, out, _ = run("summary", EXAMPLE, "--format", "markdown")
    assert code == 0
    assert out.startswith("# Acme Networks channel")


@pytest.mark.parametrize(
    "argv",
    [
        ["audit"],
        ["audit", EXAMPLE, "--top", "0"],
        ["audit", EXAMPLE, "--top", "x"],
        ["audit", EXAMPLE, "--top", "3", "--all"],
        ["audit", EXAMPLE, "--labels", "nickname"],
        ["audit", EXAMPLE, "--format", "pdf"],
        ["audit", EXAMPLE, "--fail-on", "fatal"],
        ["audit", EXAMPLE, "--check", "reporting.nope"],
        ["summary", EXAMPLE, "--format", "csv"],
        ["validate", EXAMPLE, "--format", "html"],
        ["import"],
        ["frobnicate"],
        [],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(*argv)[0] == 2


def test_an_output_that_cannot_be_written_exits_2(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "folder" / "out.md"
    for command in ("audit", "summary", "validate", "import"):
        code, out, err = run(command, EXAMPLE, "-o", str(target))
        assert code == 2, command
        assert out == ""
        assert f"{target}: cannot write file" in err


@pytest.mark.parametrize("command", ["audit", "summary", "validate", "import", "demo"])
def test_ctrl_c_exits_130(monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    def interrupted(*_args: object, **_options: object) -> cv.ChannelNetwork:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli._commands, "read_input", interrupted)
    argv = [command] if command == "demo" else [command, EXAMPLE]
    code, out, _ = run(*argv)
    assert code == 130
    assert out == ""


def test_help_states_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--help"], ["audit", "--help"], ["validate", "--help"]):
        assert run(*argv)[0] == 0
        text = " ".join(capsys.readouterr().out.split())
        assert "exit codes:" in text
        assert "0 success" in text
        assert "2 unreadable or invalid input" in text
        assert "130 interrupted (Ctrl-C)" in text
