"""AuditReport and audit(): error messages, defaults of from_dict, filter, bounded failures."""

from __future__ import annotations

import sys

import pytest

import channelvalue as cv
from channelvalue.aligning import AuditConfig, AuditReport, audit
from channelvalue.aligning.authoring import Check

from .aligning_nets import network


def F(check: str, severity: str, *subjects: str, message: str = "m") -> cv.Finding:
    return cv.Finding(check, severity, subjects=subjects, message=message)


def _report() -> AuditReport:
    # a.one: 1 warning -> 93.3; b.two: 1 error -> 81.2; overall (93.3 + 2 x 81.2) / 3 = 85.2
    return AuditReport.from_results(
        {"a.one": [F("a.one", "warning", "x")], "b.two": [F("b.two", "error", "y")]},
        titles={"a.one": "One", "b.two": "Two"},
        weights={"a.one": 1.0, "b.two": 2.0},
        network="net",
    )


def test_filter_keeps_scores_and_weights_of_the_kept_checks() -> None:
    only_b = _report().filter(check="b")
    assert dict(only_b.scores) == {"b.two": 81.2}
    assert dict(only_b.weights) == {"b.two": 2.0}
    assert dict(only_b.titles) == {"b.two": "Two"}
    assert only_b.score == 81.2


def test_filter_errors_name_the_method_the_id_and_the_choices() -> None:
    r = _report()
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
    r = _report()
    back = AuditReport.from_dict(r.to_dict())
    assert back == r
    assert dict(back.weights) == {"a.one": 1.0, "b.two": 2.0}
    assert back.steward is None


def test_from_dict_defaults_for_optional_fields() -> None:
    data = _report().to_dict()
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
    r = _report()
    hint = "needs the optional dependency 'pandas': pip install 'channelvalue\\[pandas\\]'"
    with pytest.raises(cv.MissingDependencyError, match=r"^AuditReport\.to_frame\(\) " + hint):
        r.to_frame()
    with pytest.raises(cv.MissingDependencyError, match=r"^AuditReport\.checks_frame\(\) " + hint):
        r.checks_frame()


def test_audit_reports_the_titles_of_the_checks() -> None:
    r = audit(network(), checks=[Check("x.a", lambda net, config: [], title="Alpha")])
    assert dict(r.titles) == {"x.a": "Alpha"}


def test_audit_argument_messages() -> None:
    with pytest.raises(cv.WrongTypeError) as info:
        audit("net")  # type: ignore[arg-type]
    assert str(info.value) == "audit: got 'net' (str) but expected a ChannelNetwork"
    with pytest.raises(cv.WrongTypeError) as reg:
        audit(network(), registry=[])  # type: ignore[arg-type]
    assert str(reg.value) == (
        "audit(registry=...): got [] (list) but expected a CheckRegistry or None"
    )


def _failing(text: str) -> cv.Finding:
    def fails(net: cv.ChannelNetwork, config: AuditConfig) -> list[cv.Finding]:
        raise RuntimeError(text)

    [f] = audit(network(), checks=[Check("x.fails", fails)]).findings
    return f


def test_failure_text_is_cut_at_300_characters() -> None:
    prefix = "the check failed with RuntimeError: "
    # exactly 300 characters: kept whole
    assert _failing("y" * 300).message == prefix + "y" * 300
    # 301: cut to 297 + "..." = 300
    assert _failing("y" * 301).message == prefix + "y" * 297 + "..."
