"""How findings count in a check's score: severity weights and shares.

Every finding says what share (0..1) of the check's population it is about
([`Finding.share`][channelvalue.Finding]: the revenue share of the partner it names, the
weight of a segment, the part of a route's margin that is misallocated, ...). A check's
score is

    score = 100 * max(0, 1 - sum severity_weight(f) * share(f))

over its findings, with severity weights error 1, warning 0.5, info 0. The same channel
health gives the same score at 60 and at 60,000 partners: findings become more numerous
as the network grows, but each one's share shrinks in proportion.

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.aligning.authoring import check_score, penalty_of
    >>> late = [cv.Finding("x.y", "warning", subjects=[f"p{i}"], message="late", share=0.1)
    ...         for i in range(4)]
    >>> [penalty_of(f) for f in late][:1], check_score(late)  # 100 * (1 - 4 * 0.5 * 0.1)
    ([0.05], 80.0)
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from ..model import Finding, Severity

__all__ = ["SEVERITY_WEIGHT", "check_score", "penalty_of", "share_of"]

SEVERITY_WEIGHT: dict[Severity, float] = {
    Severity.INFO: 0.0,
    Severity.WARNING: 0.5,
    Severity.ERROR: 1.0,
}
"""How much of its share a finding of each severity takes off its check's score."""


def share_of(finding: Finding) -> float:
    """The share a finding is about: its `share`, or 1 (all of it) when it has none.

    Examples:
        >>> import channelvalue as cv
        >>> share_of(cv.Finding("a.b", "error", message="m", share=0.25))
        0.25
        >>> share_of(cv.Finding("a.b", "error", message="m"))
        1.0
    """
    return 1.0 if finding.share is None else finding.share


def penalty_of(finding: Finding) -> float:
    """What a finding takes off its check's score (as a fraction of 100):
    `SEVERITY_WEIGHT[severity] * share`.

    Examples:
        >>> import channelvalue as cv
        >>> penalty_of(cv.Finding("a.b", "warning", message="m", share=0.2))
        0.1
    """
    return SEVERITY_WEIGHT[finding.severity] * share_of(finding)


def check_score(findings: Iterable[Finding]) -> float:
    """The 0..100 score of one check's findings: `100 * max(0, 1 - sum penalty)`.

    Examples:
        >>> import channelvalue as cv
        >>> f = cv.Finding("a.b", "error", message="m", share=0.3)
        >>> check_score([f, f])  # 100 * (1 - 0.6)
        40.0
        >>> check_score([]), check_score([f] * 4)
        (100.0, 0.0)
    """
    penalty = math.fsum(sorted(penalty_of(f) for f in findings))
    return 100.0 * max(0.0, 1.0 - penalty)
