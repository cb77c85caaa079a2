"""AuditReport renderings line by line: text, Markdown, HTML, repr and the checks frame.

One small report worked by hand: two checks with weights 1 and 2, three findings.

- ``a.x``: one warning (7 subjects) and one info -> penalty 1 -> 100 * 0.5 ** 0.1 = 93.3
- ``b.two``: one error -> penalty 3 -> 100 * 0.5 ** 0.3 = 81.2
- overall: (93.3 + 2 x 81.2) / 3 = 85.23 -> 85.2
"""

from __future__ import annotations

import channelvalue as cv
from channelvalue.aligning import AuditReport

SUBJECTS = ("p1", "p2", "p3", "p4", "p5", "p6", "p7")


def _report(**kw: object) -> AuditReport:
    return AuditReport.from_results(
        {
            "b.two": [cv.Finding("b.two", "error", subjects=["x"], message="bad | worse")],
            "a.x": [
                cv.Finding("a.x", "warning", subjects=SUBJECTS, message="too many"),
                cv.Finding("a.x", "info", subjects=["z"], message="note"),
            ],
        },
        titles={"a.x": "Ex", "b.two": "Two"},
        weights={"a.x": 1.0, "b.two": 2.0},
        network="net",
        **kw,  # type: ignore[arg-type]
    )


def test_text_lines_by_hand() -> None:
    r = _report()
    assert r.score == 85.2
    # no steward: the header names the network only; the numbers are right-aligned,
    # the check ids and every findings column left-aligned; the findings table names
    # at most 3 subjects and counts the rest
    assert r.to_text().splitlines() == [
        "Audit of net: score 85.2/100",
        "1 errors, 1 warnings, 1 info in 2 checks",
        "",
        "check  score  errors  warnings  info",
        "a.x     93.3       0         1     1",
        "b.two   81.2       1         0     0",
        "",
        "severity  check  subjects       message",
        "error     b.two  x              bad | worse",
        "warning   a.x    p1, p2, p3 +4  too many",
        "info      a.x    z              note",
    ]


def test_text_with_steward_and_a_cut() -> None:
    lines = _report(steward="v").to_text(max_findings=1).splitlines()
    assert lines[0] == "Audit of net (steward v): score 85.2/100"
    assert lines[-3:] == [
        "severity  check  subjects  message",
        "error     b.two  x         bad | worse",
        "... and 2 more findings (use --format json for all)",
    ]


def test_markdown_lines_by_hand() -> None:
    md = _report().to_markdown()
    assert md.endswith(" |\n")  # one line break at the end, no blank line
    # Markdown names 5 subjects before counting the rest, and escapes the pipe
    assert md.splitlines() == [
        "# Audit of net",
        "",
        "**Score 85.2/100** — 1 errors, 1 warnings, 1 info in 2 checks.",
        "",
        "| check | score | errors | warnings | info |",
        "|---|---:|---:|---:|---:|",
        "| `a.x` | 93.3 | 0 | 1 | 1 |",
        "| `b.two` | 81.2 | 1 | 0 | 0 |",
        "",
        "| severity | check | subjects | message |",
        "|---|---|---|---|",
        "| error | `b.two` | x | bad \\| worse |",
        "| warning | `a.x` | p1, p2, p3, p4, p5 +2 | too many |",
        "| info | `a.x` | z | note |",
    ]


def test_markdown_cut_and_line_breaks() -> None:
    tail = _report().to_markdown(max_findings=1).splitlines()[-4:]
    assert tail == [
        "|---|---|---|---|",
        "| error | `b.two` | x | bad \\| worse |",
        "",
        "*... and 2 more findings.*",
    ]
    two_lines = AuditReport.from_results(
        {"a.b": [cv.Finding("a.b", "warning", subjects=["x"], message="first\nsecond")]}
    )
    # a line break in a message would end the table row: it becomes a space
    assert "| warning | `a.b` | x | first second |" in two_lines.to_markdown().splitlines()


def test_html_by_hand() -> None:
    html = _report()._repr_html_()
    assert html == (
        "<div><strong>Audit of net</strong>: score 85.2/100 "
        "&mdash; 1 errors, 1 warnings, 1 info in 2 checks"
        "<table><tr><th>check</th><th>score</th><th>errors</th><th>warnings</th>"
        "<th>info</th></tr>"
        "<tr><td><code>a.x</code></td><td>93.3</td><td>0</td><td>1</td><td>1</td></tr>"
        "<tr><td><code>b.two</code></td><td>81.2</td><td>1</td><td>0</td><td>0</td></tr>"
        "</table>"
        "<table><tr><th>severity</th><th>check</th><th>subjects</th><th>message</th></tr>"
        "<tr><td style='color:#c62828'>error</td><td><code>b.two</code></td>"
        "<td>x</td><td>bad | worse</td></tr>"
        "<tr><td style='color:#ef6c00'>warning</td><td><code>a.x</code></td>"
        "<td>p1, p2, p3, p4, p5 +2</td><td>too many</td></tr>"
        "<tr><td style='color:#1565c0'>info</td><td><code>a.x</code></td>"
        "<td>z</td><td>note</td></tr>"
        "</table></div>"
    )


def test_html_shows_the_first_200_findings() -> None:
    many = [cv.Finding("a.b", "info", subjects=[f"p{i:03d}"], message="m") for i in range(201)]
    html = AuditReport.from_results({"a.b": many})._repr_html_()
    assert html.count("<tr><td style=") == 200
    assert "p199" in html
    assert "p200" not in html
    assert html.endswith("</table><p>... and 1 more findings.</p></div>")


def test_repr_without_a_network_name() -> None:
    assert repr(AuditReport.from_results({})) == (
        "<AuditReport: score 100, 0 errors, 0 warnings, 0 info in 0 checks>"
    )


def test_checks_frame_columns() -> None:
    df = _report().checks_frame()
    assert list(df.columns) == ["title", "weight", "score", "error", "warning", "info"]
    assert df.loc["a.x", "title"] == "Ex"
    assert df.loc["b.two"].tolist() == ["Two", 2.0, 81.2, 1, 0, 0]
