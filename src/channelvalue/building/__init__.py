"""Discipline 2 — building: design the improved channel.

- value propositions aimed at key segments
  ([`proposition_matrix`][channelvalue.building.proposition_matrix],
  [`key_segments`][channelvalue.building.key_segments],
  [`key_segments_without_proposition`][channelvalue.building.key_segments_without_proposition]);
- the lever long-list from mapping's gaps ([`suggest_levers`][channelvalue.building.suggest_levers])
  and the steward group's consensus ranking of levers (`consensus`,
  [`lever_consensus`][channelvalue.building.lever_consensus]);
- role demarcation from a segment's flow table ([`demarcate`][channelvalue.building.demarcate]);
- investment allocation under a budget ([`allocate`][channelvalue.building.allocate],
  [`Candidate`][channelvalue.building.Candidate],
  [`candidates_from`][channelvalue.building.candidates_from]);
- compensation proposals from normative profit shares (`compensation`);
- zero-based channel design: the cheapest division of the eight flows among member types
  that meets a segment's needs ([`design_channel`][channelvalue.building.design_channel],
  [`design_channels`][channelvalue.building.design_channels],
  [`compare_design`][channelvalue.building.compare_design]);
- tier placement under a partner-program policy: recommended vs current tier, mis-tiered
  partners and the cost of over-tiering ([`place_tiers`][channelvalue.building.place_tiers]).

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue import building
    >>> net = cv.datasets.example()
    >>> building.lever_consensus(net, [["lever-regional-stock"]]).ranking[0]
    'lever-regional-stock'
"""

from __future__ import annotations

from .allocation import (
    Allocation,
    AllocationBasis,
    AllocationGrouping,
    AllocationMethod,
    allocate,
)
from .candidates import Candidate, candidates_from
from .compensation import CompensationRow, CompensationTable, compensation
from .consensus import ConsensusMethod, ConsensusResult, consensus, lever_consensus
from .demarcation import Demarcation, FlowDuty, demarcate
from .design import (
    ChannelDesign,
    ChannelDesigns,
    DesignGap,
    FlowMove,
    InfeasibleDesignError,
    MemberType,
    compare_design,
    design_channel,
    design_channels,
)
from .levers import LeverSuggestion, LeverSuggestions, suggest_levers
from .propositions import (
    KeySegments,
    KeySegmentsBy,
    PropositionMatrix,
    PropositionRow,
    key_segments,
    key_segments_without_proposition,
    proposition_matrix,
)
from .tiering import TierPlacement, TierVerdict, place_tiers

__all__ = [
    "TierPlacement",
    "TierVerdict",
    "place_tiers",
    "Allocation",
    "AllocationBasis",
    "AllocationGrouping",
    "AllocationMethod",
    "Candidate",
    "ChannelDesign",
    "ChannelDesigns",
    "CompensationRow",
    "CompensationTable",
    "ConsensusMethod",
    "ConsensusResult",
    "Demarcation",
    "DesignGap",
    "FlowDuty",
    "FlowMove",
    "InfeasibleDesignError",
    "KeySegments",
    "KeySegmentsBy",
    "LeverSuggestion",
    "LeverSuggestions",
    "MemberType",
    "PropositionMatrix",
    "PropositionRow",
    "allocate",
    "candidates_from",
    "compare_design",
    "compensation",
    "consensus",
    "demarcate",
    "design_channel",
    "design_channels",
    "key_segments",
    "key_segments_without_proposition",
    "lever_consensus",
    "proposition_matrix",
    "suggest_levers",
]
