"""AuditReport renderings line by line: text, Markdown, HTML, repr and the checks frame.

One small report worked by hand: two assessed checks with weights 1 and 2, three findings,
and one check not assessed.

- ``a.x``: a warning of share .2 (7 subjects) and an info -> 100 * (1 - 0.5 * 0.2) = 90
- ``b.two``: an error of share .25 -> 100 * (1 - 0.25) = 75
- ``c.off``: not assessed ("no data"), left out of the overall score
- overall: (90 + 2 x 75) / 3 = 80
"""

from __future__ import annotations

import channelvalue as cv
from channelvalue.aligning import AuditReport

SUBJECTS = ("p1", "p2", "p3", "p4", "p5", "p6", "p7")


def _report(**kw: object) -> AuditReport:
    return AuditReport.from_results(
        {
            "b.two": [
                cv.Finding("b.two", "error", subjects=["x"], message="bad | worse", share=0.25)
            ],
            "a.x": [
                cv.Finding("a.x", "warning", subjects=SUBJECTS, message="too many", share=0.2),
                cv.Finding("a.x", "info", subjects=["z"], message="note", share=0.5),
            ],
        },
        titles={"a.x": "Ex", "b.two": "Two", "c.off": "Off"},
        weights={"a.x": 1.0, "b.two": 2.0},
        network="net",
        not_assessed={"c.off": "no data"},
        coverage={"a.x": 0.5},
        names={"x": "Xeno Ltd", "p1": "Partner One"},
        **kw,  # type: ignore[arg-type]
    )


def test_text_lines_by_hand() -> None:
    r = _report()
    assert r.score == 80.0
    # no steward: the header names the network only; numbers right-aligned; each check's
    # findings under its own heading, subjects by name (at most 3, then a count)
    assert r.to_text().splitlines() == [
        "Audit of net: score 80.0/100",
        "1 errors, 1 warnings, 1 info; 2 of 3 checks assessed",
        "",
        "check         score  coverage  errors  warnings  info",
        "a.x            90.0       50%       0         1     1",
        "b.two          75.0      100%       1         0     0",
        "c.off  not assessed        0%       0         0     0",
        "  c.off not assessed: no data",
        "",
        "a.x — Ex",
        "severity  subjects                message",
        "warning   Partner One, p2, p3 +4  too many",
        "info      z                       note",
        "",
        "b.two — Two",
        "severity  subjects  message",
        "error     Xeno Ltd  bad | worse",
    ]


def test_text_with_steward_ids_and_a_limit() -> None:
    lines = _report(steward="v").to_text(limit=1, labels="id").splitlines()
    assert lines[0] == "Audit of net (steward v): score 80.0/100"
    assert lines[9:14] == [
        "a.x — Ex",
        "severity  subjects       message",
        "warning   p1, p2, p3 +4  too many",
        "... and 1 more finding (limit=None or --all shows them)",
        "",
    ]
    assert lines[-1] == "error     x         bad | worse"


def test_markdown_lines_by_hand() -> None:
    md = _report().to_markdown(limit=1)
    assert md.endswith(" |\n")  # one line break at the end, no blank line
    # Markdown names 5 subjects before counting the rest, and escapes the pipe
    assert md.splitlines() == [
        "# Audit of net",
        "",
        "**Score 80.0/100** — 1 errors, 1 warnings, 1 info; 2 of 3 checks assessed.",
        "",
        "| check | title | score | coverage | errors | warnings | info |",
        "|---|---|---:|---:|---:|---:|---:|",
        "| `a.x` | Ex | 90.0 | 50% | 0 | 1 | 1 |",
        "| `b.two` | Two | 75.0 | 100% | 1 | 0 | 0 |",
        "| `c.off` | Off | not assessed: no data | 0% | 0 | 0 | 0 |",
        "",
        "## `a.x` — Ex",
        "",
        "| severity | subjects | message |",
        "|---|---|---|",
        "| warning | Partner One, p2, p3, p4, p5 +2 | too many |",
        "",
        "*... and 1 more finding of this check.*",
        "",
        "## `b.two` — Two",
        "",
        "| severity | subjects | message |",
        "|---|---|---|",
        "| error | Xeno Ltd | bad \\| worse |",
    ]
    assert "| info | z | note |" in _report().to_markdown(limit=None)


def test_markdown_line_breaks() -> None:
    two_lines = AuditReport.from_results(
        {"a.b": [cv.Finding("a.b", "warning", subjects=["x"], message="first\nsecond")]}
    )
    # a line break in a message would end the table row: it becomes a space
    assert "| warning | x | first second |" in two_lines.to_markdown().splitlines()


def test_html_by_hand() -> None:
    html = _report().to_html(limit=1)
    assert html == (
        "<div><strong>Audit of net</strong>: score 80.0/100 "
        "&mdash; 1 errors, 1 warnings, 1 info; 2 of 3 checks assessed"
        "<table><tr><th>check</th><th>title</th><th>score</th><th>coverage</th>"
        "<th>errors</th><th>warnings</th><th>info</th></tr>"
        "<tr><td><code>a.x</code></td><td>Ex</td><td>90.0</td><td>50%</td>"
        "<td>0</td><td>1</td><td>1</td></tr>"
        "<tr><td><code>b.two</code></td><td>Two</td><td>75.0</td><td>100%</td>"
        "<td>1</td><td>0</td><td>0</td></tr>"
        "<tr><td><code>c.off</code></td><td>Off</td><td><em>not assessed: no data</em></td>"
        "<td>0%</td><td>0</td><td>0</td><td>0</td></tr></table>"
        "<h4><code>a.x</code> Ex</h4>"
        "<table><tr><th>severity</th><th>subjects</th><th>message</th></tr>"
        "<tr><td style='color:#ef6c00'>warning</td>"
        "<td>Partner One, p2, p3, p4, p5 +2</td><td>too many</td></tr></table>"
        "<p>... and 1 more finding of this check.</p>"
        "<h4><code>b.two</code> Two</h4>"
        "<table><tr><th>severity</th><th>subjects</th><th>message</th></tr>"
        "<tr><td style='color:#c62828'>error</td><td>Xeno Ltd</td><td>bad | worse</td></tr>"
        "</table></div>"
    )


def test_notebook_html_shows_ten_findings_per_check() -> None:
    many = [cv.Finding("a.b", "info", subjects=[f"p{i:03d}"], message="m") for i in range(201)]
    report = AuditReport.from_results({"a.b": many})
    html = report._repr_html_()
    assert html.count("<tr><td style=") == 10
    assert "p009" in html
    assert "p010" not in html
    assert html.endswith("</table><p>... and 191 more findings of this check.</p></div>")
    assert report.to_html(limit=None).count("<tr><td style=") == 201


def test_repr_without_a_network_name() -> None:
    assert repr(AuditReport.from_results({})) == (
        "<AuditReport: no score, 0 errors, 0 warnings, 0 info; 0 of 0 checks assessed>"
    )


def test_checks_frame_rows() -> None:
    df = _report().checks_frame().set_index("check")
    assert df.loc["a.x", "title"] == "Ex"
    assert df.loc["b.two"].tolist() == ["Two", True, "", 75.0, 2.0, 1.0, 1, 0, 0]
    off = df.loc["c.off"].tolist()
    assert off[:3] == ["Off", False, "no data"]
    assert off[3] != off[3]  # NaN: no score
    assert off[4:] == [1.0, 0.0, 0, 0, 0]
