"""AuditReport.to_excel: the workbook read back with openpyxl."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import channelvalue as cv
from channelvalue.aligning import partner_scorecard
from channelvalue.aligning._excel import SHEETS

openpyxl = pytest.importorskip("openpyxl")


def _rows(ws: object) -> list[tuple[object, ...]]:
    return list(ws.iter_rows(values_only=True))  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def example_book(tmp_path_factory: pytest.TempPathFactory) -> tuple[cv.AuditReport, Path]:
    net = cv.datasets.example()
    report = cv.audit(net)
    path = tmp_path_factory.mktemp("xl") / "audit.xlsx"
    report.to_excel(path, net)
    return report, path


def test_sheets_headers_panes_filters(example_book: tuple[cv.AuditReport, Path]) -> None:
    report, path = example_book
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == list(SHEETS) == ["Summary", "Checks", "Findings", "Scorecard"]
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}"
        assert all(c.font.bold for c in ws[1])
        assert ws.column_dimensions["A"].width > 5
    checks = _rows(wb["Checks"])
    assert checks[0] == (
        "check",
        "title",
        "assessed",
        "reason",
        "score",
        "weight",
        "coverage",
        "errors",
        "warnings",
        "infos",
    )
    assert [r[0] for r in checks[1:]] == list(report.checks)
    assert [r[4] for r in checks[1:]] == pytest.approx(
        [report.scores.get(c) for c in report.checks]
    )
    assert wb["Checks"]["G2"].number_format == "0.0%"


def test_not_assessed_checks_and_no_score(tmp_path: Path) -> None:
    net = cv.ChannelNetwork(steward="v", name="bare")
    net.add_all([cv.Organization("v", role="vendor"), cv.Organization("a", role="msp")])
    report = cv.audit(net)
    path = tmp_path / "bare.xlsx"
    report.to_excel(path, net)
    wb = openpyxl.load_workbook(path)
    rows = {r[0]: r for r in _rows(wb["Checks"])[1:]}
    assert rows["engagement.tiering"][2] == "no"
    assert rows["engagement.tiering"][3] == report.not_assessed["engagement.tiering"]
    assert rows["engagement.tiering"][4] is None  # no score
    summary = dict(_rows(wb["Summary"])[1:])
    assert summary["Checks assessed"] == f"{len(report.assessed)} of {len(report.checks)}"
    assert summary["Not assessed: engagement.tiering"] == report.not_assessed["engagement.tiering"]
    none = cv.audit(net, checks=[])
    none.to_excel(path, net)
    summary = dict(_rows(openpyxl.load_workbook(path)["Summary"])[1:])
    assert summary["Overall score (0-100)"] == "not scored (no check assessed)"


def test_findings_sheet_holds_every_finding(example_book: tuple[cv.AuditReport, Path]) -> None:
    report, path = example_book
    ws = openpyxl.load_workbook(path)["Findings"]
    rows = _rows(ws)
    assert rows[0][:6] == ("severity", "check", "title", "subject", "subject ids", "message")
    assert len(rows) - 1 == len(report.findings)
    assert [r[5] for r in rows[1:]] == [f.message for f in report.findings]
    # subjects by name, ids beside them
    named = next(r for r in rows[1:] if str(r[4]).startswith("dist-north"))
    assert str(named[3]).startswith("Northbridge Distribution")


def test_scorecard_and_summary(example_book: tuple[cv.AuditReport, Path]) -> None:
    report, path = example_book
    wb = openpyxl.load_workbook(path)
    card = partner_scorecard(cv.datasets.example(), report)
    rows = _rows(wb["Scorecard"])
    assert rows[0][:3] == ("name", "partner", "role")
    assert len(rows) - 1 == len(card)
    assert rows[1][0] == "Northbridge Distribution"  # the most revenue first
    share = rows[0].index("revenue_share")
    assert sum(r[share] for r in rows[1:]) == pytest.approx(1.0)
    assert wb["Scorecard"].cell(2, share + 1).number_format == "0.0%"
    summary = dict(_rows(wb["Summary"])[1:])
    assert summary["Overall score (0-100)"] == report.score
    assert summary["Findings"] == len(report.findings)
    assert summary["Partners"] == len(card)


def test_without_network_or_scorecard(tmp_path: Path) -> None:
    report = cv.audit(cv.datasets.example(), checks=["reporting"])
    path = tmp_path / "a.xlsx"
    report.to_excel(path)
    wb = openpyxl.load_workbook(path)
    assert "report.to_excel(path, net)" in wb["Scorecard"]["A2"].value
    report.to_excel(path, scorecard=False)  # replaces the file
    assert openpyxl.load_workbook(path).sheetnames == ["Summary", "Checks", "Findings"]
    with pytest.raises(cv.WrongTypeError):
        report.to_excel(path, scorecard="yes")
    with pytest.raises(cv.WrongTypeError):
        report.to_excel(path, net="net")
    with pytest.raises(cv.WrongTypeError):
        report.to_excel(3.5)


def test_text_from_the_data_is_never_a_formula(tmp_path: Path) -> None:
    net = cv.ChannelNetwork(steward="v", name='=HYPERLINK("http://x","y")')
    net.add_all(
        [
            cv.Organization("v", role="vendor"),
            cv.Organization("p", name="=1+1\x1b[2J", role="msp", revenue=1.0, tier="gold"),
        ]
    )
    report = cv.audit(net)
    path = tmp_path / "x.xlsx"
    report.to_excel(path, net)
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
    assert wb["Summary"]["B2"].value == '=HYPERLINK("http://x","y")'
    assert wb["Scorecard"]["A2"].value == "=1+1\\x1b[2J"


def test_unwritable_path_is_a_file_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = cv.audit(cv.datasets.example(), checks=["reporting"])
    with pytest.raises(cv.FileError, match="cannot write file"):
        report.to_excel(tmp_path / "no" / "such" / "dir.xlsx")
    target = tmp_path / "keep.xlsx"
    target.write_bytes(b"old")

    def refuse(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(cv.FileError, match="Permission denied"):
        report.to_excel(target)
    assert target.read_bytes() == b"old"  # the old file is intact
    assert [p.name for p in tmp_path.iterdir()] == ["keep.xlsx"]  # no temporary file left
