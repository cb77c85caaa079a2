"""``channelvalue audit`` and ``channelvalue demo``: output formats and exit codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import channelvalue as cv
from channelvalue.cli import main

EXAMPLE = cv.datasets.example_path()


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _quiet_file(tmp_path: Path) -> str:
    net = cv.ChannelNetwork(steward="v", name="quiet")
    net.add_all([cv.Organization("v", role="vendor", owned=True)])
    path = tmp_path / "quiet.json"
    cv.io.save(net, path)
    return str(path)


def test_demo_prints_the_audit_table() -> None:
    code, out, _ = _run("demo")
    assert code == 0
    assert out.startswith("Audit of Acme Networks channel (steward Acme Networks): score ")
    net = cv.datasets.example()
    for check_id in cv.aligning.registered():
        applies = cv.aligning.authoring.get_check(check_id).applies
        if applies is None or applies(net):  # else not assessed: no row
            assert check_id in out  # every check has a row, and the example trips most of them


def test_audit_exit_codes_follow_fail_on(tmp_path: Path) -> None:
    assert _run("audit", EXAMPLE)[0] == 1  # the example has errors
    assert _run("audit", EXAMPLE, "--check", "reporting")[0] == 0  # warnings only
    assert _run("audit", EXAMPLE, "--check", "reporting", "--fail-on", "warning")[0] == 1
    assert _run("audit", _quiet_file(tmp_path), "--fail-on", "warning")[0] == 0


def test_audit_formats() -> None:
    code, out, _ = _run("audit", EXAMPLE, "--format", "json", "--check", "reporting.coverage")
    data = json.loads(out)
    assert code == 0
    assert [c["id"] for c in data["checks"]] == ["reporting.coverage"]
    assert data["counts"] == {"error": 0, "warning": 4, "info": 0}
    _, md, _ = _run("audit", EXAMPLE, "--format", "markdown", "--check", "conflict")
    assert md.startswith("# Audit of Acme Networks channel")
    assert "| `conflict.overlap` |" in md
    _, table, _ = _run("audit", EXAMPLE, "--check", "conflict.overlap", "reporting.coverage")
    assert "reporting.coverage" in table
    assert "transparency.sell_through" not in table


def test_audit_config_file(tmp_path: Path) -> None:
    cfg = tmp_path / "cfg.json"
    cfg.write_text(json.dumps({"max_feed_interval_days": 100, "min_sell_through_share": 0.5}))
    _, out, _ = _run(
        "audit", EXAMPLE, "--format", "json", "--config", str(cfg), "--check", "transparency"
    )
    messages = [f["message"] for f in json.loads(out)["findings"]]
    assert not any("refreshes every" in m for m in messages)  # no feed is staler than 100


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b'{"format": "channelvalue", "format_version": 1, "organizations": [', "malformed JSON"),
        (b"[1, 2, 3]", "expected an object, got list"),
        (
            b'{"format": "channelvalue", "format_version": 1, "organizations": 5}',
            "$.organizations: expected a list, got int",
        ),
        (
            b'{"format": "channelvalue", "format_version": 1, "organizations": '
            b'[{"id": "a", "role": "vendor", "revenue": "lots"}]}',
            "$.organizations[0].revenue",
        ),
        (b'{"a": "\x80\x81"}', "not UTF-8"),
        (b"", "malformed JSON"),
    ],
)
def test_bad_network_files_exit_2_naming_the_problem(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    code, out, err = _run("audit", str(path))
    assert code == 2
    assert out == ""
    assert problem in err
    assert "Traceback" not in err


def test_truncated_example_exits_2(tmp_path: Path) -> None:
    text = Path(EXAMPLE).read_text(encoding="utf-8")
    path = tmp_path / "cut.json"
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    code, _, err = _run("audit", str(path))
    assert code == 2
    assert "malformed JSON at line" in err


def test_missing_file_and_directory_exit_2(tmp_path: Path) -> None:
    code, _, err = _run("audit", str(tmp_path / "nope.json"))
    assert code == 2
    assert "cannot read file" in err
    assert _run("audit", str(tmp_path))[0] == 2


def test_invalid_network_exits_2(tmp_path: Path) -> None:
    doc = {
        "format": "channelvalue",
        "format_version": 1,
        "organizations": [{"id": "a", "role": "vendor"}],
    }
    path = tmp_path / "nosteward.json"
    path.write_text(json.dumps(doc))
    code, _, err = _run("audit", str(path))
    assert code == 2
    assert "$.steward: no steward is set" in err


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{", "malformed JSON"),
        ('{"bogus": 1}', "$.bogus: unknown field"),
        ('{"margin_tolerance": -1}', "$.margin_tolerance: got -1"),
        ("[]", "expected an object of settings"),
    ],
)
def test_bad_config_files_exit_2(tmp_path: Path, content: str, problem: str) -> None:
    cfg = tmp_path / "cfg.json"
    cfg.write_text(content)
    code, out, err = _run("audit", EXAMPLE, "--config", str(cfg))
    assert code == 2
    assert out == ""
    assert problem in err
    assert _run("audit", EXAMPLE, "--config", str(tmp_path / "missing.json"))[0] == 2


def test_unknown_check_and_bad_usage_exit_2() -> None:
    code, _, err = _run("audit", EXAMPLE, "--check", "reporting.nope")
    assert code == 2
    assert "unknown check id 'reporting.nope'" in err
    assert _run("audit", EXAMPLE, "--format", "yaml")[0] == 2
    assert _run("audit", EXAMPLE, "--fail-on", "fatal")[0] == 2
    assert _run("audit")[0] == 2


def test_validate_and_summary_still_work() -> None:
    assert _run("validate", EXAMPLE)[0] == 0
    code, out, _ = _run("summary", EXAMPLE)
    assert code == 0
    assert "steward: acme" in out


def test_module_entry_point_exit_code(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text("{")
    proc = subprocess.run(
        [sys.executable, "-m", "channelvalue", "audit", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "malformed JSON" in proc.stderr
