"""Partner-program tiers as a declarative policy: what each tier requires and what it pays.

A [`TierPolicy`][channelvalue.model.TierPolicy] holds, per [`Tier`][channelvalue.Tier]
above `registered`, a [`TierRule`][channelvalue.model.TierRule] (minimum values of
metrics) and, per tier, the [`TierBenefits`][channelvalue.model.TierBenefits] the vendor
pays a partner in it. [`place_tiers`][channelvalue.building.place_tiers] applies the policy.

**Semantics.** A partner *meets* a tier's rule when each of its metrics is at least the
rule's minimum. A partner's recommended tier is the *highest* tier whose rule it meets;
`registered` is the floor every partner qualifies for (it has no rule). A metric is
`revenue`, `volume`, `velocity` (growth per year, a fraction: `0.1` is +10 %) or the name
of a numeric programme attribute of the organization (`Organization.attributes`, e.g.
`"certifications"`, `"deal_registrations"`); a partner without that attribute does not
meet a minimum on it. Raising any metric of a partner never lowers its recommended tier.

Within one metric, a higher tier may not ask for less than a lower one (the tiers would
not be ordered).

Examples:
    >>> from channelvalue.model import TierPolicy
    >>> policy = TierPolicy.from_dict({
    ...     "rules": {"gold": {"minimums": {"revenue": 1e6}},
    ...               "silver": {"minimums": {"revenue": 2e5}}},
    ...     "benefits": {"gold": {"mdf": 20000, "discount": 0.04}}})
    >>> policy.tier_for({"revenue": 3e5}).value
    'silver'
    >>> policy.benefits_cost("gold", revenue=1e6)  # 20,000 MDF + 4 % of 1M
    60000.0
    >>> TierPolicy.from_dict(policy.to_dict()) == policy
    True
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import attrs

from ..errors import DocumentError, Problem, ValidationError
from ._fields import (
    ANON,
    BadValue,
    Where,
    name_fields,
    to_nonneg,
    to_text,
    to_unit,
    to_weights,
)
from ._frozen import FrozenMap
from .enums import Tier

__all__ = [
    "BUILTIN_METRICS",
    "DEFAULT_TIER_POLICY",
    "TierBenefits",
    "TierPolicy",
    "TierRule",
]

BUILTIN_METRICS = ("revenue", "volume", "velocity")
"""Metrics read from the organization's own fields; any other metric name is an attribute."""

_RANKED = tuple(sorted(Tier, key=lambda t: t.rank))  # registered, silver, gold, platinum


def to_minimums(value: Mapping[str, float], where: Where = ANON) -> FrozenMap[str, float]:
    """At least one finite minimum keyed by a non-empty metric name."""
    if not isinstance(value, Mapping) or not value:
        raise BadValue(value, "a non-empty mapping of metric names to finite numbers", where=where)
    out: dict[str, float] = {}
    for k, v in value.items():
        if type(k) is not str or not k.strip():
            raise BadValue(k, "metric names that are non-empty strings", where=where)
        num = math.nan
        if not isinstance(v, bool) and isinstance(v, int | float):
            try:
                num = float(v)
            except OverflowError:
                num = math.nan
        if not math.isfinite(num):
            raise BadValue(v, "a finite number", suffix=f"[{k!r}]", where=where)
        out[k] = num
    return FrozenMap(out)


@attrs.frozen(slots=True, field_transformer=name_fields)
class TierRule:
    """What a tier requires: a minimum per metric, all of which a partner must meet.

    Attributes:
        minimums: metric name -> the least value a partner needs (`revenue`, `volume`,
            `velocity` or an attribute name such as `certifications`).

    Examples:
        >>> TierRule({"revenue": 1e6, "certifications": 2}).meets(
        ...     {"revenue": 2e6, "certifications": 1})
        False
        >>> TierRule({})
        Traceback (most recent call last):
        ...
        channelvalue.errors.ValidationError: TierRule.minimums: got {} but expected a ...
    """

    minimums: FrozenMap[str, float] = attrs.field(converter=to_minimums)

    def meets(self, values: Mapping[str, float]) -> bool:
        """True when every minimum is met by `values` (a missing metric is not met)."""
        return all(values.get(m, -math.inf) >= x for m, x in self.minimums.items())


@attrs.frozen(slots=True, field_transformer=name_fields)
class TierBenefits:
    """What the vendor gives a partner of one tier per year.

    Attributes:
        mdf: market development funds, a money amount (>= 0).
        discount: extra discount as a fraction of the partner's revenue (0..1; `0.04` is
            four discount points), costing `discount * revenue`.
        other: further yearly money amounts by name (rebates, training credits, ...).

    Examples:
        >>> TierBenefits(mdf=5000, discount=0.02, other={"training": 1500}).cost(1e5)
        8500.0
    """

    mdf: float = attrs.field(default=0.0, converter=to_nonneg, kw_only=True)
    discount: float = attrs.field(default=0.0, converter=to_unit, kw_only=True)
    other: FrozenMap[str, float] = attrs.field(
        factory=FrozenMap, converter=to_weights, kw_only=True
    )

    def cost(self, revenue: float) -> float:
        """The yearly cost to the vendor of these benefits for a partner of `revenue`."""
        return math.fsum((self.mdf, self.discount * revenue, *self.other.values()))


def _tier_key(key: Any, where: Where) -> Tier:
    try:
        return Tier(key)
    except ValueError:
        valid = ", ".join(repr(t.value) for t in Tier)
        raise BadValue(key, f"tiers among {valid}", where=where) from None


def _structured(cls: type[Any], item: Any, key: Tier, where: Where) -> Any:
    if isinstance(item, cls):
        return item
    if not isinstance(item, Mapping):
        raise BadValue(
            item, f"a {cls.__name__} or a mapping of its fields", f"[{key.value!r}]", where
        )
    try:
        return _converter().structure(dict(item), cls)
    except ValidationError as err:
        raise BadValue(err.value, err.expected, f"[{key.value!r}].{err.field}", where) from None
    except Exception as err:  # cattrs: unknown or missing keys
        known = ", ".join(a.name for a in attrs.fields(cls))
        raise BadValue(
            item,
            f"a mapping with keys among {known} ({type(err).__name__})",
            f"[{key.value!r}]",
            where,
        ) from None


def to_rules(value: Mapping[Any, Any], where: Where = ANON) -> FrozenMap[Tier, TierRule]:
    """Rules by tier above `registered` (a tier's rule or a mapping `{"minimums": ...}`)."""
    if not isinstance(value, Mapping):
        raise BadValue(value, "a mapping of tier to TierRule", where=where)
    out: dict[Tier, TierRule] = {}
    for key, item in value.items():
        tier = _tier_key(key, where)
        if tier is Tier.REGISTERED:
            raise BadValue(
                key, "tiers above 'registered' (the floor every partner qualifies for)", where=where
            )
        out[tier] = _structured(TierRule, item, tier, where)
    return FrozenMap(out)


def to_benefits(value: Mapping[Any, Any], where: Where = ANON) -> FrozenMap[Tier, TierBenefits]:
    """Benefits by tier (a TierBenefits or a mapping of its fields); tiers left out get none."""
    if not isinstance(value, Mapping):
        raise BadValue(value, "a mapping of tier to TierBenefits", where=where)
    out = {}
    for key, item in value.items():
        tier = _tier_key(key, where)
        out[tier] = _structured(TierBenefits, item, tier, where)
    return FrozenMap(out)


_NO_BENEFITS = TierBenefits()


@attrs.frozen(slots=True, field_transformer=name_fields)
class TierPolicy:
    """A partner program's tier rules and benefits (see the module docs for the semantics).

    Attributes:
        rules: the [`TierRule`][channelvalue.model.TierRule] of each tier above
            `registered`; a tier without a rule is not offered (no partner is placed in it).
        benefits: the [`TierBenefits`][channelvalue.model.TierBenefits] of each tier; a tier
            left out gives none.
        name: a label for reports.

    Examples:
        >>> TierPolicy(rules={"gold": TierRule({"revenue": 1e5}),
        ...                   "platinum": TierRule({"revenue": 5e4})})
        Traceback (most recent call last):
        ...
        channelvalue.errors.ValidationError: TierPolicy.rules['platinum'].minimums['revenue']: ...
    """

    rules: FrozenMap[Tier, TierRule] = attrs.field(converter=to_rules, kw_only=True)
    benefits: FrozenMap[Tier, TierBenefits] = attrs.field(
        factory=FrozenMap, converter=to_benefits, kw_only=True
    )
    name: str = attrs.field(default="", converter=to_text, kw_only=True)

    def __attrs_post_init__(self) -> None:
        tiers = self.tiers
        for i, low in enumerate(tiers):
            for high in tiers[i + 1 :]:
                for metric, x in self.rules[low].minimums.items():
                    y = self.rules[high].minimums.get(metric)
                    if y is not None and y < x:
                        raise ValidationError(
                            "TierPolicy",
                            f"rules[{high.value!r}].minimums[{metric!r}]",
                            y,
                            f"a number >= {low.value}'s minimum {x:g} (higher tiers ask for more)",
                        )

    @property
    def tiers(self) -> tuple[Tier, ...]:
        """The tiers that have a rule, lowest first."""
        return tuple(t for t in _RANKED if t in self.rules)

    @property
    def metrics(self) -> tuple[str, ...]:
        """Every metric some rule reads, sorted.

        Examples:
            >>> DEFAULT_TIER_POLICY.metrics
            ('certifications', 'deal_registrations', 'revenue', 'velocity')
        """
        return tuple(sorted({m for r in self.rules.values() for m in r.minimums}))

    def tier_for(self, values: Mapping[str, float]) -> Tier:
        """The highest tier whose rule `values` meets (`registered` when none).

        Examples:
            >>> DEFAULT_TIER_POLICY.tier_for({"revenue": 2e6, "certifications": 2,
            ...                               "deal_registrations": 12}).value
            'gold'
        """
        for tier in reversed(self.tiers):
            if self.rules[tier].meets(values):
                return tier
        return Tier.REGISTERED

    def benefits_of(self, tier: Tier | str) -> TierBenefits:
        """The benefits of `tier` (none when the policy gives it none)."""
        return self.benefits.get(Tier(tier), _NO_BENEFITS)

    def benefits_cost(self, tier: Tier | str, *, revenue: float) -> float:
        """The yearly cost of `tier`'s benefits for a partner of `revenue`."""
        return self.benefits_of(tier).cost(revenue)

    def to_dict(self) -> dict[str, Any]:
        """The policy as plain JSON- and TOML-safe data (read back by `from_dict`).

        Examples:
            >>> TierPolicy(rules={"gold": TierRule({"revenue": 1})}).to_dict()
            {'rules': {'gold': {'minimums': {'revenue': 1.0}}}}
        """
        out: dict[str, Any] = _converter().unstructure(self)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TierPolicy:
        """Build a policy from plain data (a parsed JSON or TOML document).

        Raises:
            DocumentError: unknown keys or bad values, with the path of the problem.

        Examples:
            >>> TierPolicy.from_dict({"rules": {"gold": {"minimums": {"revenue": -1}}},
            ...                       "perks": {}})
            Traceback (most recent call last):
            ...
            channelvalue.errors.DocumentError: 1 problem:
              $: unknown field(s) perks for TierPolicy (known: rules, benefits, name)
        """
        if not isinstance(data, Mapping):
            raise DocumentError([Problem("$", f"expected an object, got {type(data).__name__}")])
        known = [a.name for a in attrs.fields(cls)]
        extra = sorted(str(k) for k in data if k not in known)
        if extra:
            raise DocumentError(
                [
                    Problem(
                        "$",
                        f"unknown field(s) {', '.join(extra)} for TierPolicy "
                        f"(known: {', '.join(known)})",
                    )
                ]
            )
        if "rules" not in data:
            raise DocumentError([Problem("$.rules", "missing required field of TierPolicy")])
        try:
            policy: TierPolicy = _converter().structure(dict(data), cls)
        except ValidationError as err:
            raise DocumentError(
                [Problem(f"$.{err.field}", f"got {err.value!r} but expected {err.expected}")]
            ) from None
        return policy


_CONVERTER: Any = None


def _converter() -> Any:
    """The cattrs converter of the tier classes (built on first use; cattrs is a core
    dependency, imported lazily so the model stays quick to import)."""
    global _CONVERTER
    if _CONVERTER is not None:
        return _CONVERTER
    import cattrs
    from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

    conv = cattrs.Converter(
        omit_if_default=True,
        forbid_extra_keys=True,
        prefer_attrib_converters=True,
        detailed_validation=False,
    )

    def plain(value: Any) -> Any:
        if isinstance(value, Tier):
            return value.value
        if isinstance(value, FrozenMap):
            return {plain(k): plain(v) for k, v in value.items()}
        if attrs.has(type(value)):
            return conv.unstructure(value)
        return value

    conv.register_unstructure_hook(FrozenMap, plain)
    for cls in (TierRule, TierBenefits, TierPolicy):
        attrs.resolve_types(cls)
        conv.register_structure_hook(cls, make_dict_structure_fn(cls, conv))
        hooks: dict[str, Any] = {a.name: override(unstruct_hook=plain) for a in attrs.fields(cls)}
        hooks["_cattrs_omit_if_default"] = True
        conv.register_unstructure_hook(cls, make_dict_unstructure_fn(cls, conv, **hooks))
    _CONVERTER = conv
    return conv


DEFAULT_TIER_POLICY = TierPolicy(
    name="default",
    rules={
        Tier.SILVER: TierRule({"revenue": 250_000.0, "certifications": 1.0}),
        Tier.GOLD: TierRule(
            {"revenue": 1_000_000.0, "certifications": 2.0, "deal_registrations": 10.0}
        ),
        Tier.PLATINUM: TierRule(
            {
                "revenue": 5_000_000.0,
                "velocity": 0.0,
                "certifications": 4.0,
                "deal_registrations": 25.0,
            }
        ),
    },
    benefits={
        Tier.SILVER: TierBenefits(mdf=5_000.0, discount=0.02),
        Tier.GOLD: TierBenefits(mdf=25_000.0, discount=0.04),
        Tier.PLATINUM: TierBenefits(mdf=100_000.0, discount=0.06),
    },
)
"""A plausible mid-size vendor's program (thresholds per year, money in the network's
currency):

| tier | revenue | velocity | certifications | deal registrations | MDF | discount |
|---|---:|---:|---:|---:|---:|---:|
| platinum | 5M | >= 0 (not shrinking) | 4 | 25 | 100k | 6 points |
| gold | 1M | | 2 | 10 | 25k | 4 points |
| silver | 250k | | 1 | | 5k | 2 points |
| registered | | | | | | |

[`place_tiers`][channelvalue.building.place_tiers] leaves out a rule on an attribute that no
partner of the network records, so on a network without programme attributes the default
policy places partners by revenue (and velocity for platinum) alone."""
