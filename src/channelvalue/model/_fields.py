"""Field factories for the domain classes: converters that also validate.

Each factory returns an ``attrs.field`` whose converter checks the value and raises
:class:`~channelvalue.errors.ValidationError` naming the class, the field, the bad value
and what would be valid. Collections are converted to immutable, sorted forms so that
equal objects compare and hash equal regardless of input order.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from typing import Any, TypeVar

import attrs

from .._frozen import FrozenMap
from ..errors import ValidationError

__all__ = [
    "enum_field",
    "enum_tuple_field",
    "id_field",
    "ids_field",
    "level_map_field",
    "number_field",
    "optional_id_field",
    "text_field",
    "weight_map_field",
]

E = TypeVar("E", bound=StrEnum)

_NUMBER_TYPES = (int, float)


def _where(inst: Any) -> str:
    return type(inst).__name__


def _fail(inst: Any, field: attrs.Attribute[Any], value: Any, expected: str) -> ValidationError:
    return ValidationError(_where(inst), field.name, value, expected)


def _check_id(value: Any, inst: Any, field: attrs.Attribute[Any]) -> str:
    if type(value) is not str or not value:
        raise _fail(inst, field, value, "a non-empty string")
    return value


def id_field() -> Any:
    """A required, non-empty string id."""
    return attrs.field(converter=attrs.Converter(_check_id, takes_self=True, takes_field=True))


def _check_optional_id(value: Any, inst: Any, field: attrs.Attribute[Any]) -> str | None:
    if value is None:
        return None
    return _check_id(value, inst, field)


def optional_id_field() -> Any:
    """An optional id (``None`` or a non-empty string)."""
    return attrs.field(
        default=None,
        converter=attrs.Converter(_check_optional_id, takes_self=True, takes_field=True),
        kw_only=True,
    )


def _check_text(value: Any, inst: Any, field: attrs.Attribute[Any]) -> str:
    if type(value) is not str:
        raise _fail(inst, field, value, "a string")
    return value


def text_field(*, default: str | None = "", required: bool = False, kw_only: bool = True) -> Any:
    """A free-text string; ``required`` makes it a non-empty string with no default."""
    if required:
        return attrs.field(
            converter=attrs.Converter(_check_id, takes_self=True, takes_field=True),
            kw_only=kw_only,
        )
    return attrs.field(
        default=default,
        converter=attrs.Converter(_check_text, takes_self=True, takes_field=True),
        kw_only=True,
    )


def _to_number(
    value: Any,
    inst: Any,
    field: attrs.Attribute[Any],
    low: float | None,
    high: float | None,
    low_open: bool,
) -> float:
    if type(value) is float:
        number = value
    elif isinstance(value, _NUMBER_TYPES) and not isinstance(value, bool):
        number = float(value)
    else:
        number = math.nan
        if not (isinstance(value, bool) or isinstance(value, str)):
            try:
                number = float(value)  # numpy scalars
            except (TypeError, ValueError):
                number = math.nan
    ok = math.isfinite(number)
    if ok and low is not None:
        ok = number > low if low_open else number >= low
    if ok and high is not None:
        ok = number <= high
    if not ok:
        if low is not None and high is not None:
            expected = f"a finite number in [{low:g}, {high:g}]"
        elif low is not None:
            expected = f"a finite number {'>' if low_open else '>='} {low:g}"
        else:
            expected = "a finite number"
        raise _fail(inst, field, value, expected)
    return number


def number_field(
    *,
    default: float | None = 0.0,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    required: bool = False,
    kw_only: bool = True,
) -> Any:
    """A finite float within ``[low, high]`` (``(low, high]`` with ``low_open``).

    With ``default=None`` the field is optional and ``None`` is accepted.
    """

    optional = default is None and not required

    def convert(value: Any, inst: Any, field: attrs.Attribute[Any]) -> float | None:
        if value is None and optional:
            return None
        return _to_number(value, inst, field, low, high, low_open)

    converter = attrs.Converter(convert, takes_self=True, takes_field=True)
    if required:
        return attrs.field(converter=converter, kw_only=kw_only)
    return attrs.field(default=default, converter=converter, kw_only=kw_only)


def _enum_value(enum: type[E], value: Any, inst: Any, field: attrs.Attribute[Any]) -> E:
    if type(value) is enum:
        return value  # type: ignore[no-any-return]
    try:
        return enum(value)
    except ValueError:
        valid = ", ".join(repr(m.value) for m in enum)
        raise _fail(inst, field, value, f"one of {valid}") from None


def enum_field(enum: type[E], *, default: E | None = None, required: bool = False) -> Any:
    """A member of ``enum``; its string value is accepted too."""

    def convert(value: Any, inst: Any, field: attrs.Attribute[Any]) -> E | None:
        if value is None and not required and default is None:
            return None
        return _enum_value(enum, value, inst, field)

    converter = attrs.Converter(convert, takes_self=True, takes_field=True)
    if required:
        return attrs.field(converter=converter, kw_only=True)
    return attrs.field(default=default, converter=converter, kw_only=True)


def _iterable(value: Any, inst: Any, field: attrs.Attribute[Any], expected: str) -> Iterable[Any]:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise _fail(inst, field, value, expected)
    return value  # type: ignore[no-any-return]


def ids_field(*, min_size: int = 0) -> Any:
    """A sorted tuple of distinct non-empty strings (input order does not matter)."""
    expected = "a list of non-empty strings" + (f" (at least {min_size})" if min_size else "")

    def convert(value: Any, inst: Any, field: attrs.Attribute[Any]) -> tuple[str, ...]:
        if value == ():
            if min_size:
                raise _fail(inst, field, value, expected)
            return ()
        items = _iterable(value, inst, field, expected)
        out = set()
        for item in items:
            if type(item) is not str or not item:
                raise _fail(inst, field, value, expected)
            out.add(item)
        if len(out) < min_size:
            raise _fail(inst, field, value, expected)
        return tuple(sorted(out))

    return attrs.field(
        default=(),
        converter=attrs.Converter(convert, takes_self=True, takes_field=True),
        kw_only=True,
    )


def enum_tuple_field(enum: type[E], *, min_size: int = 0, default: tuple[E, ...] = ()) -> Any:
    """A tuple of distinct enum members, in the enum's own order."""
    valid = ", ".join(repr(m.value) for m in enum)
    expected = f"a list of {valid}" + (f" (at least {min_size})" if min_size else "")
    order = {m: i for i, m in enumerate(enum)}

    def convert(value: Any, inst: Any, field: attrs.Attribute[Any]) -> tuple[E, ...]:
        items = _iterable(value, inst, field, expected)
        out = set()
        for item in items:
            try:
                out.add(enum(item))
            except ValueError:
                raise _fail(inst, field, value, expected) from None
        if len(out) < min_size:
            raise _fail(inst, field, value, expected)
        return tuple(sorted(out, key=order.__getitem__))

    return attrs.field(
        default=default,
        converter=attrs.Converter(convert, takes_self=True, takes_field=True),
        kw_only=True,
    )


_EMPTY: FrozenMap[Any, Any] = FrozenMap()


def _map_converter(
    key: Callable[[Any], Any],
    key_expected: str,
    low: float,
    high: float | None,
) -> Callable[[Any, Any, attrs.Attribute[Any]], FrozenMap[Any, float]]:
    rng = f"[{low:g}, {high:g}]" if high is not None else f">= {low:g}"
    expected = f"a mapping of {key_expected} to finite numbers {rng}"
    tag = f"{key_expected}:{rng}"

    def convert(value: Any, inst: Any, field: attrs.Attribute[Any]) -> FrozenMap[Any, float]:
        if type(value) is FrozenMap and tag in value._checked:
            return value  # immutable and already validated by this same rule
        if not isinstance(value, Mapping):
            raise _fail(inst, field, value, expected)
        if not value:
            return _EMPTY
        out: dict[Any, float] = {}
        for k, v in value.items():
            try:
                kk = key(k)
            except ValueError:
                raise _fail(inst, field, value, expected) from None
            ok = isinstance(v, _NUMBER_TYPES) and not isinstance(v, bool)
            num = float(v) if ok else math.nan
            if not (math.isfinite(num) and num >= low and (high is None or num <= high)):
                raise ValidationError(
                    _where(inst), f"{field.name}[{k!r}]", v, f"a finite number {rng}"
                )
            out[kk] = num
        result: FrozenMap[Any, float] = FrozenMap(out)
        result._checked = frozenset((tag,))
        return result

    return convert


def _nonempty_str(value: Any) -> str:
    if type(value) is not str or not value:
        raise ValueError(value)
    return value


def level_map_field(enum: type[E]) -> Any:
    """A :class:`FrozenMap` from ``enum`` members to levels in [0, 1]."""
    valid = ", ".join(repr(m.value) for m in enum)
    conv = _map_converter(enum, f"one of {valid}", 0.0, 1.0)
    return attrs.field(
        factory=FrozenMap,
        converter=attrs.Converter(conv, takes_self=True, takes_field=True),
        kw_only=True,
    )


def weight_map_field() -> Any:
    """A :class:`FrozenMap` from non-empty string keys to weights >= 0."""
    conv = _map_converter(_nonempty_str, "non-empty strings", 0.0, None)
    return attrs.field(
        factory=FrozenMap,
        converter=attrs.Converter(conv, takes_self=True, takes_field=True),
        kw_only=True,
    )
