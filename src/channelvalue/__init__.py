"""channelvalue: channel stewardship as a library.

Model a vendor's sales channel as a graph of organizations, map it, build the plan,
and check its alignment.

The disciplines are submodules, imported on first use (`cv.mapping`, `cv.building`,
`cv.aligning`; also `cv.metrics`, `cv.plotting` and `cv.testing`), so
`import channelvalue` stays light; the main job, `channelvalue.aligning.audit`, is
also `cv.audit`.

Examples:
    >>> import channelvalue as cv
    >>> net = cv.datasets.example()
    >>> net.steward.role
    <Role.VENDOR: 'vendor'>
    >>> cv.mapping.routes(net, "public").count
    1
    >>> cv.audit(net).score < 100
    True
"""

from __future__ import annotations

import importlib as _importlib
from importlib.metadata import PackageNotFoundError as _PackageNotFoundError
from importlib.metadata import version as _version
from typing import TYPE_CHECKING, Any

from . import datasets, io
from .core.network import ChannelNetwork
from .errors import (
    ChannelValueError,
    CycleError,
    DocumentError,
    DuplicateIdError,
    FileError,
    InUseError,
    LinkError,
    MissingDependencyError,
    Problem,
    UnknownIdError,
    ValidationError,
    WrongTypeError,
)
from .io.vocabulary import UnknownTermError, Vocabulary
from .model import (
    AccountList,
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
    PriceLevel,
    ReportingMode,
    ReportsTo,
    Role,
    RoutePricing,
    Segment,
    Serves,
    ServiceOutput,
    Severity,
    SharesData,
    Supplies,
    Tier,
    TierBenefits,
    TierPolicy,
    TierRule,
    ValueProposition,
)

if TYPE_CHECKING:
    from . import aligning, building, mapping, metrics
    from . import plotting as plotting
    from . import testing as testing
    from .aligning import AuditConfig, AuditReport, audit, compare

_SUBMODULES = frozenset({"aligning", "building", "mapping", "metrics", "plotting", "testing"})
_LAZY_NAMES = {
    "audit": "aligning",
    "compare": "aligning",
    "AuditConfig": "aligning",
    "AuditReport": "aligning",
}


def __getattr__(name: str) -> Any:
    """Import the discipline submodules (and the audit names) on first access."""
    if name in _SUBMODULES:
        module = _importlib.import_module(f".{name}", __name__)
        globals()[name] = module
        return module
    if name in _LAZY_NAMES:
        value = getattr(_importlib.import_module(f".{_LAZY_NAMES[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'channelvalue' has no attribute {name!r}")


def __dir__() -> list[str]:
    """The public names: `__all__` and the lazily imported submodules."""
    return sorted({*__all__, *_SUBMODULES})


try:
    __version__ = _version("channelvalue")
except _PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "AccountList",
    "AuditConfig",
    "AuditReport",
    "Band",
    "ChannelNetwork",
    "ChannelValueError",
    "CycleError",
    "DataKind",
    "DocumentError",
    "DuplicateIdError",
    "EngagementModel",
    "Evidence",
    "FileError",
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
    "PriceLevel",
    "RoutePricing",
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
    "TierBenefits",
    "TierPolicy",
    "TierRule",
    "UnknownIdError",
    "UnknownTermError",
    "ValidationError",
    "ValueProposition",
    "Vocabulary",
    "WrongTypeError",
    "__version__",
    "aligning",
    "audit",
    "building",
    "compare",
    "datasets",
    "io",
    "mapping",
    "metrics",
]
