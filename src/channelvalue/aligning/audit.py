"""`audit(net)`: run the registered checks and collect an [`AuditReport`][channelvalue.AuditReport].

Examples:
    >>> import channelvalue as cv
    >>> report = cv.aligning.audit(cv.datasets.example())
    >>> report.fails("error"), 0 < report.score < 100
    (True, True)
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from ..core.network import ChannelNetwork
from ..errors import WrongTypeError
from ..model import Finding, Severity
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

    A check whose `applies(net)` is False is left out (not assessed). A check that raises
    does not stop the audit: it becomes an error finding of that
    check (see [`run_check`][channelvalue.aligning.audit.run_check]). The report's order never
    depends on the order of the checks or of the network's contents.

    Examples:
        >>> import channelvalue as cv
        >>> r = audit(cv.datasets.example(), checks=["reporting.manager_load"])
        >>> [(f.severity.value, f.subjects) for f in r]
        [('warning', ('pam-south',))]
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
    with net.reading():  # every check sees one state, even while other threads change it
        # a check whose input data the network lacks is not assessed: no score, no findings
        selected = tuple(c for c in selected if c.applies is None or c.applies(net))
        results = {c.id: run_check(c, net, config) for c in selected}
    return AuditReport.from_results(
        results,
        titles={c.id: c.title for c in selected},
        weights={c.id: c.weight for c in selected},
        config=config,
        network=net.name,
        steward=net.steward_id,
    )
