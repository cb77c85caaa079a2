"""Helpers for writing checks: capping long lists of findings, and how findings count.

A check that flags thousands of partners lists the most important ones and folds the
rest into one *summary finding* per severity, whose evidence `omitted` says how many it
stands for. Counts and scores treat a summary finding as that many findings.

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.aligning.authoring import capped, weight_of
    >>> many = (cv.Finding("x.y", "warning", subjects=[f"p{i}"], message=f"p{i} is late")
    ...         for i in range(5))
    >>> out = list(capped(many, limit=2, what="late partners"))
    >>> [f.subjects for f in out]
    [('p0',), ('p1',), ()]
    >>> print(out[-1].message)
    3 more late partners (warning) are not listed; raise AuditConfig.max_findings_per_kind
    >>> weight_of(out[-1])
    3
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..model import Finding, Severity

__all__ = ["OMITTED", "SEVERITY_PENALTY", "capped", "penalty_of", "summary", "weight_of"]

OMITTED = "omitted"
"""The evidence name of a summary finding's count of findings it stands for."""

SEVERITY_PENALTY: dict[Severity, float] = {
    Severity.INFO: 0.0,
    Severity.WARNING: 1.0,
    Severity.ERROR: 3.0,
}
"""Penalty points of one finding of each severity (see `channelvalue.aligning.report`)."""


def weight_of(finding: Finding) -> int:
    """How many findings `finding` stands for: its `omitted` evidence, or 1.

    Examples:
        >>> import channelvalue as cv
        >>> weight_of(cv.Finding("a.b", "info", message="m"))
        1
    """
    n = finding.evidence.get(OMITTED)
    return max(1, int(n)) if n is not None else 1


def penalty_of(finding: Finding) -> float:
    """Penalty points of a finding: its severity's penalty times
    [`weight_of`][channelvalue.aligning.report.weight_of].

    Examples:
        >>> import channelvalue as cv
        >>> penalty_of(cv.Finding("a.b", "error", message="m"))
        3.0
    """
    return SEVERITY_PENALTY[finding.severity] * weight_of(finding)


def summary(
    check: str,
    severity: Severity | str,
    omitted: int,
    what: str,
    *,
    evidence: dict[str, float] | None = None,
) -> Finding:
    """The finding that stands for `omitted` findings of one kind that are not listed.

    Examples:
        >>> summary("a.b", "error", 12, "partners with no manager").evidence["omitted"]
        12.0
    """
    sev = Severity(severity)
    return Finding(
        check,
        sev,
        subjects=(),
        message=(
            f"{omitted:,} more {what} ({sev.value}) are not listed; "
            "raise AuditConfig.max_findings_per_kind"
        ),
        evidence={OMITTED: float(omitted), **(evidence or {})},
    )


def capped(findings: Iterable[Finding], *, limit: int, what: str) -> Iterator[Finding]:
    """The first `limit` findings (give them most important first), then summaries.

    Findings beyond the limit are counted by severity and replaced by one
    [`summary`][channelvalue.aligning.findings.summary] finding per severity (most severe first).
    Use it in your own checks with `limit=config.max_findings_per_kind`.

    Examples:
        >>> import channelvalue as cv
        >>> fs = [cv.Finding("a.b", s, subjects=["x"], message="m")
        ...       for s in ("error", "warning", "error")]
        >>> [(f.severity.value, f.subjects) for f in capped(fs, limit=1, what="things")]
        [('error', ('x',)), ('error', ()), ('warning', ())]
    """
    rest: dict[Severity, int] = {}
    check = ""
    for i, f in enumerate(findings):
        if i < limit:
            yield f
        else:
            check = f.check
            rest[f.severity] = rest.get(f.severity, 0) + weight_of(f)
    for sev in sorted(rest, key=lambda s: -s.rank):
        yield summary(check, sev, rest[sev], what)
