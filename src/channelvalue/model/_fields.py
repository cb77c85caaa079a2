"""Converters that validate, and the decorator that names the field in their errors.

Every converter here is a plain, named, typed function of one argument, so the attrs
plugin of mypy gives each constructor precise *input* types (``regions: Iterable[str]``,
``role: Role | str``). A converter that refuses a value raises a
:class:`~channelvalue.errors.ValidationError` naming the class, the field, the value and
what would be valid: the class and field are read from the attrs-generated ``__init__``
frame that called the converter, so a successful construction pays nothing for them.
Collections become immutable and sorted, so equal objects compare and hash equal
whatever the input order.
"""

from __future__ import annotations

import itertools
import linecache
import math
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from types import FrameType
from typing import Any, TypeVar

from ..errors import ValidationError
from ._frozen import FrozenMap
from .enums import (
    Band,
    DataKind,
    EngagementModel,
    Flow,
    InvestmentKind,
    LeverFocus,
    ReportingMode,
    Role,
    ServiceOutput,
    Severity,
    Tier,
)

__all__ = ["BadValue", "named_errors"]

_CONVERTER_CALL = re.compile(r"__attr_converter_(\w+)\(")

T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)


def _caller_field() -> tuple[str, str]:
    """The class and field whose attrs ``__init__`` is running a converter up the stack."""
    frame: FrameType | None = sys._getframe(2)
    for _ in range(8):
        if frame is None:
            break
        code = frame.f_code
        if code.co_name == "__init__" and code.co_filename.startswith("<attrs generated"):
            inst = frame.f_locals.get("self")
            match = _CONVERTER_CALL.search(linecache.getline(code.co_filename, frame.f_lineno))
            return type(inst).__name__, match.group(1) if match else "?"
        frame = frame.f_back
    return "value", "?"


def BadValue(value: Any, expected: str, suffix: str = "") -> ValidationError:
    """A :class:`ValidationError` for a converter: names the class and field being built.

    Converters ``raise BadValue(value, expected)``; ``suffix`` locates the bad part inside
    the field (``"['lot_size']"``).
    """
    obj, field = _caller_field()
    return ValidationError(obj, field + suffix, value, expected)


def named_errors(cls: type[T]) -> type[T]:
    """Class decorator marking a domain class whose converters raise named errors.

    Kept as an explicit marker (and a hook for future checks); it does not wrap ``__init__``.
    """
    return cls


# ---------------------------------------------------------------------- scalars
def to_id(value: str) -> str:
    """A non-empty string."""
    if type(value) is not str or not value:
        raise BadValue(value, "a non-empty string")
    return value


def to_optional_id(value: str | None) -> str | None:
    """``None`` or a non-empty string."""
    return None if value is None else to_id(value)


def to_text(value: str) -> str:
    """Any string."""
    if type(value) is not str:
        raise BadValue(value, "a string")
    return value


def to_bool(value: bool) -> bool:
    """True or False (not 1, 0 or "yes")."""
    if type(value) is not bool:
        raise BadValue(value, "True or False")
    return value


def _number(value: Any) -> float:
    if type(value) is float:
        return value
    if isinstance(value, bool | str | bytes):
        return math.nan
    try:
        return float(value)  # ints (too large ones overflow), numpy scalars, Decimal
    except (TypeError, ValueError, OverflowError):
        return math.nan


def to_finite(value: float) -> float:
    """A finite number."""
    x = _number(value)
    if not math.isfinite(x):
        raise BadValue(value, "a finite number")
    return x


def to_nonneg(value: float) -> float:
    """A finite number >= 0."""
    x = _number(value)
    if not (math.isfinite(x) and x >= 0.0):
        raise BadValue(value, "a finite number >= 0")
    return x


def to_optional_nonneg(value: float | None) -> float | None:
    """``None`` or a finite number >= 0."""
    return None if value is None else to_nonneg(value)


def to_positive(value: float) -> float:
    """A finite number > 0."""
    x = _number(value)
    if not (math.isfinite(x) and x > 0.0):
        raise BadValue(value, "a finite number > 0")
    return x


def to_unit(value: float) -> float:
    """A finite number in [0, 1]."""
    x = _number(value)
    if not (math.isfinite(x) and 0.0 <= x <= 1.0):
        raise BadValue(value, "a finite number in [0, 1]")
    return x


def to_growth(value: float) -> float:
    """A finite growth rate >= -1 (a fall of 100 % at most)."""
    x = _number(value)
    if not (math.isfinite(x) and x >= -1.0):
        raise BadValue(value, "a finite number >= -1")
    return x


# ---------------------------------------------------------------------- enums
def _enum(enum: type[E], value: Any) -> E:
    if type(value) is enum:
        return value
    try:
        return enum(value)
    except (ValueError, TypeError):
        valid = ", ".join(repr(m.value) for m in enum)
        raise BadValue(value, f"one of {valid}") from None


def to_role(value: Role | str) -> Role:
    """A :class:`Role` or its value."""
    return _enum(Role, value)


def to_tier(value: Tier | str) -> Tier:
    """A :class:`Tier` or its value."""
    return _enum(Tier, value)


def to_engagement(value: EngagementModel | str | None) -> EngagementModel | None:
    """``None``, an :class:`EngagementModel` or its value."""
    return None if value is None else _enum(EngagementModel, value)


def to_band(value: Band | str | None) -> Band | None:
    """``None``, a :class:`Band` or its value."""
    return None if value is None else _enum(Band, value)


def to_mode(value: ReportingMode | str) -> ReportingMode:
    """A :class:`ReportingMode` or its value."""
    return _enum(ReportingMode, value)


def to_focus(value: LeverFocus | str) -> LeverFocus:
    """A :class:`LeverFocus` or its value."""
    return _enum(LeverFocus, value)


def to_investment_kind(value: InvestmentKind | str) -> InvestmentKind:
    """An :class:`InvestmentKind` or its value."""
    return _enum(InvestmentKind, value)


def to_severity(value: Severity | str) -> Severity:
    """A :class:`Severity` or its value."""
    return _enum(Severity, value)


# ---------------------------------------------------------------------- collections
def _items(value: Any, expected: str) -> Iterable[Any]:
    if (
        isinstance(value, str | bytes)
        or not isinstance(value, Iterable)
        or isinstance(value, Mapping)
    ):
        raise BadValue(value, expected)
    items: Iterable[Any] = value
    return items


def to_ids(value: Iterable[str]) -> tuple[str, ...]:
    """A sorted tuple of distinct non-empty strings (a bare string is refused)."""
    if type(value) is tuple:
        if not value:
            return value
        if len(value) == 1:
            if type(value[0]) is str and value[0]:
                return value  # already canonical
        elif all(type(v) is str and v for v in value) and all(
            a < b for a, b in itertools.pairwise(value)
        ):
            return value  # already canonical
    expected = "a list of non-empty strings"
    out = set()
    for item in _items(value, expected):
        if type(item) is not str or not item:
            raise BadValue(value, expected)
        out.add(item)
    return tuple(sorted(out))


def _enum_tuple(enum: type[E], value: Any, min_size: int) -> tuple[E, ...]:
    valid = ", ".join(repr(m.value) for m in enum)
    expected = f"a list of {valid}" + (f" (at least {min_size})" if min_size else "")
    out = set()
    for item in _items(value, expected):
        try:
            out.add(enum(item))
        except (ValueError, TypeError):
            raise BadValue(value, expected) from None
    if len(out) < min_size:
        raise BadValue(value, expected)
    order = list(enum)
    return tuple(sorted(out, key=order.index))


def to_roles(value: Iterable[Role | str]) -> tuple[Role, ...]:
    """Distinct roles, in :class:`Role` order."""
    return _enum_tuple(Role, value, 0)


def to_data_kinds(value: Iterable[DataKind | str]) -> tuple[DataKind, ...]:
    """At least one distinct :class:`DataKind`, in enum order."""
    if type(value) is tuple and len(value) == 1 and type(value[0]) is DataKind:
        return (value[0],)
    return _enum_tuple(DataKind, value, 1)


def _number_map(
    value: Any, key: Callable[[Any], Any], key_expected: str, high: float | None, tag: str
) -> FrozenMap[Any, float]:
    if type(value) is FrozenMap and tag in value._checked:
        return value  # immutable and already validated by this same rule
    rng = f"in [0, {high:g}]" if high is not None else ">= 0"
    if not isinstance(value, Mapping):
        raise BadValue(value, f"a mapping of {key_expected} to finite numbers {rng}")
    out: dict[Any, float] = {}
    for k, v in value.items():
        try:
            kk = key(k)
        except (ValueError, TypeError):
            raise BadValue(k, f"keys among {key_expected}", suffix="") from None
        num = _number(v)
        if not (math.isfinite(num) and num >= 0.0 and (high is None or num <= high)):
            raise BadValue(v, f"a finite number {rng}", suffix=f"[{k!r}]")
        out[kk] = num
    if type(value) is FrozenMap and all(
        type(k) is type(kk) and type(v) is float
        for (k, v), kk in zip(value.items(), out, strict=True)
    ):
        result: FrozenMap[Any, float] = value  # keys already canonical: share the map
    else:
        result = FrozenMap(out)
    result._checked = result._checked | {tag}
    return result


def _nonempty(value: Any) -> str:
    if type(value) is not str or not value:
        raise ValueError(value)
    return value


_SO_VALID = ", ".join(repr(m.value) for m in ServiceOutput)


def to_levels(value: Mapping[Any, float]) -> FrozenMap[ServiceOutput, float]:
    """Service-output levels in [0, 1], keyed by :class:`ServiceOutput` (or its value)."""
    return _number_map(value, ServiceOutput, _SO_VALID, 1.0, "levels")


def to_weights(value: Mapping[str, float]) -> FrozenMap[str, float]:
    """Weights >= 0 keyed by non-empty strings."""
    return _number_map(value, _nonempty, "non-empty strings", None, "weights")


def to_flow_numbers(value: Mapping[Any, float]) -> FrozenMap[Flow, float]:
    """Numbers >= 0 keyed by :class:`Flow`."""
    valid = ", ".join(repr(m.value) for m in Flow)
    return _number_map(value, Flow, valid, None, "flows")
