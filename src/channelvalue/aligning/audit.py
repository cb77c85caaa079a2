"""`audit(net)`: run the registered checks and collect an [`AuditReport`][channelvalue.AuditReport].

Examples:
    >>> import channelvalue as cv
    >>> report = cv.aligning.audit(cv.datasets.example())
    >>> report.fails("error"), 0 < report.score < 100, sorted(report.not_assessed)
    (True, True, ['resources.stuffing', 'transparency.data_quality'])
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs
import numpy as np

from ..core._gc import paused_gc
from ..core.arrays import arrays
from ..core.network import ChannelNetwork
from ..errors import WrongTypeError
from ..model import Finding, Severity
from .checks._common import partner_mask, shares
from .config import AuditConfig
from .registry import REGISTRY, Check, CheckRegistry
from .report import AuditReport

__all__ = ["audit", "run_check"]

_MAX_ERROR_TEXT = 300


def _failure(check_id: str, exc: BaseException) -> Finding:
    text = " ".join(str(exc).split()) or "(no message)"
    if len(text) > _MAX_ERROR_TEXT:
        text = text[: _MAX_ERROR_TEXT - 3] + "..."
    return Finding(
        check_id,
        Severity.ERROR,
        subjects=(),
        message=f"the check failed with {type(exc).__name__}: {text}",
        share=1.0,
    )


def run_check(item: Check, net: ChannelNetwork, config: AuditConfig) -> list[Finding]:
    """Run one check and return its findings; it never raises (except on interrupts).

    A check that raises keeps the findings it yielded before and gets one error finding
    naming the exception. Anything it yields that is not a [`Finding`][channelvalue.Finding] becomes
    an error finding too, and a finding with another check id is re-labelled with this one.

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.aligning.authoring import Check
        >>> def broken(net, config):
        ...     raise ZeroDivisionError("division by zero")
        >>> [f.message for f in run_check(Check("x.broken", broken), cv.ChannelNetwork(),
        ...                                AuditConfig())]
        ['the check failed with ZeroDivisionError: division by zero']
    """
    out: list[Finding] = []
    try:
        for f in item.function(net, config):
            if not isinstance(f, Finding):
                out.append(
                    Finding(
                        item.id,
                        Severity.ERROR,
                        message=(
                            f"the check yielded a {type(f).__name__}, not a Finding: fix the check"
                        ),
                        share=1.0,
                    )
                )
                continue
            out.append(f if f.check == item.id else attrs.evolve(f, check=item.id))
    except Exception as exc:
        out.append(_failure(item.id, exc))
    return out


def audit(
    net: ChannelNetwork,
    *,
    checks: Iterable[str | Check] | None = None,
    config: AuditConfig | None = None,
    registry: CheckRegistry | None = None,
) -> AuditReport:
    """Run the checks on `net` and return the [`AuditReport`][channelvalue.AuditReport].

    Args:
        net: the network to audit (with its plan).
        checks: check ids, families (`"reporting"`) or [`Check`][channelvalue.aligning.audit.Check]
            objects to run; all registered checks when None.
        config: the thresholds (default [`AuditConfig`][channelvalue.AuditConfig]).
        registry: where to look checks up (default: the built-in registry, which also
            holds every check registered with
            [`register`][channelvalue.aligning.registry.register]).

    Raises:
        WrongTypeError: `net` is not a network or `config` not an AuditConfig.
        UnknownIdError: a check id or family that is not registered.

    A check whose input data the network lacks (its `requires` gives a reason, or its
    `applies` says False) is *not assessed*: it does not run, has no score and is listed in
    `report.not_assessed` with the reason. A check that raises does not stop the audit: it
    becomes an error finding of that check (see
    [`run_check`][channelvalue.aligning.audit.run_check]). A finding without a `share` gets
    the revenue share of the partners among its subjects (1 when it names none). The
    report's order never depends on the order of the checks or of the network's contents.

    Examples:
        >>> import channelvalue as cv
        >>> r = audit(cv.datasets.example(), checks=["reporting.manager_load"])
        >>> [(f.severity.value, f.subjects) for f in r]
        [('warning', ('pam-south',))]
        >>> audit(cv.ChannelNetwork(), checks=["compensation"]).not_assessed
        FrozenMap({'compensation.equity': 'no flow tables or margins'})
        >>> audit(cv.datasets.example(), checks=[]).score is None
        True
    """
    if not isinstance(net, ChannelNetwork):
        raise WrongTypeError("audit", net, "a ChannelNetwork")
    if config is None:
        config = AuditConfig()
    elif not isinstance(config, AuditConfig):
        raise WrongTypeError("audit(config=...)", config, "an AuditConfig or None")
    if registry is not None and not isinstance(registry, CheckRegistry):
        raise WrongTypeError("audit(registry=...)", registry, "a CheckRegistry or None")
    selected = (REGISTRY if registry is None else registry).select(checks)
    results: dict[str, list[Finding]] = {}
    not_assessed: dict[str, str] = {}
    coverage: dict[str, float] = {}
    # every check sees one state, even while other threads change it; the cyclic garbage
    # collector waits while the findings are built (`core._gc`)
    with net.reading(), paused_gc(promote=True):
        for c in selected:
            try:
                reason = c.missing(net)
            except Exception as exc:  # a broken requirement: report it like a broken check
                results[c.id] = [_failure(c.id, exc)]
                coverage[c.id] = 0.0
                continue
            if reason is not None:
                not_assessed[c.id] = reason
                continue
            results[c.id] = run_check(c, net, config)
            try:
                coverage[c.id] = c.coverage_of(net)
            except Exception:
                coverage[c.id] = 0.0
        if any(f.share is None for found in results.values() for f in found):
            partner_share = _partner_shares(net)
            results = {
                k: [f if f.share is not None else _with_share(f, partner_share) for f in found]
                for k, found in results.items()
            }
        names = _names(net, {s for found in results.values() for f in found for s in f.subjects})
        return AuditReport.from_results(
            results,
            titles={c.id: c.title for c in selected},
            weights={c.id: c.weight for c in selected},
            config=config,
            network=net.name,
            steward=net.steward_id,
            not_assessed=not_assessed,
            coverage=coverage,
            names=names,
        )


def _partner_shares(net: ChannelNetwork) -> dict[str, float]:
    """Each partner's share of partner revenue (equal shares when there is no revenue)."""
    a = arrays(net)
    partners = partner_mask(net, a)
    if not partners.any():
        return {}
    share = shares(a.revenue, partners)
    if float(share[partners].sum()) <= 0:
        share = np.where(partners, 1.0 / float(partners.sum()), 0.0)
    return {a.org_ids[i]: float(share[i]) for i in np.flatnonzero(partners).tolist()}


def _with_share(f: Finding, partner_share: dict[str, float]) -> Finding:
    named = [partner_share[s] for s in dict.fromkeys(f.subjects) if s in partner_share]
    share = min(1.0, sum(named)) if named else 1.0
    return attrs.evolve(f, share=share)


def _names(net: ChannelNetwork, subjects: set[str]) -> dict[str, str]:
    """The display name of every subject: an organization's, segment's or manager's label,
    else the id."""
    sid = net.steward_id
    out: dict[str, str] = {}
    orgs, segs, mgrs = net.organizations, net.segments, net.managers
    for s in sorted(subjects | ({sid} if sid is not None else set())):
        item = orgs.get(s) or segs.get(s) or mgrs.get(s)
        out[s] = item.label if item is not None else s
    return out
