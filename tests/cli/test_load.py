"""`load_network`: JSON, CSV folders, and the readers other parts add (.xlsx workbooks,
one-table exports with a column map) imported when called; `--columns` maps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import channelvalue as cv
from channelvalue.cli import _load, load_network
from channelvalue.cli._load import read_columns
from channelvalue.errors import DocumentError, FileError, Problem

from .helpers import EXAMPLE, run


def test_json_and_csv_folder_give_the_same_network(tmp_path: Path) -> None:
    net = cv.datasets.example()
    assert load_network(EXAMPLE) == net
    cv.io.write_csv(net, tmp_path / "tables")
    assert load_network(str(tmp_path / "tables")) == net
    code, out, _ = run("summary", str(tmp_path / "tables"))
    assert code == 0
    assert out.startswith("Acme Networks channel")


def test_max_bytes_bounds_a_csv_folder(tmp_path: Path) -> None:
    cv.io.write_csv(cv.datasets.example(), tmp_path / "tables")
    with pytest.raises(DocumentError, match="over the limit of 100 bytes"):
        load_network(str(tmp_path / "tables"), max_bytes=100)


def test_a_folder_that_is_not_a_csv_folder_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(FileError, match=r"no organizations\.csv"):
        load_network(str(tmp_path))
    with pytest.raises(FileError, match="cannot read file"):
        load_network("")


def test_an_xlsx_workbook(tmp_path: Path) -> None:
    path = tmp_path / "net.xlsx"
    pytest.importorskip("openpyxl")
    cv.io.write_excel(cv.datasets.example(), path)
    assert load_network(str(path)) == cv.datasets.example()


def test_an_export_with_a_column_map(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("Account ID,Account Name,Partner Type\nv,Vendor,vendor\n", encoding="utf-8")
    columns = "Account Name=name"
    for argv in ([], ["--columns", columns]):
        code, out, err = run("import", str(path), *argv)
        assert code in (0, 1), err
        assert json.loads(out)["organizations"]


def test_import_writes_a_document_that_loads_back(tmp_path: Path) -> None:
    target = tmp_path / "net.json"
    code, out, err = run("import", cv.datasets.example_csv_path(), "-o", str(target))
    assert code == 0
    assert out == ""
    assert err == f"wrote {target}\n"
    assert cv.io.load(target) == cv.io.read_csv(cv.datasets.example_csv_path())


def test_column_maps(tmp_path: Path) -> None:
    assert read_columns("Account ID=id; Account Name = name ;") == {
        "Account ID": "id",
        "Account Name": "name",
    }
    saved = tmp_path / "map.toml"  # a saved map is read by read_export itself
    saved.write_text('[columns]\n"Account ID" = "id"\n', encoding="utf-8")
    assert read_columns(str(saved)) == str(saved)


@pytest.mark.parametrize("columns", ["id", "=id", "Account ID=", "a=b;c"])
def test_bad_inline_column_maps_exit_2(columns: str) -> None:
    for command in ("audit", "summary", "validate", "import"):
        code, out, err = run(command, EXAMPLE, "--columns", columns)
        assert code == 2
        assert out == ""
        assert "invalid column map" in err
        assert "expected Header=target pairs" in err


def test_a_missing_or_huge_column_map_file_exits_2(tmp_path: Path) -> None:
    code, _, err = run("audit", EXAMPLE, "--columns", str(tmp_path / "missing.json"))
    assert code == 2
    assert "cannot read file" in err
    if Path("/dev/zero").exists():
        code, _, err = run("audit", EXAMPLE, "--columns", "/dev/zero")
        assert code == 2
        assert "over the limit" in err


class _FakeImport:
    """What `read_export` returns beside the network: a report with problems."""

    problems = (Problem("export.csv row 3, column 'Tier'", "unknown tier 'Bronze'"),)

    def __str__(self) -> str:
        return "Import of export.csv: 2 rows\n  1 problems: 1 unknown-term"


@pytest.fixture
def fake_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """An export read by a stand-in `read_export` (the real one comes with the import work)."""
    calls: list[object] = []

    def read_export(path: Path, *, columns: object = None) -> tuple[cv.ChannelNetwork, object]:
        calls.append(columns)
        return cv.datasets.example(), _FakeImport()

    monkeypatch.setattr(_load, "_read_export", lambda: read_export)
    path = tmp_path / "export.csv"
    path.write_text("Account Name\nAcme\n", encoding="utf-8")
    return str(path)


def test_an_export_goes_through_read_export_with_the_column_map(fake_export: str) -> None:
    code, out, err = run("import", fake_export, "--columns", "Acct=name;Type=role")
    assert code == 0
    assert cv.io.loads(out) == cv.datasets.example()
    assert err.startswith("Import of export.csv: 2 rows\n")
    code, out, err = run("summary", fake_export, "--quiet")
    assert (code, err) == (0, "")
    code, out, err = run("audit", fake_export, "--summary")
    assert code == 1
    assert "Import of export.csv" in err


def test_validate_lists_the_import_problems(fake_export: str) -> None:
    code, out, err = run("validate", fake_export)
    assert code == 1
    assert err == ""
    assert "export.csv row 3, column 'Tier': unknown tier 'Bronze'" in out


def test_import_keeps_control_characters_as_json_escapes(tmp_path: Path) -> None:
    name = "North\x85\u202e\x1bX"
    text = cv.io.dumps(cv.datasets.example()).replace(
        json.dumps("Northbridge Distribution"), json.dumps(name)
    )
    path = tmp_path / "hostile.json"
    path.write_text(text, encoding="utf-8")
    for argv in ([], ["-o", str(tmp_path / "out.json")]):
        code, out, _ = run("import", str(path), *argv)
        assert code == 0
        written = out if not argv else (tmp_path / "out.json").read_text(encoding="utf-8")
        assert "\x85" not in written
        assert "\x1b" not in written
        assert cv.io.loads(written).organizations["dist-north"].name == name
