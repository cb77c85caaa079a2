"""Text, Markdown and HTML renderings of audit reports (private; see AuditReport).

Every rendering lists the checks (a not-assessed one with its reason), then each check's
findings, most important first (severity, then share), the first `limit` of them and a
line saying how many more there are.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any, Literal

from .._text import markdown_code, markdown_text, visible
from ..model import Finding, Severity

if TYPE_CHECKING:
    from .report import AuditReport

__all__ = [
    "CHECK_COLUMNS",
    "FINDING_COLUMNS",
    "HTML_LIMIT",
    "by_check",
    "check_rows",
    "finding_dict",
    "finding_row",
    "html_report",
    "markdown",
    "subjects_text",
    "text",
]

_SEVERITIES = ("error", "warning", "info")
FINDING_COLUMNS = ("check", "title", "severity", "share", "subjects", "names", "message")
"""The columns of `AuditReport.to_frame()` (then `evidence`, or `evidence.<name>` ones)."""
CHECK_COLUMNS = (
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
"""The columns of `AuditReport.checks_frame()`."""
HTML_LIMIT = 10
"""Findings per check in a notebook's HTML view (`_repr_html_`)."""

Labels = Literal["name", "id"]


def finding_dict(f: Finding) -> dict[str, Any]:
    """A finding as JSON-safe data."""
    out: dict[str, Any] = {
        "check": f.check,
        "severity": f.severity.value,
        "subjects": list(f.subjects),
        "message": f.message,
        "evidence": dict(f.evidence),
    }
    if f.share is not None:
        out["share"] = f.share
    return out


def subjects_text(
    f: Finding, limit: int | None = None, names: Any = None, labels: Labels = "id"
) -> str:
    """The subjects (by name when `names` is given and `labels="name"`) comma-separated,
    the first `limit` of them and a count of the rest."""
    subs = list(f.subjects)
    if names is not None and labels == "name":
        subs = [names.get(s, s) for s in subs]
    if limit is not None and len(subs) > limit:
        return ", ".join(subs[:limit]) + f" +{len(subs) - limit}"
    return ", ".join(subs)


def finding_row(
    report: AuditReport, f: Finding, *, labels: Labels, expand_evidence: bool
) -> dict[str, Any]:
    """One row of [`AuditReport.to_frame`][channelvalue.aligning.AuditReport.to_frame]."""
    row: dict[str, Any] = {
        "check": f.check,
        "title": report.titles.get(f.check, ""),
        "severity": f.severity.value,
        "share": f.share,
        "subjects": ", ".join(f.subjects),
        "names": subjects_text(f, names=report.names, labels=labels),
        "message": f.message,
    }
    if expand_evidence:
        row.update({f"evidence.{k}": v for k, v in f.evidence.items()})
    else:
        row["evidence"] = dict(f.evidence)
    return row


def finding_columns(report: AuditReport, *, labels: Labels) -> dict[str, list[Any]]:
    """The columns of [`AuditReport.to_frame`][channelvalue.aligning.AuditReport.to_frame]
    (evidence as one dict per finding), as lists: the values `finding_row` gives."""
    found = report.findings
    titles = dict(report.titles)
    subjects = [", ".join(f.subjects) for f in found]
    if labels == "name":
        names = dict(report.names)
        shown = [", ".join([names.get(s, s) for s in f.subjects]) for f in found]
    else:
        shown = list(subjects)
    return {
        "check": [f.check for f in found],
        "title": [titles.get(f.check, "") for f in found],
        "severity": [f.severity.value for f in found],
        "share": [f.share for f in found],
        "subjects": subjects,
        "names": shown,
        "message": [f.message for f in found],
        "evidence": [dict(f.evidence.items()) for f in found],
    }


def check_rows(report: AuditReport) -> list[dict[str, Any]]:
    """One row per check: id, title, assessed, reason, score, weight, coverage, counts."""
    counts = report.counts_by_check
    return [
        {
            "check": c,
            "title": report.titles[c],
            "assessed": c in report.scores,
            "reason": report.not_assessed.get(c, ""),
            "score": report.scores.get(c, float("nan")),
            "weight": report.weights[c],
            "coverage": report.coverage.get(c, 1.0 if c in report.scores else 0.0),
            "errors": counts[c]["error"],
            "warnings": counts[c]["warning"],
            "infos": counts[c]["info"],
        }
        for c in report.checks
    ]


def by_check(report: AuditReport) -> dict[str, list[Finding]]:
    """Each check's findings, most important first: severity, then share, then the
    report's order."""
    out: dict[str, list[Finding]] = {c: [] for c in report.checks}
    for f in report.findings:
        out.setdefault(f.check, []).append(f)
    neg = {s: -s.rank for s in Severity}
    for found in out.values():
        # two stable sorts (share, then severity) order by (severity, share) and keep the
        # report's order among equals, with plain number keys (no tuple per finding)
        found.sort(key=lambda f: -(f.share or 0.0))
        found.sort(key=lambda f: neg[f.severity])
    return out


def _cut(found: list[Finding], limit: int | None) -> tuple[list[Finding], int]:
    if limit is None or len(found) <= limit:
        return found, 0
    return found[:limit], len(found) - limit


def _score_text(report: AuditReport) -> str:
    return "no score" if report.score is None else f"score {report.score:.1f}/100"


def _header(report: AuditReport) -> tuple[str, str]:
    name = report.network or "channel network"
    stew = f" (steward {report.label(report.steward)})" if report.steward else ""
    c = report.counts
    line = (
        f"{c['error']:,} errors, {c['warning']:,} warnings, {c['info']:,} info; "
        f"{len(report.assessed)} of {len(report.checks)} checks assessed"
    )
    return f"{name}{stew}", line


def _table(rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for r in rows:
        cells = [
            r[i].rjust(widths[i]) if i in right else r[i].ljust(widths[i]) for i in range(len(r))
        ]
        out.append("  ".join(cells).rstrip())
    return out


def _score_cell(report: AuditReport, check: str) -> str:
    if check in report.scores:
        return f"{report.scores[check]:.1f}"
    return "not assessed"


def _more(n: int) -> str:
    return f"and {n:,} more finding" + ("" if n == 1 else "s")


def text(report: AuditReport, *, limit: int | None, labels: Labels) -> str:
    """The plain-text rendering; control characters from the data are written as visible
    escapes (`_text.visible`)."""
    title, counts = _header(report)
    lines = [f"Audit of {visible(title)}: {_score_text(report)}", counts, ""]
    rows = [["check", "score", "coverage", "errors", "warnings", "info"]]
    for r in check_rows(report):
        rows.append(
            [
                visible(r["check"]),
                _score_cell(report, r["check"]),
                f"{100 * r['coverage']:.0f}%",
                str(r["errors"]),
                str(r["warnings"]),
                str(r["infos"]),
            ]
        )
    lines += _table(rows, right={1, 2, 3, 4, 5})
    for c, reason in report.not_assessed.items():
        lines.append(f"  {visible(c)} not assessed: {visible(reason)}")
    for c, found in by_check(report).items():
        if not found:
            continue
        shown, more = _cut(found, limit)
        lines += ["", f"{visible(c)} — {visible(report.titles.get(c, ''))}"]
        frows = [["severity", "subjects", "message"]]
        frows += [
            [
                f.severity.value,
                visible(subjects_text(f, 3, report.names, labels)),
                visible(f.message),
            ]
            for f in shown
        ]
        lines += _table(frows, right=set())
        if more:
            lines.append(f"... {_more(more)} (limit=None or --all shows them)")
    return "\n".join(lines)


def markdown(report: AuditReport, *, limit: int | None, labels: Labels) -> str:
    """The Markdown rendering; every string from the data is escaped by
    `_text.markdown_text` (check ids by `markdown_code`)."""
    title, counts = _header(report)
    lines = [
        f"# Audit of {markdown_text(title)}",
        "",
        f"**{_score_text(report).capitalize()}** — {markdown_text(counts)}.",
        "",
        "| check | title | score | coverage | errors | warnings | info |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in check_rows(report):
        c = r["check"]
        score = _score_cell(report, c)
        if not r["assessed"]:
            score = f"not assessed: {markdown_text(r['reason'])}"
        lines.append(
            f"| {markdown_code(c)} | {markdown_text(r['title'])} | {score} | "
            f"{100 * r['coverage']:.0f}% | {r['errors']} | {r['warnings']} | {r['infos']} |"
        )
    for c, found in by_check(report).items():
        if not found:
            continue
        shown, more = _cut(found, limit)
        lines += [
            "",
            f"## {markdown_code(c)} — {markdown_text(report.titles.get(c, ''))}",
            "",
            "| severity | subjects | message |",
            "|---|---|---|",
        ]
        for f in shown:
            lines.append(
                f"| {f.severity.value} | "
                f"{markdown_text(subjects_text(f, 5, report.names, labels))} | "
                f"{markdown_text(f.message)} |"
            )
        if more:
            lines += ["", f"*... {_more(more)} of this check.*"]
    return "\n".join(lines) + "\n"


_COLOURS = {"error": "#c62828", "warning": "#ef6c00", "info": "#1565c0"}


def html_report(report: AuditReport, *, limit: int | None, labels: Labels) -> str:
    """The HTML rendering: header, checks table, each check's first findings."""
    esc = html.escape
    title, counts = _header(report)
    rows = []
    for r in check_rows(report):
        c = r["check"]
        if r["assessed"]:
            score = f"{r['score']:.1f}"
        else:
            score = f"<em>not assessed: {esc(r['reason'])}</em>"
        rows.append(
            f"<tr><td><code>{esc(c)}</code></td><td>{esc(r['title'])}</td><td>{score}</td>"
            f"<td>{100 * r['coverage']:.0f}%</td><td>{r['errors']}</td>"
            f"<td>{r['warnings']}</td><td>{r['infos']}</td></tr>"
        )
    parts = [
        f"<div><strong>Audit of {esc(title)}</strong>: {esc(_score_text(report))} "
        f"&mdash; {esc(counts)}",
        "<table><tr><th>check</th><th>title</th><th>score</th><th>coverage</th>"
        f"<th>errors</th><th>warnings</th><th>info</th></tr>{''.join(rows)}</table>",
    ]
    for c, found in by_check(report).items():
        if not found:
            continue
        shown, more = _cut(found, limit)
        frows = "".join(
            f"<tr><td style='color:{_COLOURS[f.severity.value]}'>{f.severity.value}</td>"
            f"<td>{esc(subjects_text(f, 5, report.names, labels))}</td>"
            f"<td>{esc(f.message)}</td></tr>"
            for f in shown
        )
        tail = f"<p>... {_more(more)} of this check.</p>" if more else ""
        parts.append(
            f"<h4><code>{esc(c)}</code> {esc(report.titles.get(c, ''))}</h4>"
            "<table><tr><th>severity</th><th>subjects</th><th>message</th></tr>"
            f"{frows}</table>{tail}"
        )
    parts.append("</div>")
    return "".join(parts)
