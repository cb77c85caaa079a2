"""Discipline 1 — mapping: draw the channel as it is and find its gaps.

| function | answers |
|---|---|
| `routes` | how many routes reach a segment, and which (lazily) |
| `route_patterns` | the channel map: routes by role pattern |
| `coverage` | segment x partner coverage, concentration, gaps |
| `service_gaps` | demand side: needs under-, well- or over-served |
| `segment_efficiency` | normative vs actual profit shares, supply-side gaps |
| `efficiency_from_table` | the same from a FlowTable and margins given directly |
| `segment_partners` | ABC, volume x velocity, focus, engagement fit |
| `single_points_of_failure` | members whose loss cuts a segment off |
| `what_if_removed` | coverage and revenue lost without one member |
| `margin_build_up` | each member's margin along each priced route, against its normative share |
| `power_map` | power and dependence between the steward and each partner |
| `account_overlap` | customer accounts shared by partners and direct sales |

Every function takes the network first and keyword-only options, works in time linear in
the network (array passes over the supply DAG, never path enumeration) and returns a
frozen result object with a readable `repr` and `to_frame()`.
[`FlowTable`][channelvalue.FlowTable] (the input of the efficiency template) is
re-exported here as `mapping.FlowTable`.

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue import mapping
    >>> mapping.routes(cv.datasets.example(), "public").count
    1
"""

from __future__ import annotations

from ..model import FlowTable
from .coverage import Coverage, CoverageValue, SegmentCoverage, coverage
from .efficiency import EfficiencyTemplate, SupplyGap, efficiency_from_table, segment_efficiency
from .gaps import GapLevel, GapRow, GapScore, ServiceGaps, service_gaps
from .margins import MarginBuildUp, RouteMargins, margin_build_up, route_margins
from .overlap import (
    AccountOverlap,
    account_list,
    account_overlap,
    hash_accounts,
    normalise_account,
)
from .patterns import PatternRow, RoutePatterns, route_patterns
from .policy import ABC_CLASSES, FOCI, QUADRANTS, EngagementPolicy
from .power import PowerMap, PowerRow, power_map
from .removal import RemovalImpact, SegmentImpact, what_if_removed
from .resilience import Resilience, SinglePoint, single_points_of_failure
from .routes import Route, RouteSet, routes
from .segmentation import PartnerProfile, PartnerSegmentation, segment_partners

__all__ = [
    "ABC_CLASSES",
    "AccountOverlap",
    "account_list",
    "account_overlap",
    "hash_accounts",
    "normalise_account",
    "FOCI",
    "QUADRANTS",
    "Coverage",
    "CoverageValue",
    "EfficiencyTemplate",
    "EngagementPolicy",
    "FlowTable",
    "GapLevel",
    "GapRow",
    "GapScore",
    "MarginBuildUp",
    "PartnerProfile",
    "PartnerSegmentation",
    "PatternRow",
    "PowerMap",
    "PowerRow",
    "RemovalImpact",
    "Resilience",
    "Route",
    "RoutePatterns",
    "RouteMargins",
    "RouteSet",
    "SegmentCoverage",
    "SegmentImpact",
    "ServiceGaps",
    "SinglePoint",
    "SupplyGap",
    "coverage",
    "efficiency_from_table",
    "margin_build_up",
    "route_margins",
    "power_map",
    "route_patterns",
    "routes",
    "segment_efficiency",
    "segment_partners",
    "service_gaps",
    "single_points_of_failure",
    "what_if_removed",
]
