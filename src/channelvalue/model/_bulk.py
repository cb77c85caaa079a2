"""Bulk construction of domain objects from columns of already-converted values.

Building a million objects through their constructors runs every field converter a
million times. Table readers instead validate whole columns at once (with the fields'
own rules, see `channelvalue.model._fields`, or the converters themselves run once
per *distinct* value) and then fill the slots of fresh instances here, column by column,
at C speed.

The contract is strict: every value must be exactly what the field's converter returns
for it (a `float` for numbers, the enum member, the sorted tuple, the checked
`FrozenMap`), so objects built here are equal to, and indistinguishable from,
objects built by their constructors. `build_many` holds callers to it with the
fields' rules: a value of a type the converter would change, a number its
`NumberRule` refuses (the same predicate, on the
whole column) or an empty id is a `TypeError`. Only classes without
`__attrs_post_init__` are accepted.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from itertools import repeat
from typing import Any, TypeVar

import attrs
import numpy as np

from ._fields import ID_CONVERTERS, NUMBER_RULES, unbound

__all__ = ["build_many", "converted_default"]

T = TypeVar("T")


def converted_default(cls: type[Any], name: str) -> Any:
    """The value a field of `cls` holds when it is not given (its converted default).

    Examples:
        >>> from channelvalue.model import Organization
        >>> converted_default(Organization, "tier")
        <Tier.REGISTERED: 'registered'>
    """
    field = attrs.fields_dict(cls)[name]
    default: Any = field.default
    if default is attrs.NOTHING:
        raise KeyError(f"{cls.__name__}.{name} has no default")
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        default = default.factory()
    conv = field.converter
    return conv(default) if callable(conv) else default


def build_many(cls: type[T], n: int, columns: Mapping[str, Sequence[Any]]) -> list[T]:
    """`n` instances of the attrs class `cls` whose fields take their values from
    `columns` (one sequence of length `n` per field; a missing field takes its
    converted default). Values are stored as given: see the module contract.

    Examples:
        >>> from channelvalue.model import Supplies, Manager
        >>> build_many(Supplies, 2, {"source": ["a", "a"], "target": ["b", "c"]})
        [Supplies(source='a', target='b'), Supplies(source='a', target='c')]
        >>> build_many(Manager, 1, {"id": ["m"]}) == [Manager("m")]
        True
    """
    if getattr(cls, "__attrs_post_init__", None) is not None:
        raise TypeError(f"{cls.__name__} has a post-init check; use its constructor")
    fields = attrs.fields(cls)  # type: ignore[arg-type]
    unknown = set(columns) - {f.name for f in fields}
    if unknown:
        raise TypeError(f"{cls.__name__} has no field(s) {sorted(unknown)}")
    objs: list[T] = list(map(object.__new__, repeat(cls, n)))
    for field in fields:
        setter = getattr(cls, field.name).__set__
        given = columns.get(field.name)
        if given is None and field.default is attrs.NOTHING:
            raise TypeError(f"{cls.__name__}.{field.name} is required: give its column")
        if given is not None and len(given) != n:
            raise ValueError(f"column {field.name!r} has {len(given)} values, expected {n}")
        if given is not None:
            _check_column(cls, field, given)
        values: Iterable[Any] = (
            repeat(converted_default(cls, field.name), n) if given is None else given
        )
        deque(map(setter, objs, values), maxlen=0)
    return objs


def _check_column(cls: type[Any], field: attrs.Attribute[Any], values: Sequence[Any]) -> None:
    """Refuse a column holding values of a type its converter would change (a plain
    `str` for an enum field, an `int` for a float: one converter call per distinct
    type), or a value the field's rule refuses (`_refused`)."""
    conv = field.converter
    if not callable(conv):
        return
    kinds = set(map(type, values))
    for kind in kinds:
        sample = next(v for v in values if type(v) is kind)
        try:
            same = type(conv(sample)) is kind
        except ValueError:
            same = False
        if not same:
            raise TypeError(
                f"{cls.__name__}.{field.name}: build_many needs converted values, "
                f"got {sample!r} ({kind.__name__})"
            )
    for bad in _refused(conv, values, kinds):
        try:
            conv(bad)
        except ValueError as err:
            raise TypeError(
                f"{cls.__name__}.{field.name}: build_many needs converted values, "
                f"got {bad!r} ({err})"
            ) from None


def _refused(conv: Any, values: Sequence[Any], kinds: set[type]) -> list[Any]:
    """A value (of the right type) the converter refuses, if there is one: numbers judged
    by the field's `NumberRule` on the whole column
    (`None`, which an optional field allows, left out), ids by their one refusal once
    the type is `str` (the empty string)."""
    base = unbound(conv)
    rule = NUMBER_RULES.get(base)
    if rule is not None:
        if type(None) in kinds:
            values = [v for v in values if v is not None]
        x = np.fromiter(values, dtype=np.float64, count=len(values))
        ok = rule.accepts(x)
        return [] if ok.all() else [values[int(np.argmin(ok))]]
    if base in ID_CONVERTERS and not all(values) and "" in values:
        return [""]
    return []
