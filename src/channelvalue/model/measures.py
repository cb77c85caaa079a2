"""Measured figures per partner, computed from channel data, with their provenance.

[`ChannelMeasures`][channelvalue.model.measures.ChannelMeasures] is what
[`ChannelMetrics.measures`][channelvalue.transactions.metrics.ChannelMetrics.measures] returns
and what [`ChannelNetwork.with_measures`][channelvalue.ChannelNetwork.with_measures] keeps on
a network: one [`PartnerMeasure`][channelvalue.model.measures.PartnerMeasure] per partner
with data, and the [`Provenance`][channelvalue.model.measures.Provenance] of the numbers
(period, date range, as-of date, sources, row counts per table). All are frozen, validated
and JSON-able (`to_dict` / `from_dict`).

Examples:
    >>> import datetime as dt
    >>> from channelvalue.model.measures import ChannelMeasures, PartnerMeasure, Provenance
    >>> m = PartnerMeasure("r1", volume=1200.0, velocity=0.1, sell_in=100.0, sell_through=90.0,
    ...                    on_hand=None, weeks_of_inventory=None, weeks_of_inventory_change=None,
    ...                    sell_in_ratio=1.1, claims_paid=0.0, claims_earned=0.0, win_rate=None,
    ...                    lines=24)
    >>> p = Provenance("month", dt.date(2025, 1, 1), dt.date(2026, 12, 31), dt.date(2026, 12, 31),
    ...                sources=["pos.csv"], rows={"sell_through": 24})
    >>> cm = ChannelMeasures({"r1": m}, p)
    >>> ChannelMeasures.from_dict(cm.to_dict()) == cm
    True
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs

from ..errors import ValidationError
from ._fields import (
    ANON,
    BadValue,
    Where,
    name_fields,
    to_finite,
    to_growth,
    to_id,
    to_ids,
    to_nonneg,
    to_unit,
)
from ._frozen import FrozenMap

__all__ = ["PERIODS", "ChannelMeasures", "PartnerMeasure", "Provenance"]

PERIODS: Final = ("week", "month", "quarter")
"""The periods metrics are computed per."""


def _optional(conv: Any, value: Any, where: Where) -> Any:
    return None if value is None else conv(value, where)


def to_optional_finite(value: float | None, where: Where = ANON) -> float | None:
    """`None` or a finite number."""
    return _optional(to_finite, value, where)  # type: ignore[no-any-return]


def to_optional_growth(value: float | None, where: Where = ANON) -> float | None:
    """`None` or a finite growth rate >= -1."""
    return _optional(to_growth, value, where)  # type: ignore[no-any-return]


def to_optional_rate(value: float | None, where: Where = ANON) -> float | None:
    """`None` or a number in [0, 1]."""
    return _optional(to_unit, value, where)  # type: ignore[no-any-return]


def to_count(value: int, where: Where = ANON) -> int:
    """A whole number >= 0 (a `bool` is refused; a float with no fraction is accepted)."""
    raw: Any = value
    if isinstance(raw, float) and math.isfinite(raw) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, bool) or not hasattr(raw, "__index__"):
        raise BadValue(value, "a whole number >= 0", where=where)
    count = int(raw.__index__())  # int, numpy integers
    if count < 0:
        raise BadValue(value, "a whole number >= 0", where=where)
    return count


def to_period(value: str, where: Where = ANON) -> str:
    """One of [`PERIODS`][channelvalue.model.measures.PERIODS]."""
    if value not in PERIODS:
        raise BadValue(value, "one of " + ", ".join(map(repr, PERIODS)), where=where)
    return value


def to_day(value: dt.date | str, where: Where = ANON) -> dt.date:
    """A calendar date (a `datetime` is cut to its date; ISO text `YYYY-MM-DD` is read)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise BadValue(value, "a date (or ISO text YYYY-MM-DD)", where=where)


def to_row_counts(value: Mapping[str, int], where: Where = ANON) -> FrozenMap[str, int]:
    """A mapping of table names to whole numbers >= 0."""
    if not isinstance(value, Mapping):
        raise BadValue(value, "a mapping of table names to row counts", where=where)
    out: dict[str, int] = {}
    for k, v in value.items():
        out[to_id(k, (where[0], f"{where[1]} key"))] = to_count(v, (where[0], f"{where[1]}[{k!r}]"))
    return FrozenMap(out)


@attrs.frozen(slots=True, field_transformer=name_fields)
class PartnerMeasure:
    """What the channel data says about one partner, as of a date.

    Money is in the data's currency, quantities in units. Figures over "the year" use the
    twelve months (52 weeks, 4 quarters) ending at the as-of date.

    Attributes:
        partner: the partner's organization id.
        volume: annual unit volume: sell-through units over the trailing year, annualised when
            the data covers less of it (>= 0); what `Organization.volume` holds.
        velocity: revenue growth: sell-through amount over the trailing year vs the year
            before, as a fraction (0.25 is +25 %); `None` when the year before has no sales.
            What `Organization.velocity` holds.
        sell_in: money sold into the partner over the trailing year.
        sell_through: money the partner sold through over the trailing year.
        on_hand: units on hand at the last inventory snapshot up to the as-of date (`None`
            without snapshots).
        weeks_of_inventory: on hand ÷ average weekly sell-through units over the rolling
            window (`None` without snapshots or sales).
        weeks_of_inventory_change: weeks of inventory now minus one rolling window earlier.
        sell_in_ratio: sell-in ÷ sell-through (money) over the rolling window (`None` when
            nothing was sold through).
        claims_paid: money paid on claims over the trailing year.
        claims_earned: money earned under the programmes over the trailing year (where the
            claims say it).
        win_rate: won ÷ (won + lost + expired) deal registrations over the trailing year
            (`None` without closed deals).
        lines: transaction lines of this partner used (all tables, whole data set).
        duplicate_lines, unmatched_lines, late_reports, missing_reports, expected_reports:
            data-quality counts, filled in by the data-quality pass where it ran.

    Examples:
        >>> PartnerMeasure("r1", volume=-1.0, velocity=None, sell_in=0.0, sell_through=0.0,
        ...                on_hand=None, weeks_of_inventory=None, weeks_of_inventory_change=None,
        ...                sell_in_ratio=None, claims_paid=0.0, claims_earned=0.0, win_rate=None,
        ...                lines=0)
        Traceback (most recent call last):
        ...
        channelvalue.errors.ValidationError: PartnerMeasure.volume: got -1.0 but expected a \
finite number >= 0
    """

    partner: str = attrs.field(converter=to_id)
    volume: float = attrs.field(converter=to_nonneg, kw_only=True)
    velocity: float | None = attrs.field(converter=to_optional_growth, kw_only=True)
    sell_in: float = attrs.field(converter=to_finite, kw_only=True)
    sell_through: float = attrs.field(converter=to_finite, kw_only=True)
    on_hand: float | None = attrs.field(converter=to_optional_finite, kw_only=True)
    weeks_of_inventory: float | None = attrs.field(converter=to_optional_finite, kw_only=True)
    weeks_of_inventory_change: float | None = attrs.field(
        converter=to_optional_finite, kw_only=True
    )
    sell_in_ratio: float | None = attrs.field(converter=to_optional_finite, kw_only=True)
    claims_paid: float = attrs.field(converter=to_finite, kw_only=True)
    claims_earned: float = attrs.field(converter=to_finite, kw_only=True)
    win_rate: float | None = attrs.field(converter=to_optional_rate, kw_only=True)
    lines: int = attrs.field(converter=to_count, kw_only=True)
    duplicate_lines: int = attrs.field(default=0, converter=to_count, kw_only=True)
    unmatched_lines: int = attrs.field(default=0, converter=to_count, kw_only=True)
    late_reports: int = attrs.field(default=0, converter=to_count, kw_only=True)
    missing_reports: int = attrs.field(default=0, converter=to_count, kw_only=True)
    expected_reports: int = attrs.field(default=0, converter=to_count, kw_only=True)

    def to_dict(self) -> dict[str, Any]:
        """The measure as a JSON-able dict (field name to value).

        Examples:
            >>> PartnerMeasure.from_dict({"partner": "r1", "volume": 5, "velocity": None,
            ...     "sell_in": 1, "sell_through": 1, "on_hand": None, "weeks_of_inventory": None,
            ...     "weeks_of_inventory_change": None, "sell_in_ratio": 1, "claims_paid": 0,
            ...     "claims_earned": 0, "win_rate": None, "lines": 2}).to_dict()["volume"]
            5.0
        """
        return attrs.asdict(self, recurse=False)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PartnerMeasure:
        """The measure from [`to_dict`][channelvalue.model.measures.PartnerMeasure.to_dict]'s
        output (unknown keys are refused)."""
        _only_fields(cls, data)
        required = [f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING]
        missing = [name for name in required if name not in data]
        if missing:
            raise ValidationError(cls.__name__, missing[0], None, "a value (the field is required)")
        partner = data.get("partner")
        rest = {k: v for k, v in data.items() if k != "partner"}
        return cls(partner, **rest)  # type: ignore[arg-type]


def _only_fields(cls: type, data: Any) -> None:
    if not isinstance(data, Mapping):
        raise ValidationError(cls.__name__, "(document)", data, "a mapping of field names")
    names = {f.name for f in attrs.fields(cls)}
    extra = sorted(str(k) for k in data if k not in names)
    if extra:
        raise ValidationError(
            cls.__name__, extra[0], data[extra[0]], "no such field; fields: " + ", ".join(names)
        )


@attrs.frozen(slots=True, field_transformer=name_fields)
class Provenance:
    """Where measures come from.

    Attributes:
        period: the period the metrics were computed per (`week`, `month`, `quarter`).
        start: the first day of data used.
        end: the last day of data used.
        as_of: the day the measures are taken at (the trailing year ends here).
        sources: the `source` values of the lines used (sorted, without repeats).
        rows: the number of lines per table.

    Examples:
        >>> Provenance("day", dt.date(2026, 1, 1), dt.date(2026, 1, 2), dt.date(2026, 1, 2))
        Traceback (most recent call last):
        ...
        channelvalue.errors.ValidationError: Provenance.period: got 'day' but expected one of \
'week', 'month', 'quarter'
    """

    period: str = attrs.field(converter=to_period)
    start: dt.date = attrs.field(converter=to_day)
    end: dt.date = attrs.field(converter=to_day)
    as_of: dt.date = attrs.field(converter=to_day)
    sources: tuple[str, ...] = attrs.field(default=(), converter=to_ids, kw_only=True)
    rows: FrozenMap[str, int] = attrs.field(
        factory=FrozenMap, converter=to_row_counts, kw_only=True
    )

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationError(
                "Provenance", "end", self.end.isoformat(), f"a date >= start {self.start}"
            )

    def to_dict(self) -> dict[str, Any]:
        """The provenance as a JSON-able dict (dates as ISO text).

        Examples:
            >>> Provenance("month", "2026-01-01", "2026-06-30", "2026-06-30").to_dict()["start"]
            '2026-01-01'
        """
        return {
            "period": self.period,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "as_of": self.as_of.isoformat(),
            "sources": list(self.sources),
            "rows": dict(self.rows),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Provenance:
        """The provenance from [`to_dict`][channelvalue.model.measures.Provenance.to_dict]'s
        output."""
        _only_fields(cls, data)
        return cls(
            data.get("period"),  # type: ignore[arg-type]
            data.get("start"),  # type: ignore[arg-type]
            data.get("end"),  # type: ignore[arg-type]
            data.get("as_of"),  # type: ignore[arg-type]
            sources=data.get("sources", ()),
            rows=data.get("rows", {}),
        )


def to_partner_measures(
    value: Mapping[str, PartnerMeasure] | Iterable[PartnerMeasure], where: Where = ANON
) -> FrozenMap[str, PartnerMeasure]:
    """A mapping of partner id to its measure (or an iterable of measures, keyed by partner)."""
    if isinstance(value, Mapping):
        items = list(value.items())
    elif isinstance(value, Iterable) and not isinstance(value, str | bytes):
        items = [(getattr(m, "partner", None), m) for m in value]
    else:
        raise BadValue(value, "a mapping of partner ids to PartnerMeasure", where=where)
    out: dict[str, PartnerMeasure] = {}
    for key, m in items:
        if not isinstance(m, PartnerMeasure):
            raise BadValue(m, "a PartnerMeasure", suffix=f"[{key!r}]", where=where)
        if key != m.partner:
            raise BadValue(key, f"the measure's partner {m.partner!r}", suffix=" key", where=where)
        out[m.partner] = m
    return FrozenMap(out)


def to_provenance(value: Provenance, where: Where = ANON) -> Provenance:
    """A [`Provenance`][channelvalue.model.measures.Provenance]."""
    if not isinstance(value, Provenance):
        raise BadValue(value, "a Provenance", where=where)
    return value


@attrs.frozen(slots=True, field_transformer=name_fields)
class ChannelMeasures:
    """Measured figures per partner and where they come from.

    Attributes:
        partners: partner id -> [`PartnerMeasure`][channelvalue.model.measures.PartnerMeasure]
            (sorted by id).
        provenance: the [`Provenance`][channelvalue.model.measures.Provenance] of the numbers.

    Examples:
        >>> p = Provenance("month", "2026-01-01", "2026-06-30", "2026-06-30")
        >>> ChannelMeasures({}, p).partners
        FrozenMap({})
    """

    partners: FrozenMap[str, PartnerMeasure] = attrs.field(converter=to_partner_measures)
    provenance: Provenance = attrs.field(converter=to_provenance)

    def to_dict(self) -> dict[str, Any]:
        """The measures as a JSON-able dict: `{"provenance": {...}, "partners": [...]}`."""
        return {
            "provenance": self.provenance.to_dict(),
            "partners": [m.to_dict() for m in self.partners.values()],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ChannelMeasures:
        """The measures from [`to_dict`][channelvalue.model.measures.ChannelMeasures.to_dict]'s
        output.

        Raises:
            ValidationError: naming the field that is wrong.
        """
        _only_fields(cls, data)
        partners = data.get("partners", [])
        if not isinstance(partners, list):
            raise ValidationError("ChannelMeasures", "partners", partners, "a list of measures")
        return cls(
            [PartnerMeasure.from_dict(p) for p in partners],
            Provenance.from_dict(data.get("provenance", {})),
        )

    def to_frame(self) -> Any:
        """One row per partner, one column per field of `PartnerMeasure` (needs pandas).

        Examples:
            >>> p = Provenance("month", "2026-01-01", "2026-06-30", "2026-06-30")
            >>> ChannelMeasures({}, p).to_frame().shape
            (0, 18)
        """
        from .._optional import require_pandas

        pd = require_pandas("ChannelMeasures.to_frame()")
        names = [f.name for f in attrs.fields(PartnerMeasure)]
        return pd.DataFrame([m.to_dict() for m in self.partners.values()], columns=names)
