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
- compensation proposals from normative profit shares (`compensation`).

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

__all__ = [
    "Allocation",
    "AllocationBasis",
    "AllocationGrouping",
    "AllocationMethod",
    "Candidate",
    "CompensationRow",
    "CompensationTable",
    "ConsensusMethod",
    "ConsensusResult",
    "Demarcation",
    "FlowDuty",
    "KeySegments",
    "KeySegmentsBy",
    "LeverSuggestion",
    "LeverSuggestions",
    "PropositionMatrix",
    "PropositionRow",
    "allocate",
    "candidates_from",
    "compensation",
    "consensus",
    "demarcate",
    "key_segments",
    "key_segments_without_proposition",
    "lever_consensus",
    "proposition_matrix",
    "suggest_levers",
]
