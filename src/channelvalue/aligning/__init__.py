"""Discipline 3 — aligning: keep the channel aligned and able to correct itself.

`audit` runs the registered checks ([`registered`][channelvalue.aligning.registered] lists their
ids; the `checks` package documents the built-in ones) into an
[`AuditReport`][channelvalue.AuditReport] under an [`AuditConfig`][channelvalue.AuditConfig], and
[`compare`][channelvalue.compare] follows the findings from one audit to the next (an
[`AuditDiff`][channelvalue.aligning.AuditDiff]). Writing and registering checks of your own is the
business of [`channelvalue.aligning.authoring`][channelvalue.aligning.authoring].

Examples:
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

from . import authoring, checks
from .audit import audit
from .config import DEFAULT_CUSTOMERS_PER_PARTNER, DEFAULT_TIER_WEIGHTS, AuditConfig
from .monitoring import AuditDiff, compare
from .registry import registered
from .report import AuditReport
from .scorecard import PartnerReview, Scorecard, partner_scorecard

__all__ = [
    "DEFAULT_CUSTOMERS_PER_PARTNER",
    "DEFAULT_TIER_WEIGHTS",
    "AuditConfig",
    "AuditDiff",
    "AuditReport",
    "PartnerReview",
    "Scorecard",
    "audit",
    "authoring",
    "checks",
    "compare",
    "partner_scorecard",
    "registered",
]
