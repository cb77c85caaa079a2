"""Per-table readers of [`from_frames`][channelvalue.io.from_frames]: each turns a
`Table` into converted columns (or link objects).

The frame names and their known columns are defined here, once;
[`to_frames`][channelvalue.io.to_frames] writes the same columns.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ...model import (
    LINK_KINDS,
    DataKind,
    Investment,
    Lever,
    Manager,
    Margin,
    Organization,
    ReportingMode,
    ValueProposition,
)
from ...model._bulk import build_many, converted_default
from ...model._fields import (
    to_attributes,
    to_data_kinds,
    to_finite,
    to_growth,
    to_ids,
    to_levels,
    to_nonneg,
    to_optional_unit,
    to_positive,
    to_roles,
    to_unit,
    to_weights,
)
from ...model.kinds import KINDS
from ..vocabulary import Vocabulary, term_key
from .cells import BadCell, objects
from .columns import Table

__all__ = ["COLUMNS", "FRAME_NAMES", "OPTIONAL", "PLAN_FRAMES", "PREFIXES", "SIMPLE", "read_links"]

_FOLLOWERS = {"propositions": ("evidence",)}
"""Frames that are not kinds of their own, after the frame of the kind they belong to."""
FRAME_NAMES: tuple[str, ...] = (
    "network",
    *(f for fr in dict.fromkeys(k.frame for k in KINDS) for f in (fr, *_FOLLOWERS.get(fr, ()))),
)
"""The frames of a network, in the order they are read and written: `network`, then
one per kind (links share one) in the order of [`KINDS`][channelvalue.io.json.KINDS]."""
PLAN_FRAMES: tuple[str, ...] = tuple(
    f
    for fr in dict.fromkeys(k.frame for k in KINDS if k.part == "plan")
    for f in (fr, *_FOLLOWERS.get(fr, ()))
)
"""The frames of the plan (`from_frames(plan=...)` takes these)."""
_KIND_SYNONYMS = {
    "supplies": ("supply", "supplies to", "sells to"),
    "serves": ("serve", "sells into"),
    "reports_to": ("reports", "report to"),
    "shares_data": ("share data", "data feed", "feed"),
}
_KIND_KEYS = {term_key(t): k for k, ts in _KIND_SYNONYMS.items() for t in (k, *ts)}
_LINK_ONLY = {
    "revenue": "serves",
    "manager": "reports_to",
    "mode": "reports_to",
    "data": "shares_data",
    "interval_days": "shares_data",
}


def _default(cls: type[Any], field: str) -> Any:
    return converted_default(cls, field)


def _nonempty_key(rest: str) -> str:
    if not rest:
        raise ValueError("the key after the '.' is empty")
    return rest


def _organizations(t: Table, v: Vocabulary) -> dict[str, list[Any]]:
    t.require("id", "role")
    return {
        "id": t.text("id", required=True),
        "name": t.text("name"),
        "role": t.terms("role", v, "role"),
        "tier": t.terms("tier", v, "tier", default=_default(Organization, "tier")),
        "engagement": t.terms("engagement", v, "engagement", default=None),
        "owned": t.booleans("owned"),
        "revenue": t.numbers("revenue", to_nonneg, default=0.0),
        "volume": t.numbers("volume", to_nonneg, default=0.0),
        "velocity": t.numbers("velocity", to_growth, default=0.0),
        "verticals": t.lists("verticals", to_ids, ()),
        "regions": t.lists("regions", to_ids, ()),
        "steward_share": t.numbers("steward_share", to_optional_unit, default=None),
        "switching_ease": t.numbers("switching_ease", to_optional_unit, default=None),
        "capabilities": t.mappings(
            "capability",
            lambda rest: v.normalise("service_output", rest),
            to_levels,
            to_unit,
            _default(Organization, "capabilities"),
        ),
        "priorities": t.mappings(
            "priority", _nonempty_key, to_weights, to_nonneg, _default(Organization, "priorities")
        ),
        "attributes": t.mappings(
            "attribute",
            _nonempty_key,
            to_attributes,
            to_finite,
            _default(Organization, "attributes"),
        ),
        "placeholder": t.booleans("placeholder"),
    }


def _managers(t: Table, v: Vocabulary) -> dict[str, list[Any]]:
    t.require("id")
    return {
        "id": t.text("id", required=True),
        "name": t.text("name"),
        "capacity": t.numbers("capacity", to_positive, default=_default(Manager, "capacity")),
    }


def _levers(t: Table, v: Vocabulary) -> dict[str, list[Any]]:
    t.require("id")
    return {
        "id": t.text("id", required=True),
        "change": t.text("change"),
        "acts_on": t.terms("acts_on", v, "lever_focus", default=_default(Lever, "acts_on")),
        "roles": t.lists("roles", lambda xs: to_roles([v.normalise("role", x) for x in xs]), ()),
        "members": t.lists("members", to_ids, ()),
        "owners": t.lists("owners", to_ids, ()),
        "impact": t.numbers("impact", to_nonneg, default=0.0),
    }


def _propositions(t: Table, v: Vocabulary) -> dict[str, list[Any]]:
    t.require("id", "segment", "claim")
    return {
        "id": t.text("id", required=True),
        "segment": t.text("segment", required=True),
        "claim": t.text("claim", required=True),
        "levers": t.lists("levers", to_ids, ()),
        "owners": t.lists("owners", to_ids, ()),
    }


def _investments(t: Table, v: Vocabulary) -> dict[str, list[Any]]:
    t.require("id", "recipient")
    return {
        "id": t.text("id", required=True),
        "recipient": t.text("recipient", required=True),
        "kind": t.terms("kind", v, "investment_kind", default=_default(Investment, "kind")),
        "amount": t.numbers("amount", to_nonneg, default=0.0),
        "period": t.text("period"),
    }


def _margins(t: Table, v: Vocabulary) -> dict[str, list[Any]]:
    t.require("segment", "member")
    return {
        "segment": t.text("segment", required=True),
        "member": t.text("member", required=True),
        "share": t.numbers("share", to_unit, default=0.0),
    }


SIMPLE: dict[str, tuple[type[Any], Callable[[Table, Vocabulary], dict[str, list[Any]]]]] = {
    "organizations": (Organization, _organizations),
    "managers": (Manager, _managers),
    "levers": (Lever, _levers),
    "propositions": (ValueProposition, _propositions),
    "investments": (Investment, _investments),
    "margins": (Margin, _margins),
}
COLUMNS: dict[str, tuple[str, ...]] = {
    "network": ("name", "steward"),
    "organizations": (
        "id",
        "name",
        "role",
        "tier",
        "engagement",
        "owned",
        "revenue",
        "volume",
        "velocity",
        "verticals",
        "regions",
        "steward_share",
        "switching_ease",
        "placeholder",
    ),
    "segments": ("id", "name", "size", "band", "verticals", "regions"),
    "managers": ("id", "name", "capacity"),
    "links": ("kind", "source", "target", "revenue", "manager", "mode", "data", "interval_days"),
    "levers": ("id", "change", "acts_on", "roles", "members", "owners", "impact"),
    "propositions": ("id", "segment", "claim", "levers", "owners"),
    "evidence": ("proposition", "metric", "value", "source", "unit"),
    "investments": ("id", "recipient", "kind", "amount", "period"),
    "margins": ("segment", "member", "share"),
    "flow_tables": ("segment", "flow", "weight", "member", "share", "cost"),
    "route_pricing": (
        "id",
        "steward",
        "segment",
        "list_price",
        "target_price",
        "member",
        "buy",
        "sell",
        "rebate",
        "back_end",
    ),
    "accounts": ("owner", "account", "hashed"),
}
"""The known plain columns of each frame (mapping columns come on top). Columns in
`OPTIONAL` are written only when some row has a value."""
OPTIONAL: dict[str, frozenset[str]] = {
    "organizations": frozenset({"steward_share", "switching_ease", "placeholder"}),
}
"""Columns of `COLUMNS` that `to_frames` leaves out when no row sets them (so the frames
of networks without them are unchanged)."""
PREFIXES: dict[str, tuple[str, ...]] = {
    "organizations": ("capability", "priority", "attribute"),
    "segments": ("need",),
}


_NONE = np.array(None, dtype=object)


_KIND_CODE = {kind: code for code, kind in enumerate(LINK_KINDS)}


def _kind_codes(t: Table) -> np.ndarray[Any, np.dtype[np.int64]]:
    """Per row, the index of its link kind in `LINK_KINDS` (-1 where it is bad)."""

    def code(value: Any) -> int:
        kind = _KIND_KEYS.get(term_key(value)) if isinstance(value, str) else None
        if kind is None:
            raise BadCell(value, f"a link kind, one of {', '.join(map(repr, LINK_KINDS))}")
        return _KIND_CODE[kind]

    found = t._lookup(t.columns["kind"], code, BadCell("", "a link kind"))
    return np.fromiter((-1 if c is None else c for c in found), dtype=np.int64, count=len(found))


def read_links(t: Table, v: Vocabulary) -> tuple[list[Any], list[int]]:
    """The links of every kind, and the row position of each."""
    if not t.require("kind", "source", "target"):
        return [], []
    before = len(t.problems)
    kinds = _kind_codes(t)
    cols: dict[str, np.ndarray[Any, Any]] = {}

    def col(name: str, values: list[Any]) -> None:
        cols[name] = objects(values)

    col("source", t.text("source", required=True))
    col("target", t.text("target", required=True))
    col("revenue", t.numbers("revenue", to_nonneg, default=None))
    col("manager", t.text("manager", default=None))
    col("mode", t.terms("mode", v, "reporting_mode", default=None))
    data = t.lists(
        "data", lambda xs: to_data_kinds([v.normalise("data_kind", x) for x in xs]), None
    )
    col("data", data)
    col("interval_days", t.numbers("interval_days", to_positive, default=None))
    for name, only in _LINK_ONLY.items():
        header = t.columns.get(name)
        if header is not None:
            given = np.not_equal(cols[name], _NONE)
            other = (kinds != _KIND_CODE[only]) & (kinds >= 0)
            for i in np.flatnonzero(given & other).tolist():
                t.cell_problem(
                    i,
                    header,
                    t.frame[header].iloc[i],
                    f"expected an empty cell ({name} is for {only} links)",
                )
    if len(t.problems) != before:
        return [], []
    fill = {
        "mode": ReportingMode.INDIRECT,
        "data": (DataKind.SELL_THROUGH,),
        "interval_days": 30.0,
    }
    objs: list[Any] = []
    rows: list[int] = []
    for kind, cls in LINK_KINDS.items():
        pos = np.flatnonzero(kinds == _KIND_CODE[kind])
        if not len(pos):
            continue
        fields = {"source", "target"} | {n for n, k in _LINK_ONLY.items() if k == kind}
        columns = {}
        for name in fields:
            values = cols[name][pos]
            if name in fill:
                unset = np.equal(values, _NONE)
                values[unset] = objects([fill[name]] * int(unset.sum()))  # tuples stay whole
            columns[name] = values.tolist()
        objs.extend(build_many(cls, len(pos), columns))
        rows.extend(pos.tolist())
    return objs, rows
