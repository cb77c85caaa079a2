"""The partner scorecard's result classes and how they are built (private; the public API
is [`channelvalue.aligning.scorecard`][channelvalue.aligning.scorecard])."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

import attrs
import numpy as np

from .._optional import require_pandas
from .._text import markdown_text, visible
from .._types import FloatArray, IntArray
from ..building.tiering import TierPlacement, _find, partner_rows, place_tiers
from ..core.arrays import ENGAGEMENTS, arrays
from ..mapping import segment_partners
from ..metrics import fractions
from ..model import DEFAULT_TIER_POLICY, Finding, Role, Severity, Tier, TierPolicy

if TYPE_CHECKING:
    import pandas as pd

    from ..core.network import ChannelNetwork
    from .report import AuditReport

__all__ = ["HTML_ROWS", "PartnerReview", "Scorecard", "build_scorecard"]

HTML_ROWS = 20
"""The most rows `Scorecard._repr_html_` shows (the partners with the most revenue)."""

_SEVERITIES = ("error", "warning", "info")
_ENGAGEMENT_RANK = {"self_service": 0, "pooled": 1, "dedicated": 2}


def _money(x: float) -> str:
    ax = abs(x)
    for div, unit in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if ax >= div:
            return f"{x / div:.3g}{unit}"
    return f"{x:.3g}"


def _pct(x: float) -> str:
    return "n/a" if not np.isfinite(x) else f"{100.0 * x:.1f}%"


@attrs.frozen(slots=True)
class PartnerReview:
    """One partner's page for a business review (see
    [`Scorecard.partner`][channelvalue.aligning.Scorecard.partner]).

    `str(review)` is plain text, `to_markdown()` Markdown (every string from the data
    escaped), and a notebook shows it as HTML.

    Attributes:
        id, name, role: who the partner is.
        tier: its current tier; recommended_tier: the tier its results earn;
            short_of: the unmet minimums of the next tier up.
        manager: its manager's name ("" when none); regions: the regions it serves.
        revenue, revenue_share, rank: its revenue, share of partner revenue and rank by
            revenue among `partners` partners (1 is the largest).
        volume, velocity: unit volume and growth per year.
        resources, resource_share, resource_ratio: the investments it receives, their share
            of all investments in partners, and `resource_share / revenue_share` (NaN when it
            has no revenue).
        engagement, engagement_policy: today's engagement model and the recommended one
            ("" when unknown).
        data_feed_days: its most frequent data feed's refresh interval in days (None: no
            feed); data_kinds: what its feeds carry.
        findings: the audit's findings that name it.
        titles: the titles of the checks, by id.
    """

    id: str
    name: str
    role: Role
    tier: Tier
    recommended_tier: Tier
    short_of: tuple[str, ...]
    manager: str
    regions: tuple[str, ...]
    revenue: float
    revenue_share: float
    rank: int
    partners: int
    volume: float
    velocity: float
    resources: float
    resource_share: float
    resource_ratio: float
    engagement: str
    engagement_policy: str
    data_feed_days: float | None
    data_kinds: tuple[str, ...]
    findings: tuple[Finding, ...]
    titles: Mapping[str, str]

    @property
    def counts(self) -> dict[str, int]:
        """Its findings by severity."""
        out = dict.fromkeys(_SEVERITIES, 0)
        for f in self.findings:
            out[f.severity.value] += 1
        return out

    def _facts(self) -> list[tuple[str, str]]:
        tier = self.tier.value
        if self.recommended_tier is not self.tier:
            word = "over" if self.tier.rank > self.recommended_tier.rank else "under"
            tier += f" ({word}-tiered: its results earn {self.recommended_tier.value})"
        else:
            tier += " (matches its results)"
        if self.short_of:
            tier += f"; for the next tier: {', '.join(self.short_of)}"
        eng = self.engagement or "not recorded"
        if self.engagement_policy:
            eng += f" (policy: {self.engagement_policy})"
        feed = (
            "none"
            if self.data_feed_days is None
            else f"every {self.data_feed_days:g} days ({', '.join(self.data_kinds)})"
        )
        ratio = "n/a" if not np.isfinite(self.resource_ratio) else f"{self.resource_ratio:.2f}x"
        c = self.counts
        return [
            ("Role", self.role.value),
            ("Tier", tier),
            ("Manager", self.manager or "none"),
            ("Regions", ", ".join(self.regions) or "none"),
            (
                "Revenue",
                f"{_money(self.revenue)} ({_pct(self.revenue_share)} of partner revenue, "
                f"#{self.rank} of {self.partners})",
            ),
            ("Volume", f"{self.volume:,.0f}"),
            ("Velocity", f"{100.0 * self.velocity:+.1f}% a year"),
            (
                "Resources",
                f"{_money(self.resources)} ({_pct(self.resource_share)} of investments; "
                f"{ratio} its revenue share)",
            ),
            ("Engagement", eng),
            ("Data feed", feed),
            ("Findings", f"{c['error']} errors, {c['warning']} warnings, {c['info']} info"),
        ]

    def __str__(self) -> str:
        lines = [f"Business review: {visible(self.name)} ({visible(self.id)})"]
        width = max(len(k) for k, _ in self._facts())
        lines += [f"  {k.ljust(width)}  {visible(v)}" for k, v in self._facts()]
        for f in self.findings:
            lines.append(f"  - [{f.severity.value}] {visible(f.check)}: {visible(f.message)}")
        return "\n".join(lines)

    def to_markdown(self) -> str:
        """The review as Markdown: a facts table and the findings as a list.

        Examples:
            >>> import channelvalue as cv
            >>> from channelvalue.aligning import partner_scorecard
            >>> card = partner_scorecard(cv.datasets.example())
            >>> card.partner(card.ids[0]).to_markdown().startswith("## Business review")
            True
        """
        lines = [
            f"## Business review: {markdown_text(self.name)}",
            "",
            "| | |",
            "|---|---|",
        ]
        lines += [f"| {k} | {markdown_text(v)} |" for k, v in self._facts()]
        if self.findings:
            lines += ["", "### Findings", ""]
            lines += [
                f"- **{f.severity.value}** — {markdown_text(self.titles.get(f.check, f.check))}: "
                f"{markdown_text(f.message)}"
                for f in self.findings
            ]
        return "\n".join(lines) + "\n"

    def _repr_html_(self) -> str:
        esc = html.escape
        rows = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in self._facts())
        items = "".join(
            f"<li><b>{f.severity.value}</b> {esc(self.titles.get(f.check, f.check))}: "
            f"{esc(f.message)}</li>"
            for f in self.findings[:HTML_ROWS]
        )
        more = len(self.findings) - HTML_ROWS
        tail = f"<p>... {more:,} more findings</p>" if more > 0 else ""
        found = f"<ul>{items}</ul>{tail}" if items else ""
        return (
            f"<div><p><b>Business review: {esc(self.name)}</b></p><table>{rows}</table>"
            f"{found}</div>"
        )


@attrs.frozen(eq=False)
class Scorecard:
    """The result of [`partner_scorecard`][channelvalue.aligning.partner_scorecard]: per
    partner columns in id order (see [`to_frame`][channelvalue.aligning.Scorecard.to_frame]
    for their meaning).

    Attributes:
        network: the network's name.
        ids, names, roles: who the partners are.
        tiers: current tiers.
        placement: the [`TierPlacement`][channelvalue.building.TierPlacement].
        managers, regions: each partner's manager name ("" none) and regions.
        revenue, revenue_share, volume, velocity: what each brings.
        resources, resource_share, resource_ratio: what each gets.
        engagement, engagement_policy: engagement model today and recommended ("" unknown).
        data_feed_days: refresh interval of each partner's most frequent feed (NaN: none).
        data_kinds: what each partner's feeds carry.
        findings: per partner, the findings that name it.
        titles: check titles by id.
    """

    network: str
    ids: tuple[str, ...]
    names: tuple[str, ...]
    roles: tuple[Role, ...]
    tiers: tuple[Tier, ...]
    placement: TierPlacement
    managers: tuple[str, ...]
    regions: tuple[tuple[str, ...], ...]
    revenue: FloatArray
    revenue_share: FloatArray
    volume: FloatArray
    velocity: FloatArray
    resources: FloatArray
    resource_share: FloatArray
    resource_ratio: FloatArray
    engagement: tuple[str, ...]
    engagement_policy: tuple[str, ...]
    data_feed_days: FloatArray
    data_kinds: tuple[tuple[str, ...], ...]
    findings: tuple[tuple[Finding, ...], ...]
    titles: Mapping[str, str]

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self) -> Iterator[PartnerReview]:
        return (self._review(i) for i in range(len(self.ids)))

    @property
    def ranks(self) -> IntArray:
        """Per partner, its rank by revenue (1 is the largest; ties by id)."""
        order = np.lexsort((np.arange(len(self.ids)), -self.revenue))
        out = np.empty(len(self.ids), dtype=np.int64)
        out[order] = np.arange(1, len(self.ids) + 1)
        return out

    def _rank(self, i: int) -> int:
        r = self.revenue[i]
        ahead = int((self.revenue > r).sum()) + int((self.revenue[:i] == r).sum())
        return ahead + 1

    def top(self, n: int = HTML_ROWS) -> tuple[int, ...]:
        """The rows of the `n` partners with the most revenue, largest first."""
        order = np.lexsort((np.arange(len(self.ids)), -self.revenue))
        return tuple(int(i) for i in order[: max(n, 0)])

    def finding_counts(self) -> dict[str, IntArray]:
        """Per severity, per partner, how many findings name it."""
        out = {s: np.zeros(len(self.ids), dtype=np.int64) for s in _SEVERITIES}
        for i, fs in enumerate(self.findings):
            for f in fs:
                out[f.severity.value][i] += 1
        return out

    def partner(self, ident: str) -> PartnerReview:
        """One partner's [`PartnerReview`][channelvalue.aligning.PartnerReview], by id or by
        exact name.

        Raises:
            UnknownIdError: no partner with that id or name.

        Examples:
            >>> import channelvalue as cv
            >>> from channelvalue.aligning import partner_scorecard
            >>> card = partner_scorecard(cv.datasets.example())
            >>> card.partner(card.names[0]).id == card.ids[0]
            True
        """
        return self._review(_find(self.ids, self.names, ident, "Scorecard.partner"))

    def _review(self, i: int) -> PartnerReview:
        p = self.placement
        feed = float(self.data_feed_days[i])
        return PartnerReview(
            id=self.ids[i],
            name=self.names[i],
            role=self.roles[i],
            tier=self.tiers[i],
            recommended_tier=p.tier_of(int(p.recommended[i])),
            short_of=p.short_of(i),
            manager=self.managers[i],
            regions=self.regions[i],
            revenue=float(self.revenue[i]),
            revenue_share=float(self.revenue_share[i]),
            rank=self._rank(i),
            partners=len(self.ids),
            volume=float(self.volume[i]),
            velocity=float(self.velocity[i]),
            resources=float(self.resources[i]),
            resource_share=float(self.resource_share[i]),
            resource_ratio=float(self.resource_ratio[i]),
            engagement=self.engagement[i],
            engagement_policy=self.engagement_policy[i],
            data_feed_days=None if np.isnan(feed) else feed,
            data_kinds=self.data_kinds[i],
            findings=self.findings[i],
            titles=self.titles,
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per partner (needs pandas). Columns:

        `partner` (id), `name`, `role`, `tier`, `recommended_tier`, `tier_status`
        (over / under / ok), `over_tiering_cost` (benefits a year beyond what the partner's
        results earn), `manager`, `regions`, `revenue`, `revenue_share`, `volume`,
        `velocity`, `resources`, `resource_share`, `resource_ratio`, `engagement`,
        `engagement_policy`, `engagement_status` (under / over / ok / unknown),
        `data_feed_days` (NaN: no feed), `data_kinds`, `errors`, `warnings`, `info`,
        `findings_by_check` (`check: count` pairs).

        Examples:
            >>> import channelvalue as cv
            >>> from channelvalue.aligning import partner_scorecard
            >>> df = partner_scorecard(cv.datasets.example()).to_frame()
            >>> list(df.columns[:6])
            ['partner', 'name', 'role', 'tier', 'recommended_tier', 'tier_status']
        """
        pd_mod = require_pandas("Scorecard.to_frame()")
        p = self.placement
        counts = self.finding_counts()
        frame: pd.DataFrame = pd_mod.DataFrame(
            {
                "partner": list(self.ids),
                "name": list(self.names),
                "role": [r.value for r in self.roles],
                "tier": [t.value for t in self.tiers],
                "recommended_tier": [p.tier_of(int(r)).value for r in p.recommended],
                "tier_status": np.where(p.over, "over", np.where(p.under, "under", "ok")),
                "over_tiering_cost": p.costs,
                "manager": list(self.managers),
                "regions": [", ".join(r) for r in self.regions],
                "revenue": self.revenue,
                "revenue_share": self.revenue_share,
                "volume": self.volume,
                "velocity": self.velocity,
                "resources": self.resources,
                "resource_share": self.resource_share,
                "resource_ratio": self.resource_ratio,
                "engagement": list(self.engagement),
                "engagement_policy": list(self.engagement_policy),
                "engagement_status": [
                    _engagement_status(e, r)
                    for e, r in zip(self.engagement, self.engagement_policy, strict=True)
                ],
                "data_feed_days": self.data_feed_days,
                "data_kinds": [", ".join(k) for k in self.data_kinds],
                "errors": counts["error"],
                "warnings": counts["warning"],
                "info": counts["info"],
                "findings_by_check": [_by_check(fs) for fs in self.findings],
            }
        )
        return frame

    def __repr__(self) -> str:
        p = self.placement
        name = f" {self.network!r}" if self.network else ""
        flagged = sum(1 for fs in self.findings if fs)
        return (
            f"<Scorecard{name}: {len(self.ids):,} partners, {flagged:,} with findings, "
            f"{int(p.over.sum()):,} over-tiered, {int(p.under.sum()):,} under-tiered>"
        )

    def _repr_html_(self) -> str:
        esc = html.escape
        shown = self.top(HTML_ROWS)
        counts = self.finding_counts()
        head = "".join(
            f"<th>{h}</th>"
            for h in (
                "partner",
                "role",
                "tier",
                "earns",
                "manager",
                "revenue",
                "share",
                "velocity",
                "resource ratio",
                "engagement",
                "feed",
                "errors",
                "warnings",
            )
        )
        body = []
        p = self.placement
        for i in shown:
            feed = self.data_feed_days[i]
            ratio = self.resource_ratio[i]
            eng = self.engagement[i] or "?"
            if self.engagement_policy[i] and self.engagement_policy[i] != self.engagement[i]:
                eng += f" → {self.engagement_policy[i]}"
            body.append(
                f"<tr><td>{esc(self.names[i])}</td><td>{self.roles[i].value}</td>"
                f"<td>{self.tiers[i].value}</td><td>{p.tier_of(int(p.recommended[i])).value}</td>"
                f"<td>{esc(self.managers[i])}</td><td>{_money(float(self.revenue[i]))}</td>"
                f"<td>{_pct(float(self.revenue_share[i]))}</td>"
                f"<td>{100 * self.velocity[i]:+.0f}%</td>"
                f"<td>{'' if not np.isfinite(ratio) else f'{ratio:.2f}'}</td>"
                f"<td>{esc(eng)}</td><td>{'none' if np.isnan(feed) else f'{feed:g} d'}</td>"
                f"<td>{counts['error'][i]}</td><td>{counts['warning'][i]}</td></tr>"
            )
        more = len(self.ids) - len(shown)
        tail = (
            f"<p>... {more:,} more partners (to_frame() has all; partner(name) shows one)</p>"
            if more > 0
            else ""
        )
        return (
            f"<div><p><b>{esc(repr(self))}</b></p><table><tr>{head}</tr>{''.join(body)}"
            f"</table>{tail}</div>"
        )


def _engagement_status(current: str, recommended: str) -> str:
    if not current or not recommended:
        return "unknown"
    diff = _ENGAGEMENT_RANK[current] - _ENGAGEMENT_RANK[recommended]
    return "under" if diff < 0 else "over" if diff > 0 else "ok"


def _by_check(findings: tuple[Finding, ...]) -> str:
    counts = Counter(f.check for f in findings)
    return ", ".join(f"{c}: {n}" for c, n in sorted(counts.items()))


def build_scorecard(
    net: ChannelNetwork, report: AuditReport, policy: TierPolicy = DEFAULT_TIER_POLICY
) -> Scorecard:
    """The scorecard of `net` with the findings of `report` (see
    [`partner_scorecard`][channelvalue.aligning.partner_scorecard], which checks its
    arguments and runs the audit when no report is given)."""
    from .config import AuditConfig

    config = report.config if isinstance(report.config, AuditConfig) else AuditConfig()
    with net.reading():
        a = arrays(net)
        rows = partner_rows(net)
        orgs = [a.organizations[i] for i in rows]
        ids = tuple(o.id for o in orgs)
        where = {pid: k for k, pid in enumerate(ids)}
        n = len(ids)
        placement = place_tiers(net, policy)
        # what each brings
        revenue = a.revenue[rows]
        revenue_share = fractions(revenue) if n else np.zeros(0)
        # what each gets: the plan's investments in it
        resources = np.zeros(n)
        for inv in net.investments.values():
            k = where.get(inv.recipient)
            if k is not None:
                resources[k] += inv.amount
        resource_share = fractions(resources) if n else np.zeros(0)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            ratio = np.where(revenue_share > 0, resource_share / revenue_share, np.nan)
        # who manages it; what data it shares
        managers = [""] * n
        for link in sorted(net.links("reports_to"), key=lambda x: (x.source, x.target)):
            k = where.get(link.source)
            mid = getattr(link, "manager", None)
            if k is not None and mid and not managers[k] and mid in net.managers:
                managers[k] = net.managers[mid].label
        feed = np.full(n, np.nan)
        kinds: list[set[str]] = [set() for _ in range(n)]
        for link in net.links("shares_data"):
            k = where.get(link.source)
            if k is not None:
                days = float(getattr(link, "interval_days", np.nan))
                feed[k] = days if np.isnan(feed[k]) else min(feed[k], days)
                kinds[k].update(d.value for d in getattr(link, "data", ()))
        # engagement against the policy (needs a steward)
        engagement = [""] * n
        engagement_policy = [""] * n
        sid = net.steward_id
        if sid is not None and sid in net.organizations:
            seg = segment_partners(
                net, policy=config.engagement_policy, thresholds=config.abc_thresholds
            )
            for j, pid in enumerate(seg.ids):
                k = where.get(pid)
                if k is None:
                    continue
                engagement_policy[k] = ENGAGEMENTS[int(seg.recommended[j])].value
                if seg.current[j] >= 0:
                    engagement[k] = ENGAGEMENTS[int(seg.current[j])].value
        else:
            for k, o in enumerate(orgs):
                engagement[k] = o.engagement.value if o.engagement is not None else ""
        # what the audit found about it
        found: list[list[Finding]] = [[] for _ in range(n)]
        for f in report.findings:
            for s in dict.fromkeys(f.subjects):
                k = where.get(s)
                if k is not None:
                    found[k].append(f)
        order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
        return Scorecard(
            network=net.name,
            ids=ids,
            names=tuple(o.label for o in orgs),
            roles=tuple(o.role for o in orgs),
            tiers=tuple(o.tier for o in orgs),
            placement=placement,
            managers=tuple(managers),
            regions=tuple(o.regions for o in orgs),
            revenue=revenue,
            revenue_share=revenue_share,
            volume=a.volume[rows],
            velocity=a.velocity[rows],
            resources=resources,
            resource_share=resource_share,
            resource_ratio=ratio,
            engagement=tuple(engagement),
            engagement_policy=tuple(engagement_policy),
            data_feed_days=feed,
            data_kinds=tuple(tuple(sorted(k)) for k in kinds),
            findings=tuple(
                tuple(sorted(fs, key=lambda f: (order[f.severity], f.check))) for fs in found
            ),
            titles=dict(report.titles),
        )
