"""Price points along a route: what each level buys and sells at, its rebates and back-end
money.

A [`RoutePricing`][channelvalue.RoutePricing] follows one route from the steward down to the
last partner: the steward sells to the first level at that level's `buy` price, each level
sells to the next at the next level's `buy` price, and the last level sells to the customer.
The prices must add up: each level buys at the price the level above sells at (within
[`PRICE_TOLERANCE`][channelvalue.model.pricing.PRICE_TOLERANCE]).

Examples:
    >>> from channelvalue.model import PriceLevel, RoutePricing
    >>> p = RoutePricing("rt-smb", steward="acme", list_price=100, levels=[
    ...     PriceLevel("dist", buy=60, sell=66),
    ...     PriceLevel("r1", buy=66, sell=85, rebate=2)])
    >>> p.route, p.end_price
    (('acme', 'dist', 'r1'), 85.0)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from ..errors import ValidationError
from ._fields import (
    ANON,
    BadValue,
    Where,
    name_fields,
    to_id,
    to_nonneg,
    to_optional_id,
    to_optional_nonneg,
)

__all__ = ["PRICE_TOLERANCE", "PriceLevel", "RoutePricing"]

PRICE_TOLERANCE = 0.01
"""How far (in money per unit) a level's buy price may be from the sell price of the level
above: one cent."""


@attrs.frozen(slots=True, field_transformer=name_fields)
class PriceLevel:
    """One member's price points on a route, per unit.

    Attributes:
        member: the organization id.
        buy: the price it pays the level above (its net invoice price), >= 0.
        sell: the price it sells at to the level below (or to the customer), >= 0.
        rebate: rebates it earns per unit (volume, growth, ...), >= 0.
        back_end: other back-end money per unit (MDF, incentives, spiffs), >= 0.

    Examples:
        >>> lv = PriceLevel("r1", buy=66, sell=85, rebate=2)
        >>> lv.front_margin, lv.margin
        (19.0, 21.0)
    """

    member: str = attrs.field(converter=to_id)
    buy: float = attrs.field(converter=to_nonneg, kw_only=True)
    sell: float = attrs.field(converter=to_nonneg, kw_only=True)
    rebate: float = attrs.field(default=0.0, converter=to_nonneg, kw_only=True)
    back_end: float = attrs.field(default=0.0, converter=to_nonneg, kw_only=True)

    @property
    def front_margin(self) -> float:
        """`sell - buy`: the margin on the invoice (may be negative).

        Examples:
            >>> PriceLevel("d", buy=60, sell=66).front_margin
            6.0
        """
        return self.sell - self.buy

    @property
    def margin(self) -> float:
        """`sell - buy + rebate + back_end`: the member's margin per unit.

        Examples:
            >>> PriceLevel("d", buy=60, sell=66, back_end=1.5).margin
            7.5
        """
        return self.sell - self.buy + self.rebate + self.back_end


def to_price_levels(value: Iterable[PriceLevel], where: Where = ANON) -> tuple[PriceLevel, ...]:
    """At least one [`PriceLevel`][channelvalue.PriceLevel] (a list of them, or of mappings
    with their fields), in route order."""
    expected = "a non-empty list of PriceLevel, in route order"
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise BadValue(value, expected, where=where)
    items: list[PriceLevel] = []
    for i, item in enumerate(value):
        if isinstance(item, Mapping):
            try:
                item = PriceLevel(**item)
            except TypeError:
                raise BadValue(item, "the fields of a PriceLevel", f"[{i}]", where) from None
            except ValidationError as err:
                raise BadValue(err.value, err.expected, f"[{i}].{err.field}", where) from None
        if not isinstance(item, PriceLevel):
            raise BadValue(item, "a PriceLevel", f"[{i}]", where)
        items.append(item)
    if not items:
        raise BadValue(value, expected, where=where)
    return tuple(items)


@attrs.frozen(slots=True, field_transformer=name_fields)
class RoutePricing:
    """The price points of one route, from the steward down to the last partner.

    The steward sells to `levels[0]` at `levels[0].buy`; each level buys at the price the
    level above sells at (within [`PRICE_TOLERANCE`][channelvalue.model.pricing.PRICE_TOLERANCE]);
    the last level sells to the customer at the end price. A network keys it by `id`.

    Attributes:
        id: unique id (shares the network's id namespace, like levers).
        steward: the organization that sells into the route (usually the vendor).
        levels: the members' [`PriceLevel`][channelvalue.PriceLevel]s, top down.
        list_price: the customer's list price per unit, >= 0.
        segment: the segment the route serves, if any (the efficiency template of its
            [`FlowTable`][channelvalue.FlowTable] gives the normative shares).
        target_price: the end price the steward aims for, if any.

    Raises:
        ValidationError: a level that buys at another price than the level above sells at
            (the error names the route, both members and both prices), a member twice, or
            the steward as a level.

    Examples:
        >>> RoutePricing("rt", steward="acme", list_price=100, levels=[
        ...     PriceLevel("dist", buy=60, sell=66), PriceLevel("r1", buy=65, sell=85)])
        Traceback (most recent call last):
        ...
        channelvalue.errors.ValidationError: RoutePricing 'rt'.levels[1].buy: got 65.0 but ...
    """

    id: str = attrs.field(converter=to_id)
    steward: str = attrs.field(converter=to_id, kw_only=True)
    levels: tuple[PriceLevel, ...] = attrs.field(converter=to_price_levels, kw_only=True)
    list_price: float = attrs.field(converter=to_nonneg, kw_only=True)
    segment: str | None = attrs.field(default=None, converter=to_optional_id, kw_only=True)
    target_price: float | None = attrs.field(
        default=None, converter=to_optional_nonneg, kw_only=True
    )

    def __attrs_post_init__(self) -> None:
        where = f"RoutePricing {self.id!r}"
        seen = {self.steward}
        for i, lv in enumerate(self.levels):
            if lv.member in seen:
                raise ValidationError(
                    where,
                    f"levels[{i}].member",
                    lv.member,
                    "each member once on a route, the steward not among the levels",
                )
            seen.add(lv.member)
        for i in range(1, len(self.levels)):
            up, down = self.levels[i - 1], self.levels[i]
            if abs(down.buy - up.sell) > PRICE_TOLERANCE + 1e-9:
                raise ValidationError(
                    where,
                    f"levels[{i}].buy",
                    down.buy,
                    f"{up.sell!r}, the price {up.member!r} sells at to {down.member!r} "
                    f"(a level buys at the price the level above sells at, within "
                    f"{PRICE_TOLERANCE})",
                )

    @property
    def route(self) -> tuple[str, ...]:
        """The member ids from the steward down to the last partner.

        Examples:
            >>> RoutePricing("rt", steward="v", list_price=10,
            ...              levels=[PriceLevel("r", buy=7, sell=10)]).route
            ('v', 'r')
        """
        return (self.steward, *(lv.member for lv in self.levels))

    @property
    def end_price(self) -> float:
        """The price the customer pays: the last level's sell price.

        Examples:
            >>> RoutePricing("rt", steward="v", list_price=10,
            ...              levels=[PriceLevel("r", buy=7, sell=9.5)]).end_price
            9.5
        """
        return self.levels[-1].sell
