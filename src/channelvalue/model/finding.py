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
    isfinite = math.isfinite
    for k, v in value.items():
        if type(v) is float and type(k) is str and k and isfinite(v):  # the common case
            out[k] = v
            continue
        ok = type(k) is str and bool(k) and not isinstance(v, bool) and isinstance(v, int | float)
        try:
            num = float(v) if ok else math.nan
        except OverflowError:  # an int too large for a float
            num = math.nan
        if not math.isfinite(num):
            raise BadValue(v, "a finite number under a non-empty name", f"[{k!r}]", where)
        out[k] = num
    return FrozenMap(out)


_isfinite = math.isfinite
_setattr = object.__setattr__
_NO_EVIDENCE: FrozenMap[str, float] = FrozenMap()


def _plain_ids(ids: tuple[str, ...]) -> bool:
    """Every item a non-empty `str` (what `to_subjects` checks)."""
    for s in ids:  # noqa: SIM110 (a loop: faster than all() over a generator)
        if not (type(s) is str and s):
            return False
    return True


def _fast_evidence(value: object) -> FrozenMap[str, float] | None:
    """`value` as `to_named_numbers` would return it when that is cheap to see (a dict or
    FrozenMap of plain finite floats under non-empty string names), else None."""
    if type(value) is FrozenMap:
        data = value._data
    elif type(value) is dict:
        data = value
    else:
        return None
    # a plain loop: faster than set or all() passes on the few items evidence has
    for k, v in data.items():
        if not (type(v) is float and type(k) is str and k and _isfinite(v)):
            return None
    # a FrozenMap holding only valid numbers is immutable: it can be shared as it is
    return value if type(value) is FrozenMap else FrozenMap._of_str_keys(data)


@attrs.frozen(slots=True, init=False, field_transformer=name_fields)
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

    def __init__(
        self,
        check: str,
        severity: Severity | str,
        *,
        subjects: Iterable[str] = (),
        message: str,
        evidence: Mapping[str, float] = _NO_EVIDENCE,
        share: float | None = None,
    ) -> None:
        # Audits of large networks build hundreds of thousands of findings, nearly all of
        # plain values (str ids, a Severity, a tuple or list of str, a dict of floats). For
        # those the checks below are exactly what the field converters would check, and
        # the values stored are equal to the converters' results, so the object is the
        # same as the one the converters build. Anything else (a severity as a string,
        # a numpy number, a generator of subjects, a bad value) goes through the attrs
        # initialiser and its converters, which convert it or name what is wrong.
        ev = _fast_evidence(evidence)
        subs: tuple[str, ...] | None
        if type(subjects) is tuple:
            subs = subjects
        elif type(subjects) is list:
            subs = tuple(subjects)
        else:
            subs = None
        if (
            ev is not None
            and subs is not None
            and type(severity) is Severity
            and type(check) is str
            and check
            and type(message) is str
            and message
            and (share is None or (type(share) is float and 0.0 <= share <= 1.0))
            and _plain_ids(subs)
        ):
            _setattr(self, "check", check)
            _setattr(self, "severity", severity)
            _setattr(self, "subjects", subs)
            _setattr(self, "message", message)
            _setattr(self, "evidence", ev)
            _setattr(self, "share", share)
            return
        self.__attrs_init__(
            check,
            severity,
            subjects=subjects,
            message=message,
            evidence=evidence,
            share=share,
        )

    @property
    def sort_key(self) -> tuple[int, str, tuple[str, ...], str]:
        """Most severe first, then by check, subjects and message: a deterministic order."""
        return (-self.severity.rank, self.check, self.subjects, self.message)
