"""Discipline 1 — mapping: draw the channel as it is and find its gaps.

Example:
    >>> import channelvalue as cv
    >>> from channelvalue import mapping
    >>> mapping.routes(cv.datasets.example(), "public").count
    1
"""

from __future__ import annotations

from .coverage import Coverage, SegmentCoverage, coverage
from .efficiency import EfficiencyTemplate, SupplyGap, efficiency_for, efficiency_template
from .gaps import GapRow, GapScore, ServiceGaps, service_gaps
from .patterns import PatternRow, RoutePatterns, route_patterns
from .routes import Route, RouteSet, routes
from .segmentation import (
    ABC_CLASSES,
    FOCI,
    QUADRANTS,
    EngagementPolicy,
    PartnerProfile,
    PartnerSegmentation,
    segment_partners,
)

__all__ = [
    "ABC_CLASSES",
    "FOCI",
    "QUADRANTS",
    "EngagementPolicy",
    "PartnerProfile",
    "PartnerSegmentation",
    "segment_partners",
    "Coverage",
    "SegmentCoverage",
    "coverage",
    "EfficiencyTemplate",
    "SupplyGap",
    "efficiency_for",
    "efficiency_template",
    "GapRow",
    "GapScore",
    "ServiceGaps",
    "service_gaps",
    "PatternRow",
    "Route",
    "RoutePatterns",
    "RouteSet",
    "route_patterns",
    "routes",
]
