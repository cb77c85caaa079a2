"""The fixed vocabularies of the domain, as string enums.

Each enum value is the canonical lower-case term used in JSON and tables. Domain
objects accept either the enum member or its string value.

Examples:
    >>> from channelvalue.model import Role, Flow
    >>> Role("msp") is Role.MSP
    True
    >>> [f.value for f in Flow][:3]
    ['physical_possession', 'ownership', 'promotion']
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "Band",
    "DataKind",
    "EngagementModel",
    "Flow",
    "InvestmentKind",
    "LeverFocus",
    "ReportingMode",
    "Role",
    "ServiceOutput",
    "Severity",
    "Tier",
]


class Role(StrEnum):
    """What an organization is in the channel.

    Examples:
        >>> Role("system_integrator").value
        'system_integrator'
    """

    VENDOR = "vendor"
    DISTRIBUTOR = "distributor"
    RESELLER = "reseller"
    MSP = "msp"
    SYSTEM_INTEGRATOR = "system_integrator"
    RETAILER = "retailer"
    AGENT = "agent"
    MARKETPLACE = "marketplace"
    LOGISTICS = "logistics"
    OTHER = "other"


class ServiceOutput(StrEnum):
    """An end-customer need that a channel serves (Bucklin's service outputs).

    Examples:
        >>> ServiceOutput.AVAILABILITY.value
        'availability'
    """

    PRODUCT_INFORMATION = "product_information"
    CUSTOMIZATION = "customization"
    QUALITY_ASSURANCE = "quality_assurance"
    LOT_SIZE = "lot_size"
    ASSORTMENT = "assortment"
    AVAILABILITY = "availability"
    SPATIAL_CONVENIENCE = "spatial_convenience"
    AFTER_SALES_SERVICE = "after_sales_service"
    LOGISTICS = "logistics"


class Flow(StrEnum):
    """The eight channel flows whose work members share.

    Examples:
        >>> len(Flow)
        8
    """

    PHYSICAL_POSSESSION = "physical_possession"
    OWNERSHIP = "ownership"
    PROMOTION = "promotion"
    NEGOTIATION = "negotiation"
    FINANCING = "financing"
    RISKING = "risking"
    ORDERING = "ordering"
    PAYMENT = "payment"


class DataKind(StrEnum):
    """A kind of data a partner shares upstream (what a partner portal carries).

    Examples:
        >>> DataKind("sell_through") is DataKind.SELL_THROUGH
        True
    """

    SELL_THROUGH = "sell_through"
    INVENTORY = "inventory"
    PIPELINE = "pipeline"
    FORECAST = "forecast"


class EngagementModel(StrEnum):
    """How the steward engages a partner.

    `dedicated`: a named channel account manager; `pooled`: a shared team of
    partner managers; `self_service`: portal, programs and automation only.

    Examples:
        >>> EngagementModel.POOLED.value
        'pooled'
    """

    DEDICATED = "dedicated"
    POOLED = "pooled"
    SELF_SERVICE = "self_service"


class Tier(StrEnum):
    """Partner program tier, highest first.

    Examples:
        >>> Tier.GOLD.rank > Tier.SILVER.rank
        True
    """

    PLATINUM = "platinum"
    GOLD = "gold"
    SILVER = "silver"
    REGISTERED = "registered"

    @property
    def rank(self) -> int:
        """3 for platinum down to 0 for registered."""
        return {"platinum": 3, "gold": 2, "silver": 1, "registered": 0}[self.value]


class Band(StrEnum):
    """The size band of an end-customer segment.

    Examples:
        >>> Band("smb") is Band.SMB
        True
    """

    CONSUMER = "consumer"
    SMB = "smb"
    MIDMARKET = "midmarket"
    ENTERPRISE = "enterprise"


class ReportingMode(StrEnum):
    """Whether a reporting line is indirect (an independent partner) or direct (an owned unit).

    Examples:
        >>> ReportingMode.INDIRECT.value
        'indirect'
    """

    INDIRECT = "indirect"
    DIRECT = "direct"


class LeverFocus(StrEnum):
    """What an operating lever acts on.

    Examples:
        >>> LeverFocus.BOTH.covers(LeverFocus.EFFICIENCY)
        True
    """

    SATISFACTION = "satisfaction"
    EFFICIENCY = "efficiency"
    BOTH = "both"

    def covers(self, focus: LeverFocus) -> bool:
        """True when a lever with this focus acts on `focus`."""
        return self is LeverFocus.BOTH or self is focus


class InvestmentKind(StrEnum):
    """What kind of money or effort an investment is.

    Examples:
        >>> InvestmentKind("mdf").value
        'mdf'
    """

    MDF = "mdf"
    COOP = "coop"
    TRAINING = "training"
    HEADCOUNT = "headcount"
    TOOLING = "tooling"
    INCENTIVE = "incentive"


class Severity(StrEnum):
    """How serious a finding is; members compare by rank.

    Examples:
        >>> Severity.ERROR.rank > Severity.WARNING.rank > Severity.INFO.rank
        True
    """

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error."""
        return {"info": 0, "warning": 1, "error": 2}[self.value]
