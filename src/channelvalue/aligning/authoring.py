"""The check-authoring API: write a check, say what it needs, register it, score it.

What a user of the audit needs (`audit`,
[`compare`][channelvalue.compare], [`AuditConfig`][channelvalue.AuditConfig], ...)
is in [`channelvalue.aligning`][channelvalue.aligning]; what someone *writing* a check needs is
here.

A check is a plain function `(net, config) -> Iterable[Finding]`
([`CheckFunction`][channelvalue.aligning.registry.CheckFunction]) under a stable dotted id
`"family.name"`. [`register`][channelvalue.aligning.registry.register] puts it in the default
[`REGISTRY`][channelvalue.aligning.audit.REGISTRY], used as a decorator (`@register(id)`, the
function is returned unchanged) or called (`register(id, function)`, the
[`Check`][channelvalue.aligning.audit.Check] is returned); from then on it runs in every audit.
Read your thresholds from `config.options`, and remove a check with
[`unregister`][channelvalue.aligning.registry.unregister]. A
[`CheckRegistry`][channelvalue.aligning.audit.CheckRegistry] of your own keeps checks out of the
default registry; a [`Check`][channelvalue.aligning.audit.Check] object passed to
`audit(net, checks=[...])` runs without being registered.

**Say what the check needs.** Pass `requires=`: a function `(net) -> str | None`
([`Requirement`][channelvalue.aligning.registry.Requirement]) that returns why the check
cannot be assessed on a network (`"no account lists"`) or None when it can. A check that is
not assessed does not run, has no score, is left out of the overall score and is listed
with its reason in `AuditReport.not_assessed`: a check with no data never passes silently.
`coverage=` (`(net) -> float`) says what share of partner revenue the check can see.

**Say what each finding is about.** Give every finding a `share` (0..1) of the check's
population: the revenue share of the partner it names, the weight of the segment, the part
of a route's margin that is misallocated. The check's score is
`100 * max(0, 1 - sum severity_weight * share)`
([`check_score`][channelvalue.aligning.findings.check_score]; weights in `SEVERITY_WEIGHT`),
so the same channel health scores the same at any size. A finding without a share gets the
revenue share of the partners among its subjects (1 when it names no partner). Emit every
finding: the report holds them all and renderings show the top ones per check.

| name | what it is for |
|---|---|
| [`register`][channelvalue.aligning.registry.register] | register a check (decorator or call) |
| [`unregister`][channelvalue.aligning.registry.unregister] | remove a check and return it |
| `get_check` | the registered `Check` with an id |
| [`registered`][channelvalue.aligning.registered] | the registered ids, sorted |
| `REGISTRY` | the default `CheckRegistry` the audit uses |
| [`Check`][channelvalue.aligning.audit.Check] | a check: id, function, title, requires |
| [`CheckRegistry`][channelvalue.aligning.audit.CheckRegistry] | a set of checks by id |
| [`CheckFunction`][channelvalue.aligning.registry.CheckFunction] | the type of a check function |
| [`Requirement`][channelvalue.aligning.registry.Requirement] | why a check can't be assessed |
| [`Coverage`][channelvalue.aligning.registry.Coverage] | the share of revenue a check sees |
| `NOT_APPLICABLE` | the reason given when `applies` says False |
| `run_check` | run one check as the audit does (never raises) |
| [`check_score`][channelvalue.aligning.findings.check_score] | the 0..100 score of a check |
| [`penalty_of`][channelvalue.aligning.findings.penalty_of] | what a finding takes off it |
| [`share_of`][channelvalue.aligning.findings.share_of] | a finding's share (1 when it has none) |
| `SEVERITY_WEIGHT` | the weight of each severity in the score |
| `CHECK_ID_PATTERN` | what a check id looks like |

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.aligning import authoring
    >>> @authoring.register("acme.unnamed_managers", title="Managers without a name",
    ...     requires=lambda net: None if net.managers else "no managers")
    ... def unnamed_managers(net, config):
    ...     for m in net.managers.values():
    ...         if not m.name:
    ...             yield cv.Finding("acme.unnamed_managers", "warning", subjects=[m.id],
    ...                              message=f"manager {m.id} has no name",
    ...                              share=1 / len(net.managers))
    >>> "acme.unnamed_managers" in authoring.registered()
    True
    >>> report = cv.audit(cv.datasets.example(), checks=["acme"])
    >>> report.counts["warning"], report.scores["acme.unnamed_managers"]
    (0, 100.0)
    >>> cv.audit(cv.ChannelNetwork(), checks=["acme"]).not_assessed
    FrozenMap({'acme.unnamed_managers': 'no managers'})
    >>> _ = authoring.unregister("acme.unnamed_managers")
"""

from __future__ import annotations

from .audit import run_check
from .findings import SEVERITY_WEIGHT, check_score, penalty_of, share_of
from .registry import (
    CHECK_ID_PATTERN,
    NOT_APPLICABLE,
    REGISTRY,
    Check,
    CheckFunction,
    CheckRegistry,
    Coverage,
    Requirement,
    get_check,
    register,
    registered,
    unregister,
)

__all__ = [
    "CHECK_ID_PATTERN",
    "NOT_APPLICABLE",
    "REGISTRY",
    "SEVERITY_WEIGHT",
    "Check",
    "CheckFunction",
    "CheckRegistry",
    "Coverage",
    "Requirement",
    "check_score",
    "get_check",
    "penalty_of",
    "register",
    "registered",
    "run_check",
    "share_of",
    "unregister",
]
