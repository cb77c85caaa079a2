"""The domain model: frozen, validated value objects.

Nothing here knows about graphs or JSON; the network and the I/O layer build on it.

Examples:
    >>> from channelvalue.model import Organization, Role
    >>> Organization("acme", role=Role.VENDOR).role
    <Role.VENDOR: 'vendor'>
"""

from __future__ import annotations

from ._frozen import FrozenMap
from .accounts import AccountList
from .enums import (
    Band,
    DataKind,
    EngagementModel,
    Flow,
    InvestmentKind,
    LeverFocus,
    ReportingMode,
    Role,
    ServiceOutput,
    Severity,
    Tier,
)
from .finding import Finding
from .links import LINK_KINDS, Link, ReportsTo, Serves, SharesData, Supplies
from .measures import ChannelMeasures, PartnerMeasure, Provenance
from .organizations import Manager, Need, Organization, Segment
from .plan import (
    SHARE_TOLERANCE,
    Evidence,
    FlowTable,
    Investment,
    Lever,
    Margin,
    ValueProposition,
)
from .pricing import PRICE_TOLERANCE, PriceLevel, RoutePricing
from .tiers import DEFAULT_TIER_POLICY, TierBenefits, TierPolicy, TierRule

__all__ = [
    "DEFAULT_TIER_POLICY",
    "AccountList",
    "LINK_KINDS",
    "PRICE_TOLERANCE",
    "SHARE_TOLERANCE",
    "Band",
    "ChannelMeasures",
    "DataKind",
    "EngagementModel",
    "Evidence",
    "Finding",
    "Flow",
    "FlowTable",
    "FrozenMap",
    "Investment",
    "InvestmentKind",
    "Lever",
    "LeverFocus",
    "Link",
    "Manager",
    "Margin",
    "Need",
    "Organization",
    "PartnerMeasure",
    "ReportingMode",
    "PriceLevel",
    "Provenance",
    "ReportsTo",
    "Role",
    "RoutePricing",
    "Segment",
    "Serves",
    "ServiceOutput",
    "Severity",
    "SharesData",
    "Supplies",
    "Tier",
    "TierBenefits",
    "TierPolicy",
    "TierRule",
    "ValueProposition",
]
