"""The result unit of every check: a :class:`Finding`.

Example:
    >>> from channelvalue.model import Finding
    >>> f = Finding("reporting.coverage", "warning", subjects=["r7"],
    ...             message="r7 has no reporting line to the steward",
    ...             evidence={"revenue": 1.5e5})
    >>> f.severity.rank, f.evidence["revenue"]
    (1, 150000.0)
"""

from __future__ import annotations

from typing import Any

import attrs

from .._frozen import FrozenMap
from ..errors import ValidationError
from ._fields import text_field
from .enums import Severity

__all__ = ["Finding"]


def _severity(value: Any) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        valid = ", ".join(repr(m.value) for m in Severity)
        raise ValidationError("Finding", "severity", value, f"one of {valid}") from None


def _subjects(value: Any) -> tuple[str, ...]:
    if isinstance(value, str) or not all(type(v) is str and v for v in value):
        raise ValidationError("Finding", "subjects", value, "a list of non-empty ids")
    return tuple(value)


def _evidence(value: Any) -> FrozenMap[str, float]:
    if not hasattr(value, "items"):
        raise ValidationError("Finding", "evidence", value, "a mapping of names to numbers")
    out: dict[str, float] = {}
    for k, v in value.items():
        if type(k) is not str or isinstance(v, bool) or not isinstance(v, int | float):
            raise ValidationError("Finding", f"evidence[{k!r}]", v, "a number under a string name")
        out[k] = float(v)
    return FrozenMap(out)


@attrs.frozen(slots=True)
class Finding:
    """One thing a check found: what, how serious, about whom, and the numbers behind it.

    Attributes:
        check: the dotted id of the check that produced it (e.g. ``reporting.coverage``).
        severity: :class:`Severity` — info, warning or error.
        subjects: the ids the finding is about (order kept; the first is the main one).
        message: one line a person can act on.
        evidence: named numbers behind the finding (NaN allowed for "not defined").

    Example:
        >>> Finding("x.y", "fatal", message="m")
        Traceback (most recent call last):
        ...
        channelvalue.errors.ValidationError: Finding.severity: got 'fatal' but expected one of 'info', 'warning', 'error'
    """

    check: str = text_field(required=True, kw_only=False)
    severity: Severity = attrs.field(converter=lambda v: _severity(v))
    subjects: tuple[str, ...] = attrs.field(default=(), converter=_subjects, kw_only=True)
    message: str = text_field(required=True)
    evidence: FrozenMap[str, float] = attrs.field(
        factory=FrozenMap, converter=_evidence, kw_only=True
    )

    @property
    def sort_key(self) -> tuple[int, str, tuple[str, ...], str]:
        """Most severe first, then by check, subjects and message: a deterministic order."""
        return (-self.severity.rank, self.check, self.subjects, self.message)
