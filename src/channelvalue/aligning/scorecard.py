"""The partner scorecard: one row per partner, what a channel manager brings to a partner
business review.

[`partner_scorecard`][channelvalue.aligning.partner_scorecard] puts side by side, per
partner: who it is (name, role, tier, manager, regions), what it brings (revenue and its
share of partner revenue, volume, velocity), what it gets (resources: the plan's
investments in it, their share of all investments in partners and the ratio of that share to
its revenue share: 1 is in proportion), how it is engaged (today's engagement model against
the one the engagement policy recommends), whether the steward sees its sales (its data
feed), what the audit found about it (findings by severity and by check) and the tier its
results earn ([`place_tiers`][channelvalue.building.place_tiers]).

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.aligning import partner_scorecard
    >>> card = partner_scorecard(cv.datasets.example())
    >>> len(card) == len(card.to_frame())
    True
    >>> round(float(card.revenue_share.sum()), 9)
    1.0
    >>> print(str(card.partner(card.ids[0])).splitlines()[0])  # doctest: +ELLIPSIS
    Business review: ...
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import WrongTypeError
from ..model import DEFAULT_TIER_POLICY, TierPolicy
from ._scorecard import HTML_ROWS, PartnerReview, Scorecard, build_scorecard
from .audit import audit
from .report import AuditReport

if TYPE_CHECKING:
    from ..core.network import ChannelNetwork
    from .registry import CheckRegistry

__all__ = ["HTML_ROWS", "PartnerReview", "Scorecard", "partner_scorecard"]


def _registry(policy: TierPolicy) -> CheckRegistry | None:
    """The default registry, or a copy whose `engagement.tiering` applies `policy`."""
    if policy == DEFAULT_TIER_POLICY:
        return None
    from .checks.tiering import CHECK_ID, TITLE, _coverage, tiering_check, tiering_inputs
    from .registry import REGISTRY

    reg = REGISTRY.copy()
    reg.register(
        CHECK_ID,
        tiering_check(policy),
        title=TITLE,
        replace=True,
        requires=tiering_inputs,
        coverage=_coverage,
    )
    return reg


def partner_scorecard(
    net: ChannelNetwork,
    report: AuditReport | None = None,
    *,
    policy: TierPolicy = DEFAULT_TIER_POLICY,
) -> Scorecard:
    """The [`Scorecard`][channelvalue.aligning.Scorecard] of every partner of `net`.

    Partners are the organizations other than the steward, owned units and placeholders.

    Args:
        net: the network.
        report: the audit whose findings the scorecard counts; when None, `net` is audited
            with every registered check (the tiering check under `policy`).
        policy: the [`TierPolicy`][channelvalue.model.TierPolicy] that gives each
            partner's recommended tier.

    Raises:
        WrongTypeError: `net`, `report` or `policy` of the wrong type.

    Examples:
        >>> import channelvalue as cv
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add_all([cv.Organization("v", role="vendor"),
        ...     cv.Organization("a", name="Alpha", role="reseller", revenue=75.0),
        ...     cv.Organization("b", name="Beta", role="reseller", revenue=25.0),
        ...     cv.Investment("i1", recipient="b", amount=10.0)])
        >>> card = partner_scorecard(net)
        >>> card.revenue_share.tolist(), card.resource_share.tolist()
        ([0.75, 0.25], [0.0, 1.0])
        >>> float(card.resource_ratio[1])  # 100 % of resources for 25 % of revenue
        4.0
    """
    from ..core.network import ChannelNetwork

    if not isinstance(net, ChannelNetwork):
        raise WrongTypeError("partner_scorecard", net, "a ChannelNetwork")
    if not isinstance(policy, TierPolicy):
        raise WrongTypeError("partner_scorecard.policy", policy, "a TierPolicy")
    if report is None:
        report = audit(net, registry=_registry(policy))
    elif not isinstance(report, AuditReport):
        raise WrongTypeError("partner_scorecard.report", report, "an AuditReport or None")
    return build_scorecard(net, report, policy)
