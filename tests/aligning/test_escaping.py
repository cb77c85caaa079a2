"""Reports cannot be turned against their reader (issue 14, item 3): every string from the
data is escaped in Markdown (HTML entities, Markdown backslashes, visible control
characters) and made visible in the plain-text rendering."""

from __future__ import annotations

import html
import json
import re

from hypothesis import given
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue.aligning import AuditReport, audit
from channelvalue._text import markdown_code, markdown_text
from channelvalue.aligning.monitoring import compare

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(1)</script>"
HEADING = "x\r\r# Audit passed"
TERMINAL = "\x1b[2J\x1b[HALL GOOD\u202e\x00\u2028"

# control characters (C0, C1, line/paragraph separators, bidi formatting, BOM, surrogates)
CONTROL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\u061c\u200e\u200f\u202a-\u202e"
    "\u2066-\u2069\ud800-\udfff]"
)

# what a Markdown renderer undoes: backslash escapes of ASCII punctuation, then entities
_BACKSLASH = re.compile(r"\\([!-/:-@\[-`{-~])")


def _shown(text: str) -> str:
    """``text`` with each control character as the escape the reports show for it."""
    return CONTROL.sub(
        lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 256 else f"\\u{ord(m[0]):04x}", text
    )


def _rendered(markdown: str) -> str:
    return html.unescape(_BACKSLASH.sub(r"\1", markdown))


def _hostile_example() -> cv.ChannelNetwork:
    """The example with three partners renamed to hostile ids and names, and a hostile
    network name."""
    text = cv.io.dumps(cv.datasets.example())
    for old, new in (("res-11", IMG), ("msp-22", HEADING), ("ret-44", TERMINAL)):
        text = text.replace(json.dumps(old), json.dumps(new))
    data = json.loads(text)
    data["name"] = SCRIPT
    for org in data["organizations"]:
        if org["id"] in (IMG, HEADING, TERMINAL):
            org["name"] = org["id"]
    return cv.io.loads(json.dumps(data))


def _check_headings(report: AuditReport) -> tuple[str, ...]:
    """The library's own headings of a report: one per check with findings."""
    with_findings = sorted({f.check for f in report.findings})
    return tuple(
        f"## {markdown_code(c)} — {markdown_text(report.titles.get(c, ''))}" for c in with_findings
    )


def _assert_safe_markdown(md: str, headings: tuple[str, ...] = ()) -> None:
    assert "<" not in md  # no tag can open, whatever the renderer
    assert ">" not in md
    assert not CONTROL.search(md.replace("\n", "")), "a control character reached the output"
    lines = md.splitlines()
    # the only headings are the library's own: the title line and the given fixed ones
    assert [line for line in lines[1:] if line.startswith("#")] == list(headings)


def test_hostile_ids_and_name_are_escaped_in_the_markdown_report() -> None:
    report = audit(_hostile_example())
    for labels in ("name", "id"):
        md = report.to_markdown(limit=None, labels=labels)  # type: ignore[arg-type]
        _assert_safe_markdown(md, _check_headings(report))
        assert md.splitlines()[0] == (
            "# Audit of &lt;script&gt;alert(1)&lt;/script&gt; (steward Acme Networks)"
        )
        assert "| &lt;img src=x onerror=alert(1)&gt; |" in md
        assert "| x\\x0d\\x0d\\# Audit passed |" in md
        assert "\\x1b\\[2J\\x1b\\[HALL GOOD\\u202e\\x00\\u2028" in md


def test_markdown_of_an_audit_comparison_is_escaped() -> None:
    before = audit(cv.datasets.example())
    after = audit(_hostile_example())
    md = compare(before, after).to_markdown(limit=None)
    _assert_safe_markdown(md, headings=("## New", "## Resolved"))
    assert "&lt;img src=x onerror=alert(1)&gt;" in md


def test_plain_text_report_shows_control_characters() -> None:
    text = audit(_hostile_example()).to_text(limit=None)
    assert not CONTROL.search(text.replace("\n", ""))
    assert "\\x1b[2J\\x1b[HALL GOOD\\u202e" in text
    assert "x\\x0d\\x0d# Audit passed" in text


def test_check_ids_that_a_code_span_cannot_hold_are_escaped_text() -> None:
    finding = cv.Finding("a`b|<i>", "warning", subjects=["s"], message="m")
    report = AuditReport.from_results({finding.check: [finding]})
    md = report.to_markdown()
    _assert_safe_markdown(md, _check_headings(report))
    assert "| a\\`b\\|&lt;i&gt; |" in md


text_strategy = st.text(alphabet=st.characters(exclude_categories=()), max_size=40)


@given(
    name=text_strategy,
    subject=text_strategy.filter(bool),
    message=text_strategy.filter(bool),
    steward=st.none() | text_strategy,
)
def test_any_text_in_a_report_gives_safe_markdown(
    name: str, subject: str, message: str, steward: str | None
) -> None:
    finding = cv.Finding("a.b", "warning", subjects=[subject], message=message)
    report = AuditReport.from_results({"a.b": [finding]}, network=name, steward=steward)
    md = report.to_markdown()
    _assert_safe_markdown(md, _check_headings(report))
    # the text is all there, escaped: a renderer shows the message (line feeds as spaces)
    row = _rendered(md.splitlines()[-1])
    assert f" | {_shown(message.replace(chr(10), ' '))} |" in row
    text = report.to_text()
    assert not CONTROL.search(text.replace("\n", ""))
