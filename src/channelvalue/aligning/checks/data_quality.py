"""`transparency.data_quality`: can the steward trust the data its partners send?

Judged on the measures a network carries from its channel data
(`net.with_measures(...)`, filled in by the data-quality pass of
[`QualityReport.apply`][channelvalue.transactions.quality.QualityReport.apply]): per partner,
the reports its feed was expected to send, how many are late or missing, and how many of
its lines are repeated or name something the partner master does not know. Findings are
weighted by the revenue of the partners they are about; without measures the check is not
assessed.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np

from ...core.arrays import arrays
from ...model import Finding, Severity
from ..registry import register
from ._common import key_mask, labels, money, partner_mask, pct, shares, steward_index

if TYPE_CHECKING:
    from ...core.network import ChannelNetwork
    from ..config import AuditConfig

__all__ = ["MAX_BAD_LINE_SHARE", "data_quality"]

CHECK = "transparency.data_quality"

MAX_BAD_LINE_SHARE = 0.01
"""A partner whose repeated or unmatched lines are more than this share of its lines gets a
warning (less: an info); `config.options["data_quality.max_bad_line_share"]` overrides it."""


def _measures(net: ChannelNetwork) -> Any:
    m = net.measures
    return m if m is not None and m.partners else None


def needs_measures(net: ChannelNetwork) -> str | None:
    """Why the check cannot run: the network carries no channel-data measures.

    Examples:
        >>> import channelvalue as cv
        >>> needs_measures(cv.datasets.example())
        'no channel-data measures: load partner reports and use net.with_measures(...)'
    """
    if _measures(net) is None:
        return "no channel-data measures: load partner reports and use net.with_measures(...)"
    return None


def measured_coverage(net: ChannelNetwork) -> float:
    """The share of partner revenue held by the partners with measures.

    Examples:
        >>> import channelvalue as cv
        >>> measured_coverage(cv.datasets.example())
        0.0
    """
    m = _measures(net)
    if m is None:
        return 0.0
    a = arrays(net)
    seen = np.zeros(a.n_orgs, dtype=bool)
    for pid in m.partners:
        i = a.org_index.get(pid)
        if i is not None:
            seen[i] = True
    partners = partner_mask(net, a)
    if not partners.any():
        return 0.0
    share = shares(a.revenue, partners)
    total = float(share[partners].sum())
    if total <= 0:
        return float((seen & partners).sum()) / float(partners.sum())
    return min(1.0, float(share[seen & partners].sum()))


@register(
    CHECK,
    title="Partner data feeds late, missing, duplicated or unmatched",
    requires=needs_measures,
    coverage=measured_coverage,
)
def data_quality(net: ChannelNetwork, config: AuditConfig) -> Iterator[Finding]:
    """Feeds that are late or missing reports, and lines repeated or unmatched, by revenue.

    Three kinds of finding:

    - the share of partner revenue whose data has any such issue, when above zero (a
      warning about the steward, with the revenue as evidence);
    - a partner whose feed has late or missing reports (an error for key partners, a
      warning otherwise), with the counts and the expected number of reports;
    - a partner whose repeated or unmatched lines exceed
      [`MAX_BAD_LINE_SHARE`][channelvalue.aligning.checks.data_quality.MAX_BAD_LINE_SHARE] of
      its lines (a warning; an info below it).

    Shares: each partner finding, the partner's share of partner revenue; the steward's,
    the share of partner revenue with an issue.

    Examples:
        >>> import datetime as dt
        >>> import channelvalue as cv
        >>> from channelvalue.aligning import AuditConfig
        >>> from channelvalue.model.measures import ChannelMeasures, PartnerMeasure, Provenance
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add_all([cv.Organization("v", role="vendor"),
        ...     cv.Organization("a", name="Alpha", role="reseller", revenue=75),
        ...     cv.Organization("b", name="Beta", role="reseller", revenue=25)])
        >>> def pm(pid, **kw):
        ...     return PartnerMeasure(pid, volume=1, velocity=None, sell_in=0, sell_through=0,
        ...         on_hand=None, weeks_of_inventory=None, weeks_of_inventory_change=None,
        ...         sell_in_ratio=None, claims_paid=0, claims_earned=0, win_rate=None,
        ...         lines=100, **kw)
        >>> m = ChannelMeasures({"a": pm("a", expected_reports=12, missing_reports=2),
        ...                      "b": pm("b", duplicate_lines=5)},
        ...     Provenance("month", dt.date(2024, 1, 1), dt.date(2024, 12, 31),
        ...                dt.date(2024, 12, 31)))
        >>> found = list(data_quality(net.with_measures(m), AuditConfig()))
        >>> [(f.severity.value, f.subjects, f.share) for f in found]
        [('warning', ('v',), 1.0), ('error', ('a',), 0.75), ('warning', ('b',), 0.25)]
    """
    m = _measures(net)
    if m is None:
        return
    a = arrays(net)
    name = labels(net)
    partners = partner_mask(net, a)
    rev_share = shares(a.revenue, partners)
    key = key_mask(a.revenue, partners, config.key_partner_cover)
    limit = float(config.options.get("data_quality.max_bad_line_share", MAX_BAD_LINE_SHARE))

    feed_rows: list[tuple[int, Any]] = []
    line_rows: list[tuple[int, Any, float]] = []
    for pid, pm in m.partners.items():
        i = a.org_index.get(pid)
        if i is None:
            continue
        if pm.late_reports or pm.missing_reports:
            feed_rows.append((i, pm))
        bad = pm.duplicate_lines + pm.unmatched_lines
        if bad:
            line_rows.append((i, pm, bad / max(pm.lines, bad)))

    flagged = sorted({i for i, _ in feed_rows} | {i for i, _, _ in line_rows})
    if flagged:
        s = steward_index(net, a)
        share = min(1.0, math.fsum(float(rev_share[i]) for i in flagged))
        revenue = math.fsum(float(a.revenue[i]) for i in flagged)
        if s is not None and share > 0:
            yield Finding(
                CHECK,
                Severity.WARNING,
                subjects=(a.org_ids[s],),
                message=(
                    f"{pct(share)} of partner revenue ({money(revenue)}) comes from "
                    f"{len(flagged)} partner{'s' if len(flagged) != 1 else ''} whose reports "
                    "are late, missing, duplicated or unmatched: fix those feeds before "
                    "trusting their measured volume and velocity"
                ),
                evidence={"revenue_share": share, "revenue": revenue, "partners": len(flagged)},
                share=share,
            )

    for i, pm in sorted(feed_rows, key=lambda r: (-float(a.revenue[r[0]]), r[0])):
        parts = []
        if pm.missing_reports:
            parts.append(f"{pm.missing_reports} missing")
        if pm.late_reports:
            parts.append(f"{pm.late_reports} late")
        expected = f" of {pm.expected_reports} expected" if pm.expected_reports else ""
        yield Finding(
            CHECK,
            Severity.ERROR if key[i] else Severity.WARNING,
            subjects=(a.org_ids[i],),
            message=(
                f"{name[i]} ({money(a.revenue[i])} revenue): reports {' and '.join(parts)}"
                f"{expected}: chase the feed; its measured velocity rests on a gap"
            ),
            evidence={
                "late_reports": pm.late_reports,
                "missing_reports": pm.missing_reports,
                "expected_reports": pm.expected_reports,
                "revenue": float(a.revenue[i]),
            },
            share=float(rev_share[i]),
        )

    for i, pm, frac in sorted(line_rows, key=lambda r: (-float(a.revenue[r[0]]), r[0])):
        yield Finding(
            CHECK,
            Severity.WARNING if frac > limit else Severity.INFO,
            subjects=(a.org_ids[i],),
            message=(
                f"{name[i]}: {pct(frac)} of its {pm.lines:,} lines are repeated "
                f"({pm.duplicate_lines:,}) or unmatched ({pm.unmatched_lines:,}): "
                "deduplicate the feed and map its names to the partner master"
            ),
            evidence={
                "duplicate_lines": pm.duplicate_lines,
                "unmatched_lines": pm.unmatched_lines,
                "lines": pm.lines,
                "bad_line_share": frac,
            },
            share=float(rev_share[i]),
        )
