"""AuditReport and audit(): order, counts, scores by hand, filter, renderings, to_dict round
trip; error messages, defaults of from_dict, bounded failures."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable

import pytest

import channelvalue as cv
from channelvalue.aligning import AuditConfig, AuditReport, audit
from channelvalue.aligning.authoring import (
    Check,
    capped,
    check_score,
    penalty_of,
    summary,
    weight_of,
)


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


def _two_checks_report() -> AuditReport:
    # a.one: 1 warning -> 93.3; b.two: 1 error -> 81.2; overall (93.3 + 2 x 81.2) / 3 = 85.2
    return AuditReport.from_results(
        {"a.one": [F("a.one", "warning", "x")], "b.two": [F("b.two", "error", "y")]},
        titles={"a.one": "One", "b.two": "Two"},
        weights={"a.one": 1.0, "b.two": 2.0},
        network="net",
    )


def test_filter_keeps_scores_and_weights_of_the_kept_checks() -> None:
    only_b = _two_checks_report().filter(check="b")
    assert dict(only_b.scores) == {"b.two": 81.2}
    assert dict(only_b.weights) == {"b.two": 2.0}
    assert dict(only_b.titles) == {"b.two": "Two"}
    assert only_b.score == 81.2


def test_filter_errors_name_the_method_the_id_and_the_choices() -> None:
    r = _two_checks_report()
    with pytest.raises(cv.UnknownIdError) as info:
        r.filter(check=["a", "zzz"])
    assert str(info.value) == (
        "AuditReport.filter: unknown check id 'zzz' (checks in this report: a.one, b.two)"
    )
    with pytest.raises(cv.ValidationError) as sev:
        r.filter(severity="fatal")
    assert str(sev.value) == (
        "AuditReport.filter.severity: got 'fatal' but expected one of 'info', 'warning', 'error'"
    )


def test_from_results_keeps_the_config() -> None:
    cfg = AuditConfig(score_half_life=5)
    r = AuditReport.from_results({"a.b": [F("a.b", "warning")]}, config=cfg)
    assert r.config == cfg
    assert r.scores["a.b"] == 87.1  # 100 * 0.5 ** (1 / 5) = 87.06


def test_round_trip_keeps_weights_titles_and_no_steward() -> None:
    r = _two_checks_report()
    back = AuditReport.from_dict(r.to_dict())
    assert back == r
    assert dict(back.weights) == {"a.one": 1.0, "b.two": 2.0}
    assert back.steward is None


def test_from_dict_defaults_for_optional_fields() -> None:
    data = _two_checks_report().to_dict()
    for c in data["checks"]:
        del c["title"], c["weight"]
    del data["network"], data["config"]
    r = AuditReport.from_dict(data)
    assert dict(r.titles) == {"a.one": "", "b.two": ""}
    assert dict(r.weights) == {"a.one": 1.0, "b.two": 1.0}
    assert r.network == ""
    assert r.config == AuditConfig()


def test_from_dict_wrong_type_message() -> None:
    with pytest.raises(cv.WrongTypeError) as info:
        AuditReport.from_dict([])  # type: ignore[arg-type]
    assert str(info.value) == (
        "AuditReport.from_dict: got [] (list) but expected a mapping from to_dict()"
    )


def test_frames_without_pandas_name_the_method(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas -> ImportError
    r = _two_checks_report()
    hint = "needs the optional dependency 'pandas': pip install 'channelvalue\\[pandas\\]'"
    with pytest.raises(cv.MissingDependencyError, match=r"^AuditReport\.to_frame\(\) " + hint):
        r.to_frame()
    with pytest.raises(cv.MissingDependencyError, match=r"^AuditReport\.checks_frame\(\) " + hint):
        r.checks_frame()


def test_audit_reports_the_titles_of_the_checks(network) -> None:
    r = audit(network(), checks=[Check("x.a", lambda net, config: [], title="Alpha")])
    assert dict(r.titles) == {"x.a": "Alpha"}


def test_audit_argument_messages(network) -> None:
    with pytest.raises(cv.WrongTypeError) as info:
        audit("net")  # type: ignore[arg-type]
    assert str(info.value) == "audit: got 'net' (str) but expected a ChannelNetwork"
    with pytest.raises(cv.WrongTypeError) as reg:
        audit(network(), registry=[])  # type: ignore[arg-type]
    assert str(reg.value) == (
        "audit(registry=...): got [] (list) but expected a CheckRegistry or None"
    )


@pytest.fixture
def failing(network) -> Callable[[str], cv.Finding]:
    """``failing(text)``: the finding of an audit whose one check raises RuntimeError(text)."""

    def build(text: str) -> cv.Finding:
        def fails(net: cv.ChannelNetwork, config: AuditConfig) -> list[cv.Finding]:
            raise RuntimeError(text)

        [f] = audit(network(), checks=[Check("x.fails", fails)]).findings
        return f

    return build


def test_failure_text_is_cut_at_300_characters(failing) -> None:
    prefix = "the check failed with RuntimeError: "
    # exactly 300 characters: kept whole
    assert failing("y" * 300).message == prefix + "y" * 300
    # 301: cut to 297 + "..." = 300
    assert failing("y" * 301).message == prefix + "y" * 297 + "..."
