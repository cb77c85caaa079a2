"""channelvalue: channel stewardship as a library.

Model a vendor's sales channel as a graph of organizations, map it, build the plan,
and check its alignment.

Example:
    >>> import channelvalue as cv
    >>> net = cv.datasets.example()
    >>> net.steward.role
    <Role.VENDOR: 'vendor'>
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from . import datasets, io, vocabulary
from .errors import (
    ChannelValueError,
    CycleError,
    DocumentError,
    DuplicateIdError,
    InUseError,
    LinkError,
    MissingDependencyError,
    Problem,
    UnknownIdError,
    ValidationError,
    WrongTypeError,
)
from .model import (
    Band,
    DataKind,
    EngagementModel,
    Evidence,
    Finding,
    Flow,
    FlowTable,
    FrozenMap,
    Investment,
    InvestmentKind,
    Lever,
    LeverFocus,
    Link,
    Manager,
    Margin,
    Need,
    Organization,
    ReportingMode,
    ReportsTo,
    Role,
    Segment,
    Serves,
    ServiceOutput,
    Severity,
    SharesData,
    Supplies,
    Tier,
    ValueProposition,
)
from .network import ChannelNetwork
from .vocabulary import UnknownTermError, Vocabulary

try:
    __version__ = version("channelvalue")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "Band",
    "ChannelNetwork",
    "ChannelValueError",
    "CycleError",
    "DataKind",
    "DocumentError",
    "DuplicateIdError",
    "EngagementModel",
    "Evidence",
    "Finding",
    "Flow",
    "FlowTable",
    "FrozenMap",
    "InUseError",
    "Investment",
    "InvestmentKind",
    "Lever",
    "LeverFocus",
    "Link",
    "LinkError",
    "Manager",
    "Margin",
    "MissingDependencyError",
    "Need",
    "Organization",
    "Problem",
    "ReportingMode",
    "ReportsTo",
    "Role",
    "Segment",
    "Serves",
    "ServiceOutput",
    "Severity",
    "SharesData",
    "Supplies",
    "Tier",
    "UnknownIdError",
    "UnknownTermError",
    "ValidationError",
    "ValueProposition",
    "Vocabulary",
    "WrongTypeError",
    "__version__",
    "datasets",
    "io",
    "vocabulary",
]
