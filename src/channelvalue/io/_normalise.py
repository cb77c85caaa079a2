"""Which fields hold vocabulary terms, and their normalisation in plain (JSON) data.

The JSON loader and the table reader both normalise the enumerated fields of each
object through a [`Vocabulary`][channelvalue.Vocabulary] before structuring.
Canonical values normalise to themselves, so documents written by this library load
unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from ..errors import Problem
from ..model import (
    LINK_KINDS,
    FlowTable,
    Investment,
    Lever,
    Link,
    Organization,
    ReportsTo,
    Segment,
    SharesData,
)
from .vocabulary import DEFAULT_VOCABULARY, UnknownTermError, Vocabulary

__all__ = ["ENUM_FIELDS", "Shape", "normalise_item", "term_problem"]

Shape = Literal["value", "list", "keys"]
"""How a field holds terms: one value, a list of values, or the keys of a mapping."""

ENUM_FIELDS: dict[type[Any], tuple[tuple[str, str, Shape], ...]] = {
    Organization: (
        ("role", "role", "value"),
        ("tier", "tier", "value"),
        ("engagement", "engagement", "value"),
        ("capabilities", "service_output", "keys"),
    ),
    Segment: (("band", "band", "value"), ("needs", "service_output", "keys")),
    ReportsTo: (("mode", "reporting_mode", "value"),),
    SharesData: (("data", "data_kind", "list"),),
    Lever: (("acts_on", "lever_focus", "value"), ("roles", "role", "list")),
    Investment: (("kind", "investment_kind", "value"),),
    FlowTable: (
        ("weights", "flow", "keys"),
        ("shares", "flow", "keys"),
        ("costs", "flow", "keys"),
    ),
}
"""Per class: `(field, vocabulary category, shape)` of every field holding terms."""


def term_problem(path: str, err: UnknownTermError) -> Problem:
    """A [`Problem`][channelvalue.Problem] for an unknown term at `path`.

    Examples:
        >>> try:
        ...     DEFAULT_VOCABULARY.normalise("tier", "Gould")
        ... except UnknownTermError as err:
        ...     print(term_problem("$.organizations[2].tier", err))
        $.organizations[2].tier: got 'Gould' but expected a known tier; closest: 'gold'
    """
    return Problem(path, f"got {err.value!r} but expected {err.expected}")


def _one(vocab: Vocabulary, category: str, value: Any, path: str, out: list[Problem]) -> Any:
    if type(value) is not str:
        return value  # the field's converter reports wrong types
    found = vocab.lookup(category, value)
    if found is None:
        try:
            vocab.normalise(category, value)
        except UnknownTermError as err:
            out.append(term_problem(path, err))
        return value
    return found


def normalise_item(
    data: Any, cls: type[Any], vocabulary: Vocabulary | None, path: str
) -> tuple[Any, list[Problem]]:
    """`data` with its vocabulary terms made canonical, and the problems found.

    `cls` may be [`Link`][channelvalue.Link] (the `kind` key picks the class).
    Values that are not strings are left for the field converters to judge. The input is
    never changed: a copy is made when a term is not canonical already.

    Examples:
        >>> data, problems = normalise_item({"id": "r1", "role": " VAR "}, Organization,
        ...                                 None, "$.organizations[0]")
        >>> data["role"], problems
        (<Role.RESELLER: 'reseller'>, [])
    """
    vocab = DEFAULT_VOCABULARY if vocabulary is None else vocabulary
    if not isinstance(data, Mapping):
        return data, []
    kind = data.get("kind", "") if cls is Link else ""
    target = LINK_KINDS.get(kind, cls) if isinstance(kind, str) and cls is Link else cls
    fields = ENUM_FIELDS.get(target, ())
    problems: list[Problem] = []
    changed: dict[str, Any] = {}
    for field, category, shape in fields:
        if field not in data:
            continue
        value = data[field]
        where = f"{path}.{field}"
        if shape == "value":
            new: Any = _one(vocab, category, value, where, problems)
            if new is not value and new != value:
                changed[field] = new
        elif shape == "list" and isinstance(value, list | tuple):
            items = [
                _one(vocab, category, v, f"{where}[{i}]", problems) for i, v in enumerate(value)
            ]
            if any(a != b for a, b in zip(items, value, strict=True)):
                changed[field] = items
        elif shape == "keys" and isinstance(value, Mapping):
            mapped: dict[Any, Any] = {}
            for key, v in value.items():
                canon = _one(vocab, category, key, f"{where}[{key!r}]", problems)
                if canon in mapped:
                    problems.append(
                        Problem(
                            f"{where}[{key!r}]",
                            f"{key!r} means {str(canon)!r}, which is given twice",
                        )
                    )
                mapped[canon] = v
            if any(a != b for a, b in zip(mapped, value, strict=False)) or len(mapped) != len(
                value
            ):
                changed[field] = mapped
    if not changed:
        return data, problems
    return {**data, **changed}, problems
