"""Compensation proposals: pay each member by the work it does in the channel.

For one segment, mapping's efficiency template
([`channelvalue.mapping.segment_efficiency`][channelvalue.mapping.segment_efficiency]) gives each
member's **normative profit share** (flow weights x the member's share of each flow) and its
**actual share** (its [`Margin`][channelvalue.Margin]; 0 without one). Given the segment's total
`channel_margin` (money, or any unit), `compensation` proposes `normative share x channel_margin`
per member and sets it next to the actual `actual share x channel_margin` and the `change` (proposed
- actual).

Examples:
    >>> import channelvalue as cv
    >>> t = compensation(cv.datasets.example(), "smb", channel_margin=1_000_000)
    >>> r = t.row("dist-north")   # normative 0.445, actual 0.22
    >>> r.proposed, r.actual, r.change
    (445000.0, 220000.0, 225000.0)
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import attrs

from .._html import frame_html
from .._optional import require_pandas
from ..errors import UnknownIdError, ValidationError
from ..mapping import segment_efficiency
from ._format import num

if TYPE_CHECKING:
    import pandas as pd

    from ..core.network import ChannelNetwork

__all__ = ["CompensationRow", "CompensationTable", "compensation"]


@attrs.frozen
class CompensationRow:
    """What one member earns now and would earn by its normative share.

    Attributes:
        member: the organization id.
        role: its role (value), or `""` if it is not an organization of the network.
        normative_share: its normative profit share (from the flow table).
        actual_share: its actual margin share (0 without a margin).
        proposed: `normative_share x channel_margin`.
        actual: `actual_share x channel_margin`.
        change: `proposed - actual` (positive: it is under-paid today).

    Examples:
        >>> CompensationRow("r1", role="reseller", normative_share=0.2, actual_share=0.3,
        ...                 proposed=20.0, actual=30.0, change=-10.0).change
        -10.0
    """

    member: str
    role: str = attrs.field(kw_only=True)
    normative_share: float = attrs.field(kw_only=True)
    actual_share: float = attrs.field(kw_only=True)
    proposed: float = attrs.field(kw_only=True)
    actual: float = attrs.field(kw_only=True)
    change: float = attrs.field(kw_only=True)


@attrs.frozen(repr=False)
class CompensationTable:
    """The compensation table of one segment, one row per flow-table member (by id).

    Attributes:
        segment: the segment id.
        channel_margin: the total margin shared.
        rows: one [`CompensationRow`][channelvalue.building.CompensationRow] per member, sorted by
            member id.

    Examples:
        >>> import channelvalue as cv
        >>> compensation(cv.datasets.example(), "smb", channel_margin=100)
        <CompensationTable 'smb': margin 100 over 4 members; largest change dist-north +22.5>
    """

    segment: str
    channel_margin: float
    rows: tuple[CompensationRow, ...]

    @property
    def total_proposed(self) -> float:
        """The sum of the proposals (the channel margin, as normative shares sum to 1).

        Examples:
            >>> import channelvalue as cv
            >>> t = compensation(cv.datasets.example(), "smb", channel_margin=50)
            >>> round(t.total_proposed, 9)
            50.0
        """
        return math.fsum(r.proposed for r in self.rows)

    @property
    def total_actual(self) -> float:
        """The sum of what members earn today (below the margin if shares miss some).

        Examples:
            >>> import channelvalue as cv
            >>> round(compensation(cv.datasets.example(), "smb", channel_margin=50).total_actual, 9)
            50.0
        """
        return math.fsum(r.actual for r in self.rows)

    def row(self, member: str) -> CompensationRow:
        """The row of `member`.

        Raises:
            UnknownIdError: `member` is not in the segment's flow table.

        Examples:
            >>> import channelvalue as cv
            >>> compensation(cv.datasets.example(), "smb", channel_margin=1).row("acme").role
            'vendor'
        """
        for r in self.rows:
            if r.member == member:
                return r
        raise UnknownIdError(member, kind="member", where=f"CompensationTable[{self.segment!r}]")

    def _repr_html_(self) -> str:
        """Its `repr` and the first rows of `to_frame()`, escaped (bounded in size)."""
        return frame_html(self)

    def to_frame(self) -> pd.DataFrame:
        """One row per member with every column of
        [`CompensationRow`][channelvalue.building.CompensationRow].

        Examples:
            >>> import channelvalue as cv
            >>> t = compensation(cv.datasets.example(), "smb", channel_margin=100)
            >>> t.to_frame()["change"].round(2).tolist()
            [-18.0, 22.5, -8.25, 3.75]
        """
        pandas = require_pandas("CompensationTable.to_frame()")
        names = [f.name for f in attrs.fields(CompensationRow)]
        frame: pd.DataFrame = pandas.DataFrame(
            {n: [getattr(r, n) for r in self.rows] for n in names}, columns=names
        )
        return frame

    def __repr__(self) -> str:
        largest = max(self.rows, key=lambda r: (abs(r.change), r.member), default=None)
        tail = (
            f"; largest change {largest.member} {num(largest.change, sign=True)}" if largest else ""
        )
        return (
            f"<CompensationTable {self.segment!r}: margin {num(self.channel_margin)} over "
            f"{len(self.rows)} members{tail}>"
        )


def compensation(net: ChannelNetwork, segment: str, *, channel_margin: float) -> CompensationTable:
    """Margin per member by normative profit share, next to the actual margin and the change.

    Args:
        net: the network; the segment needs a flow table (margins are optional).
        segment: the segment id.
        channel_margin: the segment's total channel margin to share (finite, >= 0).

    Raises:
        ValidationError: a negative or non-finite `channel_margin` (and whatever
            [`segment_efficiency`][channelvalue.mapping.segment_efficiency] raises).
        UnknownIdError: unknown segment, or no flow table for it.

    Examples:
        >>> import channelvalue as cv
        >>> t = compensation(cv.datasets.example(), "smb", channel_margin=1000)
        >>> [(r.member, r.proposed) for r in t.rows][:2]     # 0.12 x 1000, 0.445 x 1000
        [('acme', 120.0), ('dist-north', 445.0)]
    """
    ok = not isinstance(channel_margin, bool) and isinstance(channel_margin, int | float)
    if not ok or not math.isfinite(channel_margin) or channel_margin < 0:
        raise ValidationError(
            "compensation", "channel_margin", channel_margin, "a finite number >= 0"
        )
    margin = float(channel_margin)
    template = segment_efficiency(net, segment)
    actual = template.actual_share
    orgs = net.organizations
    rows = []
    for member in sorted(template.normative_share):
        normative = template.normative_share[member]
        held = actual[member] if actual is not None else 0.0
        org = orgs.get(member)
        proposed = normative * margin
        rows.append(
            CompensationRow(
                member,
                role=org.role.value if org is not None else "",
                normative_share=normative,
                actual_share=held,
                proposed=proposed,
                actual=held * margin,
                change=proposed - held * margin,
            )
        )
    return CompensationTable(segment=segment, channel_margin=margin, rows=tuple(rows))
