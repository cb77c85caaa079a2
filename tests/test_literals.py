"""String options with a fixed set of values: a Literal alias, and a check listing them."""

from __future__ import annotations

import importlib
from typing import get_args

import pytest

import channelvalue as cv
from channelvalue import building, mapping

# the modules, not the functions of the same name that the packages export
allocation = importlib.import_module("channelvalue.building.allocation")
consensus = importlib.import_module("channelvalue.building.consensus")
propositions = importlib.import_module("channelvalue.building.propositions")
gaps = importlib.import_module("channelvalue.mapping.gaps")


@pytest.mark.parametrize(
    ("alias", "values"),
    [
        (building.ConsensusMethod, consensus.METHODS),
        (building.AllocationMethod, allocation.METHODS),
        (building.AllocationBasis, allocation.BASES),
        (building.AllocationGrouping, ("tier", "abc")),
        (building.KeySegmentsBy, ("size", "revenue")),
        (mapping.CoverageValue, ("revenue", "routes")),
        (mapping.GapLevel, ("segment", "pattern", "partner")),
    ],
)
def test_each_alias_is_the_tuple_of_valid_values(alias: object, values: tuple[str, ...]) -> None:
    assert get_args(alias) == tuple(values)


def _listed(values: tuple[str, ...]) -> str:
    return "one of " + ", ".join(repr(v) for v in values)


def test_runtime_checks_list_the_valid_values() -> None:
    net = cv.datasets.example()
    cands = [building.Candidate("a", tier="gold", revenue=1.0)]
    cases = [
        (lambda: building.consensus([["a"]], method="best"), consensus.METHODS),
        (lambda: building.allocate(1, cands, method="fair"), allocation.METHODS),
        (lambda: building.allocate(1, cands, basis="luck"), allocation.BASES),
        (
            lambda: building.allocate(1, cands, method="tiered", shares={"gold": 1}, by="size"),
            ("tier", "abc"),
        ),
        (lambda: building.key_segments(net, by="count"), propositions._BY),
        (lambda: mapping.coverage(net).matrix_frame(value="share"), ("revenue", "routes")),
        (lambda: mapping.service_gaps(net).to_frame(level="org"), gaps._LEVELS),
    ]
    for call, values in cases:
        with pytest.raises(cv.ValidationError) as info:
            call()  # type: ignore[no-untyped-call]
        assert _listed(values) in str(info.value)
