"""What a user met trying the command line on the bundled export: help within 80
columns, a FILE swallowed by --check, long problems wrapped at the output width."""

from __future__ import annotations

from pathlib import Path

import pytest

import channelvalue as cv

from .helpers import EXAMPLE, run, widest


@pytest.fixture
def columns_80(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")


@pytest.mark.usefixtures("columns_80")
@pytest.mark.parametrize("argv", [(), ("audit",), ("validate",), ("import",), ("demo",)])
def test_help_fits_80_columns(argv: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(*argv, "--help")[0] == 0
    text = capsys.readouterr().out
    assert "exit codes:" in text
    assert widest(text) <= 80


def test_file_after_check_gets_a_hint(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run("audit", "--check", "reporting", EXAMPLE)
    assert code == 2
    err += capsys.readouterr().err
    assert "required: FILE" in err
    assert "give FILE before --check" in err


def test_a_missing_file_without_check_has_no_check_hint(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run("audit", "--summary")
    assert code == 2
    err += capsys.readouterr().err
    assert "required: FILE" in err
    assert "--check" not in err.splitlines()[-1]


@pytest.mark.usefixtures("columns_80")
def test_export_problems_and_import_notes_are_wrapped(tmp_path: Path) -> None:
    export = str(cv.datasets.prm_export_path())
    columns = str(Path(export).with_name("prm_export.columns.toml"))
    code, out, _ = run("validate", export, "--columns", columns)
    assert code == 1
    assert "39 problem(s)" in out.splitlines()[0]
    assert widest("\n".join(out.splitlines()[1:])) <= 80
    code, out, err = run("import", export, "--columns", columns, "-o", str(tmp_path / "n.json"))
    assert (code, out) == (0, "")
    assert "duplicate groups:" in err
    assert widest(err.replace(str(tmp_path), "")) <= 80


def test_the_workbook_summary_names_the_steward(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "audit.xlsx"
    code, _, _ = run("audit", EXAMPLE, "--format", "xlsx", "-o", str(target), "--quiet")
    assert code == 1
    wb = openpyxl.load_workbook(target)
    summary = dict(wb["Summary"].iter_rows(min_row=2, values_only=True))
    assert summary["Steward"] == "Acme Networks"  # its name, not the id 'acme'
    assert wb["Findings"].max_row - 1 == len(cv.audit(cv.datasets.example()).findings)
    for ws in wb:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref


def test_an_export_that_cannot_be_built_is_not_called_a_network_document() -> None:
    export = str(cv.datasets.prm_export_path())  # EUR and USD revenue, no rates given
    code, out, err = run("import", export)
    assert (code, out) == (2, "")
    first = err.splitlines()[0]
    assert first.endswith("prm_export.csv: cannot be read as a network")
    assert "invalid network document" not in err
    assert "(pass rates=" in err  # the problem's hint is kept


def test_a_broken_json_document_is_still_an_invalid_network_document(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format_version": 1, "organizations": [', encoding="utf-8")
    code, _, err = run("validate", str(broken))
    assert code == 2
    assert err.startswith(f"{broken}: invalid network document\n")
