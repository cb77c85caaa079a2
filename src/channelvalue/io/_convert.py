"""The cattrs converter between domain objects and plain JSON-safe data.

Serialisation stays at the edges: the model knows nothing of JSON. Structuring passes
raw values to the attrs converters of each field (`prefer_attrib_converters`), so one
set of validation rules serves constructors, JSON, tables and networkx alike. Fields
equal to their defaults are left out when unstructuring.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import ForbiddenExtraKeysError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ..errors import ChannelValueError, Problem, ValidationError, _show
from ..model import (
    LINK_KINDS,
    AccountList,
    Evidence,
    Finding,
    FlowTable,
    Investment,
    Lever,
    Link,
    Manager,
    Margin,
    Need,
    Organization,
    PriceLevel,
    RoutePricing,
    Segment,
    ValueProposition,
)
from ..model._frozen import FrozenMap

__all__ = ["MODEL_CLASSES", "converter", "structure_item", "unstructure_item"]

T = TypeVar("T")

MODEL_CLASSES: tuple[type[Any], ...] = (
    Organization,
    Segment,
    Manager,
    Need,
    Evidence,
    ValueProposition,
    Lever,
    Investment,
    Margin,
    FlowTable,
    PriceLevel,
    RoutePricing,
    Finding,
    *LINK_KINDS.values(),
    AccountList,
)

converter = cattrs.Converter(
    omit_if_default=True,
    forbid_extra_keys=True,
    prefer_attrib_converters=True,
    detailed_validation=False,
)


def _unstructure_value(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, FrozenMap):
        return {_unstructure_value(k): _unstructure_value(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_unstructure_value(v) for v in value]
    if attrs.has(type(value)):
        return converter.unstructure(value)
    return value


converter.register_unstructure_hook(FrozenMap, _unstructure_value)


def _structure_evidence(value: Any, _: Any) -> Any:
    if isinstance(value, list | tuple):
        return tuple(
            converter.structure(v, Evidence) if isinstance(v, Mapping) else v for v in value
        )
    return value


def _keeping_negative_zeros(
    unstructure: Callable[[Any], dict[str, Any]], zeros: tuple[str, ...], order: tuple[str, ...]
) -> Callable[[Any], dict[str, Any]]:
    """`unstructure` that also writes a `-0.0` field whose default is `0.0` (omitting it as
    equal to the default would load it back as `0.0`: the sign would be lost)."""

    def unst(obj: Any) -> dict[str, Any]:
        out = unstructure(obj)
        lost = [n for n in zeros if n not in out and math.copysign(1.0, getattr(obj, n)) < 0.0]
        if not lost:
            return out
        out.update((n, -0.0) for n in lost)
        return {n: out[n] for n in order if n in out}

    return unst


for _cls in MODEL_CLASSES:
    attrs.resolve_types(_cls)
    _overrides: dict[str, Any] = {}
    if _cls is ValueProposition:
        _overrides["evidence"] = override(struct_hook=_structure_evidence)
    converter.register_structure_hook(_cls, make_dict_structure_fn(_cls, converter, **_overrides))
    _field_hooks: dict[str, Any] = {
        a.name: override(unstruct_hook=_unstructure_value) for a in attrs.fields(_cls)
    }
    _unst = make_dict_unstructure_fn(_cls, converter, _cattrs_omit_if_default=True, **_field_hooks)
    _zeros = tuple(
        a.name for a in attrs.fields(_cls) if type(a.default) is float and a.default == 0.0
    )
    if _zeros:
        _unst = _keeping_negative_zeros(_unst, _zeros, tuple(a.name for a in attrs.fields(_cls)))
    if issubclass(_cls, Link):

        def _link_unst(obj: Any, _f: Any = _unst, _k: str = _cls.kind) -> dict[str, Any]:
            return {"kind": _k, **_f(obj)}

        converter.register_unstructure_hook(_cls, _link_unst)
    else:
        converter.register_unstructure_hook(_cls, _unst)


def unstructure_item(obj: Any) -> dict[str, Any]:
    """A JSON-safe dict for one domain object (links carry their `kind`).

    Examples:
        >>> unstructure_item(Organization("r1", role="reseller", revenue=5.0))
        {'id': 'r1', 'role': 'reseller', 'revenue': 5.0}
    """
    out: dict[str, Any] = converter.unstructure(obj)
    return out


def structure_item(data: Any, cls: type[T], path: str) -> T:
    """Build one domain object from plain data; errors name the path of the problem.

    `cls` may be [`Link`][channelvalue.Link]: the `kind` key picks the class.

    Raises:
        DocumentError: with one [`Problem`][channelvalue.Problem] naming the path.

    Examples:
        >>> structure_item({"id": "s", "size": -1}, Segment, "$.segments[0]")
        Traceback (most recent call last):
        ...
        channelvalue.errors.DocumentError: 1 problem:
          $.segments[0].size: got -1 but expected a finite number >= 0
    """
    from ..errors import DocumentError

    problem = _structure_problem(data, cls, path)
    if isinstance(problem, Problem):
        raise DocumentError([problem])
    result: T = problem
    return result


def _structure_problem(data: Any, cls: type[Any], path: str) -> Any:
    if not isinstance(data, Mapping):
        return Problem(path, f"expected an object ({cls.__name__}), got {type(data).__name__}")
    target = cls
    if cls is Link:
        kind = data.get("kind")
        if not isinstance(kind, str) or kind not in LINK_KINDS:
            valid = ", ".join(repr(k) for k in LINK_KINDS)
            return Problem(f"{path}.kind", f"got {_show(kind)} but expected one of {valid}")
        target = LINK_KINDS[kind]
        data = {k: v for k, v in data.items() if k != "kind"}
    for key in data:
        if type(key) is not str:
            return Problem(path, f"field names must be strings, got {_show(key)}")
    if target is ValueProposition and isinstance(data.get("evidence"), list | tuple):
        # structure the evidence here, so its problems carry their own path
        evidence = []
        for i, item in enumerate(data["evidence"]):
            where = f"{path}.evidence[{i}]"
            if isinstance(item, Mapping):
                item = _structure_problem(item, Evidence, where)
                if isinstance(item, Problem):
                    return item
            elif not isinstance(item, Evidence):
                return Problem(where, f"expected an object (Evidence), got {type(item).__name__}")
            evidence.append(item)
        data = {**data, "evidence": evidence}
    try:
        return converter.structure(data, target)
    except ForbiddenExtraKeysError as err:
        known = ", ".join(a.name for a in attrs.fields(target))
        extra = ", ".join(sorted(err.extra_fields))
        return Problem(path, f"unknown field(s) {extra} for {target.__name__} (known: {known})")
    except KeyError as err:
        return Problem(f"{path}.{err.args[0]}", f"missing required field of {target.__name__}")
    except ValidationError as err:
        field = err.field if err.obj == target.__name__ else f"{err.field}"
        return Problem(f"{path}.{field}", f"got {_show(err.value)} but expected {err.expected}")
    except ChannelValueError as err:
        return Problem(path, str(err))
    except (TypeError, ValueError, AttributeError) as err:
        return Problem(path, f"cannot build {target.__name__}: {err}")
