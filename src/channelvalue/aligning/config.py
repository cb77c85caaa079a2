"""The thresholds of the alignment checks: one frozen, documented
[`AuditConfig`][channelvalue.AuditConfig].

Examples:
    >>> from channelvalue.aligning import AuditConfig
    >>> cfg = AuditConfig(min_priority_overlap=0.6)
    >>> cfg.min_priority_overlap, cfg.key_partner_cover
    (0.6, 0.8)
    >>> AuditConfig.from_dict(cfg.to_dict()) == cfg
    True
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

import attrs

from ..errors import DocumentError, Problem, ValidationError
from ..mapping import EngagementPolicy
from ..model import Band, Tier
from ..model._fields import (
    BadValue,
    name_fields,
    to_finite,
    to_nonneg,
    to_positive,
    to_unit,
    to_weights,
)
from ..model._frozen import FrozenMap

__all__ = [
    "DEFAULT_CUSTOMERS_PER_PARTNER",
    "DEFAULT_TIER_WEIGHTS",
    "IGNORED_FIELDS",
    "RENAMED_FIELDS",
    "AuditConfig",
]

DEFAULT_TIER_WEIGHTS: FrozenMap[Tier, float] = FrozenMap(
    {Tier.PLATINUM: 3.0, Tier.GOLD: 2.0, Tier.SILVER: 1.5, Tier.REGISTERED: 1.0}
)
"""How much one partner of each tier weighs in a manager's load."""

DEFAULT_CUSTOMERS_PER_PARTNER: FrozenMap[str, float] = FrozenMap(
    {"consumer": 5000.0, "smb": 500.0, "midmarket": 100.0, "enterprise": 20.0, "default": 500.0}
)
"""How many customers one partner can serve, by segment band (`default`: no band)."""


_OMIT_DEFAULT = "channelvalue.omit_default"
"""Field metadata: `to_dict` writes the field only when it differs from its default, so
the config (and the audit reports that embed it) of earlier versions stay byte-identical
when thresholds are added."""


def to_count(value: int) -> int:
    """An integer >= 1."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise BadValue(value, "an integer >= 1")
    return int(value)


def to_tolerance(value: float) -> float:
    """A number in [0, 1): what [`service_gaps`][channelvalue.mapping.service_gaps] accepts."""
    try:
        x = to_unit(value)
    except ValidationError:
        x = 1.0
    if x >= 1.0:
        raise BadValue(value, "a finite number in [0, 1)")
    return x


MAX_TIER_WEIGHT = 1e6
"""The largest tier weight: a manager's load (a sum of weights) stays finite."""


def to_tier_weights(value: Mapping[Tier | str, float]) -> FrozenMap[Tier, float]:
    """Weights in (0, 1e6] by tier; tiers left out keep their default weight."""
    expected = f"a finite number > 0 and <= {MAX_TIER_WEIGHT:g}"
    if not isinstance(value, Mapping):
        raise BadValue(value, f"a mapping of tier to {expected.removeprefix('a finite ')}")
    out = dict(DEFAULT_TIER_WEIGHTS)
    valid = ", ".join(repr(t.value) for t in Tier)
    for key, weight in value.items():
        try:
            tier = Tier(key)
        except ValueError:
            raise BadValue(key, f"tiers among {valid}") from None
        try:
            out[tier] = to_positive(weight)
        except ValidationError:
            out[tier] = MAX_TIER_WEIGHT + 1.0
        if out[tier] > MAX_TIER_WEIGHT:
            raise BadValue(weight, expected, suffix=f"[{tier.value!r}]")
    return FrozenMap(out)


def to_customers_per_partner(value: Mapping[Band | str, float]) -> FrozenMap[str, float]:
    """Numbers > 0 by band value or `default`; keys left out keep their default."""
    if not isinstance(value, Mapping):
        raise BadValue(value, "a mapping of band to a number > 0")
    out = dict(DEFAULT_CUSTOMERS_PER_PARTNER)
    valid = ", ".join(repr(k) for k in DEFAULT_CUSTOMERS_PER_PARTNER)
    for key, number in value.items():
        name = getattr(key, "value", key)
        if name not in out:
            raise BadValue(key, f"keys among {valid}")
        try:
            out[name] = to_positive(number)
        except ValidationError:
            raise BadValue(number, "a finite number > 0", suffix=f"[{name!r}]") from None
    return FrozenMap(out)


def to_policy(value: EngagementPolicy | Mapping[str, Any]) -> EngagementPolicy:
    """An [`EngagementPolicy`][channelvalue.mapping.EngagementPolicy], or a mapping of its
    fields."""
    if isinstance(value, EngagementPolicy):
        return value
    fields = ", ".join(a.name for a in attrs.fields(EngagementPolicy))
    if not isinstance(value, Mapping) or not set(value) <= set(fields.split(", ")):
        raise BadValue(value, f"an EngagementPolicy or a mapping with keys among {fields}")
    try:
        return EngagementPolicy(**value)
    except ValidationError as err:
        raise BadValue(err.value, err.expected, suffix=f".{err.field}") from None
    except (TypeError, ValueError) as err:
        raise BadValue(value, f"a valid EngagementPolicy ({err})") from None


def to_thresholds(value: tuple[float, float]) -> tuple[float, float]:
    """Two cumulative revenue shares `(a, b)` with `0 < a < b <= 1`."""
    ok = (
        isinstance(value, tuple | list)
        and len(value) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
        and 0.0 < value[0] < value[1] <= 1.0
    )
    if not ok:
        raise BadValue(value, "two shares (a, b) with 0 < a < b <= 1")
    return float(value[0]), float(value[1])


IGNORED_FIELDS: dict[str, str] = {
    "max_findings_per_kind": (
        "the report now holds every finding; cap what is shown with "
        "to_markdown(limit=...) / to_html(limit=...) or the CLI's --top"
    ),
    "score_half_life": "scores now count the share of partners, revenue or segments affected",
}
"""Fields of earlier versions that [`AuditConfig.from_dict`][channelvalue.AuditConfig.from_dict]
still accepts and ignores (with a `FutureWarning` saying why)."""

RENAMED_FIELDS: dict[str, str] = {
    "key_partner_share": (
        "replaced by key_partner_cover (the largest partners that together bring this "
        "share of partner revenue are key, so the same channel has the same key partners "
        "at any size)"
    ),
    "key_segment_share": (
        "replaced by key_segment_cover (the largest segments that together hold this "
        "share of size or revenue are key)"
    ),
}
"""Fields of earlier versions whose meaning changed: `from_dict` refuses them and names the
new field."""

_OPTIONAL_DATA = {_OMIT_DEFAULT: True}
"""Field metadata of the thresholds of checks that need optional input data (account lists,
...): [`AuditConfig.to_dict`][channelvalue.AuditConfig.to_dict] writes them only when they
differ from their default, so reports of networks without that data stay as they were."""


@attrs.frozen(slots=True, field_transformer=name_fields)
class AuditConfig:
    """Every threshold of the built-in checks, with sensible defaults; immutable.

    Each field's meaning is in `AuditConfig.describe()` and on the *Checks* page of the
    docs. Read it from JSON with [`from_dict`][channelvalue.aligning.AuditConfig.from_dict] (the
    `--config` file of the CLI).

    Attributes:
        max_subjects: at most this many ids are named in a finding about a group (a crowded
            cell lists its first partners by id).
        key_partner_cover: the *key partners* are the largest partners that together bring
            this share of partner revenue (0..1; a partner is key when the partners with more
            revenue than it bring less than this; partners with equal revenue are alike);
            findings about key partners are errors, about others warnings.
        tier_weights: load weight of one partner of each tier in a manager's load
            (each in (0, 1e6]).
        max_manager_load: a manager whose load / capacity exceeds this is overloaded (warning).
        manager_overload_error: ... and at or above this ratio, the finding is an error.
        min_priority_overlap: partners whose priorities overlap the steward's below this
            (0..1) are misaligned.
        max_misaligned_revenue_share: above this share of partner revenue with misaligned
            partners, one network-wide finding is added.
        engagement_policy: the [`EngagementPolicy`][channelvalue.mapping.EngagementPolicy] that says
            which engagement model each partner should get (by ABC class, quadrant, focus, role).
        abc_thresholds: the cumulative revenue shares that close ABC classes A and B.
        fast_volume_quantile: partners at or above this volume quantile are high-volume.
        fast_velocity: ... and with velocity (growth) at or above this are fast movers.
        small_volume_quantile: partners at or below this volume quantile are small.
        slow_velocity: ... and with velocity at or below this are slow.
        starved_ratio: a fast mover whose resource share / revenue share is below this is starved.
        overfunded_ratio: a small, slow partner whose ratio is above this is over-funded.
        max_gini_gap: the Gini gap (revenue Gini minus the concentration of resources
            along revenue) above which resources do not follow revenue.
        margin_tolerance: actual margin share may depart from the normative profit share
            by this much (absolute) before it is inequitable; twice this is an error.
        service_tolerance: a route under-serves a need when it falls short by more than this
            (in [0, 1)).
        customers_per_partner: how many customers one partner can serve, by the segment's
            band (`consumer`, `smb`, `midmarket`, `enterprise`; `default` for
            segments with no band); a cell (segment x region x vertical) supports
            `max(1, size per cell / this)` partners.
        min_sell_through_share: the share of partner end-customer revenue whose sell-through
            data must reach the steward.
        max_feed_interval_days: data feeds refreshed less often than this are stale.
        key_segment_cover: the *key segments* (which need a value proposition) are the
            largest segments that together hold this share of all segments' size, or of
            end-customer revenue (measured like `key_partner_cover`).
        min_shared_accounts: owners sharing fewer customer accounts than this are not in
            conflict (`conflict.accounts`; needs account lists).
        max_shared_account_share: partners of the same role that share more than this share
            (0..1) of the smaller of their two account lists are in conflict; more than twice
            this, an error.
        max_direct_account_share: a partner that shares more than this share (0..1) of its
            account list with the steward's direct sales is in conflict; more than twice
            this, an error.
        stacking_tolerance: on a priced route, a member's share of the channel margin may
            depart from its normative share by this much (absolute) before `margins.stacking`
            reports it; twice this is an error.
        target_price_tolerance: a route's end price may exceed its target price by this
            fraction of the target before `margins.stacking` reports it.
        power_high_dependence: a dependence (0..1) at or above this is high
            (`power.balance`; see [`power_map`][channelvalue.mapping.power_map]).
        power_low_dependence: a dependence at or below this is low; the steward depending
            highly on a partner whose dependence is low is a risk, the reverse leverage.
        power_duty_of_care: a partner whose dependence on the steward reaches this (and
            the steward's on it is low) gets a warning (duty of care in changes), not an info.
        options: free-form numbers for your own checks (read them with `config.options`).

    Examples:
        >>> AuditConfig(key_partner_cover=2)
        Traceback (most recent call last):
        ...
        channelvalue.errors.ValidationError: AuditConfig.key_partner_cover: got 2 but ...
    """

    max_subjects: int = attrs.field(default=20, converter=to_count, kw_only=True)
    key_partner_cover: float = attrs.field(default=0.8, converter=to_unit, kw_only=True)
    tier_weights: FrozenMap[Tier, float] = attrs.field(
        default=DEFAULT_TIER_WEIGHTS, converter=to_tier_weights, kw_only=True
    )
    max_manager_load: float = attrs.field(default=1.0, converter=to_positive, kw_only=True)
    manager_overload_error: float = attrs.field(default=1.5, converter=to_positive, kw_only=True)
    min_priority_overlap: float = attrs.field(default=0.5, converter=to_unit, kw_only=True)
    max_misaligned_revenue_share: float = attrs.field(default=0.25, converter=to_unit, kw_only=True)
    engagement_policy: EngagementPolicy = attrs.field(
        factory=EngagementPolicy, converter=to_policy, kw_only=True
    )
    abc_thresholds: tuple[float, float] = attrs.field(
        default=(0.8, 0.95), converter=to_thresholds, kw_only=True
    )
    fast_volume_quantile: float = attrs.field(default=0.8, converter=to_unit, kw_only=True)
    fast_velocity: float = attrs.field(default=0.2, converter=to_finite, kw_only=True)
    small_volume_quantile: float = attrs.field(default=0.5, converter=to_unit, kw_only=True)
    slow_velocity: float = attrs.field(default=0.05, converter=to_finite, kw_only=True)
    starved_ratio: float = attrs.field(default=0.5, converter=to_nonneg, kw_only=True)
    overfunded_ratio: float = attrs.field(default=2.0, converter=to_positive, kw_only=True)
    max_gini_gap: float = attrs.field(default=0.25, converter=to_nonneg, kw_only=True)
    margin_tolerance: float = attrs.field(default=0.05, converter=to_unit, kw_only=True)
    service_tolerance: float = attrs.field(default=0.05, converter=to_tolerance, kw_only=True)
    customers_per_partner: FrozenMap[str, float] = attrs.field(
        default=DEFAULT_CUSTOMERS_PER_PARTNER, converter=to_customers_per_partner, kw_only=True
    )
    min_sell_through_share: float = attrs.field(default=0.8, converter=to_unit, kw_only=True)
    max_feed_interval_days: float = attrs.field(default=30.0, converter=to_positive, kw_only=True)
    key_segment_cover: float = attrs.field(default=0.9, converter=to_unit, kw_only=True)
    min_shared_accounts: int = attrs.field(
        default=1, converter=to_count, kw_only=True, metadata=_OPTIONAL_DATA
    )
    max_shared_account_share: float = attrs.field(
        default=0.2, converter=to_unit, kw_only=True, metadata=_OPTIONAL_DATA
    )
    max_direct_account_share: float = attrs.field(
        default=0.1, converter=to_unit, kw_only=True, metadata=_OPTIONAL_DATA
    )
    # fields added after the first audit format: `to_dict` leaves them out at their default
    stacking_tolerance: float = attrs.field(
        default=0.05, converter=to_unit, kw_only=True, metadata={_OMIT_DEFAULT: True}
    )
    target_price_tolerance: float = attrs.field(
        default=0.0, converter=to_nonneg, kw_only=True, metadata={_OMIT_DEFAULT: True}
    )
    power_high_dependence: float = attrs.field(
        default=0.5, converter=to_unit, kw_only=True, metadata={_OMIT_DEFAULT: True}
    )
    power_low_dependence: float = attrs.field(
        default=0.25, converter=to_unit, kw_only=True, metadata={_OMIT_DEFAULT: True}
    )
    power_duty_of_care: float = attrs.field(
        default=0.8, converter=to_unit, kw_only=True, metadata={_OMIT_DEFAULT: True}
    )
    options: FrozenMap[str, float] = attrs.field(
        factory=FrozenMap, converter=to_weights, kw_only=True
    )

    def capacity_of(self, band: Band | None) -> float:
        """Customers per partner for a segment of this band (None: the `default`).

        Examples:
            >>> AuditConfig().capacity_of(Band.ENTERPRISE), AuditConfig().capacity_of(None)
            (20.0, 500.0)
        """
        return self.customers_per_partner[band.value if band is not None else "default"]

    def __attrs_post_init__(self) -> None:
        _ordered(self, "max_manager_load", "manager_overload_error", blame_high=True)
        _ordered(self, "slow_velocity", "fast_velocity")
        _ordered(self, "power_low_dependence", "power_high_dependence")

    @classmethod
    def describe(cls) -> dict[str, str]:
        """Each field's name and meaning (from the class docstring), in field order.

        Examples:
            >>> AuditConfig.describe()["max_feed_interval_days"]
            'data feeds refreshed less often than this are stale.'
        """
        doc = cls.__doc__ or ""
        body = doc.split("Attributes:", 1)[1]
        for section in ("Examples:", "Example:"):  # the section after Attributes
            body = body.split(section, 1)[0]
        out: dict[str, str] = {}
        name = ""
        for line in body.splitlines():
            text = line.strip()
            head, sep, rest = text.partition(": ")
            if sep and head.isidentifier() and line.startswith(" " * 8) and not line[8:9].isspace():
                name = head
                out[name] = rest
            elif name and text:
                out[name] += " " + text
        return {a.name: out.get(a.name, "") for a in attrs.fields(cls)}

    def to_dict(self) -> dict[str, Any]:
        """Every field as JSON-safe data (fields added after the first audit format only when
        they differ from their default, so reports written before them stay the same).

        Examples:
            >>> AuditConfig().to_dict()["tier_weights"]["gold"]
            2.0
        """
        out: dict[str, Any] = {}
        for a in attrs.fields(type(self)):
            value = getattr(self, a.name)
            if a.metadata.get(_OMIT_DEFAULT) and value == a.default:
                continue
            if isinstance(value, EngagementPolicy):
                value = _policy_dict(value)
            elif isinstance(value, tuple):
                value = list(value)
            elif isinstance(value, FrozenMap):
                value = {str(getattr(k, "value", k)): v for k, v in value.items()}
            out[a.name] = value
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AuditConfig:
        """Build a config from a mapping of field names (all optional) to values.

        Fields of earlier versions that no longer mean anything (`max_findings_per_kind`,
        `score_half_life`) are ignored with a `FutureWarning`; fields whose meaning changed
        (`key_partner_share`, `key_segment_share`) are refused with the name of the new one.

        Raises:
            DocumentError: unknown field names or bad values, all listed with their path.

        Examples:
            >>> AuditConfig.from_dict({"margin_tolerance": 0.1}).margin_tolerance
            0.1
            >>> AuditConfig.from_dict({"max_feed_days": 7, "margin_tolerance": 2})
            Traceback (most recent call last):
            ...
            channelvalue.errors.DocumentError: 2 problems:
              $.max_feed_days: unknown field (known: max_subjects, ...)
              $.margin_tolerance: got 2 but expected a finite number in [0, 1]
        """
        if not isinstance(data, Mapping):
            raise DocumentError(
                [Problem("$", f"expected an object of settings, got {type(data).__name__}")]
            )
        names = [a.name for a in attrs.fields(cls)]
        problems: list[Problem] = []
        good: dict[str, Any] = {}
        for key, value in data.items():
            if key in IGNORED_FIELDS and key not in names:
                warnings.warn(
                    f"AuditConfig: {key} is no longer used and is ignored: {IGNORED_FIELDS[key]}",
                    FutureWarning,
                    stacklevel=2,
                )
                continue
            if key in RENAMED_FIELDS and key not in names:
                problems.append(Problem(f"$.{key}", RENAMED_FIELDS[key]))
                continue
            if key not in names:
                problems.append(Problem(f"$.{key}", f"unknown field (known: {', '.join(names)})"))
                continue
            try:
                cls(**{key: value})
            except ValidationError as err:
                if err.field.startswith(key):
                    path = f"$.{err.field}"
                    problems.append(Problem(path, f"got {err.value!r} but expected {err.expected}"))
                    continue
            good[key] = value
        if problems:
            raise DocumentError(problems)
        try:
            return cls(**good)
        except ValidationError as err:
            raise DocumentError(
                [Problem(f"$.{err.field}", f"got {err.value!r} but expected {err.expected}")]
            ) from None


def _ordered(config: AuditConfig, low: str, high: str, *, blame_high: bool = False) -> None:
    """Refuse `config.low > config.high`, naming the field that left its default (the
    one the caller set); when both or neither did, `high` if `blame_high` else `low`."""
    lo, hi = getattr(config, low), getattr(config, high)
    if lo <= hi:
        return
    fields = attrs.fields_dict(type(config))
    low_set, high_set = lo != fields[low].default, hi != fields[high].default
    if (high_set and not low_set) or (blame_high and low_set == high_set):
        raise ValidationError("AuditConfig", high, hi, f"a number >= {low} ({lo:g})")
    raise ValidationError("AuditConfig", low, lo, f"a number <= {high} ({hi:g})")


def _policy_dict(policy: EngagementPolicy) -> dict[str, Any]:
    return {
        "by_class": {k: v.value for k, v in policy.by_class.items()},
        "step_up_quadrants": list(policy.step_up_quadrants),
        "step_up_focus": list(policy.step_up_focus),
        "by_role": {k.value: v.value for k, v in policy.by_role.items()},
    }
