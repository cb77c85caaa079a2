"""The built-in checks, one module per family; importing this package registers them.

| id | looks for |
|---|---|
| `reporting.coverage` | partners with no reporting line up to the steward |
| `reporting.manager_load` | managers over capacity; partners with no named manager |
| `priorities.alignment` | partners whose priorities overlap the steward's too little |
| `engagement.fit` | partners whose engagement model does not fit their profile |
| `compensation.equity` | margins that depart from the normative profit share |
| `coverage.segments` | segments with no route, or a single point of failure |
| `coverage.needs` | segments whose routes under-serve their key needs |
| `resources.alignment` | fast movers starved, small slow partners over-funded |
| `resources.stuffing` | sell-in ahead of sell-through with inventory rising (measured data) |
| `conflict.overlap` | crowded segment x region x vertical cells; direct selling |
| `conflict.accounts` | partners of one role, or direct sales, sharing customer accounts |
| `transparency.sell_through` | sell-through visibility, missing and stale data feeds |
| `transparency.data_quality` | partner data late, missing, duplicated or unmatched |
| `propositions.integrity` | key segments without propositions; evidence, levers, owners |
| `margins.stacking` | route margins off the normative share; end prices above target |
| `power.balance` | partners the steward depends on that depend little on it; leverage |
| `engagement.tiering` | partners whose tier is above or below what their results earn |
| `structure.steward` | a network with no steward (an error); no vendor (info) |

A check whose input data the network lacks is *not assessed* (no findings, no score) and
says why; see [`Check.requires`][channelvalue.aligning.audit.Check].

Examples:
    >>> from channelvalue.aligning import registered
    >>> "reporting.coverage" in registered()
    True
"""

from __future__ import annotations

from . import (
    accounts,
    compensation,
    conflict,
    coverage,
    data_quality,
    engagement,
    margins,
    power,
    priorities,
    propositions,
    reporting,
    resources,
    structure,
    stuffing,
    tiering,
    transparency,
)

__all__ = [
    "accounts",
    "compensation",
    "conflict",
    "coverage",
    "data_quality",
    "engagement",
    "margins",
    "power",
    "priorities",
    "propositions",
    "reporting",
    "resources",
    "structure",
    "stuffing",
    "tiering",
    "transparency",
]
