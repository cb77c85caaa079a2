"""Partner segmentation: ABC classes, volume x velocity quadrants, segment focus, engagement.

Every organization except the steward is profiled:

* **ABC class** — partners sorted by revenue, largest first; a partner is `'A'` while
  the revenue share of the partners with *more* revenue than it is below
  `thresholds[0]` (0.8: the partners that make the first 80 %), `'B'` while below
  `thresholds[1]` and `'C'` after that. Partners with equal revenue share a class
  (so ids never matter). With no revenue at all, everyone is `'C'`.
* **Quadrant** — volume and velocity each split at the median over all partners; *high*
  means strictly above the median: `'star'` (high volume, high velocity), `'core'`
  (high volume, low velocity), `'emerging'` (low volume, high velocity), `'tail'`.
* **Focus** — the [`Band`][channelvalue.Band] of the segments it serves
  (`'consumer'`, `'smb'`, `'midmarket'`, `'enterprise'`), `'mixed'` when they
  differ, `'none'` when it serves no segment with a band.
* **Engagement** — the model an [`EngagementPolicy`][channelvalue.mapping.EngagementPolicy]
  recommends, next to the current one (`Organization.engagement`).

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.mapping import segment_partners
    >>> seg = segment_partners(cv.datasets.example())
    >>> p = seg.partner("res-12")
    >>> p.abc, p.quadrant, p.focus, p.recommended.value, p.current.value
    ('A', 'core', 'smb', 'dedicated', 'dedicated')
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from .._html import frame_html
from ..core.arrays import ENGAGEMENTS, ROLES, arrays
from ..core.labels import NO_NAMES, name_index
from ..errors import UnknownIdError, ValidationError, WrongTypeError
from ..metrics import fractions
from ..model import Band, EngagementModel, Role
from ..model._frozen import FrozenMap
from ._core import ARRAY_EQ, FloatArray, IntArray, make_frame, source_index
from .policy import ABC_CLASSES, FOCI, QUADRANTS, EngagementPolicy

if TYPE_CHECKING:
    import pandas as pd

    from ..core.network import ChannelNetwork

__all__ = [
    "ABC_CLASSES",  # re-exported from .policy
    "FOCI",
    "QUADRANTS",
    "EngagementPolicy",
    "PartnerProfile",
    "PartnerSegmentation",
    "segment_partners",
]


@attrs.frozen
class PartnerProfile:
    """One partner's segmentation.

    Examples:
        >>> import channelvalue as cv
        >>> segment_partners(cv.datasets.example()).partner("sys-gov").focus
        'enterprise'
    """

    id: str
    role: Role = attrs.field(kw_only=True)
    revenue: float = attrs.field(kw_only=True)
    share: float = attrs.field(kw_only=True)
    abc: str = attrs.field(kw_only=True)
    quadrant: str = attrs.field(kw_only=True)
    focus: str = attrs.field(kw_only=True)
    recommended: EngagementModel = attrs.field(kw_only=True)
    current: EngagementModel | None = attrs.field(kw_only=True)

    @property
    def fits(self) -> bool:
        """True when the current engagement model is the recommended one.

        Examples:
            >>> import channelvalue as cv
            >>> segment_partners(cv.datasets.example()).partner("res-12").fits
            True
        """
        return self.current is self.recommended


@attrs.frozen(repr=False)
class PartnerSegmentation:
    """Every partner's ABC class, quadrant, focus and engagement (recommended and current).

    Per-partner columns are numpy arrays over `ids` (sorted); use
    [`partner`][channelvalue.mapping.PartnerSegmentation.partner] for one profile and
    [`to_frame`][channelvalue.mapping.PartnerSegmentation.to_frame] for the table.

    Attributes:
        ids: partner ids, sorted (every organization except the steward).
        thresholds: the cumulative revenue shares that close classes A and B.
        volume_median, velocity_median: where the quadrants split.
        policy: the [`EngagementPolicy`][channelvalue.mapping.EngagementPolicy] used.

    Examples:
        >>> import channelvalue as cv
        >>> seg = segment_partners(cv.datasets.example())
        >>> seg
        PartnerSegmentation(partners=59, A=7, B=29, C=23, misfits=28, unassigned=0)
    """

    ids: tuple[str, ...]
    thresholds: tuple[float, float]
    volume_median: float
    velocity_median: float
    policy: EngagementPolicy
    role: IntArray = attrs.field(eq=ARRAY_EQ, hash=False)
    revenue: FloatArray = attrs.field(eq=ARRAY_EQ, hash=False)
    share: FloatArray = attrs.field(eq=ARRAY_EQ, hash=False)
    abc: IntArray = attrs.field(eq=ARRAY_EQ, hash=False)
    quadrant: IntArray = attrs.field(eq=ARRAY_EQ, hash=False)
    focus: IntArray = attrs.field(eq=ARRAY_EQ, hash=False)
    recommended: IntArray = attrs.field(eq=ARRAY_EQ, hash=False)
    current: IntArray = attrs.field(eq=ARRAY_EQ, hash=False)
    names: FrozenMap[str, str] = attrs.field(default=NO_NAMES, kw_only=True, eq=False, repr=False)

    def __len__(self) -> int:
        return len(self.ids)

    def __repr__(self) -> str:
        counts = np.bincount(self.abc, minlength=3)
        return (
            f"PartnerSegmentation(partners={len(self)}, A={counts[0]}, B={counts[1]}, "
            f"C={counts[2]}, misfits={len(self.misfits)}, unassigned={len(self.unassigned)})"
        )

    def partner(self, org: str) -> PartnerProfile:
        """The profile of one partner.

        Raises:
            UnknownIdError: `org` is not a partner (unknown, or the steward).

        Examples:
            >>> import channelvalue as cv
            >>> segment_partners(cv.datasets.example()).partner("acme-direct").abc
            'A'
        """
        i = int(np.searchsorted(np.asarray(self.ids, dtype=object), org)) if self.ids else 0
        if i >= len(self.ids) or self.ids[i] != org:
            raise UnknownIdError(org, kind="partner", where="PartnerSegmentation.partner")
        cur = int(self.current[i])
        return PartnerProfile(
            org,
            role=ROLES[int(self.role[i])],
            revenue=float(self.revenue[i]),
            share=float(self.share[i]),
            abc=ABC_CLASSES[int(self.abc[i])],
            quadrant=QUADRANTS[int(self.quadrant[i])],
            focus=FOCI[int(self.focus[i])],
            recommended=ENGAGEMENTS[int(self.recommended[i])],
            current=None if cur < 0 else ENGAGEMENTS[cur],
        )

    @property
    def misfits(self) -> tuple[str, ...]:
        """Partners whose current engagement model differs from the recommended one.

        Examples:
            >>> import channelvalue as cv
            >>> segment_partners(cv.datasets.example()).misfits[:3]
            ('age-49', 'age-51', 'age-53')
        """
        bad = (self.current >= 0) & (self.current != self.recommended)
        return tuple(self.ids[i] for i in np.flatnonzero(bad).tolist())

    @property
    def unassigned(self) -> tuple[str, ...]:
        """Partners with no current engagement model.

        Examples:
            >>> import channelvalue as cv
            >>> segment_partners(cv.datasets.example()).unassigned
            ()
        """
        return tuple(self.ids[i] for i in np.flatnonzero(self.current < 0).tolist())

    def _repr_html_(self) -> str:
        """Its `repr` and the first rows of `to_frame()`, escaped (bounded in size)."""
        return frame_html(self)

    def to_frame(self) -> pd.DataFrame:
        """One row per partner.

        Examples:
            >>> import channelvalue as cv
            >>> df = segment_partners(cv.datasets.example()).to_frame()
            >>> df.groupby("abc")["revenue"].sum().round(-5).tolist()
            [114700000.0, 21400000.0, 7100000.0]
        """
        cur = self.current
        return make_frame(
            "PartnerSegmentation.to_frame()",
            {
                "partner": list(self.ids),
                "role": np.array([r.value for r in ROLES], dtype=object)[self.role],
                "revenue": self.revenue,
                "share": self.share,
                "abc": np.array(ABC_CLASSES, dtype=object)[self.abc],
                "quadrant": np.array(QUADRANTS, dtype=object)[self.quadrant],
                "focus": np.array(FOCI, dtype=object)[self.focus],
                "recommended": np.array([e.value for e in ENGAGEMENTS], dtype=object)[
                    self.recommended
                ],
                "current": np.array([e.value for e in ENGAGEMENTS] + [None], dtype=object)[cur],
                "fits": cur == self.recommended,
            },
            self.names,
        )


def _thresholds(value: Any) -> tuple[float, float]:
    ok = (
        isinstance(value, tuple | list)
        and len(value) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
        and 0.0 < value[0] < value[1] <= 1.0
    )
    if not ok:
        raise ValidationError("segment_partners", "thresholds", value, "(a, b) with 0 < a < b <= 1")
    return float(value[0]), float(value[1])


def segment_partners(
    net: ChannelNetwork,
    *,
    policy: EngagementPolicy | None = None,
    thresholds: tuple[float, float] = (0.8, 0.95),
) -> PartnerSegmentation:
    """Profile every partner: ABC class, quadrant, focus, recommended and current engagement.

    Args:
        net: the network.
        policy: the [`EngagementPolicy`][channelvalue.mapping.EngagementPolicy] (default:
            `EngagementPolicy()`).
        thresholds: cumulative revenue shares closing classes A and B.

    Raises:
        ValidationError: bad thresholds; WrongTypeError: a policy of the wrong type.
        UnknownIdError: the network has no steward.

    Examples:
        >>> import channelvalue as cv
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add_all([cv.Organization("v", role="vendor")] + [
        ...     cv.Organization(f"p{i}", role="reseller", revenue=r)
        ...     for i, r in enumerate([60.0, 25.0, 10.0, 5.0])])
        >>> seg = segment_partners(net)   # shares before: 0, .6, .85, .95
        >>> [seg.partner(f"p{i}").abc for i in range(4)]
        ['A', 'A', 'B', 'C']
    """
    if policy is None:
        policy = EngagementPolicy()
    elif not isinstance(policy, EngagementPolicy):
        raise WrongTypeError("segment_partners.policy", policy, "an EngagementPolicy or None")
    t_a, t_b = _thresholds(thresholds)
    steward = source_index(net, None, "segment_partners")
    a = arrays(net)
    keep = np.ones(a.n_orgs, dtype=np.bool_)
    keep[steward] = False
    idx = np.flatnonzero(keep)
    revenue = a.revenue[idx]
    share = fractions(revenue)  # finite even when the sum overflows
    order = np.argsort(-revenue, kind="stable")
    ranked = share[order]
    cum_before = np.cumsum(ranked) - ranked
    # equal revenue, equal class: a tie group takes the share before its first member
    starts = np.flatnonzero(np.r_[True, revenue[order][1:] != revenue[order][:-1]])
    group = np.repeat(starts, np.diff(np.r_[starts, len(idx)]))
    before = np.empty(len(idx))
    before[order] = cum_before[group] if len(idx) else cum_before
    abc = (
        np.where(before < t_a, 0, np.where(before < t_b, 1, 2))
        if share.any()  # some revenue: else every partner is C
        else np.full(len(idx), 2)
    )
    volume, velocity = a.volume[idx], a.velocity[idx]
    v_med = float(np.median(volume)) if len(idx) else 0.0
    g_med = float(np.median(velocity)) if len(idx) else 0.0
    quadrant = np.where(volume > v_med, 0, 2) + np.where(velocity > g_med, 0, 1)
    focus = _focus(net)[idx]
    role = a.role[idx]
    dims = (len(ABC_CLASSES), len(QUADRANTS), len(FOCI), len(ROLES))
    code = np.ravel_multi_index((abc, quadrant, focus, role), dims).astype(np.int64)
    uniq, inv = np.unique(code, return_inverse=True)
    eng_code = {e: k for k, e in enumerate(ENGAGEMENTS)}
    rec = np.zeros(len(uniq), dtype=np.int64)
    for k, (c, q, f, r) in enumerate(zip(*np.unravel_index(uniq, dims), strict=True)):
        model = policy.recommend(
            abc=ABC_CLASSES[c], quadrant=QUADRANTS[q], focus=FOCI[f], role=ROLES[r]
        )
        rec[k] = eng_code[model]
    return PartnerSegmentation(
        names=name_index(net),
        ids=tuple(map(a.org_ids.__getitem__, idx.tolist())),
        thresholds=(t_a, t_b),
        volume_median=v_med,
        velocity_median=g_med,
        policy=policy,
        role=role,
        revenue=revenue,
        share=share,
        abc=abc.astype(np.int64),
        quadrant=quadrant.astype(np.int64),
        focus=focus,
        recommended=rec[inv.ravel()],
        current=a.engagement[idx],
    )


def _focus(net: ChannelNetwork) -> IntArray:
    """Per organization, an index into [`FOCI`][channelvalue.mapping.FOCI]."""
    a = arrays(net)
    ls = a.links["serves"]
    bands = list(Band)
    seg_band = np.array(
        [-1 if (b := net.segments[s].band) is None else bands.index(b) for s in a.seg_ids],
        dtype=np.int64,
    )
    band = seg_band[ls.dst] if len(ls) else np.zeros(0, dtype=np.int64)
    known = band >= 0
    lo = np.full(a.n_orgs, len(bands), dtype=np.int64)
    hi = np.full(a.n_orgs, -1, dtype=np.int64)
    np.minimum.at(lo, ls.src[known], band[known])
    np.maximum.at(hi, ls.src[known], band[known])
    out = np.where(hi < 0, FOCI.index("none"), np.where(lo == hi, lo, FOCI.index("mixed")))
    result: IntArray = out.astype(np.int64)
    return result
