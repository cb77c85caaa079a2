"""Power and dependence between the steward and each partner.

Power-dependence theory (Emerson 1962) says that the power of A over B is B's
dependence on A, and that B depends on A in proportion to the value B gets through A and
in inverse proportion to B's alternatives for it. The channels literature measures each
side of a supplier-reseller pair that way (El-Ansary & Stern 1972; Heide & John 1988;
Kumar, Scheer & Steenkamp 1995), and reads a pair by two figures: the *total
interdependence* (the sum of both dependences) and the *interdependence asymmetry* (their
difference). This module measures both sides from the network:

- **the partner's dependence on the steward**: the steward's share of the partner's
  business (`Organization.steward_share`, `s`) times how hard the steward's lines are to
  replace (`1 - Organization.switching_ease`, `e`): `s * (1 - e)`. An unknown ease counts
  as 0 (the upper bound, `s`); an unknown share leaves the dependence unknown (NaN).
- **the steward's dependence on the partner**: over the segment x region *cells* the partner
  serves, the partner's revenue in each cell discounted by the other partners that cover
  the same cell, divided by the steward's revenue in those cells:
  `sum_c r_pc / (1 + a_pc) / sum_c R_c`. With no alternative in a cell the partner's
  revenue there counts in full; with one it counts half, with three a quarter. A partner
  with a large share and no alternative holds power.
- **balance** = partner's dependence - steward's dependence: above 0 the steward holds
  power over the partner (leverage), below 0 the partner holds power over the steward;
  **interdependence** = their sum.

A partner serves the cells of its regions that the segment also lists (all the
segment's when the partner lists none, its own when they share none, `*` when neither
lists any), and the revenue of a `serves` link is split evenly over its cells. Only
routed revenue counts (as in [`coverage`][channelvalue.mapping.coverage]): partners that
some supply route from the steward reaches; the steward's revenue in a cell includes its
own direct sales (steward and owned units), which are not counted as alternatives.
Partners that serve no segment themselves (a distributor that only supplies resellers)
have no cells: the steward's dependence on them is 0 here (see
[`what_if_removed`][channelvalue.mapping.what_if_removed] for the revenue behind them).

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.mapping import power_map
    >>> net = cv.ChannelNetwork(steward="v")
    >>> net.add_all([cv.Organization("v", role="vendor"),
    ...     cv.Organization("a", role="reseller", steward_share=0.8, switching_ease=0.25),
    ...     cv.Organization("b", role="reseller", steward_share=0.1),
    ...     cv.Segment("smb"), cv.Supplies("v", "a"), cv.Supplies("v", "b"),
    ...     cv.Serves("a", "smb", revenue=30.0), cv.Serves("b", "smb", revenue=10.0)])
    >>> pm = power_map(net)
    >>> pm.partner_dependence.tolist(), pm.steward_dependence.tolist()
    ([0.6000000000000001, 0.1], [0.375, 0.125])
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from ..core.arrays import arrays, factorize
from ..errors import UnknownIdError
from ._core import (
    ARRAY_EQ,
    FloatArray,
    IntArray,
    make_frame,
    path_counts,
    ranges,
    serving_revenue,
    source_index,
)

if TYPE_CHECKING:
    import pandas as pd

    from ..core.network import ChannelNetwork

__all__ = ["HTML_ROWS", "PowerMap", "PowerRow", "power_map"]

_NAN_EQ = attrs.cmp_using(eq=lambda x, y: bool(np.array_equal(x, y, equal_nan=True)))

HTML_ROWS = 20
"""The most rows `PowerMap._repr_html_` shows (by revenue at stake)."""


@attrs.frozen
class PowerRow:
    """The power and dependence of one steward-partner pair.

    Attributes:
        partner: the partner's id.
        steward_share: the steward's share of the partner's business (None: unknown).
        switching_ease: how easily the partner could replace the steward's lines (None:
            unknown, counted as 0).
        partner_dependence: the partner's dependence on the steward (None: unknown).
        steward_dependence: the steward's dependence on the partner.
        balance: `partner_dependence - steward_dependence` (None when the first is unknown).
        interdependence: their sum (None when the first is unknown).
        revenue: the steward's revenue through the partner in its cells (at stake).
        cell_revenue: the steward's revenue in the partner's cells, all members together.
        cells: the segment x region cells the partner serves.
        sole_cells: its cells where no other partner sells.
        sole_revenue: its revenue in those cells.
        alternatives: the fewest other partners in any of its cells (None: no cells).

    Examples:
        >>> r = PowerRow("a", steward_share=0.5, switching_ease=None, partner_dependence=0.5,
        ...     steward_dependence=0.2, balance=0.3, interdependence=0.7, revenue=10.0,
        ...     cell_revenue=50.0, cells=1, sole_cells=0, sole_revenue=0.0, alternatives=3)
        >>> r.holds_power
        False
    """

    partner: str
    steward_share: float | None = attrs.field(kw_only=True)
    switching_ease: float | None = attrs.field(kw_only=True)
    partner_dependence: float | None = attrs.field(kw_only=True)
    steward_dependence: float = attrs.field(kw_only=True)
    balance: float | None = attrs.field(kw_only=True)
    interdependence: float | None = attrs.field(kw_only=True)
    revenue: float = attrs.field(kw_only=True)
    cell_revenue: float = attrs.field(kw_only=True)
    cells: int = attrs.field(kw_only=True)
    sole_cells: int = attrs.field(kw_only=True)
    sole_revenue: float = attrs.field(kw_only=True)
    alternatives: int | None = attrs.field(kw_only=True)

    @property
    def holds_power(self) -> bool:
        """True when the steward depends on the partner more than the partner on it.

        Examples:
            >>> PowerRow("a", steward_share=0.1, switching_ease=None, partner_dependence=0.1,
            ...     steward_dependence=0.9, balance=-0.8, interdependence=1.0, revenue=9.0,
            ...     cell_revenue=10.0, cells=1, sole_cells=1, sole_revenue=9.0,
            ...     alternatives=0).holds_power
            True
        """
        return self.balance is not None and self.balance < 0


def _opt(x: float) -> float | None:
    return None if np.isnan(x) else float(x)


@attrs.frozen(repr=False)
class PowerMap:
    """Power and dependence for every steward-partner pair; columns in partner order.

    Attributes:
        steward: the steward's id.
        partners: the partners (organizations other than the steward and its owned units),
            sorted by id.
        steward_share: per partner, `Organization.steward_share` (NaN: unknown).
        switching_ease: per partner, `Organization.switching_ease` (NaN: unknown).
        partner_dependence: `steward_share * (1 - switching_ease)` (unknown ease as 0; NaN
            when the share is unknown).
        steward_dependence: `sum_c r_pc / (1 + a_pc) / sum_c R_c` over the partner's cells
            (0 without cells or revenue).
        revenue: the partner's routed revenue in its cells (the revenue at stake).
        cell_revenue: the steward's routed revenue in the partner's cells (`sum_c R_c`).
        cells: the number of segment x region cells the partner serves.
        sole_cells: its cells with no other partner.
        sole_revenue: its revenue in those cells.
        alternatives: the fewest other partners in any of its cells (-1: no cells).
        names: the partners' names (the id where a name is empty), as `partners`;
            shown by the plot and `to_frame()`.

    Examples:
        >>> import channelvalue as cv
        >>> pm = power_map(cv.datasets.example())
        >>> pm.assessed, len(pm.partners)
        (True, 58)
        >>> pm
        PowerMap(steward='acme', partners=58, shares_known=5, partners_holding_power=1)
    """

    steward: str
    partners: tuple[str, ...]
    steward_share: FloatArray = attrs.field(eq=_NAN_EQ, hash=False)
    switching_ease: FloatArray = attrs.field(eq=_NAN_EQ, hash=False)
    partner_dependence: FloatArray = attrs.field(eq=_NAN_EQ, hash=False)
    steward_dependence: FloatArray = attrs.field(eq=_NAN_EQ, hash=False)
    revenue: FloatArray = attrs.field(eq=_NAN_EQ, hash=False)
    cell_revenue: FloatArray = attrs.field(eq=_NAN_EQ, hash=False)
    cells: IntArray = attrs.field(eq=ARRAY_EQ, hash=False)
    sole_cells: IntArray = attrs.field(eq=ARRAY_EQ, hash=False)
    sole_revenue: FloatArray = attrs.field(eq=_NAN_EQ, hash=False)
    alternatives: IntArray = attrs.field(eq=ARRAY_EQ, hash=False)
    names: tuple[str, ...] = attrs.field(default=(), kw_only=True)

    @property
    def balance(self) -> FloatArray:
        """Per partner, `partner_dependence - steward_dependence` (> 0: the steward holds
        power; < 0: the partner does; NaN when the partner's side is unknown).

        Examples:
            >>> import channelvalue as cv
            >>> power_map(cv.datasets.example()).balance[:2].tolist()
            [nan, nan]
        """
        out: FloatArray = self.partner_dependence - self.steward_dependence
        return out

    @property
    def interdependence(self) -> FloatArray:
        """Per partner, the total interdependence `partner_dependence + steward_dependence`.

        Examples:
            >>> import channelvalue as cv
            >>> total = power_map(cv.datasets.example()).interdependence
            >>> int((~np.isnan(total)).sum())  # the five partners with a known share
            5
        """
        out: FloatArray = self.partner_dependence + self.steward_dependence
        return out

    @property
    def assessed(self) -> bool:
        """True when some partner's `steward_share` is known (the partner side is measured).

        Examples:
            >>> import channelvalue as cv
            >>> power_map(cv.datasets.example()).assessed  # five partners have a share
            True
        """
        return bool((~np.isnan(self.steward_share)).any())

    def __len__(self) -> int:
        return len(self.partners)

    def __iter__(self) -> Iterator[PowerRow]:
        return (self._row(i) for i in range(len(self.partners)))

    def row(self, partner: str) -> PowerRow:
        """The [`PowerRow`][channelvalue.mapping.PowerRow] of one partner.

        Raises:
            UnknownIdError: `partner` is not a partner of the map.

        Examples:
            >>> import channelvalue as cv
            >>> power_map(cv.datasets.example()).row("sys-gov").sole_cells
            1
        """
        i = int(np.searchsorted(self.partners, partner)) if type(partner) is str else -1
        if not 0 <= i < len(self.partners) or self.partners[i] != partner:
            raise UnknownIdError(partner, kind="partner", where="PowerMap.row")
        return self._row(i)

    def _row(self, i: int) -> PowerRow:
        pd_, sd = float(self.partner_dependence[i]), float(self.steward_dependence[i])
        alt = int(self.alternatives[i])
        return PowerRow(
            self.partners[i],
            steward_share=_opt(self.steward_share[i]),
            switching_ease=_opt(self.switching_ease[i]),
            partner_dependence=_opt(pd_),
            steward_dependence=sd,
            balance=_opt(pd_ - sd),
            interdependence=_opt(pd_ + sd),
            revenue=float(self.revenue[i]),
            cell_revenue=float(self.cell_revenue[i]),
            cells=int(self.cells[i]),
            sole_cells=int(self.sole_cells[i]),
            sole_revenue=float(self.sole_revenue[i]),
            alternatives=None if alt < 0 else alt,
        )

    def top(self, n: int = 10) -> tuple[PowerRow, ...]:
        """The `n` pairs with the most revenue at stake (then by id).

        Examples:
            >>> import channelvalue as cv
            >>> [r.partner for r in power_map(cv.datasets.example()).top(2)]
            ['res-12', 'sys-32']
        """
        order = np.lexsort((np.arange(len(self.partners)), -self.revenue))
        return tuple(self._row(int(i)) for i in order[: max(0, n)])

    def to_frame(self) -> pd.DataFrame:
        """One row per partner: every column of [`PowerRow`][channelvalue.mapping.PowerRow]
        (unknown values as NaN; `alternatives` -1 for partners without cells).

        Examples:
            >>> import channelvalue as cv
            >>> list(power_map(cv.datasets.example()).to_frame().columns)[:4]
            ['partner', 'name', 'steward_share', 'switching_ease']
        """
        return make_frame(
            "PowerMap.to_frame()",
            {
                "partner": list(self.partners),
                "name": list(self.names or self.partners),
                "steward_share": self.steward_share,
                "switching_ease": self.switching_ease,
                "partner_dependence": self.partner_dependence,
                "steward_dependence": self.steward_dependence,
                "balance": self.balance,
                "interdependence": self.interdependence,
                "revenue": self.revenue,
                "cell_revenue": self.cell_revenue,
                "cells": self.cells,
                "sole_cells": self.sole_cells,
                "sole_revenue": self.sole_revenue,
                "alternatives": self.alternatives,
            },
        )

    def __repr__(self) -> str:
        known = int((~np.isnan(self.steward_share)).sum())
        holds = int((self.balance < 0).sum())
        return (
            f"PowerMap(steward={self.steward!r}, partners={len(self.partners)}, "
            f"shares_known={known}, partners_holding_power={holds})"
        )

    def _repr_html_(self) -> str:
        rows = self.top(HTML_ROWS)

        def num(x: float | None, spec: str = ".2f") -> str:
            return "" if x is None else format(x, spec)

        head = (
            "<tr><th>partner</th><th>partner dep.</th><th>steward dep.</th><th>balance</th>"
            "<th>interdep.</th><th>revenue</th><th>alternatives</th></tr>"
        )
        body = "".join(
            f"<tr><td>{html.escape(r.partner)}</td><td>{num(r.partner_dependence)}</td>"
            f"<td>{num(r.steward_dependence)}</td><td>{num(r.balance, '+.2f')}</td>"
            f"<td>{num(r.interdependence)}</td><td>{r.revenue:,.0f}</td>"
            f"<td>{'' if r.alternatives is None else r.alternatives}</td></tr>"
            for r in rows
        )
        more = len(self.partners) - len(rows)
        tail = f"<p>... {more:,} more partners (to_frame() has all)</p>" if more > 0 else ""
        return f"<p><b>{html.escape(repr(self))}</b></p><table>{head}{body}</table>{tail}"


def _regions_in(own: tuple[str, ...], segment: tuple[str, ...]) -> tuple[str, ...]:
    """The regions an organization covers in a segment (as the conflict check reads them)."""
    if not segment:
        return own or ("*",)
    if not own:
        return segment
    return tuple(v for v in own if v in segment) or own


def _optional(values: list[float | None]) -> FloatArray:
    return np.array([np.nan if v is None else v for v in values], dtype=np.float64)


def power_map(net: ChannelNetwork) -> PowerMap:
    """Power and dependence between the steward and each of its partners.

    Every pass is an array pass: cells are numbered once per distinct (segment,
    regions) pair, then revenue, partner counts and dependences are `bincount`s over the
    (serves link, region) pairs.

    Raises:
        UnknownIdError: the network has no steward.
        CycleError: the supply links form a cycle.

    Examples:
        >>> import channelvalue as cv
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add_all([cv.Organization("v", role="vendor"),
        ...     cv.Organization("a", role="reseller", steward_share=0.9),
        ...     cv.Organization("b", role="reseller", steward_share=0.05),
        ...     cv.Segment("smb"), cv.Segment("ent"),
        ...     cv.Supplies("v", "a"), cv.Supplies("v", "b"),
        ...     cv.Serves("a", "smb", revenue=50.0), cv.Serves("b", "smb", revenue=50.0),
        ...     cv.Serves("b", "ent", revenue=100.0)])
        >>> pm = power_map(net)   # b: (50/2 + 100/1) / (100 + 100)
        >>> pm.steward_dependence.tolist(), pm.balance.round(3).tolist()
        ([0.25, 0.625], [0.65, -0.575])
    """
    src = source_index(net, None, "power_map")
    a = arrays(net)
    orgs = a.organizations
    n = a.n_orgs
    partner = ~a.owned
    partner[src] = False
    share = _optional(list(map(attrgetter("steward_share"), orgs)))
    ease = _optional(list(map(attrgetter("switching_ease"), orgs)))
    partner_dep = share * (1.0 - np.nan_to_num(ease, nan=0.0))

    paths = path_counts(net, src)
    ls = a.links["serves"]
    links = np.flatnonzero(paths[ls.src] > 0)
    rev = serving_revenue(net)[links]
    org, seg = ls.src[links], ls.dst[links]

    # cells: number the distinct (segment, regions tuple) groups, expand each to its regions
    rcode, reg_tuples = factorize(list(map(attrgetter("regions"), orgs)))
    key = seg * max(1, len(reg_tuples)) + rcode[org]
    groups, inverse = np.unique(key, return_inverse=True)
    region_ids: dict[str, int] = {}
    flat: list[int] = []
    starts = np.zeros(len(groups) + 1, dtype=np.int64)
    segments = net.segments
    for g, code in enumerate(groups.tolist()):
        s, r = divmod(code, max(1, len(reg_tuples)))
        cover = _regions_in(reg_tuples[r], segments[a.seg_ids[s]].regions)
        flat.extend(region_ids.setdefault(x, len(region_ids)) for x in cover)
        starts[g + 1] = len(flat)
    flat_regions = np.array(flat, dtype=np.int64)
    width = (starts[1:] - starts[:-1])[inverse]
    pair_org = np.repeat(org, width)
    pair_rev = np.repeat(rev / np.maximum(width, 1), width)
    pair_region = flat_regions[ranges(starts[:-1][inverse], starts[1:][inverse])]
    cell_key = np.repeat(seg, width) * max(1, len(region_ids)) + pair_region
    _, cell = np.unique(cell_key, return_inverse=True)
    n_cells = int(cell.max()) + 1 if len(cell) else 0

    cell_total = np.bincount(cell, weights=pair_rev, minlength=n_cells)
    is_partner = partner[pair_org]
    in_cell = np.bincount(cell, weights=is_partner, minlength=n_cells)
    alt = in_cell[cell] - is_partner  # other partners in the pair's cell
    sole = alt == 0

    def per_org(weights: Any) -> FloatArray:
        return np.bincount(pair_org, weights=weights, minlength=n).astype(np.float64)

    revenue = per_org(pair_rev)
    cell_revenue = per_org(cell_total[cell])
    held = per_org(pair_rev / (1.0 + alt))
    with np.errstate(invalid="ignore", divide="ignore"):
        steward_dep = np.where(cell_revenue > 0, held / cell_revenue, 0.0)
    fewest = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(fewest, pair_org, alt.astype(np.int64))
    cells = np.bincount(pair_org, minlength=n).astype(np.int64)
    fewest[cells == 0] = -1

    keep = np.flatnonzero(partner)

    def ro(x: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        out = np.ascontiguousarray(x[keep])
        out.flags.writeable = False
        return out

    return PowerMap(
        steward=a.org_ids[src],
        partners=tuple(a.org_ids[i] for i in keep.tolist()),
        names=tuple(map(attrgetter("label"), map(a.organizations.__getitem__, keep.tolist()))),
        steward_share=ro(share),
        switching_ease=ro(ease),
        partner_dependence=ro(partner_dep),
        steward_dependence=ro(steward_dep),
        revenue=ro(revenue),
        cell_revenue=ro(cell_revenue),
        cells=ro(cells),
        sole_cells=ro(np.bincount(pair_org, weights=sole, minlength=n).astype(np.int64)),
        sole_revenue=ro(per_org(pair_rev * sole)),
        alternatives=ro(fewest),
    )
