"""Monitoring: compare two audits to see whether the network corrects itself.

Findings of the two reports are matched check by check, in two passes: first findings
with the same check, subjects and message; then, among the rest, findings with the same
check and subjects (the same problem whose figures moved). Matched pairs *persist*;
unmatched findings of the later audit are *new*, of the earlier one *resolved*. Only
checks *assessed* in both audits are compared; a check not assessed in either is listed
with its reason (`not_assessed_before`, `not_assessed_after`), never counted as improved.

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.aligning import audit, compare
    >>> net = cv.datasets.example()
    >>> before = audit(net, checks=["reporting"])
    >>> net.add(cv.ReportsTo("res-11", "dist-north", manager="pam-north"))
    >>> diff = compare(before, audit(net, checks=["reporting"]))
    >>> # res-11's warning (0.51% of partner revenue) resolved: + 100 * 0.5 * 0.0051
    >>> [f.subjects for f in diff.resolved], round(diff.score_deltas["reporting.coverage"], 2)
    ([('res-11',)], 0.25)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from .._optional import require_pandas
from .._text import markdown_code, markdown_text
from ..errors import WrongTypeError
from ..model import Finding
from ..model._frozen import FrozenMap
from ._render import finding_dict, subjects_text
from .report import AuditReport

__all__ = ["AuditDiff", "compare"]

_SEVERITIES = ("error", "warning", "info")
HTML_LIMIT = 20
"""Rows of each status (new, persisting, resolved) that the notebook view shows."""


@attrs.frozen(slots=True, repr=False)
class AuditDiff:
    """What changed between two audits of a network.

    Attributes:
        new: findings of the later audit with no match in the earlier one.
        resolved: findings of the earlier audit with no match in the later one.
        persisting: matched `(before, after)` pairs.
        score_deltas: per check run in both, its score after minus before.
        score_delta: the overall score after minus before (over the common checks).
        count_deltas: per severity, the number of findings after minus before.
        checks_only_before: checks assessed only in the earlier audit (not compared).
        checks_only_after: checks assessed only in the later audit (not compared).
        not_assessed_before: checks of the earlier audit that were not assessed, with why.
        not_assessed_after: checks of the later audit that were not assessed, with why.
        names: the display names of the findings' subjects (from both reports).

    Examples:
        >>> AuditDiff().improved
        False
    """

    new: tuple[Finding, ...] = ()
    resolved: tuple[Finding, ...] = ()
    persisting: tuple[tuple[Finding, Finding], ...] = ()
    score_deltas: FrozenMap[str, float] = attrs.field(factory=FrozenMap)
    score_delta: float = 0.0
    count_deltas: FrozenMap[str, int] = attrs.field(factory=FrozenMap)
    checks_only_before: tuple[str, ...] = ()
    checks_only_after: tuple[str, ...] = ()
    not_assessed_before: FrozenMap[str, str] = attrs.field(factory=FrozenMap)
    not_assessed_after: FrozenMap[str, str] = attrs.field(factory=FrozenMap)
    names: FrozenMap[str, str] = attrs.field(factory=FrozenMap)

    @property
    def worsened(self) -> tuple[tuple[Finding, Finding], ...]:
        """Persisting pairs whose severity went up.

        Examples:
            >>> import channelvalue as cv
            >>> w = cv.Finding("a.b", "warning", subjects=["x"], message="m")
            >>> e = cv.Finding("a.b", "error", subjects=["x"], message="m")
            >>> AuditDiff(persisting=((w, e),)).worsened == ((w, e),)
            True
        """
        return tuple(p for p in self.persisting if p[1].severity.rank > p[0].severity.rank)

    @property
    def eased(self) -> tuple[tuple[Finding, Finding], ...]:
        """Persisting pairs whose severity went down.

        Examples:
            >>> import channelvalue as cv
            >>> w = cv.Finding("a.b", "warning", subjects=["x"], message="m")
            >>> e = cv.Finding("a.b", "error", subjects=["x"], message="m")
            >>> AuditDiff(persisting=((e, w),)).eased == ((e, w),)
            True
        """
        return tuple(p for p in self.persisting if p[1].severity.rank < p[0].severity.rank)

    @property
    def improved(self) -> bool:
        """True when the overall score rose, or nothing new appeared and something resolved.

        Examples:
            >>> AuditDiff(score_delta=2.5).improved
            True
        """
        return self.score_delta > 0 or (not self.new and bool(self.resolved))

    def rows(self) -> Iterator[dict[str, Any]]:
        """One dict per finding: status (new, resolved, persisting), severity before/after.

        Examples:
            >>> import channelvalue as cv
            >>> f = cv.Finding("a.b", "warning", subjects=["x"], message="m")
            >>> [r["status"] for r in AuditDiff(new=(f,), resolved=(f,)).rows()]
            ['new', 'resolved']
        """
        for f in self.new:
            yield _row("new", None, f, self.names)
        for b, a in self.persisting:
            yield _row("persisting", b, a, self.names)
        for f in self.resolved:
            yield _row("resolved", f, None, self.names)

    def to_frame(self) -> Any:
        """The rows of [`rows`][channelvalue.aligning.AuditDiff.rows] as a pandas DataFrame (needs
        pandas).

        Examples:
            >>> list(AuditDiff().to_frame().columns)[:3]
            ['status', 'check', 'severity_before']
        """
        pd = require_pandas("AuditDiff.to_frame()")
        columns = [
            "status",
            "check",
            "severity_before",
            "severity_after",
            "subjects",
            "names",
            "message",
        ]
        return pd.DataFrame(list(self.rows()), columns=columns)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe data: the score and count deltas and the three lists of findings.

        Examples:
            >>> AuditDiff(score_delta=-1.5).to_dict()["score_delta"]
            -1.5
        """
        return {
            "score_delta": self.score_delta,
            "score_deltas": dict(self.score_deltas),
            "count_deltas": dict(self.count_deltas),
            "new": [finding_dict(f) for f in self.new],
            "resolved": [finding_dict(f) for f in self.resolved],
            "persisting": [
                {"before": finding_dict(b), "after": finding_dict(a)} for b, a in self.persisting
            ],
            "checks_only_before": list(self.checks_only_before),
            "checks_only_after": list(self.checks_only_after),
            "not_assessed_before": dict(self.not_assessed_before),
            "not_assessed_after": dict(self.not_assessed_after),
        }

    def to_markdown(self, *, limit: int | None = 20) -> str:
        """A Markdown summary: deltas per check, not-assessed checks, then the first `limit`
        new and resolved findings and how many more (`limit=None`: all).

        Examples:
            >>> print(AuditDiff(score_delta=3.0).to_markdown().splitlines()[0])
            # Audit comparison: score +3.0
        """
        lines = [
            f"# Audit comparison: score {self.score_delta:+.1f}",
            "",
            f"{len(self.new)} new, {len(self.resolved)} resolved, "
            f"{len(self.persisting)} persisting findings.",
            "",
            "| check | score change |",
            "|---|---:|",
        ]
        lines += [f"| {markdown_code(c)} | {d:+.1f} |" for c, d in self.score_deltas.items()]
        for when, skipped in (
            ("before", self.not_assessed_before),
            ("after", self.not_assessed_after),
        ):
            lines += [
                f"- {markdown_code(c)} not assessed {when}: {markdown_text(r)}"
                for c, r in skipped.items()
            ]
        for title, group in (("New", self.new), ("Resolved", self.resolved)):
            if group:
                shown = group if limit is None else group[:limit]
                lines += ["", f"## {title}", ""]
                lines += [
                    f"- **{f.severity.value}** {markdown_code(f.check)}: {markdown_text(f.message)}"
                    for f in shown
                ]
                if len(group) > len(shown):
                    lines.append(f"- *... and {len(group) - len(shown):,} more*")
        return "\n".join(lines) + "\n"

    def __repr__(self) -> str:
        return (
            f"<AuditDiff: score {self.score_delta:+.1f}, {len(self.new)} new, "
            f"{len(self.resolved)} resolved, {len(self.persisting)} persisting>"
        )

    def _repr_html_(self) -> str:
        return self.to_html(limit=HTML_LIMIT)

    def to_html(self, *, limit: int | None = HTML_LIMIT) -> str:
        """An HTML table of the first `limit` rows of each status (new, persisting,
        resolved) and how many more (`limit=None`: all); every string is escaped.

        Examples:
            >>> import channelvalue as cv
            >>> f = cv.Finding("a.b", "warning", subjects=["x"], message="m")
            >>> "and 2 more" in AuditDiff(new=(f, f, f)).to_html(limit=1)
            True
        """
        import html

        esc = html.escape
        shown: list[dict[str, Any]] = []
        hidden: dict[str, int] = {}
        seen: dict[str, int] = {}
        for r in self.rows():
            n = seen.get(r["status"], 0)
            seen[r["status"]] = n + 1
            if limit is None or n < limit:
                shown.append(r)
            else:
                hidden[r["status"]] = hidden.get(r["status"], 0) + 1
        rows = "".join(
            f"<tr><td>{r['status']}</td><td><code>{esc(r['check'])}</code></td>"
            f"<td>{r['severity_before'] or ''}</td><td>{r['severity_after'] or ''}</td>"
            f"<td>{esc(r['names'])}</td><td>{esc(r['message'])}</td></tr>"
            for r in shown
        )
        more = "".join(
            f"<p>... and {n:,} more {esc(status)} findings.</p>" for status, n in hidden.items()
        )
        skipped = "".join(
            f"<p><code>{esc(c)}</code> not assessed {when}: {esc(r)}</p>"
            for when, group in (
                ("before", self.not_assessed_before),
                ("after", self.not_assessed_after),
            )
            for c, r in group.items()
        )
        return (
            f"<div><strong>Audit comparison</strong>: score {self.score_delta:+.1f}; "
            f"{len(self.new):,} new, {len(self.resolved):,} resolved, "
            f"{len(self.persisting):,} persisting{skipped}"
            "<table><tr><th>status</th><th>check</th><th>before</th><th>after</th>"
            f"<th>subjects</th><th>message</th></tr>{rows}</table>{more}</div>"
        )


def _row(
    status: str, before: Finding | None, after: Finding | None, names: FrozenMap[str, str]
) -> dict[str, Any]:
    f = after or before
    assert f is not None
    return {
        "status": status,
        "check": f.check,
        "severity_before": before.severity.value if before else None,
        "severity_after": after.severity.value if after else None,
        "subjects": subjects_text(f),
        "names": subjects_text(f, names=names, labels="name"),
        "message": f.message,
    }


def _match(
    before: list[Finding], after: list[Finding]
) -> tuple[list[tuple[Finding, Finding]], list[Finding], list[Finding]]:
    pairs: list[tuple[Finding, Finding]] = []
    rest_b, rest_a = list(before), list(after)
    for key in (
        lambda f: (f.check, f.subjects, f.message),
        lambda f: (f.check, f.subjects),
    ):
        pool: dict[Any, list[Finding]] = {}
        for f in rest_b:
            pool.setdefault(key(f), []).append(f)
        unmatched_a = []
        for f in rest_a:
            bucket = pool.get(key(f))
            if bucket:
                pairs.append((bucket.pop(0), f))
            else:
                unmatched_a.append(f)
        rest_b = [f for bucket in pool.values() for f in bucket]
        rest_a = unmatched_a
    return pairs, rest_b, rest_a


def compare(before: AuditReport, after: AuditReport) -> AuditDiff:
    """Compare two audits: new, resolved and persisting findings, score and count deltas.

    Raises:
        WrongTypeError: either argument is not an [`AuditReport`][channelvalue.AuditReport].

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.aligning import audit
        >>> r = audit(cv.datasets.example())
        >>> compare(r, r)  # doctest: +ELLIPSIS
        <AuditDiff: score +0.0, 0 new, 0 resolved, ... persisting>
    """
    for name, value in (("before", before), ("after", after)):
        if not isinstance(value, AuditReport):
            raise WrongTypeError(f"compare({name}=...)", value, "an AuditReport")
    common = set(before.assessed) & set(after.assessed)
    b = [f for f in before.findings if f.check in common]
    a = [f for f in after.findings if f.check in common]
    pairs, resolved, new = _match(b, a)
    order = sorted(common)
    deltas = {c: after.scores[c] - before.scores[c] for c in order}
    counts = {}
    for sev in _SEVERITIES:
        n_after = sum(1 for f in a if f.severity.value == sev)
        n_before = sum(1 for f in b if f.severity.value == sev)
        counts[sev] = n_after - n_before
    delta = 0.0
    if order:
        score_b, score_a = before.filter(check=order).score, after.filter(check=order).score
        if score_b is not None and score_a is not None:
            delta = score_a - score_b
    return AuditDiff(
        new=tuple(sorted(new, key=lambda f: f.sort_key)),
        resolved=tuple(sorted(resolved, key=lambda f: f.sort_key)),
        persisting=tuple(sorted(pairs, key=lambda p: (p[1].sort_key, p[0].sort_key))),
        score_deltas=FrozenMap(deltas),
        score_delta=delta,
        count_deltas=FrozenMap(counts),
        checks_only_before=tuple(sorted(set(before.assessed) - common)),
        checks_only_after=tuple(sorted(set(after.assessed) - common)),
        not_assessed_before=before.not_assessed,
        not_assessed_after=after.not_assessed,
        names=FrozenMap(dict(sorted({**before.names, **after.names}.items()))),
    )
