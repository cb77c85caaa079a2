"""AuditReport and audit(): order, counts, scores by hand, filter, renderings, to_dict round
trip; error messages, defaults of from_dict, bounded failures."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable

import pytest

import channelvalue as cv
from channelvalue.aligning import AuditConfig, AuditReport, audit
from channelvalue.aligning.authoring import Check, check_score, penalty_of, share_of


def F(
    check: str,
    severity: str,
    *subjects: str,
    message: str = "m",
    share: float | None = None,
    **ev: float,
) -> cv.Finding:
    return cv.Finding(check, severity, subjects=subjects, message=message, evidence=ev, share=share)


def _report() -> AuditReport:
    return AuditReport.from_results(
        {
            "b.two": [F("b.two", "warning", "x", share=0.2), F("b.two", "error", "y", share=0.1)],
            "a.one": [F("a.one", "info", "z", share=0.5), F("a.one", "warning", "w", share=0.4)],
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
        ("a.one", "warning", ("w",)),
        ("b.two", "warning", ("x",)),
        ("a.one", "info", ("z",)),
    ]
    assert r.counts == {"error": 1, "warning": 2, "info": 1}
    assert r.counts_by_check["c.three"] == {"error": 0, "warning": 0, "info": 0}
    # a.one: 100 * (1 - 0.5 * 0.4 - 0 * 0.5) = 80; b.two: 100 * (1 - 0.5 * 0.2 - 1 * 0.1) = 80
    assert dict(r.scores) == pytest.approx({"a.one": 80.0, "b.two": 80.0, "c.three": 100.0})
    # weighted: (80 + 2 x 80 + 100) / 4 = 85
    assert r.score == pytest.approx(85.0)
    assert r.worst is cv.Severity.ERROR
    assert r.fails("error")
    assert r.fails(cv.Severity.WARNING)
    assert len(r) == 4
    assert r.not_assessed == {}
    assert r.assessed == r.checks == ("a.one", "b.two", "c.three")


def test_check_score_formula() -> None:
    assert check_score([]) == 100.0
    assert check_score([F("a.b", "info", share=1.0)] * 50) == 100.0  # info costs nothing
    assert check_score([F("a.b", "warning", share=0.1)] * 10) == pytest.approx(50.0)
    assert check_score([F("a.b", "error", share=0.3)] * 4) == 0.0  # clipped at 0
    assert penalty_of(F("a.b", "error", share=0.25)) == 0.25
    assert share_of(F("a.b", "info")) == 1.0  # no share: all of it


def test_empty_report_has_no_score() -> None:
    r = AuditReport.from_results({})
    assert r.score is None
    assert r.worst is None
    assert not r.fails("info")
    assert r.counts == {"error": 0, "warning": 0, "info": 0}
    assert "no score" in r.to_text()
    assert "no score" in repr(r)


def test_not_assessed_checks_are_listed_and_left_out_of_the_score() -> None:
    r = AuditReport.from_results(
        {"a.one": [F("a.one", "warning", "x", share=0.2)]},
        not_assessed={"b.two": "no flow tables or margins"},
        titles={"a.one": "One", "b.two": "Two"},
        coverage={"a.one": 0.75},
    )
    assert r.checks == ("a.one", "b.two") and r.assessed == ("a.one",)
    assert r.score == pytest.approx(90.0)  # b.two does not count as 100
    assert dict(r.coverage) == {"a.one": 0.75, "b.two": 0.0}
    assert r.counts_by_check["b.two"] == {"error": 0, "warning": 0, "info": 0}
    assert "not assessed: no flow tables or margins" in r.to_markdown()
    assert "b.two not assessed: no flow tables or margins" in r.to_text()
    assert "not assessed: no flow tables or margins" in r.to_html()
    rows = r.checks_frame().set_index("check")
    assert not rows.loc["b.two", "assessed"]
    assert rows.loc["b.two", "reason"] == "no flow tables or margins"
    assert rows.loc["a.one", "coverage"] == 0.75
    assert r.filter(check="b").score is None
    assert AuditReport.from_dict(json.loads(json.dumps(r.to_dict()))) == r


def test_filter() -> None:
    r = _report()
    assert [f.subjects for f in r.filter(severity="warning")] == [("w",), ("x",)]
    assert [f.subjects for f in r.filter(severity=["info", "error"])] == [("y",), ("z",)]
    assert [f.subjects for f in r.filter(min_severity="warning")] == [("y",), ("w",), ("x",)]
    assert [f.subjects for f in r.filter(subject="x")] == [("x",)]
    only_b = r.filter(check="b")
    assert only_b.checks == ("b.two",)
    assert only_b.score == pytest.approx(80.0)
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
    assert text.splitlines()[0] == "Audit of net (steward v): score 85.0/100"
    assert "b.two" in text
    assert "... and 1 more" in r.to_text(limit=1)
    md = r.to_markdown()
    assert md.startswith("# Audit of net (steward v)")
    assert "| `a.one` | One | 80.0 | 100% | 0 | 1 | 1 |" in md
    html = r._repr_html_()
    assert html.startswith("<div>")
    assert "b.two" in html
    assert repr(r) == (
        "<AuditReport 'net': score 85.0, 1 errors, 2 warnings, 1 info; 3 of 3 checks assessed>"
    )
    with pytest.raises(cv.ValidationError, match="to_markdown.limit"):
        r.to_markdown(limit=-1)
    with pytest.raises(cv.ValidationError, match="to_html.labels"):
        r.to_html(labels="names")  # type: ignore[arg-type]


def test_markdown_escapes_pipes() -> None:
    r = AuditReport.from_results({"a.b": [F("a.b", "warning", "x", message="a | b")]})
    assert "a \\| b" in r.to_markdown()


def test_frames() -> None:
    r = AuditReport.from_results(
        {"a.one": [F("a.one", "warning", "x", share=0.2, gap=0.5)], "b.two": []},
        titles={"a.one": "One", "b.two": "Two"},
        names={"x": "Xavier & Co"},
    )
    df = r.to_frame()
    assert df.to_dict("records") == [
        {
            "check": "a.one",
            "title": "One",
            "severity": "warning",
            "share": 0.2,
            "subjects": "x",
            "names": "Xavier & Co",
            "message": "m",
            "evidence": {"gap": 0.5},
        }
    ]
    assert r.to_frame(labels="id")["names"].tolist() == ["x"]
    wide = r.to_frame(expand_evidence=True)
    assert wide["evidence.gap"].tolist() == [0.5]
    checks = _report().checks_frame()
    assert list(checks.columns) == [
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
    ]
    by_id = checks.set_index("check")
    assert by_id.loc["b.two", "weight"] == 2.0
    assert int(by_id.loc["a.one", "warnings"]) == 1
    assert list(AuditReport.from_results({}).to_frame().columns) == [
        "check",
        "title",
        "severity",
        "share",
        "subjects",
        "names",
        "message",
        "evidence",
    ]


def test_to_dict_is_json_safe_and_round_trips() -> None:
    r = audit(cv.datasets.example(), config=AuditConfig(margin_tolerance=0.1))
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


def _two_checks_report() -> AuditReport:
    # a.one: a warning of share .2 -> 90; b.two: an error of share .3 -> 70
    return AuditReport.from_results(
        {
            "a.one": [F("a.one", "warning", "x", share=0.2)],
            "b.two": [F("b.two", "error", "y", share=0.3)],
        },
        titles={"a.one": "One", "b.two": "Two"},
        weights={"a.one": 1.0, "b.two": 2.0},
        network="net",
    )


def test_filter_keeps_scores_and_weights_of_the_kept_checks() -> None:
    only_b = _two_checks_report().filter(check="b")
    assert dict(only_b.scores) == pytest.approx({"b.two": 70.0})
    assert dict(only_b.weights) == {"b.two": 2.0}
    assert dict(only_b.titles) == {"b.two": "Two"}
    assert only_b.score == pytest.approx(70.0)
    assert _two_checks_report().score == pytest.approx((90 + 2 * 70) / 3)


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
    cfg = AuditConfig(margin_tolerance=0.2)
    r = AuditReport.from_results({"a.b": [F("a.b", "warning", share=0.5)]}, config=cfg)
    assert r.config == cfg
    assert r.scores["a.b"] == 75.0  # 100 * (1 - 0.5 * 0.5)


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
