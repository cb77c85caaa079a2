"""The lever long-list: candidate operating levers derived from mapping's gaps.

[`suggest_levers`][channelvalue.building.suggest_levers] turns each *material* gap found by
[`channelvalue.mapping`][channelvalue.mapping]
into a [`Lever`][channelvalue.Lever] candidate:

- **demand side** ([`service_gaps`][channelvalue.mapping.service_gaps]): every segment need that is
  under-served segment-wide and important (importance at least `min_importance`; by
  default the segment's mean importance, mapping's key-need rule) gives a
  *satisfaction* lever. It acts at the roles that serve the segment on the route
  patterns where the need is under-served; its `impact` is `importance x gap`.
- **supply side** ([`segment_efficiency`][channelvalue.mapping.segment_efficiency], for every
  segment with a flow table): every flow whose work costs more than it would at the cheapest capable
  member (`excess > min_excess`) gives an *efficiency* lever. It acts at the members
  doing the flow now and the cheapest one; its `impact` is `weight x excess`.

Lever ids are `"suggested-<segment>-<service output or flow>"`. Suggestions are sorted
demand side first, then by impact (largest first), then by id.

Examples:
    >>> import channelvalue as cv
    >>> s = suggest_levers(cv.datasets.example())
    >>> [x.lever.id for x in s.suggestions][:2]
    ['suggested-midmarket-after_sales_service', 'suggested-enterprise-customization']
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import attrs

from .._html import frame_html
from .._optional import require_pandas
from ..errors import ValidationError
from ..mapping import segment_efficiency, service_gaps
from ..model import Lever, LeverFocus, Role

if TYPE_CHECKING:
    import pandas as pd

    from ..core.network import ChannelNetwork

__all__ = ["LeverSuggestion", "LeverSuggestions", "suggest_levers"]


@attrs.frozen
class LeverSuggestion:
    """One candidate lever and the gap it would close.

    Attributes:
        lever: the candidate [`Lever`][channelvalue.Lever] (ready for `net.add`).
        side: `"demand"` (a service-output gap) or `"supply"` (a costly flow).
        segment: the segment where the gap is.
        target: the service output (demand) or flow (supply), as its value.
        gap: demand: `demanded - delivered`; supply: the excess cost index.
        patterns: demand: the route patterns where the need is under-served.
        closes: one line saying which gap the lever closes.

    Examples:
        >>> import channelvalue as cv
        >>> s = suggest_levers(cv.datasets.example()).for_segment("smb")[0]
        >>> s.side, s.target, [r.value for r in s.lever.roles]
        ('demand', 'spatial_convenience', ['reseller', 'msp', 'agent'])
    """

    lever: Lever
    side: str = attrs.field(kw_only=True)
    segment: str = attrs.field(kw_only=True)
    target: str = attrs.field(kw_only=True)
    gap: float = attrs.field(kw_only=True)
    patterns: tuple[str, ...] = attrs.field(default=(), kw_only=True)
    closes: str = attrs.field(kw_only=True)


@attrs.frozen(repr=False)
class LeverSuggestions:
    """The lever long-list.

    Attributes:
        suggestions: every [`LeverSuggestion`][channelvalue.building.LeverSuggestion], in the
            documented order.

    Examples:
        >>> import channelvalue as cv
        >>> suggest_levers(cv.datasets.example())
        <LeverSuggestions: 5 satisfaction and 3 efficiency candidates>
    """

    suggestions: tuple[LeverSuggestion, ...]

    @property
    def levers(self) -> tuple[Lever, ...]:
        """The candidate levers alone (`net.add_all(s.levers)` adds them).

        Examples:
            >>> import channelvalue as cv
            >>> net = cv.datasets.example()
            >>> net.add_all(suggest_levers(net).levers)
            >>> len(net.levers)
            12
        """
        return tuple(s.lever for s in self.suggestions)

    def for_segment(self, segment: str) -> tuple[LeverSuggestion, ...]:
        """The suggestions for one segment, in order.

        Examples:
            >>> import channelvalue as cv
            >>> [x.target for x in suggest_levers(cv.datasets.example()).for_segment("smb")]
            ['spatial_convenience', 'lot_size', 'physical_possession', 'financing', 'promotion']
        """
        return tuple(s for s in self.suggestions if s.segment == segment)

    def _repr_html_(self) -> str:
        """Its `repr` and the first rows of `to_frame()`, escaped (bounded in size)."""
        return frame_html(self)

    def to_frame(self) -> pd.DataFrame:
        """One row per suggestion: id, side, segment, target, gap, impact, roles, members.

        Examples:
            >>> import channelvalue as cv
            >>> suggest_levers(cv.datasets.example()).to_frame()["side"].tolist()[-1]
            'supply'
        """
        pandas = require_pandas("LeverSuggestions.to_frame()")
        frame: pd.DataFrame = pandas.DataFrame(
            {
                "lever": [s.lever.id for s in self.suggestions],
                "side": [s.side for s in self.suggestions],
                "segment": [s.segment for s in self.suggestions],
                "target": [s.target for s in self.suggestions],
                "gap": [s.gap for s in self.suggestions],
                "impact": [s.lever.impact for s in self.suggestions],
                "roles": [", ".join(r.value for r in s.lever.roles) for s in self.suggestions],
                "members": [", ".join(s.lever.members) for s in self.suggestions],
                "closes": [s.closes for s in self.suggestions],
            }
        )
        return frame

    def __repr__(self) -> str:
        demand = sum(s.side == "demand" for s in self.suggestions)
        return (
            f"<LeverSuggestions: {demand} satisfaction and "
            f"{len(self.suggestions) - demand} efficiency candidates>"
        )


def _demand(
    net: ChannelNetwork, tolerance: float, min_importance: float | None
) -> list[LeverSuggestion]:
    gaps = service_gaps(net, tolerance=tolerance)
    under: dict[tuple[str, str], list[str]] = {}
    for row in gaps.patterns:
        if row.status == "under" and row.pattern is not None:
            under.setdefault((row.segment, row.output.value), []).append(row.pattern)
    out = []
    for row in gaps.underserved(min_importance=min_importance):
        output = row.output.value
        patterns = tuple(sorted(under.get((row.segment, output), [])))
        roles = sorted({p.split(">")[-1] for p in patterns})
        out.append(
            LeverSuggestion(
                Lever(
                    f"suggested-{row.segment}-{output}",
                    change=f"Raise {output} for {row.segment} to its demanded level",
                    acts_on=LeverFocus.SATISFACTION,
                    roles=[Role(r) for r in roles],
                    impact=row.importance * row.gap,
                ),
                side="demand",
                segment=row.segment,
                target=output,
                gap=row.gap,
                patterns=patterns,
                closes=(
                    f"{row.segment} is under-served on {output}: delivered "
                    f"{row.delivered:.2f} against {row.demanded:.2f} demanded"
                ),
            )
        )
    return out


def _supply(net: ChannelNetwork, min_excess: float) -> list[LeverSuggestion]:
    out = []
    orgs = net.organizations
    for segment in sorted(net.flow_tables):
        table = net.flow_tables[segment]
        for gap in segment_efficiency(net, segment).supply:
            if not gap.excess > min_excess:
                continue
            flow = gap.flow.value
            doing = [m for m, s in table.shares.get(gap.flow, {}).items() if s > 0]
            members = sorted({*doing, gap.cheapest})
            out.append(
                LeverSuggestion(
                    Lever(
                        f"suggested-{segment}-{flow}",
                        change=f"Move {flow} work in {segment} towards {gap.cheapest}",
                        acts_on=LeverFocus.EFFICIENCY,
                        roles=[orgs[m].role for m in members if m in orgs],
                        members=members,
                        impact=gap.weighted_excess,
                    ),
                    side="supply",
                    segment=segment,
                    target=flow,
                    gap=gap.excess,
                    closes=(
                        f"{segment}: {flow} costs {gap.current_cost:.3g} against "
                        f"{gap.costed_share * gap.cheapest_cost:.3g} at {gap.cheapest}"
                    ),
                )
            )
    return out


def suggest_levers(
    net: ChannelNetwork,
    *,
    tolerance: float = 0.05,
    min_importance: float | None = None,
    min_excess: float = 0.0,
) -> LeverSuggestions:
    """Candidate levers from the network's demand-side and supply-side gaps.

    Args:
        net: the network (with segment needs, capabilities and, for the supply side,
            flow tables with cost indices).
        tolerance: gaps within `+-tolerance` count as met (passed to mapping).
        min_importance: the least importance of a material need (default: each
            segment's mean importance).
        min_excess: a flow's excess cost index must be above this to be material.

    Raises:
        ValidationError: a negative or non-finite `min_excess` (and whatever mapping
            raises for a bad `tolerance` or an inconsistent flow table).

    Examples:
        >>> import channelvalue as cv
        >>> s = suggest_levers(cv.datasets.example(), min_excess=0.15)
        >>> [(x.target, x.lever.members) for x in s.suggestions if x.side == "supply"]
        [('physical_possession', ('dist-north', 'res-07', 'res-13')),
         ('financing', ('acme', 'dist-north'))]
    """
    ok = not isinstance(min_excess, bool) and isinstance(min_excess, int | float)
    if not ok or not math.isfinite(min_excess) or min_excess < 0:
        raise ValidationError("suggest_levers", "min_excess", min_excess, "a finite number >= 0")
    demand = sorted(
        _demand(net, tolerance, min_importance), key=lambda s: (-s.lever.impact, s.lever.id)
    )
    supply = sorted(_supply(net, float(min_excess)), key=lambda s: (-s.lever.impact, s.lever.id))
    return LeverSuggestions(suggestions=tuple(demand + supply))
