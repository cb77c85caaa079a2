"""Text, Markdown and HTML renderings of audit reports (private; see AuditReport)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from .._text import markdown_code, markdown_text, visible
from ..model import Finding

if TYPE_CHECKING:
    from .report import AuditReport

__all__ = [
    "check_rows",
    "finding_dict",
    "finding_row",
    "html_report",
    "markdown",
    "subjects_text",
    "text",
]

_SEVERITIES = ("error", "warning", "info")


def finding_dict(f: Finding) -> dict[str, Any]:
    """A finding as JSON-safe data."""
    return {
        "check": f.check,
        "severity": f.severity.value,
        "subjects": list(f.subjects),
        "message": f.message,
        "evidence": dict(f.evidence),
    }


def subjects_text(f: Finding, limit: int | None = None) -> str:
    """The subjects comma-separated, the first `limit` of them and a count of the rest."""
    subs = f.subjects
    if limit is not None and len(subs) > limit:
        return ", ".join(subs[:limit]) + f" +{len(subs) - limit}"
    return ", ".join(subs)


def finding_row(f: Finding, *, expand_evidence: bool) -> dict[str, Any]:
    """One row of [`AuditReport.to_frame`][channelvalue.aligning.AuditReport.to_frame]."""
    row: dict[str, Any] = {
        "check": f.check,
        "severity": f.severity.value,
        "subjects": subjects_text(f),
        "message": f.message,
    }
    if expand_evidence:
        row.update({f"evidence.{k}": v for k, v in f.evidence.items()})
    else:
        row["evidence"] = dict(f.evidence)
    return row


def check_rows(report: AuditReport) -> list[dict[str, Any]]:
    """One row per check: id, title, weight, score and counts by severity."""
    counts = report.counts_by_check
    return [
        {
            "check": c,
            "title": report.titles[c],
            "weight": report.weights[c],
            "score": report.scores[c],
            **counts[c],
        }
        for c in report.checks
    ]


def _header(report: AuditReport) -> tuple[str, str]:
    name = report.network or "channel network"
    stew = f" (steward {report.steward})" if report.steward else ""
    c = report.counts
    line = (
        f"{c['error']:,} errors, {c['warning']:,} warnings, {c['info']:,} info "
        f"in {len(report.checks)} checks"
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


def _shown(report: AuditReport, max_findings: int | None) -> tuple[list[Finding], int]:
    findings = list(report.findings)
    if max_findings is None or len(findings) <= max_findings:
        return findings, 0
    return findings[:max_findings], len(findings) - max_findings


def text(report: AuditReport, *, max_findings: int | None = None) -> str:
    """The plain-text table rendering (what `channelvalue audit` prints by default);
    control characters from the data are written as visible escapes (`_text.visible`)."""
    title, counts = _header(report)
    lines = [f"Audit of {visible(title)}: score {report.score:g}/100", counts, ""]
    rows = [["check", "score", "errors", "warnings", "info"]]
    for r in check_rows(report):
        rows.append(
            [
                visible(r["check"]),
                f"{r['score']:.1f}",
                str(r["error"]),
                str(r["warning"]),
                str(r["info"]),
            ]
        )
    lines += _table(rows, right={1, 2, 3, 4})
    findings, more = _shown(report, max_findings)
    if findings:
        lines.append("")
        frows = [["severity", "check", "subjects", "message"]]
        frows += [
            [f.severity.value, visible(f.check), visible(subjects_text(f, 3)), visible(f.message)]
            for f in findings
        ]
        lines += _table(frows, right=set())
    if more:
        lines.append(f"... and {more:,} more findings (use --format json for all)")
    return "\n".join(lines)


def markdown(report: AuditReport, *, max_findings: int | None = None) -> str:
    """The Markdown rendering; every string from the data is escaped by
    `_text.markdown_text` (check ids by `markdown_code`)."""
    title, counts = _header(report)
    lines = [
        f"# Audit of {markdown_text(title)}",
        "",
        f"**Score {report.score:g}/100** — {counts}.",
        "",
        "| check | score | errors | warnings | info |",
        "|---|---:|---:|---:|---:|",
    ]
    for r in check_rows(report):
        lines.append(
            f"| {markdown_code(r['check'])} | {r['score']:.1f} | {r['error']} | {r['warning']} "
            f"| {r['info']} |"
        )
    findings, more = _shown(report, max_findings)
    if findings:
        lines += ["", "| severity | check | subjects | message |", "|---|---|---|---|"]
        for f in findings:
            lines.append(
                f"| {f.severity.value} | {markdown_code(f.check)} | "
                f"{markdown_text(subjects_text(f, 5))} | {markdown_text(f.message)} |"
            )
    if more:
        lines += ["", f"*... and {more:,} more findings.*"]
    return "\n".join(lines) + "\n"


_COLOURS = {"error": "#c62828", "warning": "#ef6c00", "info": "#1565c0"}


def html_report(report: AuditReport, *, max_findings: int = 200) -> str:
    """The notebook (HTML) rendering: header, checks table, the first findings."""
    esc = html.escape
    title, counts = _header(report)
    rows = "".join(
        f"<tr><td><code>{esc(r['check'])}</code></td><td>{r['score']:.1f}</td>"
        f"<td>{r['error']}</td><td>{r['warning']}</td><td>{r['info']}</td></tr>"
        for r in check_rows(report)
    )
    findings, more = _shown(report, max_findings)
    frows = "".join(
        f"<tr><td style='color:{_COLOURS[f.severity.value]}'>{f.severity.value}</td>"
        f"<td><code>{esc(f.check)}</code></td><td>{esc(subjects_text(f, 5))}</td>"
        f"<td>{esc(f.message)}</td></tr>"
        for f in findings
    )
    tail = f"<p>... and {more:,} more findings.</p>" if more else ""
    return (
        f"<div><strong>Audit of {esc(title)}</strong>: score {report.score:g}/100 "
        f"&mdash; {esc(counts)}"
        "<table><tr><th>check</th><th>score</th><th>errors</th><th>warnings</th>"
        f"<th>info</th></tr>{rows}</table>"
        "<table><tr><th>severity</th><th>check</th><th>subjects</th><th>message</th></tr>"
        f"{frows}</table>{tail}</div>"
    )
