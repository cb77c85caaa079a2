"""Margin build-up along each route: who earns what between the list price and the steward.

A [`RoutePricing`][channelvalue.RoutePricing] gives, per unit, each level's buy and sell
price, its rebates and its back-end money (MDF, incentives). Then, per route:

* a member's **margin** is `sell - buy + rebate + back_end`, its **percent** `margin / sell`
  and its **discount off list** `1 - buy / list_price`;
* the **channel margin** is the sum of the members' margins and each member's **share** is
  its margin over the channel margin;
* the **end price** is what the customer pays (the last level's sell price) and the
  **steward's net** what the steward keeps: `levels[0].buy - sum(rebate + back_end)` (the
  steward pays the rebates and the back-end money), so that
  `end price = steward's net + channel margin`;
* where the route's segment has a [`FlowTable`][channelvalue.FlowTable], the **normative
  share** of each member is its normative profit share in the efficiency template
  ([`segment_efficiency`][channelvalue.mapping.segment_efficiency]) rescaled over the route's
  members (the steward is paid by its net price, not by a margin), and the **share gap** is
  `share - normative share`; without a table both are left empty (NaN).

Examples:
    >>> import channelvalue as cv
    >>> p = cv.RoutePricing("rt", steward="acme", list_price=100, levels=[
    ...     cv.PriceLevel("dist", buy=60, sell=66),
    ...     cv.PriceLevel("r1", buy=66, sell=85, rebate=2)])
    >>> r = route_margins(p)
    >>> r.margins, r.channel_margin, r.steward_net
    ((6.0, 21.0), 27.0, 58.0)
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from .._html import frame_html
from ..core.labels import NO_NAMES, name_index
from ..errors import UnknownIdError, ValidationError, WrongTypeError
from ..model import RoutePricing
from ..model._frozen import FrozenMap
from ._core import make_frame
from .efficiency import efficiency_from_table, segment_efficiency

if TYPE_CHECKING:
    import pandas as pd

    from ..core.network import ChannelNetwork

__all__ = ["MarginBuildUp", "RouteMargins", "margin_build_up", "route_margins"]

_HTML_ROWS = 20
"""Most rows `_repr_html_` shows."""


def _ratio(num: float, den: float) -> float:
    return num / den if den > 0 else math.nan


@attrs.frozen(repr=False)
class RouteMargins:
    """The margin build-up of one route, per unit.

    Attributes:
        pricing: the [`RoutePricing`][channelvalue.RoutePricing].
        margins: each level's margin (`sell - buy + rebate + back_end`), top down.
        shares: each level's share of the channel margin (NaN when it is 0).
        normative: each level's normative share (the efficiency template rescaled over
            the route's members), or NaN without a flow table.

    Examples:
        >>> import channelvalue as cv
        >>> r = route_margins(cv.RoutePricing("rt", steward="v", list_price=10,
        ...     levels=[cv.PriceLevel("r", buy=7, sell=10)]))
        >>> r
        RouteMargins('rt', end_price=10.0, channel_margin=3.0, steward_net=7.0)
    """

    pricing: RoutePricing
    margins: tuple[float, ...]
    shares: tuple[float, ...]
    normative: tuple[float, ...]

    def __repr__(self) -> str:
        return (
            f"RouteMargins({self.pricing.id!r}, end_price={self.end_price!r}, "
            f"channel_margin={self.channel_margin!r}, steward_net={self.steward_net!r})"
        )

    @property
    def members(self) -> tuple[str, ...]:
        """The levels' member ids, top down."""
        return tuple(lv.member for lv in self.pricing.levels)

    @property
    def end_price(self) -> float:
        """What the customer pays per unit (the last level's sell price)."""
        return self.pricing.end_price

    @property
    def channel_margin(self) -> float:
        """The sum of the members' margins."""
        return math.fsum(self.margins)

    @property
    def steward_net(self) -> float:
        """What the steward keeps per unit: `levels[0].buy - sum(rebate + back_end)`."""
        levels = self.pricing.levels
        return levels[0].buy - math.fsum(lv.rebate + lv.back_end for lv in levels)

    @property
    def percents(self) -> tuple[float, ...]:
        """Each level's margin as a fraction of its sell price (NaN at a sell price of 0)."""
        return tuple(
            _ratio(m, lv.sell) for m, lv in zip(self.margins, self.pricing.levels, strict=True)
        )

    @property
    def share_gaps(self) -> tuple[float, ...]:
        """`share - normative` per level (NaN without a flow table)."""
        return tuple(s - n for s, n in zip(self.shares, self.normative, strict=True))

    def waterfall(self) -> tuple[tuple[str, float], ...]:
        """The steps from the list price down to the steward's net: `("list price", list)`,
        the customer discount `list - end` when it is not 0, `-margin` per member, and
        `("steward net", net)` (a total, not a step).

        Examples:
            >>> import channelvalue as cv
            >>> r = route_margins(cv.RoutePricing("rt", steward="v", list_price=12,
            ...     levels=[cv.PriceLevel("r", buy=7, sell=10, back_end=0.5)]))
            >>> r.waterfall()
            (('list price', 12.0), ('customer discount', -2.0), ('r', -3.5), ('v net', 6.5))
        """
        p = self.pricing
        steps: list[tuple[str, float]] = [("list price", p.list_price)]
        if p.list_price != p.end_price:
            steps.append(("customer discount", p.end_price - p.list_price))
        steps += [(m, -x) for m, x in zip(self.members, self.margins, strict=True)]
        steps.append((f"{p.steward} net", self.steward_net))
        return tuple(steps)

    def _repr_html_(self) -> str:
        """Its `repr` and the first rows of `to_frame()`, escaped (bounded in size)."""
        return frame_html(self)

    def to_frame(self) -> pd.DataFrame:
        """One row per level: the columns of
        [`MarginBuildUp.to_frame`][channelvalue.mapping.MarginBuildUp.to_frame].

        Examples:
            >>> import channelvalue as cv
            >>> r = route_margins(cv.RoutePricing("rt", steward="v", list_price=10,
            ...     levels=[cv.PriceLevel("r", buy=7, sell=10)]))
            >>> r.to_frame()[["member", "margin", "share"]].to_dict("records")
            [{'member': 'r', 'margin': 3.0, 'share': 1.0}]
        """
        return MarginBuildUp.of((self,)).to_frame()


def _positions(counts: list[int]) -> np.ndarray[Any, np.dtype[np.int64]]:
    """1, 2, ... within each route, for routes of `counts` levels."""
    sizes = np.asarray(counts, dtype=np.int64)
    starts = np.cumsum(sizes) - sizes
    return np.arange(int(sizes.sum()), dtype=np.int64) - np.repeat(starts, sizes) + 1


def _normative(pricing: RoutePricing, normative: Mapping[str, float] | None) -> tuple[float, ...]:
    n = len(pricing.levels)
    if normative is None:
        return (math.nan,) * n
    raw = [float(normative.get(lv.member, 0.0)) for lv in pricing.levels]
    total = math.fsum(raw)
    if total <= 0:
        return (math.nan,) * n
    return tuple(x / total for x in raw)


def route_margins(
    pricing: RoutePricing, normative: Mapping[str, float] | None = None
) -> RouteMargins:
    """The margin build-up of one route.

    Args:
        pricing: the route's [`RoutePricing`][channelvalue.RoutePricing].
        normative: member -> normative profit share (e.g. an
            [`EfficiencyTemplate`][channelvalue.mapping.EfficiencyTemplate]'s
            `normative_share`); rescaled over the route's members, who get 0 when missing.

    Raises:
        WrongTypeError: `pricing` is not a RoutePricing.

    Examples:
        >>> import channelvalue as cv
        >>> p = cv.RoutePricing("rt", steward="acme", list_price=100, levels=[
        ...     cv.PriceLevel("dist", buy=60, sell=66),
        ...     cv.PriceLevel("r1", buy=66, sell=85, rebate=2)])
        >>> r = route_margins(p, {"acme": 0.3, "dist": 0.35, "r1": 0.35})
        >>> [round(s, 4) for s in r.shares], r.normative
        ([0.2222, 0.7778], (0.5, 0.5))
    """
    if not isinstance(pricing, RoutePricing):
        raise WrongTypeError("route_margins.pricing", pricing, "a RoutePricing")
    margins = tuple(lv.margin for lv in pricing.levels)
    total = math.fsum(margins)
    shares = tuple(_ratio(m, total) for m in margins)
    return RouteMargins(pricing, margins, shares, _normative(pricing, normative))


@attrs.frozen(repr=False)
class MarginBuildUp:
    """The margin build-up of several routes.

    Attributes:
        routes: one [`RouteMargins`][channelvalue.mapping.RouteMargins] per route, by id.

    Examples:
        >>> import channelvalue as cv
        >>> p = cv.RoutePricing("rt", steward="v", list_price=10,
        ...                     levels=[cv.PriceLevel("r", buy=7, sell=10)])
        >>> b = MarginBuildUp.of([route_margins(p)])
        >>> b, b["rt"].channel_margin
        (MarginBuildUp(routes=1, levels=1), 3.0)
    """

    routes: FrozenMap[str, RouteMargins]
    names: FrozenMap[str, str] = attrs.field(default=NO_NAMES, kw_only=True, eq=False, repr=False)

    @classmethod
    def of(cls, routes: Iterable[RouteMargins]) -> MarginBuildUp:
        """The build-up of `routes` (sorted by id)."""
        items = sorted(routes, key=lambda r: r.pricing.id)
        return cls(FrozenMap({r.pricing.id: r for r in items}))

    def __getitem__(self, route: str) -> RouteMargins:
        try:
            return self.routes[route]
        except KeyError:
            raise UnknownIdError(route, kind="route pricing", where="MarginBuildUp") from None

    def __len__(self) -> int:
        return len(self.routes)

    def __repr__(self) -> str:
        levels = sum(len(r.margins) for r in self.routes.values())
        return f"MarginBuildUp(routes={len(self.routes)}, levels={levels})"

    def to_frame(self) -> pd.DataFrame:
        """One row per route and level: route, segment, level (1 = below the steward),
        member, buy, sell, rebate, back_end, margin, percent (of the sell price),
        discount (off list), share (of the channel margin), normative, share_gap,
        end_price, list_price, steward_net, channel_margin.

        Examples:
            >>> import channelvalue as cv
            >>> p = cv.RoutePricing("rt", steward="v", list_price=10,
            ...                     levels=[cv.PriceLevel("r", buy=7, sell=10)])
            >>> MarginBuildUp.of([route_margins(p)]).to_frame().loc[0, "percent"]
            np.float64(0.3)
        """
        rs = list(self.routes.values())
        counts = [len(r.margins) for r in rs]
        levels = [lv for r in rs for lv in r.pricing.levels]

        def per_route(get: Any) -> np.ndarray[Any, Any]:
            return np.repeat(np.array([get(r) for r in rs], dtype=object), counts)

        def num(values: Iterable[float]) -> np.ndarray[Any, np.dtype[np.float64]]:
            return np.fromiter(values, dtype=np.float64, count=len(levels))

        buy = num(lv.buy for lv in levels)
        sell = num(lv.sell for lv in levels)
        margin = num(m for r in rs for m in r.margins)
        share = num(s for r in rs for s in r.shares)
        normative = num(s for r in rs for s in r.normative)
        lst = per_route(lambda r: r.pricing.list_price).astype(np.float64)
        with np.errstate(divide="ignore", invalid="ignore"):
            percent = np.where(sell > 0, margin / np.where(sell > 0, sell, 1.0), np.nan)
            discount = np.where(lst > 0, 1.0 - buy / np.where(lst > 0, lst, 1.0), np.nan)
        return make_frame(
            "MarginBuildUp.to_frame()",
            {
                "route": per_route(lambda r: r.pricing.id),
                "segment": per_route(lambda r: r.pricing.segment),
                "level": _positions(counts),
                "member": [lv.member for lv in levels],
                "buy": buy,
                "sell": sell,
                "rebate": num(lv.rebate for lv in levels),
                "back_end": num(lv.back_end for lv in levels),
                "margin": margin,
                "percent": percent,
                "discount": discount,
                "share": share,
                "normative": normative,
                "share_gap": share - normative,
                "end_price": per_route(lambda r: r.end_price).astype(np.float64),
                "list_price": lst,
                "steward_net": per_route(lambda r: r.steward_net).astype(np.float64),
                "channel_margin": per_route(lambda r: r.channel_margin).astype(np.float64),
            },
            self.names,
        )

    def _repr_html_(self) -> str:
        rows = []
        shown = 0
        for r in self.routes.values():
            for k, m in enumerate(r.members):
                if shown == _HTML_ROWS:
                    break
                lv = r.pricing.levels[k]
                norm = r.normative[k]
                rows.append(
                    f"<tr><td>{html.escape(r.pricing.id)}</td><td>{html.escape(m)}</td>"
                    f"<td>{lv.buy:.2f}</td><td>{lv.sell:.2f}</td><td>{r.margins[k]:.2f}</td>"
                    f"<td>{r.shares[k]:.1%}</td>"
                    f"<td>{'' if math.isnan(norm) else f'{norm:.1%}'}</td></tr>"
                )
                shown += 1
        total = sum(len(r.margins) for r in self.routes.values())
        more = f"<p>{total - shown} more rows: use to_frame()</p>" if total > shown else ""
        return (
            f"<div><strong>Margin build-up</strong>: {len(self.routes)} routes"
            "<table><tr><th>route</th><th>member</th><th>buy</th><th>sell</th>"
            "<th>margin</th><th>share</th><th>normative</th></tr>"
            f"{''.join(rows)}</table>{more}</div>"
        )


def margin_build_up(net: ChannelNetwork, *, routes: Iterable[str] | None = None) -> MarginBuildUp:
    """The margin build-up of the network's route pricings.

    The normative shares come from the efficiency template of the route's segment when the
    network has a [`FlowTable`][channelvalue.FlowTable] for it
    ([`segment_efficiency`][channelvalue.mapping.segment_efficiency]; from the table alone
    when it names members off the segment's routes), computed once per segment.

    Args:
        net: the network.
        routes: the ids of the route pricings to compute (default: all).

    Raises:
        UnknownIdError: an id in `routes` that is not a route pricing.
        CycleError: the supply links form a cycle (from the efficiency template).

    Examples:
        >>> import channelvalue as cv
        >>> net = cv.datasets.example()
        >>> net.add(cv.RoutePricing("rt-smb", steward="acme", segment="smb",
        ...     list_price=100, levels=[cv.PriceLevel("dist-north", buy=60, sell=66),
        ...                             cv.PriceLevel("res-07", buy=66, sell=85, rebate=2)]))
        >>> r = margin_build_up(net)["rt-smb"]
        >>> r.margins, [round(n, 4) for n in r.normative]
        ((6.0, 21.0), [0.6717, 0.3283])
    """
    group: Mapping[str, RoutePricing] = net.registry("route_pricing")
    if routes is None:
        chosen = list(group.values())
    else:
        if isinstance(routes, str):
            raise WrongTypeError("margin_build_up.routes", routes, "a list of route ids")
        chosen = []
        for ident in routes:
            if ident not in group:
                raise UnknownIdError(ident, kind="route pricing", where="margin_build_up.routes")
            chosen.append(group[ident])
    templates: dict[str, Mapping[str, float] | None] = {}
    out = []
    for p in chosen:
        seg = p.segment
        if seg is not None and seg not in templates:
            templates[seg] = _template(net, seg)
        out.append(route_margins(p, None if seg is None else templates[seg]))
    return attrs.evolve(MarginBuildUp.of(out), names=name_index(net))


def _template(net: ChannelNetwork, segment: str) -> Mapping[str, float] | None:
    table = net.flow_tables.get(segment)
    if table is None:
        return None
    try:
        return segment_efficiency(net, segment).normative_share
    except ValidationError:  # table members off the segment's routes: the table alone
        return efficiency_from_table(table).normative_share
