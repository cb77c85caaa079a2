"""`channelvalue audit` output: 80 columns, --top / --all / --summary / --labels, and every
--format parses (issue 16, item 6)."""

from __future__ import annotations

import io as _io
import json
import re
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

import channelvalue as cv
from channelvalue.aligning import AuditReport, audit
from channelvalue.cli import render_report
from channelvalue.cli._render import AuditView, table_report

from .helpers import CONTROL, EXAMPLE, run, widest

SEVERITY_ROW = re.compile(r"^(error|warning|info) {2,}")


@pytest.fixture(autouse=True)
def _eighty_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")


@pytest.mark.parametrize("mode", [[], ["--summary"], ["--all"], ["--labels", "id"]])
@pytest.mark.parametrize("network", ["example", "synthetic"])
def test_every_line_fits_80_columns(network: str, mode: list[str], synthetic_path: str) -> None:
    path = EXAMPLE if network == "example" else synthetic_path
    if network == "synthetic" and mode == ["--all"]:
        mode = ["--top", "40"]  # every finding of 2,000 partners is a long page: fewer
    code, out, err = run("audit", path, *mode)
    assert code in (0, 1)
    assert err == ""
    assert widest(out) <= 80
    assert "\t" not in out


def test_summary_and_demo_fit_80_and_40_columns(
    monkeypatch: pytest.MonkeyPatch, synthetic_path: str
) -> None:
    for columns in ("80", "40"):
        monkeypatch.setenv("COLUMNS", columns)
        for argv in (["summary", synthetic_path], ["summary", EXAMPLE], ["demo", "--summary"]):
            code, out, _ = run(*argv)
            assert code == 0
            assert widest(out) <= int(columns), argv


def test_a_pipe_gets_80_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS")  # stdout is not a terminal under pytest: 80 columns
    _, out, _ = run("audit", EXAMPLE)
    assert widest(out) == 80


def test_summary_is_one_row_per_check_then_the_totals() -> None:
    report = audit(cv.datasets.example())
    code, out, _ = run("audit", EXAMPLE, "--summary", "--labels", "id")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "Audit of Acme Networks channel (steward acme)"
    n, k = len(report.checks), len(report.assessed)
    assert report.score is not None
    assert lines[1] == f"Score {report.score:.1f} of 100 · {k} of {n} checks assessed"
    c = report.counts
    assert lines[2] == (f"Findings: {c['error']} errors, {c['warning']} warnings, {c['info']} info")
    rows = [line for line in lines if line.split() and line.split()[0] in report.assessed]
    assert [row.split()[0] for row in rows] == list(report.assessed)
    for check, reason in report.not_assessed.items():  # listed with the reason
        assert any(line.split()[:1] == [check] and "not assessed" in line for line in lines)
        assert reason.split()[0] in out
    for row in rows:
        check, score, errors, warnings, infos = row.split()[:5]
        counts = report.counts_by_check[check]
        assert score == f"{report.scores[check]:.1f}"
        assert [int(errors), int(warnings), int(infos)] == [
            counts["error"],
            counts["warning"],
            counts["info"],
        ]
    assert not any(SEVERITY_ROW.match(line) for line in lines)  # no findings listed


def _shown_per_check(out: str, report: AuditReport, labels: str = "name") -> Counter[str]:
    """How many finding rows each check's table shows (a row starts with its severity)."""
    shown: Counter[str] = Counter()
    current = ""
    titles = {(report.titles[c] if labels == "name" else c): c for c in report.checks}
    for line in out.splitlines():
        head = line.split(" — ", 1)[0]
        if head in titles:
            current = titles[head]
        elif SEVERITY_ROW.match(line):
            shown[current] += 1
    return shown


@pytest.mark.parametrize("top", [1, 3])
def test_top_lists_the_n_most_severe_findings_of_each_check_and_counts_the_rest(
    top: int,
) -> None:
    report = audit(cv.datasets.example())
    _, out, _ = run("audit", EXAMPLE, "--top", str(top), "--labels", "id")
    per_check = Counter(f.check for f in report.findings)
    assert _shown_per_check(out, report, "id") == {c: min(n, top) for c, n in per_check.items()}
    more = [int(m.replace(",", "")) for m in re.findall(r"^\.\.\. and ([\d,]+) more", out, re.M)]
    assert sorted(more) == sorted(n - top for n in per_check.values() if n > top)
    # the most severe come first: an error is never left out for a warning
    for check in per_check:
        errors = sum(f.severity.value == "error" for f in report.findings if f.check == check)
        if errors >= top:
            section = out.split(f"\n{check} — ", 1)[1].split("\n\n", 1)[0]
            assert not re.search(r"^warning ", section, re.M), check


def test_all_lists_every_finding() -> None:
    report = audit(cv.datasets.example())
    _, out, _ = run("audit", EXAMPLE, "--all", "--labels", "id")
    assert sum(_shown_per_check(out, report, "id").values()) == len(report.findings)
    assert " more: --all shows" not in out


def test_labels_name_shows_names_and_labels_id_shows_ids() -> None:
    _, names, _ = run("audit", EXAMPLE, "--top", "100")
    _, ids, _ = run("audit", EXAMPLE, "--top", "100", "--labels", "id")
    assert "Northbridge" in names
    about = [line.split()[1] for line in ids.splitlines() if SEVERITY_ROW.match(line)]
    assert "dist-north," in about  # the About column holds ids
    assert "Partners with no reporting line up to the steward" in names
    assert "reporting.coverage" in ids
    assert "reporting.coverage" not in names


def test_json_holds_every_finding_whatever_top() -> None:
    report = audit(cv.datasets.example())
    _, out, _ = run("audit", EXAMPLE, "--format", "json", "--top", "1")
    data = json.loads(out)
    assert len(data["findings"]) == len(report.findings)
    assert AuditReport.from_dict(data) == report


def test_csv_reads_back_with_pandas_one_row_per_finding() -> None:
    pd = pytest.importorskip("pandas")
    report = audit(cv.datasets.example())
    code, out, _ = run("audit", EXAMPLE, "--format", "csv", "--top", "1")
    assert code == 1
    frame = pd.read_csv(_io.StringIO(out))
    assert len(frame) == len(report.findings)
    assert {"check", "severity", "message"} <= set(frame.columns)
    assert list(frame["message"]) == [f.message for f in report.findings]
    evidence = [json.loads(e) for e in frame["evidence"]]
    assert evidence == [dict(f.evidence) for f in report.findings]


def test_html_is_a_page_with_a_table(tmp_path: Path) -> None:
    code, out, err = run("audit", EXAMPLE, "--format", "html")
    assert code == 1
    assert err == ""
    assert out.startswith("<!DOCTYPE html>")
    assert "<table" in out
    assert out.rstrip().endswith("</html>")


def test_markdown_has_the_report_heading() -> None:
    _, out, _ = run("audit", EXAMPLE, "--format", "markdown")
    assert out.startswith("# Audit of Acme Networks channel")
    assert re.search(r"^\|.*\|$", out, re.M)  # a table


def test_output_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "audit.json"
    code, out, err = run("audit", EXAMPLE, "--format", "json", "-o", str(target))
    assert code == 1
    assert out == ""
    assert err == f"wrote {target}\n"
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "channelvalue-audit"
    code, out, err = run("audit", EXAMPLE, "-o", str(tmp_path / "audit.txt"), "--quiet")
    assert (code, out, err) == (1, "", "")
    assert (tmp_path / "audit.txt").read_text(encoding="utf-8").startswith("Audit of ")


def test_xlsx_is_written_to_the_output_path(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "audit.xlsx"
    code, out, err = run("audit", EXAMPLE, "--format", "xlsx", "-o", str(target))
    assert code == 1
    assert out == ""
    assert "wrote" in err
    assert openpyxl.load_workbook(target).sheetnames


def test_xlsx_without_output_goes_to_a_file_named_after_the_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run("audit", EXAMPLE, "--format", "xlsx")
    assert code == 1
    name = f"{Path(EXAMPLE).stem}-audit.xlsx"
    assert (tmp_path / name).is_file()
    assert err == f"wrote {name}\n"


def test_xlsx_without_an_excel_writer_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(AuditReport, "to_excel", raising=False)
    code, out, err = run("audit", EXAMPLE, "--format", "xlsx", "-o", "never-written.xlsx")
    assert code == 2
    assert out == ""
    assert "cannot write Excel reports" in err
    assert not Path("never-written.xlsx").exists()


def test_an_ascii_terminal_gets_ascii_tables() -> None:
    view = AuditView.of(audit(cv.datasets.example()), cv.datasets.example(), top=2)
    text = table_report(view, width=80, unicode=False)
    table_lines = [line for line in text.splitlines() if set(line) <= {"-", " "} and line]
    assert table_lines  # the header rules are drawn with '-'
    assert "─" not in text
    assert widest(text) <= 80


def test_data_cannot_widen_a_line_after_layout(tmp_path: Path) -> None:
    """Control characters are escaped before layout, so the escapes count in the width."""
    net = cv.datasets.example()
    text = cv.io.dumps(net).replace('"Northbridge Distribution"', '"North\\u001b[2J\\u202eX"')
    path = tmp_path / "hostile.json"
    path.write_text(text, encoding="utf-8")
    for argv in (["--top", "50"], ["--summary"], ["--format", "csv"], ["--format", "html"]):
        code, out, err = run("audit", str(path), *argv)
        assert err == ""
        assert code == 1
        assert CONTROL.search(out) is None
        if argv[0] != "--format":
            assert widest(out) <= 80
        if argv[0] == "--top":
            assert "North\\x1b[2J" in out


# ------------------------------------------------------------------ not assessed, no score
def _stub_report(**changes: Any) -> Any:
    """A report with the honest-score fields (not assessed checks, coverage), as the
    renderer reads them."""
    finding = cv.Finding("a.one", "warning", subjects=("p1",), message="p1 has no feed")
    fields: dict[str, Any] = {
        "findings": (finding,),
        "titles": {"a.one": "Data feeds", "b.two": "Flow margins"},
        "scores": {"a.one": 90.0},
        "not_assessed": {"b.two": "no flow tables or margins"},
        "coverage": {"a.one": 0.75},
        "names": {"p1": "Partner One"},
        "score": 90.0,
        "network": "net",
        "steward": None,
        "counts": {"error": 0, "warning": 1, "info": 0},
        "counts_by_check": {"a.one": {"error": 0, "warning": 1, "info": 0}},
    }
    fields.update(changes)
    return SimpleNamespace(**fields)


def test_not_assessed_checks_show_their_reason_and_no_counts() -> None:
    text = table_report(AuditView.of(_stub_report()), width=80, unicode=True, summary=True)
    lines = text.splitlines()
    assert lines[1] == "Score 90.0 of 100 · 1 of 2 checks assessed"
    assert lines[2] == "Findings: 0 errors, 1 warning, 0 info"
    row = next(line for line in lines if line.startswith("Flow margins"))
    assert row.split()[2:] == ["not", "assessed"]  # no counts, no coverage
    below = text.split("Not assessed (left out of the score):", 1)[1].split()
    assert below == ["Flow", "margins", "no", "flow", "tables", "or", "margins"]
    assert "Seen" in text  # coverage is shown when the report has it
    assert "75%" in text


def test_no_check_assessed_gives_no_score() -> None:
    report = _stub_report(
        findings=(),
        scores={},
        score=None,
        not_assessed={"a.one": "no feeds", "b.two": "no flow tables"},
        coverage={},
        counts={"error": 0, "warning": 0, "info": 0},
        counts_by_check={},
    )
    text = table_report(AuditView.of(report), width=80, unicode=True)
    assert text.splitlines()[1] == "No score: no check was assessed (0 of 2)"


def test_names_come_from_the_report_when_it_has_them() -> None:
    text = table_report(AuditView.of(_stub_report()), width=80, unicode=True)
    assert "Partner One" in text
    text = table_report(AuditView.of(_stub_report(), labels="id"), width=80, unicode=True)
    assert "Partner One" not in text
    assert "a.one" in text


def test_the_honest_report_is_rendered_with_its_reasons() -> None:
    report = audit(_bare_network())
    text = render_report(report, summary=True, width=80)
    assert widest(text) <= 80
    assert "not assessed" in text
    assert f"of {len(report.titles)} checks assessed" in text or "No score" in text


def _bare_network() -> cv.ChannelNetwork:
    net = cv.ChannelNetwork(steward="v", name="bare")
    net.add_all(
        [
            cv.Organization("v", role="vendor", owned=True),
            cv.Organization("r", role="reseller", revenue=10.0),
            cv.Supplies("v", "r"),
        ]
    )
    return net


def test_without_rich_the_same_content_is_wrapped_plain_text(
    monkeypatch: pytest.MonkeyPatch, synthetic_path: str
) -> None:
    from channelvalue.cli import _render

    monkeypatch.setattr(_render, "has_rich", lambda: False)
    for argv in (
        ["audit", EXAMPLE, "--top", "2"],
        ["audit", synthetic_path, "--summary"],
        ["summary", EXAMPLE],
    ):
        code, out, err = run(*argv)
        assert code in (0, 1)
        assert err == ""
        assert widest(out) <= 80
        assert "─" not in out  # no table rules: plain lines
    _, out, _ = run("audit", synthetic_path, "--summary")
    assert "not assessed (no account lists)" in " ".join(out.split())
    _, out, _ = run("audit", EXAMPLE, "--top", "2", "--labels", "id")
    assert "more (--all shows them)" in out
