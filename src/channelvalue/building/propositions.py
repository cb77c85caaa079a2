"""Value propositions: which segment each claim targets, and which key segments lack one.

[`proposition_matrix`][channelvalue.building.proposition_matrix] lays out the network's value
propositions segment by segment, with their levers, owners and the owners of those levers.
[`key_segments`][channelvalue.building.key_segments] finds the segments that carry a given share of
the channel, by segment `size` or by `revenue`: segments are taken largest first (ties by id) until
their cumulative share reaches `share`; the segment that crosses the line is key.
Segment revenue is the sum of its [`Serves`][channelvalue.Serves] links' revenue; a link
without a revenue carries an even split of its organization's revenue over the segments
that organization serves. Segments worth 0 are never key.

Examples:
    >>> import channelvalue as cv
    >>> net = cv.datasets.example()
    >>> key_segments(net, by="revenue").segments
    ('enterprise', 'smb', 'midmarket')
    >>> key_segments_without_proposition(net, by="revenue")
    ('midmarket',)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, TypeAlias, get_args

import attrs
import numpy as np

from .._html import frame_html
from .._optional import require_pandas
from ..core.arrays import FloatArray, arrays
from ..errors import ValidationError
from ..model._frozen import FrozenMap

if TYPE_CHECKING:
    import pandas as pd

    from ..core.network import ChannelNetwork

__all__ = [
    "KeySegments",
    "KeySegmentsBy",
    "PropositionMatrix",
    "PropositionRow",
    "key_segments",
    "key_segments_without_proposition",
    "proposition_matrix",
]

KeySegmentsBy: TypeAlias = Literal["size", "revenue"]
"""The `by` of [`key_segments`][channelvalue.building.key_segments]: segment size or segment
revenue."""

_BY: tuple[KeySegmentsBy, ...] = get_args(KeySegmentsBy)


@attrs.frozen
class PropositionRow:
    """One value proposition in the matrix.

    Attributes:
        segment: the target segment.
        proposition: the proposition id.
        claim: what it promises.
        levers: the levers that deliver it.
        owners: the members that own it.
        lever_owners: the members that own those levers.
        evidence: how many pieces of evidence back the claim.

    Examples:
        >>> PropositionRow("smb", "vp", claim="Fast", levers=(), owners=("acme",),
        ...                lever_owners=(), evidence=1).owners
        ('acme',)
    """

    segment: str
    proposition: str
    claim: str = attrs.field(kw_only=True)
    levers: tuple[str, ...] = attrs.field(kw_only=True)
    owners: tuple[str, ...] = attrs.field(kw_only=True)
    lever_owners: tuple[str, ...] = attrs.field(kw_only=True)
    evidence: int = attrs.field(kw_only=True)


@attrs.frozen(repr=False)
class PropositionMatrix:
    """Segment x proposition x levers x owners, sorted by segment then proposition.

    Attributes:
        rows: one [`PropositionRow`][channelvalue.building.PropositionRow] per proposition.
        segments: every segment of the network, sorted.

    Examples:
        >>> import channelvalue as cv
        >>> m = proposition_matrix(cv.datasets.example())
        >>> m
        <PropositionMatrix: 3 propositions for 3 of 5 segments>
        >>> m.uncovered
        ('midmarket', 'public')
    """

    rows: tuple[PropositionRow, ...]
    segments: tuple[str, ...]

    @property
    def uncovered(self) -> tuple[str, ...]:
        """The segments with no proposition, sorted (see the class example)."""
        covered = {r.segment for r in self.rows}
        return tuple(s for s in self.segments if s not in covered)

    def for_segment(self, segment: str) -> tuple[PropositionRow, ...]:
        """The rows of one segment (empty when it has none).

        Examples:
            >>> import channelvalue as cv
            >>> proposition_matrix(cv.datasets.example()).for_segment("public")
            ()
        """
        return tuple(r for r in self.rows if r.segment == segment)

    def _repr_html_(self) -> str:
        """Its `repr` and the first rows of `to_frame()`, escaped (bounded in size)."""
        return frame_html(self)

    def to_frame(self) -> pd.DataFrame:
        """One row per proposition; list columns joined with `", "`.

        Examples:
            >>> import channelvalue as cv
            >>> proposition_matrix(cv.datasets.example()).to_frame()["segment"].tolist()
            ['enterprise', 'home-office', 'smb']
        """
        pandas = require_pandas("PropositionMatrix.to_frame()")
        names = [f.name for f in attrs.fields(PropositionRow)]
        cols = {n: [getattr(r, n) for r in self.rows] for n in names}
        for n in ("levers", "owners", "lever_owners"):
            cols[n] = [", ".join(v) for v in cols[n]]
        frame: pd.DataFrame = pandas.DataFrame(cols, columns=names)
        return frame

    def __repr__(self) -> str:
        covered = len({r.segment for r in self.rows})
        return (
            f"<PropositionMatrix: {len(self.rows)} propositions for {covered} of "
            f"{len(self.segments)} segments>"
        )


def proposition_matrix(net: ChannelNetwork) -> PropositionMatrix:
    """The network's value propositions, segment by segment.

    Examples:
        >>> import channelvalue as cv
        >>> row = proposition_matrix(cv.datasets.example()).for_segment("smb")[0]
        >>> row.levers, row.lever_owners
        (('lever-portal-deals', 'lever-regional-stock'), ('acme', 'dist-north'))
    """
    levers = net.levers
    rows = [
        PropositionRow(
            vp.segment,
            vp.id,
            claim=vp.claim,
            levers=vp.levers,
            owners=vp.owners,
            lever_owners=tuple(sorted({o for lv in vp.levers for o in levers[lv].owners})),
            evidence=len(vp.evidence),
        )
        for vp in net.propositions.values()
    ]
    rows.sort(key=lambda r: (r.segment, r.proposition))
    return PropositionMatrix(rows=tuple(rows), segments=tuple(sorted(net.segments)))


@attrs.frozen(repr=False)
class KeySegments:
    """The segments that carry `share` of the channel's size or revenue.

    Attributes:
        by: `"size"` or `"revenue"`.
        share: the share asked for.
        segments: the key segments, largest first.
        values: every segment's size or revenue.
        cumulative: for each key segment, the share of the total up to and including it.
        without_proposition: the key segments that no proposition targets, in key order.

    Examples:
        >>> import channelvalue as cv
        >>> k = key_segments(cv.datasets.example(), share=0.95)
        >>> k
        <KeySegments by size, share 0.95: home-office, smb (97.1 %)>
    """

    by: str
    share: float
    segments: tuple[str, ...]
    values: FrozenMap[str, float]
    cumulative: FrozenMap[str, float]
    without_proposition: tuple[str, ...]

    def _repr_html_(self) -> str:
        """Its `repr` and the first rows of `to_frame()`, escaped (bounded in size)."""
        return frame_html(self)

    def to_frame(self) -> pd.DataFrame:
        """One row per segment, largest first: value, share, cumulative share, key.

        Examples:
            >>> import channelvalue as cv
            >>> key_segments(cv.datasets.example()).to_frame()["key"].tolist()
            [True, False, False, False, False]
        """
        pandas = require_pandas("KeySegments.to_frame()")
        ids = sorted(self.values, key=lambda s: (-self.values[s], s))
        vals = np.array([self.values[s] for s in ids], dtype=np.float64)
        total = float(vals.sum())
        part = vals / total if total > 0 else np.zeros(len(ids))
        key = set(self.segments)
        frame: pd.DataFrame = pandas.DataFrame(
            {
                "segment": ids,
                "value": vals,
                "share": part,
                "cumulative": np.cumsum(part),
                "key": [s in key for s in ids],
            }
        )
        return frame

    def __repr__(self) -> str:
        reached = self.cumulative[self.segments[-1]] if self.segments else 0.0
        return (
            f"<KeySegments by {self.by}, share {self.share:g}: "
            f"{', '.join(self.segments) or 'none'} ({100 * reached:.1f} %)>"
        )


def _segment_values(net: ChannelNetwork, by: str) -> FloatArray:
    a = arrays(net)
    if by == "size":
        return a.seg_size
    serves = a.links["serves"]
    served = np.bincount(serves.src, minlength=a.n_orgs)
    split = a.revenue[serves.src] / np.maximum(served[serves.src], 1)
    revenue = np.where(np.isnan(a.serves_revenue), split, a.serves_revenue)
    out: FloatArray = np.bincount(serves.dst, weights=revenue, minlength=a.n_segs).astype(
        np.float64
    )
    return out


def key_segments(
    net: ChannelNetwork, *, share: float = 0.8, by: KeySegmentsBy = "size"
) -> KeySegments:
    """The fewest largest segments that carry `share` of the total `by` size or revenue.

    Args:
        net: the network.
        share: the share to reach, in (0, 1].
        by: `"size"` (`Segment.size`) or `"revenue"` (see the module docs).

    Raises:
        ValidationError: `share` outside (0, 1] or an unknown `by`.

    Examples:
        >>> import channelvalue as cv
        >>> k = key_segments(cv.datasets.example())   # 250000 / 300600 = 0.83 >= 0.8
        >>> k.segments, round(k.cumulative["home-office"], 4)
        (('home-office',), 0.8317)
    """
    ok = not isinstance(share, bool) and isinstance(share, int | float)
    if not ok or not 0.0 < float(share) <= 1.0:
        raise ValidationError("key_segments", "share", share, "a number in (0, 1]")
    if by not in _BY:
        raise ValidationError("key_segments", "by", by, f"one of {', '.join(map(repr, _BY))}")
    a = arrays(net)
    values = _segment_values(net, by)
    total = float(values.sum())
    order = np.lexsort((np.arange(a.n_segs), -values))
    chosen: list[int] = []
    if total > 0:
        reach = np.cumsum(values[order]) / total
        count = int(np.searchsorted(reach, float(share) - 1e-12, side="left")) + 1
        chosen = [int(j) for j in order[:count] if values[j] > 0]
    ids = [a.seg_ids[j] for j in chosen]
    running = np.cumsum(values[chosen]) / total if chosen else np.zeros(0)
    targeted = {vp.segment for vp in net.propositions.values()}
    return KeySegments(
        by=by,
        share=float(share),
        segments=tuple(ids),
        values=FrozenMap(dict(zip(a.seg_ids, values.tolist(), strict=True))),
        cumulative=FrozenMap(dict(zip(ids, running.tolist(), strict=True))),
        without_proposition=tuple(s for s in ids if s not in targeted),
    )


def key_segments_without_proposition(
    net: ChannelNetwork, *, share: float = 0.8, by: KeySegmentsBy = "size"
) -> tuple[str, ...]:
    """The key segments (see [`key_segments`][channelvalue.building.key_segments]) that no value
    proposition targets.

    Examples:
        >>> import channelvalue as cv
        >>> key_segments_without_proposition(cv.datasets.example(), share=0.99)
        ('midmarket',)
    """
    return key_segments(net, share=share, by=by).without_proposition
