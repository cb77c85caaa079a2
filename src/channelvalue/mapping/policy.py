"""The engagement policy: which engagement model each kind of partner should get.

The policy is plain data (frozen, hashable) with documented defaults; every field can be
overridden. [`EngagementPolicy.recommend`][channelvalue.mapping.EngagementPolicy.recommend] works on
one partner profile alone, so checks can use it without segmenting the whole network.

Examples:
    >>> from channelvalue.mapping import EngagementPolicy
    >>> EngagementPolicy().recommend(abc="A", quadrant="tail", focus="smb").value
    'dedicated'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from ..errors import ValidationError
from ..model import Band, EngagementModel, Role
from ..model._frozen import FrozenMap

__all__ = ["ABC_CLASSES", "FOCI", "QUADRANTS", "EngagementPolicy"]

ABC_CLASSES = ("A", "B", "C")
"""The ABC classes, largest partners first."""
QUADRANTS = ("star", "core", "emerging", "tail")
"""Volume x velocity quadrants: high/high, high/low, low/high, low/low."""
FOCI = (*(b.value for b in Band), "mixed", "none")
"""Segment focus values: the bands, then `'mixed'` and `'none'`."""
_LADDER = (EngagementModel.SELF_SERVICE, EngagementModel.POOLED, EngagementModel.DEDICATED)


def _check(where: str, field: str, value: Any, valid: tuple[str, ...]) -> str:
    if value not in valid:
        raise ValidationError(where, field, value, f"one of {', '.join(map(repr, valid))}")
    return str(value)


def _to_by_class(value: Mapping[str, EngagementModel | str]) -> FrozenMap[str, EngagementModel]:
    if not isinstance(value, Mapping) or set(value) != set(ABC_CLASSES):
        raise ValidationError(
            "EngagementPolicy", "by_class", value, "a mapping with keys 'A', 'B' and 'C'"
        )
    return FrozenMap({k: _to_model("by_class", k, v) for k, v in value.items()})


def _to_model(field: str, key: Any, value: Any) -> EngagementModel:
    try:
        return EngagementModel(value)
    except ValueError:
        valid = ", ".join(repr(m.value) for m in EngagementModel)
        raise ValidationError(
            "EngagementPolicy", f"{field}[{key!r}]", value, f"one of {valid}"
        ) from None


def _to_by_role(
    value: Mapping[Role | str, EngagementModel | str],
) -> FrozenMap[Role, EngagementModel]:
    if not isinstance(value, Mapping):
        raise ValidationError("EngagementPolicy", "by_role", value, "a mapping role -> model")
    out: dict[Role, EngagementModel] = {}
    for k, v in value.items():
        try:
            role = Role(k)
        except ValueError:
            valid = ", ".join(repr(r.value) for r in Role)
            raise ValidationError(
                "EngagementPolicy", "by_role", k, f"roles among {valid}"
            ) from None
        out[role] = _to_model("by_role", k, v)
    return FrozenMap(out)


def _names(field: str, value: Any, valid: tuple[str, ...]) -> tuple[str, ...]:
    if isinstance(value, str) or not hasattr(value, "__iter__"):
        raise ValidationError("EngagementPolicy", field, value, f"a list of {valid}")
    return tuple(sorted({_check("EngagementPolicy", field, v, valid) for v in value}))


def _to_quadrants(value: Iterable[str]) -> tuple[str, ...]:
    return _names("step_up_quadrants", value, QUADRANTS)


def _to_foci(value: Iterable[str]) -> tuple[str, ...]:
    return _names("step_up_focus", value, FOCI)


@attrs.frozen
class EngagementPolicy:
    """Which engagement model each kind of partner should get.

    The recommendation starts from the partner's ABC class (`by_class`), moves one
    step up the ladder `self_service < pooled < dedicated` when the partner's quadrant
    is in `step_up_quadrants` or its focus is in `step_up_focus` (one step at most),
    and is replaced outright by `by_role` for the roles it lists.

    Attributes:
        by_class: the base model per ABC class. Default: A dedicated, B pooled,
            C self-service.
        step_up_quadrants: quadrants that earn one step up. Default: `('star',)` —
            large and fast-growing partners deserve more than their class.
        step_up_focus: segment foci that earn one step up. Default: `('enterprise',)` —
            enterprise deals need named account management.
        by_role: role overrides. Default: distributors are `dedicated`.

    Examples:
        >>> policy = EngagementPolicy()
        >>> policy.recommend(abc="B", quadrant="star", focus="smb").value
        'dedicated'
        >>> EngagementPolicy(by_role={}).recommend(abc="C", quadrant="tail", focus="smb",
        ...                                        role="distributor").value
        'self_service'
    """

    by_class: FrozenMap[str, EngagementModel] = attrs.field(
        factory=lambda: _to_by_class({"A": "dedicated", "B": "pooled", "C": "self_service"}),
        converter=_to_by_class,
        kw_only=True,
    )
    step_up_quadrants: tuple[str, ...] = attrs.field(
        default=("star",), converter=_to_quadrants, kw_only=True
    )
    step_up_focus: tuple[str, ...] = attrs.field(
        default=("enterprise",), converter=_to_foci, kw_only=True
    )
    by_role: FrozenMap[Role, EngagementModel] = attrs.field(
        factory=lambda: _to_by_role({Role.DISTRIBUTOR: EngagementModel.DEDICATED}),
        converter=_to_by_role,
        kw_only=True,
    )

    def recommend(
        self, *, abc: str, quadrant: str, focus: str, role: Role | str | None = None
    ) -> EngagementModel:
        """The engagement model this policy recommends for one partner profile.

        Raises:
            ValidationError: an unknown class, quadrant, focus or role.

        Examples:
            >>> EngagementPolicy().recommend(abc="C", quadrant="tail", focus="enterprise").value
            'pooled'
        """
        where = "EngagementPolicy.recommend"
        _check(where, "abc", abc, ABC_CLASSES)
        _check(where, "quadrant", quadrant, QUADRANTS)
        _check(where, "focus", focus, FOCI)
        if role is not None:
            try:
                role = Role(role)
            except ValueError:
                _check(where, "role", role, tuple(r.value for r in Role))
            if role in self.by_role:
                return self.by_role[Role(role)]
        model = self.by_class[abc]
        if quadrant in self.step_up_quadrants or focus in self.step_up_focus:
            model = _LADDER[min(_LADDER.index(model) + 1, len(_LADDER) - 1)]
        return model
