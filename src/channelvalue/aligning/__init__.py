"""Discipline 3 — aligning: keep the channel aligned and able to correct itself.

A registry of checks (each a plain function ``(net, config) -> Iterable[Finding]``
under a stable dotted id), :func:`audit` to run them into an :class:`AuditReport`, and
:func:`compare` to follow the findings from one audit to the next.

Example:
    >>> import channelvalue as cv
    >>> from channelvalue import aligning
    >>> before = aligning.audit(cv.datasets.example())
    >>> before.counts["error"] > 0
    True
    >>> diff = aligning.compare(before, before)
    >>> len(diff.new), len(diff.resolved), diff.score_delta
    (0, 0, 0.0)
"""

from __future__ import annotations

from . import checks
from .audit import audit, run_check
from .config import DEFAULT_CUSTOMERS_PER_PARTNER, DEFAULT_TIER_WEIGHTS, AuditConfig
from .findings import OMITTED, SEVERITY_PENALTY, capped, penalty_of, summary, weight_of
from .monitoring import AuditDiff, compare
from .registry import (
    REGISTRY,
    Check,
    CheckFunction,
    CheckRegistry,
    check,
    get_check,
    register,
    registered,
    unregister,
)
from .report import AuditReport, check_score

__all__ = [
    "DEFAULT_CUSTOMERS_PER_PARTNER",
    "DEFAULT_TIER_WEIGHTS",
    "OMITTED",
    "REGISTRY",
    "SEVERITY_PENALTY",
    "AuditConfig",
    "AuditDiff",
    "AuditReport",
    "Check",
    "CheckFunction",
    "CheckRegistry",
    "audit",
    "capped",
    "check",
    "check_score",
    "checks",
    "compare",
    "get_check",
    "penalty_of",
    "register",
    "registered",
    "run_check",
    "summary",
    "unregister",
    "weight_of",
]
