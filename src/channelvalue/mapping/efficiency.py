"""The efficiency template: who does the channel's work, and who should earn what.

A [`FlowTable`][channelvalue.FlowTable] gives each channel flow a weight (its share of
the value added; weights sum to 1) and, per flow, each member's share of the work (shares
sum to 1). Then

* a member's **normative profit share** is `sum over flows of weight x member's share`
  (the normative shares sum to 1; they are rescaled to sum to 1 exactly, since a table's
  weights and shares may each be off by [`SHARE_TOLERANCE`][channelvalue.model.SHARE_TOLERANCE]);
* its **actual share** is its margin share ([`Margin`][channelvalue.Margin]; members
  without a margin get 0, and a member with a margin but no work in the table is listed
  with a normative share of 0 — paid for no flow work); the **share gap** (equity
  gap) is `actual share - normative share`;
* the **supply-side gap** of a flow compares the cost of the current division of work,
  `sum(share x cost index)` over the members that have a cost index, with the same work
  done entirely by the cheapest capable member (the lowest cost index listed for the flow):
  `excess = current - costed_share x cheapest`. Flows without cost indices are skipped.

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.mapping import segment_efficiency
    >>> t = segment_efficiency(cv.datasets.example(), "smb")
    >>> round(t.normative_share["dist-north"], 6), t.actual_share["dist-north"]
    (0.445, 0.22)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import attrs
import numpy as np

from .._html import frame_html
from ..core.arrays import arrays
from ..core.labels import NO_NAMES, name_index
from ..errors import UnknownIdError, ValidationError, WrongTypeError
from ..model import Flow, FlowTable, Margin
from ..model._frozen import FrozenMap
from ._core import check_segment, make_frame, path_counts, reaches, source_index

if TYPE_CHECKING:
    import pandas as pd

    from ..core.network import ChannelNetwork

__all__ = ["EfficiencyTemplate", "SupplyGap", "segment_efficiency", "efficiency_from_table"]

MarginsLike = Iterable[Margin] | Mapping[str, float]
"""What `margins` accepts: [`Margin`][channelvalue.Margin] objects or a mapping member -> share."""


@attrs.frozen
class SupplyGap:
    """The cost of one flow's current division of work against its cheapest member.

    Attributes:
        flow: the channel flow.
        weight: the flow's weight.
        current_cost: `sum(share x cost index)` over members with a cost index.
        costed_share: the share of the flow's work done by members with a cost index.
        cheapest: the member with the lowest cost index (ties: smallest id).
        cheapest_cost: its cost index.
        excess: `current_cost - costed_share x cheapest_cost` (>= 0).

    Examples:
        >>> g = SupplyGap(Flow.PROMOTION, weight=0.2, current_cost=1.2, costed_share=1.0,
        ...               cheapest="acme", cheapest_cost=1.0, excess=0.2)
        >>> round(g.weighted_excess, 6)
        0.04
    """

    flow: Flow
    weight: float = attrs.field(kw_only=True)
    current_cost: float = attrs.field(kw_only=True)
    costed_share: float = attrs.field(kw_only=True)
    cheapest: str = attrs.field(kw_only=True)
    cheapest_cost: float = attrs.field(kw_only=True)
    excess: float = attrs.field(kw_only=True)

    @property
    def weighted_excess(self) -> float:
        """`weight x excess`: the flow's contribution to the template's excess cost.

        Examples:
            >>> SupplyGap(Flow.PROMOTION, weight=0.5, current_cost=1.0, costed_share=1.0,
            ...           cheapest="a", cheapest_cost=0.8, excess=0.2).weighted_excess
            0.1
        """
        return self.weight * self.excess


@attrs.frozen(repr=False)
class EfficiencyTemplate:
    """Normative versus actual profit shares of one segment's members, and supply-side gaps.

    Attributes:
        segment: the segment id of the flow table.
        normative_share: member -> normative profit share (sums to 1).
        actual_share: member -> actual margin share (`None` when no margins were given).
        supply: per flow with cost indices, its [`SupplyGap`][channelvalue.mapping.SupplyGap], in
            flow order.

    Examples:
        >>> import channelvalue as cv
        >>> t = segment_efficiency(cv.datasets.example(), "smb")
        >>> t
        EfficiencyTemplate('smb', members=4, excess=0.10875, largest_gap=('dist-north', -0.225))
    """

    segment: str
    normative_share: FrozenMap[str, float]
    actual_share: FrozenMap[str, float] | None
    supply: tuple[SupplyGap, ...]
    names: FrozenMap[str, str] = attrs.field(default=NO_NAMES, kw_only=True, eq=False, repr=False)

    def __repr__(self) -> str:
        largest = ""
        gap = self.share_gap
        if gap:
            who = max(gap, key=lambda m: (abs(gap[m]), m))
            largest = f", largest_gap=({who!r}, {round(gap[who], 6)})"
        return (
            f"EfficiencyTemplate({self.segment!r}, members={len(self.normative_share)}, "
            f"excess={round(self.excess, 6)}{largest})"
        )

    @property
    def share_gap(self) -> FrozenMap[str, float] | None:
        """member -> `actual_share - normative_share`, the equity gap (None without margins).

        Examples:
            >>> import channelvalue as cv
            >>> round(segment_efficiency(cv.datasets.example(), "smb").share_gap["acme"], 6)
            0.18
        """
        if self.actual_share is None:
            return None
        return FrozenMap({m: self.actual_share[m] - v for m, v in self.normative_share.items()})

    @property
    def excess(self) -> float:
        """The weighted excess cost of the whole template, `sum(weight x excess)`.

        Examples:
            >>> import channelvalue as cv
            >>> round(segment_efficiency(cv.datasets.example(), "smb").excess, 6)
            0.10875
        """
        return math.fsum(g.weighted_excess for g in self.supply)

    def _repr_html_(self) -> str:
        """Its `repr` and the first rows of `to_frame()`, escaped (bounded in size)."""
        return frame_html(self)

    def to_frame(self) -> pd.DataFrame:
        """One row per member: member, normative_share, actual_share and share_gap.

        Examples:
            >>> import channelvalue as cv
            >>> segment_efficiency(cv.datasets.example(), "smb").to_frame()["member"].tolist()
            ['acme', 'dist-north', 'res-07', 'res-13']
        """
        members = list(self.normative_share)
        gap = self.share_gap
        return make_frame(
            "EfficiencyTemplate.to_frame()",
            {
                "member": members,
                "normative_share": [self.normative_share[m] for m in members],
                "actual_share": [
                    self.actual_share[m] if self.actual_share else math.nan for m in members
                ],
                "share_gap": [gap[m] if gap else math.nan for m in members],
            },
            self.names,
        )

    def supply_frame(self) -> pd.DataFrame:
        """One row per costed flow: the supply-side gap.

        Examples:
            >>> import channelvalue as cv
            >>> segment_efficiency(cv.datasets.example(), "smb").supply_frame()["cheapest"].tolist()
            ['dist-north', 'acme', 'acme']
        """
        names = [f.name for f in attrs.fields(SupplyGap)]
        cols = {n: [getattr(g, n) for g in self.supply] for n in names}
        cols["flow"] = [f.value for f in cols["flow"]]
        cols["weighted_excess"] = [g.weighted_excess for g in self.supply]
        return make_frame("EfficiencyTemplate.supply_frame()", cols, self.names)


def _actual(table: FlowTable, margins: MarginsLike) -> dict[str, float]:
    where = "efficiency_from_table.margins"
    shares: dict[str, float] = {}
    if isinstance(margins, Mapping):
        items = list(margins.items())
    elif isinstance(margins, Iterable) and not isinstance(margins, str | bytes):
        items = []
        for m in margins:
            if not isinstance(m, Margin):
                raise WrongTypeError(where, m, "Margin objects or a mapping member -> share")
            if m.segment != table.segment:
                raise ValidationError(
                    "Margin", "segment", m.segment, f"the flow table's segment {table.segment!r}"
                )
            items.append((m.member, m.share))
    else:
        raise WrongTypeError(where, margins, "Margin objects or a mapping member -> share")
    for member, share in items:
        if type(member) is not str or not member:
            raise ValidationError("margins", "member", member, "a non-empty member id")
        if member in shares:
            raise ValidationError("margins", "member", member, "one margin per member")
        if isinstance(share, bool) or not isinstance(share, int | float) or not 0.0 <= share <= 1.0:
            raise ValidationError("margins", f"[{member!r}]", share, "a share in [0, 1]")
        shares[member] = float(share)
    return shares


def efficiency_from_table(
    table: FlowTable, margins: MarginsLike | None = None
) -> EfficiencyTemplate:
    """Normative profit shares of a flow table, against actual margins where given.

    Args:
        table: the segment's [`FlowTable`][channelvalue.FlowTable].
        margins: [`Margin`][channelvalue.Margin] objects of the same segment, or a
            mapping member -> share; members without one get 0; members the table does
            not list are added with a normative share of 0.

    Raises:
        WrongTypeError: `table` is not a FlowTable, or margins of the wrong type.
        ValidationError: a margin of another segment, a repeated or empty member id, a
            share outside [0, 1].

    Examples:
        >>> from channelvalue.model import FlowTable
        >>> t = FlowTable("smb", weights={"physical_possession": 0.6, "promotion": 0.4},
        ...               shares={"physical_possession": {"dist": 1.0},
        ...                       "promotion": {"acme": 0.5, "r1": 0.5}},
        ...               costs={"promotion": {"acme": 1.0, "r1": 1.5}})
        >>> e = efficiency_from_table(t, {"dist": 0.5, "acme": 0.3, "r1": 0.2})
        >>> dict(e.normative_share)    # dist 0.6 x 1; acme 0.4 x 0.5; r1 0.4 x 0.5
        {'acme': 0.2, 'dist': 0.6, 'r1': 0.2}
        >>> e.supply[0].excess         # 0.5 x 1.0 + 0.5 x 1.5 - 1.0 x 1.0
        0.25
    """
    if not isinstance(table, FlowTable):
        raise WrongTypeError("efficiency_from_table.table", table, "a FlowTable")
    given = None if margins is None else _actual(table, margins)
    members = sorted(set(table.members) | set(given or ()))
    raw = {
        m: math.fsum(w * table.shares[f].get(m, 0.0) for f, w in table.weights.items() if w > 0)
        for m in members
    }
    total = math.fsum(raw.values())  # 1 up to the FlowTable's SHARE_TOLERANCE
    normative = FrozenMap({m: v / total for m, v in raw.items()})
    supply: list[SupplyGap] = []
    for flow in Flow:
        costs = table.costs.get(flow)
        if not costs:
            continue
        shares = table.shares.get(flow, FrozenMap())
        costed = [m for m in shares if m in costs]
        cheapest = min(costs, key=lambda m: (costs[m], m))
        current = math.fsum(shares[m] * costs[m] for m in costed)
        costed_share = math.fsum(shares[m] for m in costed)
        supply.append(
            SupplyGap(
                flow,
                weight=table.weights.get(flow, 0.0),
                current_cost=current,
                costed_share=costed_share,
                cheapest=cheapest,
                cheapest_cost=costs[cheapest],
                excess=max(0.0, current - costed_share * costs[cheapest]),
            )
        )
    actual = None if given is None else FrozenMap({m: given.get(m, 0.0) for m in members})
    return EfficiencyTemplate(
        segment=table.segment,
        normative_share=normative,
        actual_share=actual,
        supply=tuple(supply),
    )


def segment_efficiency(net: ChannelNetwork, segment: str) -> EfficiencyTemplate:
    """The efficiency template of a segment from the network's flow table and margins.

    Every member of the table must be on some route of the segment (from the steward
    through supply links to a partner that serves it): the cheapest capable member is
    sought among those. Margins come from `net.margins` for the segment.

    Raises:
        UnknownIdError: unknown segment, or no flow table for it.
        ValidationError: a table member that is on no route of the segment.

    Examples:
        >>> import channelvalue as cv
        >>> t = segment_efficiency(cv.datasets.example(), "smb")
        >>> [(g.flow.value, round(g.excess, 6)) for g in t.supply]
        [('physical_possession', 0.255), ('promotion', 0.14), ('financing', 0.16)]
    """
    si = check_segment(net, segment, "segment_efficiency.segment")
    table = net.flow_tables.get(segment)
    if table is None:
        raise UnknownIdError(
            segment, kind="flow table", where="segment_efficiency", hint="add a FlowTable for it"
        )
    a = arrays(net)
    paths = path_counts(net, source_index(net, None, "segment_efficiency"))
    ls = a.links["serves"]
    target = np.zeros(a.n_orgs, dtype=np.bool_)
    servers = ls.src[ls.dst == si]
    target[servers[paths[servers] > 0]] = True
    on_route = (paths > 0) & reaches(net, target)
    off = [m for m in table.members if m not in a.org_index or not on_route[a.org_index[m]]]
    if off:
        raise ValidationError(
            f"FlowTable[{segment!r}]",
            "members",
            off,
            f"organizations on a route of segment {segment!r} (steward -> supplies -> "
            "a partner that serves it)",
        )
    margins = [m for m in net.margins.values() if m.segment == segment]
    result = efficiency_from_table(table, margins if margins else None)
    return attrs.evolve(result, names=name_index(net))
