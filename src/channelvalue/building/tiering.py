"""Tier placement: which tier each partner's results earn under a
[`TierPolicy`][channelvalue.model.TierPolicy], who is mis-tiered, and what over-tiering costs.

A partner is *over-tiered* when its current tier is above the tier the policy recommends
(the vendor pays benefits the partner's results do not earn) and *under-tiered* when it is
below (the partner earns benefits it does not get: a risk to the relationship). The cost of
over-tiering is, summed over the over-tiered partners, the yearly cost of the benefits of
the current tier minus that of the recommended tier
([`TierBenefits.cost`][channelvalue.model.TierBenefits.cost]: MDF + discount x revenue +
other amounts).

Partners are the organizations other than the steward, the vendor's owned units and
placeholders (organizations only referred to, with no data of their own).

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.building import place_tiers
    >>> net = cv.ChannelNetwork(steward="v")
    >>> net.add_all([cv.Organization("v", role="vendor"),
    ...     cv.Organization("a", name="Alpha", role="reseller", revenue=2e5, tier="gold"),
    ...     cv.Organization("b", name="Beta", role="reseller", revenue=3e6, tier="silver")])
    >>> p = place_tiers(net)  # no partner records certifications: revenue decides
    >>> [(r.name, r.current.value, r.recommended.value) for r in p.rows()]
    [('Alpha', 'gold', 'registered'), ('Beta', 'silver', 'gold')]
    >>> p.over_tiered, p.under_tiered, p.over_tiering_cost  # 25k + 4 % of 200k
    (('a',), ('b',), 33000.0)
"""

from __future__ import annotations

import bisect
import html
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from .._types import FloatArray, IntArray
from ..core.arrays import TIERS, arrays
from ..errors import UnknownIdError, WrongTypeError
from ..model import DEFAULT_TIER_POLICY, Role, Tier, TierPolicy
from ..model.tiers import BUILTIN_METRICS
from ._format import num

if TYPE_CHECKING:
    import pandas as pd

    from ..core.network import ChannelNetwork

__all__ = ["HTML_ROWS", "TierPlacement", "TierVerdict", "place_tiers"]

HTML_ROWS = 15
"""The most rows `TierPlacement._repr_html_` shows (mis-tiered partners first)."""

_BY_RANK: tuple[Tier, ...] = tuple(sorted(Tier, key=lambda t: t.rank))
_RANK_OF_CODE = np.array([t.rank for t in TIERS], dtype=np.int64)


@attrs.frozen(slots=True)
class TierVerdict:
    """One partner's placement.

    Attributes:
        id: the partner's id.
        name: its name (the id when it has none).
        role: its role.
        current: the tier it is in today.
        recommended: the highest tier whose rule it meets.
        status: `"over"`, `"under"` or `"ok"`.
        values: the metric values the rules read (a missing attribute is NaN).
        short_of: why it is not one tier higher: the unmet minimums of the next tier up
            (`"revenue 1.2M < 5M"`), empty at the top tier.
        benefits_current: the yearly cost of the current tier's benefits.
        benefits_recommended: the yearly cost of the recommended tier's benefits.
        over_tiering_cost: `benefits_current - benefits_recommended` when over-tiered, else 0.

    Examples:
        >>> import channelvalue as cv
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add_all([cv.Organization("v", role="vendor"),
        ...              cv.Organization("a", role="msp", revenue=4e5)])
        >>> place_tiers(net).partner("a").short_of
        ('revenue 400k < 1M',)
    """

    id: str
    name: str
    role: Role
    current: Tier
    recommended: Tier
    status: str
    values: dict[str, float]
    short_of: tuple[str, ...]
    benefits_current: float
    benefits_recommended: float
    over_tiering_cost: float


def _short(x: float) -> str:
    ax = abs(x)
    for div, unit in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if ax >= div:
            return f"{x / div:.3g}{unit}"
    return f"{x:.3g}"


@attrs.frozen(eq=False)
class TierPlacement:
    """The result of [`place_tiers`][channelvalue.building.place_tiers]: one row per
    partner, in id order.

    Attributes:
        policy: the policy applied.
        ids: partner ids, sorted.
        names: their names (the id when a partner has none).
        roles: their roles.
        revenue: their revenue.
        current: per partner, the rank of its current [`Tier`][channelvalue.Tier]
            (`Tier.rank`: 0 registered .. 3 platinum).
        recommended: per partner, the rank of the recommended tier.
        metrics: the metrics the rules read, sorted.
        values: `len(ids) x len(metrics)` metric values (NaN: attribute not recorded).
        skipped: metrics left out because no partner of the network records them.
        benefits_current: per partner, the yearly cost of its current tier's benefits.
        benefits_recommended: per partner, that of the recommended tier.
    """

    policy: TierPolicy
    ids: tuple[str, ...]
    names: tuple[str, ...]
    roles: tuple[Role, ...]
    revenue: FloatArray
    current: IntArray
    recommended: IntArray
    metrics: tuple[str, ...]
    values: FloatArray
    skipped: tuple[str, ...]
    benefits_current: FloatArray
    benefits_recommended: FloatArray

    # ------------------------------------------------------------------ reading
    def __len__(self) -> int:
        return len(self.ids)

    @property
    def over(self) -> np.ndarray[Any, np.dtype[np.bool_]]:
        """Per partner, True when over-tiered."""
        return self.current > self.recommended

    @property
    def under(self) -> np.ndarray[Any, np.dtype[np.bool_]]:
        """Per partner, True when under-tiered."""
        return self.current < self.recommended

    @property
    def over_tiered(self) -> tuple[str, ...]:
        """Ids of the partners above the tier they earn."""
        return tuple(self.ids[i] for i in np.flatnonzero(self.over))

    @property
    def under_tiered(self) -> tuple[str, ...]:
        """Ids of the partners below the tier they earn."""
        return tuple(self.ids[i] for i in np.flatnonzero(self.under))

    @property
    def mis_tiered(self) -> tuple[str, ...]:
        """Ids of the over- and under-tiered partners, sorted."""
        return tuple(self.ids[i] for i in np.flatnonzero(self.current != self.recommended))

    @property
    def costs(self) -> FloatArray:
        """Per partner, the cost of its over-tiering (0 unless over-tiered)."""
        diff = self.benefits_current - self.benefits_recommended
        out: FloatArray = np.where(self.over, np.maximum(diff, 0.0), 0.0)
        return out

    @property
    def over_tiering_cost(self) -> float:
        """The yearly benefits paid beyond what the over-tiered partners earn."""
        return float(self.costs.sum())

    def tier_of(self, rank: int) -> Tier:
        """The tier of a rank (`Tier.rank`)."""
        return _BY_RANK[rank]

    def partner(self, ident: str) -> TierVerdict:
        """The placement of one partner, by id or exact name.

        Raises:
            UnknownIdError: no partner with that id or name.
        """
        i = _find(self.ids, self.names, ident, "TierPlacement.partner")
        return self._verdict(i)

    def rows(self) -> Iterator[TierVerdict]:
        """Every partner's [`TierVerdict`][channelvalue.building.TierVerdict], in id order."""
        return (self._verdict(i) for i in range(len(self.ids)))

    def _verdict(self, i: int) -> TierVerdict:
        cur, rec = int(self.current[i]), int(self.recommended[i])
        status = "over" if cur > rec else "under" if cur < rec else "ok"
        return TierVerdict(
            id=self.ids[i],
            name=self.names[i],
            role=self.roles[i],
            current=_BY_RANK[cur],
            recommended=_BY_RANK[rec],
            status=status,
            values={m: float(self.values[i, j]) for j, m in enumerate(self.metrics)},
            short_of=self.short_of(i),
            benefits_current=float(self.benefits_current[i]),
            benefits_recommended=float(self.benefits_recommended[i]),
            over_tiering_cost=(
                max(0.0, float(self.benefits_current[i] - self.benefits_recommended[i]))
                if cur > rec
                else 0.0
            ),
        )

    def short_of(self, i: int) -> tuple[str, ...]:
        """Row `i`'s unmet minimums of the next offered tier above its recommended one."""
        rec = int(self.recommended[i])
        above = [t for t in self.policy.tiers if t.rank > rec]
        if not above:
            return ()
        out = []
        for metric, minimum in self.policy.rules[above[0]].minimums.items():
            if metric in self.skipped:
                continue
            x = float(self.values[i, self.metrics.index(metric)])
            if not x >= minimum:
                shown = "not recorded" if np.isnan(x) else _short(x)
                out.append(f"{metric} {shown} < {_short(minimum)}")
        return tuple(out)

    # ------------------------------------------------------------------ output
    def to_frame(self) -> pd.DataFrame:
        """One row per partner: `partner`, `name`, `role`, `current`, `recommended`,
        `status`, one column per metric, `short_of`, `benefits_current`,
        `benefits_recommended`, `over_tiering_cost` (needs pandas).

        Examples:
            >>> import channelvalue as cv
            >>> list(place_tiers(cv.datasets.example()).to_frame().columns)[:6]
            ['partner', 'name', 'role', 'current', 'recommended', 'status']
        """
        from .._optional import require_pandas

        pd_mod = require_pandas("TierPlacement.to_frame()")
        cur = [_BY_RANK[int(r)].value for r in self.current]
        rec = [_BY_RANK[int(r)].value for r in self.recommended]
        status = np.where(self.over, "over", np.where(self.under, "under", "ok"))
        columns: dict[str, Any] = {
            "partner": list(self.ids),
            "name": list(self.names),
            "role": [r.value for r in self.roles],
            "current": cur,
            "recommended": rec,
            "status": status.tolist(),
        }
        for j, m in enumerate(self.metrics):
            columns[m] = self.values[:, j]
        columns["short_of"] = ["; ".join(self.short_of(i)) for i in range(len(self.ids))]
        columns["benefits_current"] = self.benefits_current
        columns["benefits_recommended"] = self.benefits_recommended
        columns["over_tiering_cost"] = self.costs
        frame: pd.DataFrame = pd_mod.DataFrame(columns)
        return frame

    def __repr__(self) -> str:
        return (
            f"TierPlacement(partners={len(self.ids)}, over_tiered={int(self.over.sum())}, "
            f"under_tiered={int(self.under.sum())}, "
            f"over_tiering_cost={num(self.over_tiering_cost)})"
        )

    def _repr_html_(self) -> str:
        esc = html.escape
        costs = self.costs
        mis = np.flatnonzero(self.current != self.recommended)
        # over-tiered by cost, then under-tiered by revenue
        order = mis[np.lexsort((mis, -self.revenue[mis], -costs[mis], ~self.over[mis]))]
        shown = order[:HTML_ROWS]
        head = (
            "<tr><th>partner</th><th>role</th><th>current</th><th>recommended</th>"
            "<th>short of next tier</th><th>over-tiering cost</th></tr>"
        )
        body = "".join(
            f"<tr><td>{esc(self.names[i])}</td><td>{self.roles[i].value}</td>"
            f"<td>{_BY_RANK[int(self.current[i])].value}</td>"
            f"<td>{_BY_RANK[int(self.recommended[i])].value}</td>"
            f"<td>{esc('; '.join(self.short_of(int(i))))}</td><td>{costs[i]:,.0f}</td></tr>"
            for i in shown
        )
        more = len(order) - len(shown)
        tail = f"<p>... {more:,} more mis-tiered partners (to_frame() has all)</p>" if more else ""
        skipped = (
            f"<p>Rules left out (no partner records them): {esc(', '.join(self.skipped))}</p>"
            if self.skipped
            else ""
        )
        table = f"<table>{head}{body}</table>" if len(shown) else "<p>No partner is mis-tiered.</p>"
        return f"<div><p><b>{esc(repr(self))}</b></p>{skipped}{table}{tail}</div>"


def _find(ids: tuple[str, ...], names: tuple[str, ...], ident: str, where: str) -> int:
    """The row of `ident`: an id, else a unique exact name."""
    lo = bisect.bisect_left(ids, ident)  # ids are sorted
    if lo < len(ids) and ids[lo] == ident:
        return lo
    hits = [i for i, n in enumerate(names) if n == ident]
    if len(hits) == 1:
        return hits[0]
    hint = "the name is shared by several partners: use the id" if hits else ""
    raise UnknownIdError(ident, kind="partner", where=where, hint=hint)


def partner_rows(net: ChannelNetwork) -> IntArray:
    """The array rows (`core.arrays.arrays(net)`) of the partners: organizations other than
    the steward, owned units and placeholders, in id order."""
    a = arrays(net)
    keep = ~a.owned
    sid = net.steward_id
    if sid is not None and sid in a.org_index:
        keep[a.org_index[sid]] = False
    placeholder = np.fromiter(
        (o.placeholder for o in a.organizations), dtype=np.bool_, count=a.n_orgs
    )
    out: IntArray = np.flatnonzero(keep & ~placeholder)
    return out


def place_tiers(net: ChannelNetwork, policy: TierPolicy = DEFAULT_TIER_POLICY) -> TierPlacement:
    """Place every partner under `policy`: its recommended tier against its current one.

    The recommended tier is the highest tier whose rule the partner meets (see
    the semantics under [`TierPolicy`][channelvalue.model.TierPolicy]). A rule's
    minimum on an attribute that no partner records is left out (listed in `skipped`);
    a tier left with no minimum at all is not offered.

    Args:
        net: the network.
        policy: the [`TierPolicy`][channelvalue.model.TierPolicy] (default
            [`DEFAULT_TIER_POLICY`][channelvalue.model.DEFAULT_TIER_POLICY]).

    Raises:
        WrongTypeError: `policy` is not a TierPolicy.

    Examples:
        >>> import channelvalue as cv
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add_all([cv.Organization("v", role="vendor"),
        ...     cv.Organization("a", role="msp", revenue=6e6, velocity=0.1, tier="gold",
        ...                     attributes={"certifications": 5, "deal_registrations": 30})])
        >>> place_tiers(net).partner("a").recommended.value
        'platinum'
    """
    from ..core.network import ChannelNetwork

    if not isinstance(net, ChannelNetwork):
        raise WrongTypeError("place_tiers", net, "a ChannelNetwork")
    if not isinstance(policy, TierPolicy):
        raise WrongTypeError("place_tiers.policy", policy, "a TierPolicy")
    a = arrays(net)
    rows = partner_rows(net)
    orgs = [a.organizations[i] for i in rows]
    n = len(rows)
    metrics = policy.metrics
    values = np.full((n, len(metrics)), np.nan)
    columns = {"revenue": a.revenue, "volume": a.volume, "velocity": a.velocity}
    skipped = []
    for j, m in enumerate(metrics):
        if m in BUILTIN_METRICS:
            values[:, j] = columns[m][rows]
            continue
        values[:, j] = np.fromiter(
            (o.attributes.get(m, np.nan) for o in orgs), dtype=np.float64, count=n
        )
        if n and np.isnan(values[:, j]).all():
            skipped.append(m)
    recommended = np.zeros(n, dtype=np.int64)
    for tier in policy.tiers:  # lowest first: a higher tier met overrides
        rule = {m: x for m, x in policy.rules[tier].minimums.items() if m not in skipped}
        if not rule:
            continue
        met = np.ones(n, dtype=np.bool_)
        for m, x in rule.items():
            met &= values[:, metrics.index(m)] >= x  # NaN (not recorded) is not met
        recommended[met] = tier.rank
    current = _RANK_OF_CODE[a.tier[rows]]
    revenue = a.revenue[rows]

    def cost(ranks: IntArray) -> FloatArray:
        out = np.zeros(n)
        for t in Tier:
            b = policy.benefits_of(t)
            sel = ranks == t.rank
            out[sel] = b.mdf + b.discount * revenue[sel] + sum(b.other.values())
        return out

    return TierPlacement(
        policy=policy,
        ids=tuple(o.id for o in orgs),
        names=tuple(o.label for o in orgs),
        roles=tuple(o.role for o in orgs),
        revenue=revenue,
        current=current,
        recommended=recommended,
        metrics=metrics,
        values=values,
        skipped=tuple(skipped),
        benefits_current=cost(current),
        benefits_recommended=cost(recommended),
    )
