"""The report's fast paths give what the plain definitions give: the findings' order
(`sorted(..., key=_finding_key)`) and `to_frame()` (one row dict per finding)."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue.model import Finding
from channelvalue.testing import strategies as cvst

report_mod = importlib.import_module("channelvalue.aligning.report")
render = importlib.import_module("channelvalue.aligning._render")

# few ids, checks and messages, so that ties at every level of the key are common
_few = st.sampled_from(["a", "b", "c"])
_findings = st.builds(
    Finding,
    st.sampled_from(["x.a", "x.b"]),
    st.sampled_from(["error", "warning", "info"]),
    subjects=st.lists(_few, max_size=2),
    message=_few,
    evidence=st.dictionaries(_few, st.sampled_from([0.0, 1.0, 2.0]), max_size=2),
    share=st.one_of(st.none(), st.sampled_from([0.0, 0.5, 1.0])),
)


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.one_of(_findings, cvst.findings()), max_size=40))
def test_sorted_findings_is_sorted_by_the_key(found: list[Finding]) -> None:
    fast = report_mod._sorted_findings(found)
    plain = sorted(found, key=report_mod._finding_key)
    assert [id(f) for f in fast] == [id(f) for f in plain]  # same order, ties included


@settings(max_examples=100, deadline=None, database=None)
@given(st.lists(_findings, max_size=6).map(lambda fs: fs * 3))
def test_equal_findings_keep_their_order(found: list[Finding]) -> None:
    fast = report_mod._sorted_findings(found)
    plain = sorted(found, key=report_mod._finding_key)
    assert [id(f) for f in fast] == [id(f) for f in plain]


def _row_frame(report: Any, labels: str) -> Any:
    pd = pytest.importorskip("pandas")
    rows = [
        render.finding_row(report, f, labels=labels, expand_evidence=False) for f in report.findings
    ]
    return pd.DataFrame(rows, columns=[*render.FINDING_COLUMNS, "evidence"])


@pytest.mark.parametrize("labels", ["name", "id"])
@pytest.mark.parametrize(
    "net",
    [cv.datasets.example(), cv.datasets.synthetic(300, seed=3), cv.ChannelNetwork()],
    ids=["example", "synthetic", "empty"],
)
def test_to_frame_equals_the_row_by_row_frame(net: Any, labels: str) -> None:
    pd = pytest.importorskip("pandas")
    report = cv.aligning.audit(net)
    pd.testing.assert_frame_equal(report.to_frame(labels=labels), _row_frame(report, labels))
    none = report.filter(subject="no such id")
    assert len(none) == 0
    pd.testing.assert_frame_equal(none.to_frame(labels=labels), _row_frame(none, labels))
