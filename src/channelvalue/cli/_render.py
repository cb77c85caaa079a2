"""Audit reports and network summaries as terminal tables, Markdown, JSON, CSV and HTML.

The terminal layouts (`table`, `summary`) are rich tables rendered to plain text at the
output width: long check titles end in an ellipsis, long messages wrap inside their column,
so no line is wider than the terminal (80 columns in a pipe). Every string from the data is
made visible (`_text.visible`) before it is laid out, so an escape cannot change a line's
width after layout or reach the terminal.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from .._text import json_visible, visible
from ..aligning import AuditReport
from ..aligning.report import Labels
from ..core.network import ChannelNetwork
from ..errors import ChannelValueError
from ..model import Finding
from ._output import fit, has_rich, render

if TYPE_CHECKING:
    from rich.box import Box
    from rich.console import RenderableType
    from rich.table import Table

__all__ = [
    "AuditView",
    "csv_report",
    "html_report",
    "json_report",
    "markdown_report",
    "network_names",
    "summary_data",
    "summary_markdown",
    "summary_table",
    "table_report",
]

_SEVERITIES = ("error", "warning", "info")
_SUBJECTS_SHOWN = 3


def network_names(net: ChannelNetwork | None) -> dict[str, str]:
    """The display name of every organization, segment and manager of `net`, by id.

    Examples:
        >>> import channelvalue as cv
        >>> network_names(cv.datasets.example())["acme"]
        'Acme Networks'
    """
    if net is None:
        return {}
    names: dict[str, str] = {}
    for table in (net.managers, net.segments, net.organizations):
        names.update((key, item.label) for key, item in table.items())
    return names


@attrs.frozen
class AuditView:
    """What the command line shows of an audit report.

    Attributes:
        report: the report.
        names: display names by id (the report's own, else the network's).
        labels: `"name"` to show check titles and partner names, `"id"` to show ids.
        top: findings shown per check (None: all).
    """

    report: AuditReport
    names: Mapping[str, str] = attrs.field(factory=dict)
    labels: Labels = "name"
    top: int | None = 10

    @classmethod
    def of(
        cls,
        report: AuditReport,
        net: ChannelNetwork | None = None,
        *,
        labels: Labels = "name",
        top: int | None = 10,
    ) -> AuditView:
        names = network_names(net)
        names.update(report.names)
        return cls(report, names, labels, top)

    @property
    def not_assessed(self) -> Mapping[str, str]:
        """Checks that were not assessed, with the reason."""
        return self.report.not_assessed

    @property
    def coverage(self) -> Mapping[str, float]:
        """Share of partner revenue each check could see."""
        return self.report.coverage

    @property
    def checks(self) -> list[str]:
        """Every check of the report, assessed or not, by id."""
        return sorted(set(self.report.titles) | set(self.not_assessed))

    @property
    def score(self) -> float | None:
        """The overall score, None when no check was assessed."""
        return self.report.score

    def title(self, check: str) -> str:
        if self.labels == "id":
            return check
        return self.report.titles.get(check) or check

    def name(self, key: str) -> str:
        return key if self.labels == "id" else self.names.get(key, key)

    def subjects(self, finding: Finding) -> str:
        shown = [self.name(s) for s in finding.subjects[:_SUBJECTS_SHOWN]]
        more = len(finding.subjects) - len(shown)
        return ", ".join(shown) + (f" +{more} more" if more > 0 else "")

    def findings_of(self, check: str) -> list[Finding]:
        return [f for f in self.report.findings if f.check == check]

    def heading(self) -> str:
        report = self.report
        steward = ""
        if report.steward:
            steward = f" (steward {self.name(report.steward)})"
        return f"Audit of {report.network or 'channel network'}{steward}"

    def score_line(self) -> str:
        """`Score 63.7 of 100 · 12 of 15 checks assessed` (or why there is no score)."""
        assessed = len(self.report.scores)
        total = len(self.checks)
        if self.score is None:
            return f"No score: no check was assessed (0 of {total})"
        return f"Score {self.score:.1f} of 100 · {assessed} of {total} checks assessed"

    def counts_line(self) -> str:
        """`Findings: 3 errors, 1 warning, 0 info`."""
        c = self.report.counts
        return "Findings: " + ", ".join(_plural(c[s], s) for s in _SEVERITIES)


# ------------------------------------------------------------------ terminal tables
def _plural(n: int, severity: str) -> str:
    """`3 errors`, `1 warning`, `2 info`."""
    return f"{n:,} {severity}" + ("s" if n != 1 and severity != "info" else "")


def _box(unicode: bool) -> Box:
    from rich import box

    if unicode:
        return box.SIMPLE
    return box.Box("    \n    \n -- \n    \n    \n -- \n    \n    \n", ascii=True)


def _table(unicode: bool, **options: Any) -> Table:
    from rich.table import Table

    return Table(
        box=_box(unicode),
        show_edge=False,
        pad_edge=False,
        title_justify="left",
        header_style=None,
        title_style=None,
        highlight=False,
        **options,
    )


def _text(value: str) -> Any:
    from rich.text import Text

    return Text(visible(value))


def _checks_table(view: AuditView, unicode: bool) -> Table:
    coverage = view.coverage
    table = _table(unicode, expand=True)
    table.add_column("Check", overflow="ellipsis", no_wrap=True, ratio=1, min_width=12)
    table.add_column("Score", justify="right", no_wrap=True)
    for header in ("Err", "Warn", "Info"):
        table.add_column(header, justify="right", no_wrap=True)
    if coverage:
        table.add_column("Seen", justify="right", no_wrap=True)
    counts = view.report.counts_by_check
    for check in view.checks:
        if check in view.not_assessed:
            cells = [_text(view.title(check)), "not assessed", "", "", ""]
        else:
            score = view.report.scores.get(check)
            by = counts.get(check, {})
            cells = [
                _text(view.title(check)),
                "-" if score is None else f"{score:.1f}",
                *(f"{by.get(s, 0):,}" for s in _SEVERITIES),
            ]
        if coverage:
            share = coverage.get(check)
            missing = share is None or check in view.not_assessed
            cells.append("" if missing else f"{share:.0%}")
        table.add_row(*cells)
    return table


def _not_assessed_table(view: AuditView, unicode: bool) -> Table:
    """The checks that were not assessed, each with its reason (wrapped)."""
    table = _table(unicode, expand=True, show_header=False)
    table.title = _text("Not assessed (left out of the score):")
    table.add_column("Check", overflow="fold", ratio=2)
    table.add_column("Reason", overflow="fold", ratio=3)
    for check, reason in sorted(view.not_assessed.items()):
        table.add_row(_text(view.title(check)), _text(reason))
    return table


def _findings_table(view: AuditView, check: str, found: Sequence[Finding], unicode: bool) -> Table:
    by: dict[str, int] = dict.fromkeys(_SEVERITIES, 0)
    for f in found:
        by[f.severity.value] += 1
    counts = ", ".join(_plural(n, s) for s, n in by.items() if n)
    score = view.report.scores.get(check)
    head = f"{view.title(check)} — " + (f"score {score:.1f}: " if score is not None else "")
    table = _table(unicode, title=_text(head + counts), expand=True)
    table.add_column("Severity", no_wrap=True)
    table.add_column("About", overflow="fold", ratio=1)
    table.add_column("Message", overflow="fold", ratio=3)
    shown = found if view.top is None else found[: view.top]
    for f in shown:
        table.add_row(f.severity.value, _text(view.subjects(f)), _text(f.message))
    if len(shown) < len(found):
        table.caption = _text(
            f"... and {len(found) - len(shown):,} more: --all shows every finding, "
            "--top N shows N per check"
        )
        table.caption_justify = "left"
    return table


def table_report(view: AuditView, *, width: int, unicode: bool, summary: bool = False) -> str:
    """The report laid out at `width` columns: heading, score line, one row per check and
    (unless `summary`) the top findings of each check.

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.aligning import audit
        >>> net = cv.datasets.example()
        >>> view = AuditView.of(audit(net, checks=["reporting"]), net)
        >>> text = table_report(view, width=80, unicode=True, summary=True)
        >>> print(text.splitlines()[0])
        Audit of Acme Networks channel (steward Acme Networks)
        >>> max(len(line) for line in text.splitlines()) <= 80
        True
    """
    if not has_rich():
        return fit(_plain_report(view, summary=summary), width)
    from rich.text import Text

    items: list[RenderableType] = [
        _text(view.heading()),
        _text(view.score_line()),
        _text(view.counts_line()),
        Text(""),
        _checks_table(view, unicode),
    ]
    if view.not_assessed:
        items.extend([Text(""), _not_assessed_table(view, unicode)])
    if not summary:
        for check in view.checks:
            found = view.findings_of(check)
            if found:
                items.extend([Text(""), _findings_table(view, check, found, unicode)])
    return render(items, width)


def _plain_report(view: AuditView, *, summary: bool) -> str:
    """The layout without rich: the same content as plain lines (wrapped by `fit`)."""
    lines = [visible(view.heading()), visible(view.score_line()), view.counts_line(), ""]
    counts = view.report.counts_by_check
    for check in view.checks:
        if check in view.not_assessed:
            lines.append(f"  {view.title(check)}: not assessed ({view.not_assessed[check]})")
            continue
        by = counts.get(check, {})
        numbers = ", ".join(_plural(by.get(s, 0), s) for s in _SEVERITIES)
        if check in view.coverage:
            numbers += f"; saw {view.coverage[check]:.0%} of partner revenue"
        lines.append(f"  {view.title(check)}: {view.report.scores.get(check, 0):.1f} ({numbers})")
    if not summary:
        for check in view.checks:
            found = view.findings_of(check)
            if not found:
                continue
            lines.extend(["", view.title(check)])
            shown = found if view.top is None else found[: view.top]
            lines.extend(f"  {f.severity.value}: {view.subjects(f)}: {f.message}" for f in shown)
            if len(shown) < len(found):
                lines.append(f"  ... and {len(found) - len(shown):,} more (--all shows them)")
    return visible("\n".join(lines), keep_newlines=True)


# ------------------------------------------------------------------ other formats
def markdown_report(view: AuditView) -> str:
    """The report's Markdown (`AuditReport.to_markdown`), top findings per check."""
    return view.report.to_markdown(limit=view.top, labels=view.labels).rstrip("\n")


def html_report(view: AuditView) -> str:
    """A whole HTML page holding the report's HTML (`AuditReport.to_html`)."""
    body = view.report.to_html(limit=view.top, labels=view.labels)
    if body.lstrip()[:15].lower().startswith(("<!doctype", "<html")):
        return body
    title = html.escape(visible(view.heading()))
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n</head>\n<body>\n{body}\n</body>\n</html>"
    )


def json_report(view: AuditView) -> str:
    """The whole report as JSON (`AuditReport.to_dict`: every finding, whatever `--top`);
    control characters from the data written as `\\uNNNN` escapes.

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.aligning import audit
        >>> data = json.loads(json_report(AuditView.of(audit(cv.datasets.example()))))
        >>> data["format"]
        'channelvalue-audit'
    """
    text = json.dumps(view.report.to_dict(), indent=2, ensure_ascii=False, allow_nan=False)
    return json_visible(text)


def csv_report(view: AuditView) -> str:
    """Every finding as CSV (`AuditReport.to_frame`, needs pandas), evidence as JSON text."""
    frame = view.report.to_frame(labels=view.labels)
    if "evidence" in frame.columns:
        frame["evidence"] = [
            json.dumps(e, sort_keys=True, allow_nan=False) if isinstance(e, Mapping) else e
            for e in frame["evidence"]
        ]
    return str(frame.to_csv(index=False, lineterminator="\n")).rstrip("\n")


# ------------------------------------------------------------------ network summaries
def summary_data(net: ChannelNetwork) -> dict[str, Any]:
    """A network's name, steward, counts and members and revenue by role, as JSON-safe data.

    Examples:
        >>> import channelvalue as cv
        >>> data = summary_data(cv.datasets.example())
        >>> data["steward"], data["counts"]["organizations"], data["roles"][0]["role"]
        ({'id': 'acme', 'name': 'Acme Networks'}, 60, 'vendor')
    """
    try:
        steward: dict[str, str] | None = {"id": net.steward.id, "name": net.steward.label}
    except ChannelValueError:
        steward = None
    by_role: dict[str, tuple[int, float]] = {}
    for org in net.organizations.values():
        n, rev = by_role.get(org.role.value, (0, 0.0))
        by_role[org.role.value] = (n + 1, rev + org.revenue)
    roles = [
        {"role": role, "members": n, "revenue": rev}
        for role, (n, rev) in sorted(by_role.items(), key=lambda kv: (-kv[1][1], kv[0]))
    ]
    return {"name": net.name, "steward": steward, "counts": net.counts(), "roles": roles}


def _summary_heading(data: Mapping[str, Any]) -> str:
    stew = data["steward"]
    who = f"{stew['id']} ({stew['name']})" if stew else "(none)"
    return f"{data['name'] or 'channel network'} — steward: {who}"


def summary_table(net: ChannelNetwork, *, width: int, unicode: bool) -> str:
    """A network's summary laid out at `width` columns: counts, then members and revenue by
    role.

    Examples:
        >>> import channelvalue as cv
        >>> text = summary_table(cv.datasets.example(), width=80, unicode=True)
        >>> print(text.splitlines()[0])
        Acme Networks channel — steward: acme (Acme Networks)
    """
    data = summary_data(net)
    if not has_rich():
        return fit(visible(_plain_summary(data), keep_newlines=True), width)
    from rich.text import Text

    counts = _table(unicode)
    counts.add_column("Contents", overflow="fold")
    counts.add_column("Count", justify="right", no_wrap=True)
    for key, value in data["counts"].items():
        counts.add_row(key.replace("_", " "), f"{value:,}")
    roles = _table(unicode)
    roles.add_column("Role", overflow="fold")
    roles.add_column("Members", justify="right", no_wrap=True)
    roles.add_column("Revenue", justify="right", no_wrap=True)
    for row in data["roles"]:
        roles.add_row(row["role"], f"{row['members']:,}", f"{row['revenue']:,.0f}")
    return render([_text(_summary_heading(data)), Text(""), counts, Text(""), roles], width)


def _plain_summary(data: Mapping[str, Any]) -> str:
    lines = [_summary_heading(data), ""]
    lines.extend(f"  {k.replace('_', ' ')}: {v:,}" for k, v in data["counts"].items())
    lines.append("")
    lines.extend(
        f"  {r['role']}: {r['members']:,} members, revenue {r['revenue']:,.0f}"
        for r in data["roles"]
    )
    return "\n".join(lines)


def summary_markdown(net: ChannelNetwork) -> str:
    """A network's summary as Markdown (names escaped).

    Examples:
        >>> import channelvalue as cv
        >>> print(summary_markdown(cv.datasets.example()).splitlines()[0])
        # Acme Networks channel — steward: acme (Acme Networks)
    """
    from .._text import markdown_text

    data = summary_data(net)
    lines = [f"# {markdown_text(_summary_heading(data))}", "", "| contents | count |", "|---|--:|"]
    lines.extend(f"| {k.replace('_', ' ')} | {v:,} |" for k, v in data["counts"].items())
    lines.extend(["", "| role | members | revenue |", "|---|--:|--:|"])
    lines.extend(f"| {r['role']} | {r['members']:,} | {r['revenue']:,.0f} |" for r in data["roles"])
    return "\n".join(lines)
