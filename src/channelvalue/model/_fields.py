"""The field rules of the domain classes, each declared once, and how errors name fields.

Every converter here is a plain, named, typed function (so the attrs plugin of mypy gives
each constructor precise *input* types: `regions: Iterable[str]`, `role: Role | str`)
with an optional second parameter `where`: the `(class, field)` its errors name. A
converter that refuses a value raises a [`ValidationError`][channelvalue.ValidationError]
naming the class, the field, the value and what would be valid.

The names come from `name_fields`, the `field_transformer` of every domain class
(a documented attrs hook): when attrs builds the class, each converter with a `where`
parameter is copied with `where` bound to that class and field (no cost per call); any
other converter is wrapped so that an unnamed refusal (`BadValue` without
`where`) is named. Called directly, a converter names `value.?`.

Number rules are `NumberRule` objects: one predicate, written with comparisons and
`&` only, so the very same code decides for a Python float (the converters), a float64
array (the table readers, `channelvalue.io.tables.columns`) and a column of
already-converted values (`channelvalue.model._bulk.build_many`).
Collections become immutable and sorted, so equal objects compare and hash equal
whatever the input order.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from types import FunctionType
from typing import Any, TypeVar

import attrs

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

__all__ = [
    "ANON",
    "FINITE",
    "GROWTH",
    "ID_CONVERTERS",
    "NONNEG",
    "NUMBER_RULES",
    "POSITIVE",
    "UNIT",
    "BadValue",
    "NumberRule",
    "UnnamedError",
    "Where",
    "name_fields",
    "number_rule",
    "unbound",
]

T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)

Where = tuple[str, str]
"""`(class name, field name)`: what a converter's errors name."""
ANON: Where = ("value", "?")
"""The `where` of a converter called outside a class."""


class UnnamedError(ValidationError):
    """A refusal not yet named: `name_fields` names it `Class.field<suffix>`.

    Examples:
        >>> str(BadValue(-1, "a finite number >= 0", suffix="['a']"))
        "value.?['a']: got -1 but expected a finite number >= 0"
    """

    def __init__(self, value: Any, expected: str, suffix: str) -> None:
        super().__init__(ANON[0], ANON[1] + suffix, value, expected)
        self.suffix = suffix

    def named(self, where: Where) -> ValidationError:
        """The same refusal, naming `where`."""
        return ValidationError(where[0], where[1] + self.suffix, self.value, self.expected)


def BadValue(value: Any, expected: str, suffix: str = "", where: Where = ANON) -> ValidationError:
    """A [`ValidationError`][channelvalue.ValidationError] for a converter, naming `where` (class
    and field).

    Converters `raise BadValue(value, expected, where=where)`; `suffix` locates the bad
    part inside the field (`"['lot_size']"`). Without `where` the error is an
    `UnnamedError`, named by the wrapper `name_fields` puts around a converter
    that has no `where` parameter.

    Examples:
        >>> str(BadValue("", "a non-empty string", where=("Manager", "id")))
        "Manager.id: got '' but expected a non-empty string"
    """
    if where is ANON:
        return UnnamedError(value, expected, suffix)
    return ValidationError(where[0], where[1] + suffix, value, expected)


# ---------------------------------------------------------------------- naming
def _takes_where(conv: Any) -> bool:
    code = getattr(conv, "__code__", None)
    return (
        type(conv) is FunctionType
        and code is not None
        and code.co_argcount == 2
        and code.co_varnames[1] == "where"
    )


def _bind(conv: Callable[..., Any], where: Where) -> Callable[[Any], Any]:
    """`conv` as a converter of one argument whose errors name `where`."""
    if _takes_where(conv):
        fn: Any = conv
        bound: Any = FunctionType(
            fn.__code__, fn.__globals__, fn.__name__, (where,), fn.__closure__
        )
        bound.__kwdefaults__ = fn.__kwdefaults__
        bound.__qualname__ = fn.__qualname__
        bound.__doc__ = fn.__doc__
        bound.__module__ = fn.__module__
    else:

        def bound(value: Any) -> Any:
            try:
                return conv(value)
            except UnnamedError as err:
                raise err.named(where) from None

    bound.__wrapped__ = conv
    result: Callable[[Any], Any] = bound
    return result


def unbound(conv: Any) -> Any:
    """The converter a field was declared with (`conv` itself if it is not bound).

    Examples:
        >>> from channelvalue.model import Manager
        >>> unbound(attrs.fields(Manager).capacity.converter) is to_positive
        True
    """
    return getattr(conv, "__wrapped__", conv)


def name_fields(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """The attrs `field_transformer` of the domain classes: binds each field's converter
    to `(class name, field name)` so its errors name `Class.field`.

    Inherited fields are bound again to the subclass (errors name `Supplies.source`);
    an `attrs.Converter` is left as it is.

    Examples:
        >>> @attrs.frozen(slots=True, field_transformer=name_fields)
        ... class Box:
        ...     size: float = attrs.field(converter=to_nonneg)
        >>> Box(-1)
        Traceback (most recent call last):
        ...
        channelvalue.errors.ValidationError: Box.size: got -1 but expected a finite number >= 0
    """
    out = []
    for f in fields:
        conv = f.converter
        if callable(conv) and not isinstance(conv, attrs.Converter):
            f = f.evolve(converter=_bind(unbound(conv), (cls.__name__, f.name)))
        out.append(f)
    return out


# ---------------------------------------------------------------------- numbers
@attrs.frozen(slots=True)
class NumberRule:
    """The rule of a number field, declared once.

    `accepts` uses comparisons and `&` only (a NaN compares false), so it gives the
    same answer for a float and, element-wise, for a float64 array: the converters, the
    table readers and `build_many` all call it.

    Attributes:
        bounds: the accepted range in words (`">= 0"`, `"in [0, 1]"`; `""`: any).
        accepts: the predicate, on a float or a float64 array.

    Examples:
        >>> import numpy as np
        >>> NONNEG.expected, NONNEG.accepts(2.0), NONNEG.accepts(np.array([-1.0, np.nan, 3.0]))
        ('a finite number >= 0', True, array([False, False,  True]))
    """

    bounds: str
    accepts: Callable[[Any], Any]

    @property
    def expected(self) -> str:
        """What the rule accepts, as errors say it (`"a finite number >= 0"`)."""
        return f"a finite number {self.bounds}".rstrip()


_INF = math.inf
FINITE = NumberRule("", lambda x: (x > -_INF) & (x < _INF))
"""Any finite number."""
NONNEG = NumberRule(">= 0", lambda x: (x >= 0.0) & (x < _INF))
"""A finite number >= 0."""
POSITIVE = NumberRule("> 0", lambda x: (x > 0.0) & (x < _INF))
"""A finite number > 0."""
UNIT = NumberRule("in [0, 1]", lambda x: (x >= 0.0) & (x <= 1.0))
"""A finite number in [0, 1]."""
GROWTH = NumberRule(">= -1", lambda x: (x >= -1.0) & (x < _INF))
"""A finite growth rate >= -1 (a fall of 100 % at most)."""


def _number(value: Any) -> float:
    """`value` as the float a number rule judges (NaN for what is not a real number)."""
    if type(value) is float:
        return value
    if isinstance(value, bool | str | bytes):
        return math.nan
    try:
        return float(value)  # ints (too large ones overflow), numpy scalars, Decimal
    except (TypeError, ValueError, OverflowError):
        return math.nan


def to_finite(value: float, where: Where = ANON) -> float:
    """A finite number (rule `FINITE`)."""
    x = value if type(value) is float else _number(value)
    if FINITE.accepts(x):
        return x
    raise BadValue(value, FINITE.expected, where=where)


def to_nonneg(value: float, where: Where = ANON) -> float:
    """A finite number >= 0 (rule `NONNEG`)."""
    x = value if type(value) is float else _number(value)
    if NONNEG.accepts(x):
        return x
    raise BadValue(value, NONNEG.expected, where=where)


def to_optional_nonneg(value: float | None, where: Where = ANON) -> float | None:
    """`None` or a finite number >= 0."""
    return None if value is None else to_nonneg(value, where)


def to_positive(value: float, where: Where = ANON) -> float:
    """A finite number > 0 (rule `POSITIVE`)."""
    x = value if type(value) is float else _number(value)
    if POSITIVE.accepts(x):
        return x
    raise BadValue(value, POSITIVE.expected, where=where)


def to_unit(value: float, where: Where = ANON) -> float:
    """A finite number in [0, 1] (rule `UNIT`)."""
    x = value if type(value) is float else _number(value)
    if UNIT.accepts(x):
        return x
    raise BadValue(value, UNIT.expected, where=where)


def to_optional_unit(value: float | None, where: Where = ANON) -> float | None:
    """`None` or a finite number in [0, 1]."""
    return None if value is None else to_unit(value, where)


def to_growth(value: float, where: Where = ANON) -> float:
    """A finite growth rate >= -1 (rule `GROWTH`)."""
    x = value if type(value) is float else _number(value)
    if GROWTH.accepts(x):
        return x
    raise BadValue(value, GROWTH.expected, where=where)


NUMBER_RULES: dict[Callable[..., Any], NumberRule] = {
    to_finite: FINITE,
    to_nonneg: NONNEG,
    to_optional_nonneg: NONNEG,
    to_positive: POSITIVE,
    to_unit: UNIT,
    to_optional_unit: UNIT,
    to_growth: GROWTH,
}
"""The rule of each number converter."""


def number_rule(conv: Callable[..., Any]) -> NumberRule:
    """The `NumberRule` of a number converter (bound to a field or not).

    Examples:
        >>> number_rule(to_unit).expected
        'a finite number in [0, 1]'
    """
    return NUMBER_RULES[unbound(conv)]


# ---------------------------------------------------------------------- scalars
def to_id(value: str, where: Where = ANON) -> str:
    """A non-empty string."""
    if type(value) is not str or not value:
        raise BadValue(value, "a non-empty string", where=where)
    return value


def to_optional_id(value: str | None, where: Where = ANON) -> str | None:
    """`None` or a non-empty string."""
    return None if value is None else to_id(value, where)


ID_CONVERTERS = frozenset({to_id, to_optional_id})
"""The converters of ids: a `str` is refused only when empty (what
`build_many` checks on a whole column)."""


def to_text(value: str, where: Where = ANON) -> str:
    """Any string."""
    if type(value) is not str:
        raise BadValue(value, "a string", where=where)
    return value


def to_bool(value: bool, where: Where = ANON) -> bool:
    """True or False (not 1, 0 or "yes")."""
    if type(value) is not bool:
        raise BadValue(value, "True or False", where=where)
    return value


# ---------------------------------------------------------------------- enums
def _enum(enum: type[E], value: Any, where: Where) -> E:
    if type(value) is enum:
        return value
    try:
        return enum(value)
    except (ValueError, TypeError):
        valid = ", ".join(repr(m.value) for m in enum)
        raise BadValue(value, f"one of {valid}", where=where) from None


def to_role(value: Role | str, where: Where = ANON) -> Role:
    """A [`Role`][channelvalue.Role] or its value."""
    return _enum(Role, value, where)


def to_tier(value: Tier | str, where: Where = ANON) -> Tier:
    """A [`Tier`][channelvalue.Tier] or its value."""
    return _enum(Tier, value, where)


def to_engagement(
    value: EngagementModel | str | None, where: Where = ANON
) -> EngagementModel | None:
    """`None`, an [`EngagementModel`][channelvalue.EngagementModel] or its value."""
    return None if value is None else _enum(EngagementModel, value, where)


def to_band(value: Band | str | None, where: Where = ANON) -> Band | None:
    """`None`, a [`Band`][channelvalue.Band] or its value."""
    return None if value is None else _enum(Band, value, where)


def to_mode(value: ReportingMode | str, where: Where = ANON) -> ReportingMode:
    """A [`ReportingMode`][channelvalue.ReportingMode] or its value."""
    return _enum(ReportingMode, value, where)


def to_focus(value: LeverFocus | str, where: Where = ANON) -> LeverFocus:
    """A [`LeverFocus`][channelvalue.LeverFocus] or its value."""
    return _enum(LeverFocus, value, where)


def to_investment_kind(value: InvestmentKind | str, where: Where = ANON) -> InvestmentKind:
    """An [`InvestmentKind`][channelvalue.InvestmentKind] or its value."""
    return _enum(InvestmentKind, value, where)


def to_severity(value: Severity | str, where: Where = ANON) -> Severity:
    """A [`Severity`][channelvalue.Severity] or its value."""
    return _enum(Severity, value, where)


# ---------------------------------------------------------------------- collections
def _items(value: Any, expected: str, where: Where) -> Iterable[Any]:
    if (
        isinstance(value, str | bytes)
        or not isinstance(value, Iterable)
        or isinstance(value, Mapping)
    ):
        raise BadValue(value, expected, where=where)
    items: Iterable[Any] = value
    return items


def to_ids(value: Iterable[str], where: Where = ANON) -> tuple[str, ...]:
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
    for item in _items(value, expected, where):
        if type(item) is not str or not item:
            raise BadValue(value, expected, where=where)
        out.add(item)
    return tuple(sorted(out))


def _enum_tuple(enum: type[E], value: Any, min_size: int, where: Where) -> tuple[E, ...]:
    valid = ", ".join(repr(m.value) for m in enum)
    expected = f"a list of {valid}" + (f" (at least {min_size})" if min_size else "")
    out = set()
    for item in _items(value, expected, where):
        try:
            out.add(enum(item))
        except (ValueError, TypeError):
            raise BadValue(value, expected, where=where) from None
    if len(out) < min_size:
        raise BadValue(value, expected, where=where)
    order = list(enum)
    return tuple(sorted(out, key=order.index))


def to_roles(value: Iterable[Role | str], where: Where = ANON) -> tuple[Role, ...]:
    """Distinct roles, in [`Role`][channelvalue.Role] order."""
    return _enum_tuple(Role, value, 0, where)


def to_data_kinds(value: Iterable[DataKind | str], where: Where = ANON) -> tuple[DataKind, ...]:
    """At least one distinct [`DataKind`][channelvalue.DataKind], in enum order."""
    if type(value) is tuple and len(value) == 1 and type(value[0]) is DataKind:
        return (value[0],)
    return _enum_tuple(DataKind, value, 1, where)


def _number_map(
    value: Any,
    key: Callable[[Any], Any],
    key_expected: str,
    rule: NumberRule,
    tag: str,
    where: Where,
) -> FrozenMap[Any, float]:
    if type(value) is FrozenMap and tag in value._checked:
        return value  # immutable and already validated by this same rule
    if not isinstance(value, Mapping):
        raise BadValue(
            value, f"a mapping of {key_expected} to finite numbers {rule.bounds}", where=where
        )
    out: dict[Any, float] = {}
    accepts = rule.accepts
    for k, v in value.items():
        try:
            kk = key(k)
        except (ValueError, TypeError):
            raise BadValue(k, f"keys among {key_expected}", where=where) from None
        num = _number(v)
        if not accepts(num):
            raise BadValue(v, rule.expected, suffix=f"[{k!r}]", where=where)
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
_FLOW_VALID = ", ".join(repr(m.value) for m in Flow)


def to_levels(value: Mapping[Any, float], where: Where = ANON) -> FrozenMap[ServiceOutput, float]:
    """Service-output levels in [0, 1], keyed by [`ServiceOutput`][channelvalue.ServiceOutput] (or
    its value)."""
    return _number_map(value, ServiceOutput, _SO_VALID, UNIT, "levels", where)


def to_weights(value: Mapping[str, float], where: Where = ANON) -> FrozenMap[str, float]:
    """Weights >= 0 keyed by non-empty strings."""
    return _number_map(value, _nonempty, "non-empty strings", NONNEG, "weights", where)


def to_attributes(value: Mapping[str, float], where: Where = ANON) -> FrozenMap[str, float]:
    """Finite numbers keyed by non-empty strings (a partner's programme attributes)."""
    return _number_map(value, _nonempty, "non-empty strings", FINITE, "attributes", where)


def to_flow_numbers(value: Mapping[Any, float], where: Where = ANON) -> FrozenMap[Flow, float]:
    """Numbers >= 0 keyed by [`Flow`][channelvalue.Flow]."""
    return _number_map(value, Flow, _FLOW_VALID, NONNEG, "flows", where)
