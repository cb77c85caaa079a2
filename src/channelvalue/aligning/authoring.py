"""The check-authoring API: write a check, register it, cap and score its findings.

What a user of the audit needs (:func:`~channelvalue.aligning.audit`,
:func:`~channelvalue.aligning.compare`, :class:`~channelvalue.aligning.AuditConfig`, ...)
is in :mod:`channelvalue.aligning`; what someone *writing* a check needs is here.

A check is a plain function ``(net, config) -> Iterable[Finding]`` (:data:`CheckFunction`)
under a stable dotted id ``"family.name"``. :func:`register` puts it in the default
:data:`REGISTRY`, used as a decorator (``@register(id)``, the function is returned
unchanged) or called (``register(id, function)``, the :class:`Check` is returned); from
then on it runs in every audit. Read your thresholds from ``config.options``, fold long
lists of findings with :func:`capped`, and remove a check with :func:`unregister`.
A :class:`CheckRegistry` of your own keeps checks out of the default registry; a
:class:`Check` object passed to ``audit(net, checks=[...])`` runs without being
registered.

=============================  ===========================================================
name                           what it is for
=============================  ===========================================================
:func:`register`               register a check (decorator or call)
:func:`unregister`             remove a check and return it
:func:`get_check`              the registered :class:`Check` with an id
:func:`registered`             the registered ids, sorted
:data:`REGISTRY`               the default :class:`CheckRegistry` the audit uses
:class:`Check`                 a check: id, function, title, weight
:class:`CheckRegistry`         a set of checks by id
:data:`CheckFunction`          the type of a check function
:func:`run_check`              run one check as the audit does (never raises)
:func:`capped`                 list the first findings, fold the rest into a summary
:func:`summary`                the summary finding that stands for omitted findings
:func:`weight_of`              how many findings a finding stands for
:func:`penalty_of`             the penalty points of a finding
:func:`check_score`            the 0..100 score of one check's findings
:data:`OMITTED`                the evidence name of a summary finding's count
:data:`SEVERITY_PENALTY`       penalty points per severity
:data:`CHECK_ID_PATTERN`       what a check id looks like
=============================  ===========================================================

Example:
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
