"""Role demarcation: who is primarily responsible for each channel flow of a segment.

From the segment's [`FlowTable`][channelvalue.FlowTable], each flow's **primary owner** is the
member with the largest share of its work. The primary is *clear* when its share is at
least `threshold` (default 0.5) **and** strictly larger than the next member's share;
otherwise the flow is a split with no clear primary (the primary reported is then the
first of the largest shares by id). A flow the table does not list at all has no owner:
nobody is accountable for it. Both cases become findings
([`Finding`][channelvalue.Finding], severity `warning`), check ids `demarcation.no_owner`
and `demarcation.no_primary`.

The **division of labour** lists, per member, its share of each flow it works on.

Examples:
    >>> import channelvalue as cv
    >>> d = demarcate(cv.datasets.example(), "smb")
    >>> d.primary["physical_possession"], [f.subjects[1] for f in d.findings]
    ('dist-north', ['negotiation', 'ordering', 'risking'])
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from .._html import frame_html
from .._optional import require_pandas
from ..errors import UnknownIdError, ValidationError
from ..model import Finding, Flow
from ..model._frozen import FrozenMap

if TYPE_CHECKING:
    import pandas as pd

    from ..core.network import ChannelNetwork

__all__ = ["Demarcation", "FlowDuty", "demarcate"]


@attrs.frozen
class FlowDuty:
    """The demarcation of one flow.

    Attributes:
        flow: the channel flow.
        weight: its weight in the flow table (0 when not listed).
        shares: member -> share of the flow's work (empty: nobody does it).
        primary: the member with the largest share (`None` when nobody does it).
        clear: True when the primary's share is >= the threshold and beats the next one.

    Examples:
        >>> FlowDuty(Flow.PAYMENT, weight=0.1, shares=FrozenMap({"d": 1.0}), primary="d",
        ...          clear=True).top_share
        1.0
    """

    flow: Flow
    weight: float = attrs.field(kw_only=True)
    shares: FrozenMap[str, float] = attrs.field(kw_only=True)
    primary: str | None = attrs.field(kw_only=True)
    clear: bool = attrs.field(kw_only=True)

    @property
    def top_share(self) -> float:
        """The primary's share (0 when nobody does the flow)."""
        return self.shares[self.primary] if self.primary is not None else 0.0


@attrs.frozen(repr=False)
class Demarcation:
    """Primary owners, division of labour and findings for one segment's flows.

    Attributes:
        segment: the segment id.
        threshold: the share a clear primary needs.
        flows: one [`FlowDuty`][channelvalue.building.FlowDuty] per [`Flow`][channelvalue.Flow], in
            flow order.
        labour: member -> flow -> share, for the flows each member works on.
        findings: flows with no owner or no clear primary, most severe first.

    Examples:
        >>> import channelvalue as cv
        >>> d = demarcate(cv.datasets.example(), "smb")
        >>> d
        <Demarcation 'smb': 5 of 8 flows with a clear primary, 3 findings>
        >>> d.primary_of("dist-north")
        ('physical_possession', 'ownership', 'financing', 'risking', 'payment')
    """

    segment: str
    threshold: float
    flows: tuple[FlowDuty, ...]
    labour: FrozenMap[str, FrozenMap[Flow, float]]
    findings: tuple[Finding, ...]

    @property
    def primary(self) -> FrozenMap[str, str | None]:
        """flow value -> primary owner (`None` when nobody does the flow).

        Examples:
            >>> import channelvalue as cv
            >>> demarcate(cv.datasets.example(), "smb").primary["promotion"]
            'acme'
        """
        return FrozenMap({d.flow.value: d.primary for d in self.flows})

    def primary_of(self, member: str) -> tuple[str, ...]:
        """The flows (values, in flow order) whose primary is `member`."""
        return tuple(d.flow.value for d in self.flows if d.primary == member)

    def _repr_html_(self) -> str:
        """Its `repr` and the first rows of `to_frame()`, escaped (bounded in size)."""
        return frame_html(self)

    def to_frame(self) -> pd.DataFrame:
        """One row per (flow, member): weight, share, whether primary and whether clear.

        Examples:
            >>> import channelvalue as cv
            >>> f = demarcate(cv.datasets.example(), "smb").to_frame()
            >>> f[f["primary"]]["member"].tolist()[:2]
            ['dist-north', 'dist-north']
        """
        pandas = require_pandas("Demarcation.to_frame()")
        rows = [
            (d.flow.value, d.weight, m, s, m == d.primary, d.clear)
            for d in self.flows
            for m, s in sorted(d.shares.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        cols = ["flow", "weight", "member", "share", "primary", "clear"]
        frame: pd.DataFrame = pandas.DataFrame(rows, columns=cols)
        return frame

    def __repr__(self) -> str:
        clear = sum(d.clear for d in self.flows)
        return (
            f"<Demarcation {self.segment!r}: {clear} of {len(self.flows)} flows with a "
            f"clear primary, {len(self.findings)} findings>"
        )


def _finding(segment: str, duty: FlowDuty, threshold: float) -> Finding | None:
    flow = duty.flow.value
    if duty.primary is None:
        return Finding(
            "demarcation.no_owner",
            "warning",
            subjects=[segment, flow],
            message=f"{segment}: no member owns the {flow} flow; assign it to one",
            evidence={"weight": duty.weight},
        )
    if duty.clear:
        return None
    ranked = sorted(duty.shares.items(), key=lambda kv: (-kv[1], kv[0]))
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    split = ", ".join(f"{m} {s:g}" for m, s in ranked[:4])
    return Finding(
        "demarcation.no_primary",
        "warning",
        subjects=[segment, flow, *(m for m, _ in ranked[:4])],
        message=(
            f"{segment}: the {flow} flow has no clear primary ({split}); "
            f"name one member with at least {threshold:g} of it"
        ),
        evidence={"weight": duty.weight, "top_share": duty.top_share, "second_share": second},
    )


def demarcate(net: ChannelNetwork, segment: str, *, threshold: float = 0.5) -> Demarcation:
    """Primary owner per flow, division of labour and findings from a segment's flow table.

    Args:
        net: the network.
        segment: the segment id; it needs a [`FlowTable`][channelvalue.FlowTable].
        threshold: the share (in (0, 1]) a clear primary must reach.

    Raises:
        UnknownIdError: unknown segment, or no flow table for it.
        ValidationError: `threshold` outside (0, 1].

    Examples:
        >>> import channelvalue as cv
        >>> d = demarcate(cv.datasets.example(), "smb", threshold=0.4)
        >>> [f.subjects[1] for f in d.findings]
        ['negotiation', 'ordering']
    """
    ok = not isinstance(threshold, bool) and isinstance(threshold, int | float)
    if not ok or not 0.0 < float(threshold) <= 1.0:
        raise ValidationError("demarcate", "threshold", threshold, "a number in (0, 1]")
    if segment not in net.segments:
        raise UnknownIdError(segment, kind="segment", where="demarcate")
    table = net.flow_tables.get(segment)
    if table is None:
        raise UnknownIdError(
            segment, kind="flow table", where="demarcate", hint="add a FlowTable for it"
        )
    duties: list[FlowDuty] = []
    labour: dict[str, dict[Flow, float]] = {}
    for flow in Flow:
        shares = table.shares.get(flow, FrozenMap())
        ranked = sorted(shares.items(), key=lambda kv: (-kv[1], kv[0]))
        working = [(m, s) for m, s in ranked if s > 0]
        primary = working[0][0] if working else None
        top = working[0][1] if working else 0.0
        second = working[1][1] if len(working) > 1 else 0.0
        duties.append(
            FlowDuty(
                flow,
                weight=table.weights.get(flow, 0.0),
                shares=shares,
                primary=primary,
                clear=primary is not None and top >= threshold and top > second,
            )
        )
        for m, s in working:
            labour.setdefault(m, {})[flow] = s
    findings = [f for d in duties if (f := _finding(segment, d, float(threshold))) is not None]
    findings.sort(key=lambda f: f.sort_key)
    return Demarcation(
        segment=segment,
        threshold=float(threshold),
        flows=tuple(duties),
        labour=FrozenMap({m: FrozenMap(v) for m, v in labour.items()}),
        findings=tuple(findings),
    )
