"""The result unit of every check: a [`Finding`][channelvalue.Finding].

Examples:
    >>> from channelvalue.model import Finding
    >>> f = Finding("reporting.coverage", "warning", subjects=["r7"],
    ...             message="r7 has no reporting line to the steward",
    ...             evidence={"revenue": 1.5e5})
    >>> f.severity.rank, f.evidence["revenue"]
    (1, 150000.0)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import attrs

from ._fields import ANON, BadValue, Where, name_fields, to_id, to_optional_unit, to_severity
from ._frozen import FrozenMap
from .enums import Severity

__all__ = ["Finding"]


def to_subjects(value: Iterable[str], where: Where = ANON) -> tuple[str, ...]:
    """Non-empty ids, order kept."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise BadValue(value, "a list of non-empty ids", where=where)
    out = tuple(value)
    if not all(type(v) is str and v for v in out):
        raise BadValue(value, "a list of non-empty ids", where=where)
    return out


def to_named_numbers(value: Mapping[str, float], where: Where = ANON) -> FrozenMap[str, float]:
    """Finite numbers under non-empty string names."""
    if not isinstance(value, Mapping):
        raise BadValue(value, "a mapping of names to finite numbers", where=where)
    out: dict[str, float] = {}
    for k, v in value.items():
        ok = type(k) is str and bool(k) and not isinstance(v, bool) and isinstance(v, int | float)
        try:
            num = float(v) if ok else math.nan
        except OverflowError:  # an int too large for a float
            num = math.nan
        if not math.isfinite(num):
            raise BadValue(v, "a finite number under a non-empty name", f"[{k!r}]", where)
        out[k] = num
    return FrozenMap(out)


@attrs.frozen(slots=True, field_transformer=name_fields)
class Finding:
    """One thing a check found: what, how serious, about whom, and the numbers behind it.

    Attributes:
        check: the dotted id of the check that produced it (e.g. `reporting.coverage`).
        severity: [`Severity`][channelvalue.Severity] — info, warning or error.
        subjects: the ids the finding is about (order kept; the first is the main one).
        message: one line a person can act on.
        evidence: named finite numbers behind the finding.
        share: the share (0..1) of the check's population the finding is about (partner
            revenue, segment weight, ...): what the check's score counts (see the *Checks*
            page). None when the check does not say: the audit then fills in the revenue
            share of the partners among its subjects (1 when it names no partner).

    Examples:
        >>> Finding("x.y", "fatal", message="m")
        Traceback (most recent call last):
        ...
        channelvalue.errors.ValidationError: Finding.severity: got 'fatal' but expected one of ...
    """

    check: str = attrs.field(converter=to_id)
    severity: Severity = attrs.field(converter=to_severity)
    subjects: tuple[str, ...] = attrs.field(default=(), converter=to_subjects, kw_only=True)
    message: str = attrs.field(converter=to_id, kw_only=True)
    evidence: FrozenMap[str, float] = attrs.field(
        factory=FrozenMap, converter=to_named_numbers, kw_only=True
    )
    share: float | None = attrs.field(default=None, converter=to_optional_unit, kw_only=True)

    @property
    def sort_key(self) -> tuple[int, str, tuple[str, ...], str]:
        """Most severe first, then by check, subjects and message: a deterministic order."""
        return (-self.severity.rank, self.check, self.subjects, self.message)
