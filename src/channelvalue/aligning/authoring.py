"""The check-authoring API: write a check, register it, cap and score its findings.

What a user of the audit needs (`audit`,
[`compare`][channelvalue.compare], [`AuditConfig`][channelvalue.AuditConfig], ...)
is in [`channelvalue.aligning`][channelvalue.aligning]; what someone *writing* a check needs is
here.

A check is a plain function `(net, config) -> Iterable[Finding]`
([`CheckFunction`][channelvalue.aligning.registry.CheckFunction]) under a stable dotted id
`"family.name"`. [`register`][channelvalue.aligning.registry.register] puts it in the default
[`REGISTRY`][channelvalue.aligning.audit.REGISTRY], used as a decorator (`@register(id)`, the
function is returned unchanged) or called (`register(id, function)`, the
[`Check`][channelvalue.aligning.audit.Check] is returned); from then on it runs in every audit. Read
your thresholds from `config.options`, fold long lists of findings with
[`capped`][channelvalue.aligning.findings.capped], and remove a check with
[`unregister`][channelvalue.aligning.registry.unregister]. A
[`CheckRegistry`][channelvalue.aligning.audit.CheckRegistry] of your own keeps checks out of the
default registry; a [`Check`][channelvalue.aligning.audit.Check] object passed to
`audit(net, checks=[...])` runs without being registered.

| name | what it is for |
|---|---|
| [`register`][channelvalue.aligning.registry.register] | register a check (decorator or call) |
| [`unregister`][channelvalue.aligning.registry.unregister] | remove a check and return it |
| `get_check` | the registered `Check` with an id |
| [`registered`][channelvalue.aligning.registered] | the registered ids, sorted |
| `REGISTRY` | the default `CheckRegistry` the audit uses |
| [`Check`][channelvalue.aligning.audit.Check] | a check: id, function, title, weight |
| [`CheckRegistry`][channelvalue.aligning.audit.CheckRegistry] | a set of checks by id |
| [`CheckFunction`][channelvalue.aligning.registry.CheckFunction] | the type of a check function |
| `run_check` | run one check as the audit does (never raises) |
| `capped` | list the first findings, fold the rest into a summary |
| `summary` | the summary finding that stands for omitted findings |
| [`weight_of`][channelvalue.aligning.report.weight_of] | how many findings a finding stands for |
| [`penalty_of`][channelvalue.aligning.report.penalty_of] | the penalty points of a finding |
| `check_score` | the 0..100 score of one check's findings |
| `OMITTED` | the evidence name of a summary finding's count |
| `SEVERITY_PENALTY` | penalty points per severity |
| `CHECK_ID_PATTERN` | what a check id looks like |

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.aligning import authoring
    >>> @authoring.register("acme.unnamed_managers", title="Managers without a name")
    ... def unnamed_managers(net, config):
    ...     for m in net.managers.values():
    ...         if not m.name:
    ...             yield cv.Finding("acme.unnamed_managers", "warning", subjects=[m.id],
    ...                              message=f"manager {m.id} has no name")
    >>> "acme.unnamed_managers" in authoring.registered()
    True
    >>> report = cv.audit(cv.datasets.example(), checks=["acme"])
    >>> report.counts["warning"]
    0
    >>> _ = authoring.unregister("acme.unnamed_managers")
"""

from __future__ import annotations

from .audit import run_check
from .findings import OMITTED, SEVERITY_PENALTY, capped, penalty_of, summary, weight_of
from .registry import (
    CHECK_ID_PATTERN,
    REGISTRY,
    Check,
    CheckFunction,
    CheckRegistry,
    get_check,
    register,
    registered,
    unregister,
)
from .report import check_score

__all__ = [
    "CHECK_ID_PATTERN",
    "OMITTED",
    "REGISTRY",
    "SEVERITY_PENALTY",
    "Check",
    "CheckFunction",
    "CheckRegistry",
    "capped",
    "check_score",
    "get_check",
    "penalty_of",
    "register",
    "registered",
    "run_check",
    "summary",
    "unregister",
    "weight_of",
]
