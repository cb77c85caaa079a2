"""AuditReport: order, counts, scores by hand, filter, renderings, to_dict round trip."""

from __future__ import annotations

import json

import pytest

import channelvalue as cv
from channelvalue.aligning import AuditConfig, AuditReport, audit
from channelvalue.aligning.authoring import capped, check_score, penalty_of, summary, weight_of


def F(check: str, severity: str, *subjects: str, message: str = "m", **ev: float) -> cv.Finding:
    return cv.Finding(check, severity, subjects=subjects, message=message, evidence=ev)


def _report() -> AuditReport:
    return AuditReport.from_results(
        {
            "b.two": [F("b.two", "warning", "x"), F("b.two", "error", "y")],
            "a.one": [F("a.one", "info", "z"), summary("a.one", "warning", 4, "things")],
            "c.three": [],
        },
        titles={"a.one": "One", "b.two": "Two", "c.three": "Three"},
        weights={"a.one": 1.0, "b.two": 2.0, "c.three": 1.0},
        network="net",
        steward="v",
    )


def test_order_counts_and_scores_by_hand() -> None:
    r = _report()
    assert [(f.check, f.severity.value, f.subjects) for f in r] == [
        ("b.two", "error", ("y",)),
        ("a.one", "warning", ()),
        ("b.two", "warning", ("x",)),
        ("a.one", "info", ("z",)),
    ]
    # the summary finding stands for 4 warnings
    assert r.counts == {"error": 1, "warning": 5, "info": 1}
    assert r.counts_by_check["c.three"] == {"error": 0, "warning": 0, "info": 0}
    # a.one: penalty 4 x 1 + 0 = 4 -> 100 * 0.5 ** 0.4 = 75.79 -> 75.8
    # b.two: penalty 1 + 3 = 4 -> 75.8; c.three: 100
    assert dict(r.scores) == {"a.one": 75.8, "b.two": 75.8, "c.three": 100.0}
    # weighted: (75.8 + 2 x 75.8 + 100) / 4 = 81.85 (81.8499... in binary) -> 81.8
    assert r.score == 81.8
    assert r.worst is cv.Severity.ERROR
    assert r.fails("error")
    assert r.fails(cv.Severity.WARNING)
    assert len(r) == 4


def test_check_score_formula() -> None:
    assert check_score([]) == 100.0
    assert check_score([F("a.b", "info")] * 50) == 100.0  # info costs nothing
    assert check_score([F("a.b", "warning")] * 10) == 50.0  # one half-life
    assert check_score([F("a.b", "error")] * 10, half_life=15) == 25.0  # 30 points: 2 halves
    assert penalty_of(summary("a.b", "error", 7, "x")) == 21.0
    assert weight_of(F("a.b", "info")) == 1


def test_empty_report() -> None:
    r = AuditReport.from_results({})
    assert r.score == 100.0
    assert r.worst is None
    assert not r.fails("info")
    assert r.counts == {"error": 0, "warning": 0, "info": 0}


def test_filter() -> None:
    r = _report()
    assert [f.subjects for f in r.filter(severity="warning")] == [(), ("x",)]
    assert [f.subjects for f in r.filter(severity=["info", "error"])] == [("y",), ("z",)]
    assert [f.subjects for f in r.filter(min_severity="warning")] == [("y",), (), ("x",)]
    assert [f.subjects for f in r.filter(subject="x")] == [("x",)]
    only_b = r.filter(check="b")
    assert only_b.checks == ("b.two",)
    assert only_b.score == 75.8
    assert r.filter(check=["a.one", "c"]).checks == ("a.one", "c.three")
    with pytest.raises(cv.UnknownIdError, match=r"checks in this report: a.one, b.two"):
        r.filter(check="zzz")
    with pytest.raises(cv.ValidationError, match=r"filter.severity"):
        r.filter(severity="fatal")
    with pytest.raises(cv.ValidationError, match=r"filter.min_severity"):
        r.filter(min_severity="fatal")
    with pytest.raises(cv.ValidationError, match=r"fails.at"):
        r.fails("fatal")


def test_renderings() -> None:
    r = _report()
    text = r.to_text()
    assert text.splitlines()[0] == "Audit of net (steward v): score 81.8/100"
    assert "b.two" in text
    assert "... and 2 more findings" in r.to_text(max_findings=2)
    md = r.to_markdown()
    assert md.startswith("# Audit of net (steward v)")
    assert "| `a.one` | 75.8 | 0 | 4 | 1 |" in md
    html = r._repr_html_()
    assert html.startswith("<div>")
    assert "b.two" in html
    assert repr(r) == "<AuditReport 'net': score 81.8, 1 errors, 5 warnings, 1 info in 3 checks>"


def test_markdown_escapes_pipes() -> None:
    r = AuditReport.from_results({"a.b": [F("a.b", "warning", "x", message="a | b")]})
    assert "a \\| b" in r.to_markdown()


def test_frames() -> None:
    r = _report()
    df = r.to_frame()
    assert list(df["check"]) == ["b.two", "a.one", "b.two", "a.one"]
    wide = r.to_frame(expand_evidence=True)
    assert wide["evidence.omitted"].tolist()[1] == 4.0
    checks = r.checks_frame()
    assert checks.loc["b.two", "weight"] == 2.0
    assert int(checks.loc["a.one", "warning"]) == 4
    assert list(AuditReport.from_results({}).to_frame().columns) == [
        "check",
        "severity",
        "subjects",
        "message",
        "evidence",
    ]


def test_to_dict_is_json_safe_and_round_trips() -> None:
    r = audit(cv.datasets.example(), config=AuditConfig(max_findings_per_kind=3))
    data = json.loads(json.dumps(r.to_dict(), allow_nan=False))
    assert data["format"] == "channelvalue-audit"
    assert data["counts"] == r.counts
    assert AuditReport.from_dict(data) == r


def test_from_dict_errors() -> None:
    with pytest.raises(cv.WrongTypeError):
        AuditReport.from_dict([])  # type: ignore[arg-type]
    with pytest.raises(cv.DocumentError, match=r"\$.format"):
        AuditReport.from_dict({"format": "other"})
    good = _report().to_dict()
    del good["findings"]
    with pytest.raises(cv.DocumentError, match=r"not an audit report"):
        AuditReport.from_dict(good)
    bad = _report().to_dict()
    bad["findings"][0]["severity"] = "fatal"
    with pytest.raises(cv.DocumentError, match=r"Finding.severity"):
        AuditReport.from_dict(bad)


def test_capped_helper() -> None:
    fs = [F("a.b", "warning", f"p{i}") for i in range(4)]
    assert list(capped(fs, limit=10, what="x")) == fs
    out = list(capped(fs, limit=1, what="late partners"))
    assert [f.subjects for f in out] == [("p0",), ()]
    assert out[1].evidence["omitted"] == 3.0
    assert "3 more late partners (warning)" in out[1].message
