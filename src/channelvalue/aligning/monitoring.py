"""Monitoring: compare two audits to see whether the network corrects itself.

Findings of the two reports are matched check by check, in two passes: first findings
with the same check, subjects and message; then, among the rest, findings with the same
check and subjects (the same problem whose figures moved). Matched pairs *persist*;
unmatched findings of the later audit are *new*, of the earlier one *resolved*. Only
checks that ran in both audits are compared.

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.aligning import audit, compare
    >>> net = cv.datasets.example()
    >>> before = audit(net, checks=["reporting"])
    >>> net.add(cv.ReportsTo("res-11", "dist-north", manager="pam-north"))
    >>> diff = compare(before, audit(net, checks=["reporting"]))
    >>> # 4 -> 3 warnings: 100 * 0.5 ** (3/10) - 100 * 0.5 ** (4/10) = 81.2 - 75.8
    >>> [f.subjects for f in diff.resolved], diff.score_deltas["reporting.coverage"]
    ([('res-11',)], 5.4)
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
from .findings import weight_of
from .report import AuditReport

__all__ = ["AuditDiff", "compare"]

_SEVERITIES = ("error", "warning", "info")


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
        checks_only_before: checks that ran only in the earlier audit (not compared).
        checks_only_after: checks that ran only in the later audit (not compared).

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
            yield _row("new", None, f)
        for b, a in self.persisting:
            yield _row("persisting", b, a)
        for f in self.resolved:
            yield _row("resolved", f, None)

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
        }

    def to_markdown(self) -> str:
        """A Markdown summary: deltas per check, then new and resolved findings.

        Examples:
            >>> print(AuditDiff(score_delta=3.0).to_markdown().splitlines()[0])
            # Audit comparison: score +3
        """
        lines = [
            f"# Audit comparison: score {self.score_delta:+g}",
            "",
            f"{len(self.new)} new, {len(self.resolved)} resolved, "
            f"{len(self.persisting)} persisting findings.",
            "",
            "| check | score change |",
            "|---|---:|",
        ]
        lines += [f"| {markdown_code(c)} | {d:+.1f} |" for c, d in self.score_deltas.items()]
        for title, group in (("New", self.new), ("Resolved", self.resolved)):
            if group:
                lines += ["", f"## {title}", ""]
                lines += [
                    f"- **{f.severity.value}** {markdown_code(f.check)}: {markdown_text(f.message)}"
                    for f in group
                ]
        return "\n".join(lines) + "\n"

    def __repr__(self) -> str:
        return (
            f"<AuditDiff: score {self.score_delta:+g}, {len(self.new)} new, "
            f"{len(self.resolved)} resolved, {len(self.persisting)} persisting>"
        )

    def _repr_html_(self) -> str:
        import html

        rows = "".join(
            f"<tr><td>{r['status']}</td><td><code>{html.escape(r['check'])}</code></td>"
            f"<td>{r['severity_before'] or ''}</td><td>{r['severity_after'] or ''}</td>"
            f"<td>{html.escape(r['subjects'])}</td><td>{html.escape(r['message'])}</td></tr>"
            for r in self.rows()
        )
        return (
            f"<div><strong>Audit comparison</strong>: score {self.score_delta:+g}"
            "<table><tr><th>status</th><th>check</th><th>before</th><th>after</th>"
            f"<th>subjects</th><th>message</th></tr>{rows}</table></div>"
        )


def _row(status: str, before: Finding | None, after: Finding | None) -> dict[str, Any]:
    f = after or before
    assert f is not None
    return {
        "status": status,
        "check": f.check,
        "severity_before": before.severity.value if before else None,
        "severity_after": after.severity.value if after else None,
        "subjects": subjects_text(f),
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
        <AuditDiff: score +0, 0 new, 0 resolved, ... persisting>
    """
    for name, value in (("before", before), ("after", after)):
        if not isinstance(value, AuditReport):
            raise WrongTypeError(f"compare({name}=...)", value, "an AuditReport")
    common = set(before.checks) & set(after.checks)
    b = [f for f in before.findings if f.check in common]
    a = [f for f in after.findings if f.check in common]
    pairs, resolved, new = _match(b, a)
    order = sorted(common)
    deltas = {c: round(after.scores[c] - before.scores[c], 1) for c in order}
    counts = {}
    for sev in _SEVERITIES:
        n_after = sum(weight_of(f) for f in a if f.severity.value == sev)
        n_before = sum(weight_of(f) for f in b if f.severity.value == sev)
        counts[sev] = n_after - n_before
    common_b = before.filter(check=order) if order else None
    common_a = after.filter(check=order) if order else None
    delta = round(common_a.score - common_b.score, 1) if common_a and common_b else 0.0
    return AuditDiff(
        new=tuple(sorted(new, key=lambda f: f.sort_key)),
        resolved=tuple(sorted(resolved, key=lambda f: f.sort_key)),
        persisting=tuple(sorted(pairs, key=lambda p: (p[1].sort_key, p[0].sort_key))),
        score_deltas=FrozenMap(deltas),
        score_delta=delta,
        count_deltas=FrozenMap(counts),
        checks_only_before=tuple(sorted(set(before.checks) - common)),
        checks_only_after=tuple(sorted(set(after.checks) - common)),
    )
