"""Readers for the frames whose rows are not one object each: segments (with their
`need.<output>.level` / `.importance` columns), evidence (grouped under its
proposition) and flow tables (long format, grouped by segment)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ...errors import Problem, ValidationError
from ...model import AccountList, Evidence, FlowTable, PriceLevel, RoutePricing, Segment
from ...model._bulk import build_many, converted_default
from ...model._fields import to_finite, to_ids, to_nonneg, to_unit
from ...model.organizations import to_needs
from ..vocabulary import UnknownTermError, Vocabulary, term_key
from .columns import Table

__all__ = [
    "read_accounts",
    "read_evidence",
    "read_flow_tables",
    "read_route_pricing",
    "read_segments",
]

_NEED_PARTS = {"level": "level", "importance": "importance"}
_TABLE_COLUMNS = {"weights": "weight", "shares": "share", "costs": "cost", "segment": "segment"}


def _need_columns(t: Table, v: Vocabulary) -> dict[Any, dict[str, str]]:
    """`{service output: {"level": header, "importance": header}}` from the headers."""
    out: dict[Any, dict[str, str]] = {}
    for rest, header in t.prefixed.get("need", []):
        term, dot, part = rest.rpartition(".")
        attr = _NEED_PARTS.get(term_key(part))
        if not dot or attr is None:
            t.table_problem(header, "expected need.<service output>.level or .importance")
            continue
        try:
            output = v.normalise("service_output", term)
        except UnknownTermError as err:
            t.table_problem(header, f"got {term!r} but expected {err.expected}")
            continue
        slot = out.setdefault(output, {})
        if attr in slot:
            t.table_problem(header, f"same column as {slot[attr]!r}")
            continue
        slot[attr] = header
    return out


def read_segments(t: Table, v: Vocabulary) -> tuple[list[Any], list[int] | None]:
    """The segments of the `segments` frame (one per row)."""
    before = len(t.problems)
    t.require("id")
    cols: dict[str, list[Any]] = {
        "id": t.text("id", required=True),
        "name": t.text("name"),
        "size": t.numbers("size", to_nonneg, default=0.0),
        "band": t.terms("band", v, "band", default=None),
        "verticals": t.lists("verticals", to_ids, ()),
        "regions": t.lists("regions", to_ids, ()),
    }
    needs: list[dict[Any, tuple[float, float]]] = [{} for _ in range(t.n)]
    for output, parts in _need_columns(t, v).items():
        nan = np.full(t.n, np.nan)
        none = np.ones(t.n, dtype=bool)
        lv, lmiss, _ = (
            t.checked_floats(parts["level"], to_unit) if "level" in parts else (nan, none, none)
        )
        im, imiss, _ = (
            t.checked_floats(parts["importance"], to_nonneg)
            if "importance" in parts
            else (nan, none, none)
        )
        for i in np.flatnonzero(~lmiss | ~imiss).tolist():
            if lmiss[i]:
                level_col = parts.get("level", "need.<output>.level")
                t.cell_problem(
                    i,
                    parts["importance"],
                    float(im[i]),
                    f"expected no importance without a level ({level_col!r})",
                )
            else:
                needs[i][output] = (float(lv[i]), 1.0 if imiss[i] else float(im[i]))
    if len(t.problems) != before:
        return [], None
    empty = converted_default(Segment, "needs")
    cols["needs"] = [to_needs(n) if n else empty for n in needs]
    return build_many(Segment, t.n, cols), None


def read_evidence(ev: Table | None, props: Table, prop_ids: list[Any]) -> list[Any]:
    """Per proposition row, the tuple of its evidence (rows of `ev` in order)."""
    groups: dict[str, list[Any]] = {}
    if ev is not None and ev.require("proposition", "metric"):
        before = len(ev.problems)
        pid = ev.text("proposition", required=True)
        cols = {
            "metric": ev.text("metric", required=True),
            "value": ev.numbers("value", to_finite, default=0.0),
            "source": ev.text("source"),
            "unit": ev.text("unit"),
        }
        if len(ev.problems) == before:
            known = set(prop_ids)
            header = ev.columns["proposition"]
            for i, (p, obj) in enumerate(zip(pid, build_many(Evidence, ev.n, cols), strict=True)):
                if p in known:
                    groups.setdefault(p, []).append(obj)
                else:
                    ev.cell_problem(
                        i, header, p, "expected the id of a row of the propositions table"
                    )
    out = []
    for i, p in enumerate(prop_ids):
        found = groups.get(p)
        if not found and p is not None:
            props.problems.append(
                Problem(props.where(i), "no rows in the evidence table (a claim needs evidence)")
            )
        out.append(tuple(found or ()))
    return out


def read_flow_tables(t: Table, v: Vocabulary) -> tuple[list[Any], list[int] | None]:
    """Flow tables from long rows `(segment, flow, weight, member, share, cost)`."""
    if not t.require("segment", "flow"):
        return [], None
    before = len(t.problems)
    seg = t.text("segment", required=True)
    flow = t.terms("flow", v, "flow")
    weight = t.numbers("weight", to_nonneg, default=None)
    member = t.text("member", default=None)
    share = t.numbers("share", to_unit, default=None)
    cost = t.numbers("cost", to_nonneg, default=None)
    if len(t.problems) != before:
        return [], None
    h = t.columns
    tables: dict[
        str, tuple[int, dict[Any, float], dict[Any, dict[str, float]], dict[Any, dict[str, float]]]
    ] = {}
    for i in range(t.n):
        first, weights, shares, costs = tables.setdefault(seg[i], (i, {}, {}, {}))
        f = flow[i]
        if weight[i] is not None and weights.setdefault(f, weight[i]) != weight[i]:
            t.cell_problem(
                i,
                h["weight"],
                weight[i],
                f"expected {weights[f]!r}, the weight given above for {f.value!r}",
            )
        for values, table, col in ((share, shares, "share"), (cost, costs, "cost")):
            if values[i] is None:
                continue
            if member[i] is None:
                t.cell_problem(
                    i, h[col], values[i], "expected a member id in the 'member' column for it"
                )
            elif member[i] in table.setdefault(f, {}):
                t.cell_problem(
                    i,
                    h["member"],
                    member[i],
                    f"expected one {col} per member and flow (given twice)",
                )
            else:
                table[f][member[i]] = values[i]
    objs: list[Any] = []
    rows: list[int] = []
    for segment, (first, weights, shares, costs) in tables.items():
        try:
            objs.append(FlowTable(segment, weights=weights, shares=shares, costs=costs))
            rows.append(first)
        except ValidationError as err:
            column = h.get(_TABLE_COLUMNS.get(err.field.partition("[")[0], ""), None)
            t.cell_problem(
                first,
                column or h["segment"],
                err.value,
                f"expected {err.expected} (flow table of segment {segment!r})",
            )
    return objs, rows


_ROUTE_FIELDS = ("steward", "segment", "list_price", "target_price")


def read_route_pricing(t: Table, v: Vocabulary) -> tuple[list[Any], list[int] | None]:
    """Route pricings from long rows `(id, steward, segment, list_price, target_price, member,
    buy, sell, rebate, back_end)`: one row per level, in route order, grouped by `id`; the
    route's own columns are given on its first row (later rows may repeat them or leave them
    empty)."""
    if not t.require("id", "member", "buy", "sell"):
        return [], None
    before = len(t.problems)
    ident = t.text("id", required=True)
    cols: dict[str, list[Any]] = {
        "steward": t.text("steward", default=None),
        "segment": t.text("segment", default=None),
        "list_price": t.numbers("list_price", to_nonneg, default=None),
        "target_price": t.numbers("target_price", to_nonneg, default=None),
    }
    member = t.text("member", required=True)
    buy = t.numbers("buy", to_nonneg, default=None)
    sell = t.numbers("sell", to_nonneg, default=None)
    rebate = t.numbers("rebate", to_nonneg, default=0.0)
    back_end = t.numbers("back_end", to_nonneg, default=0.0)
    if len(t.problems) != before:
        return [], None
    h = t.columns
    routes: dict[str, tuple[int, dict[str, Any], list[PriceLevel]]] = {}
    for i in range(t.n):
        first, fields, levels = routes.setdefault(ident[i], (i, {}, []))
        for name in _ROUTE_FIELDS:
            value = cols[name][i]
            if value is not None and fields.setdefault(name, value) != value:
                t.cell_problem(
                    i, h[name], value, f"expected {fields[name]!r}, the {name} given above"
                )
        for name, values in (("buy", buy), ("sell", sell)):
            if values[i] is None:
                t.cell_problem(i, h[name], "", "expected a price >= 0 (each level has one)")
        if buy[i] is not None and sell[i] is not None:
            levels.append(
                PriceLevel(
                    member[i], buy=buy[i], sell=sell[i], rebate=rebate[i], back_end=back_end[i]
                )
            )
    if len(t.problems) != before:
        return [], None
    objs: list[Any] = []
    rows: list[int] = []
    for route, (first, fields, levels) in routes.items():
        missing = [n for n in ("steward", "list_price") if n not in fields]
        if missing:
            t.cell_problem(
                first, h.get(missing[0]) or h["id"], "", f"expected the route's {missing[0]}"
            )
            continue
        try:
            objs.append(RoutePricing(route, levels=levels, **fields))
            rows.append(first)
        except ValidationError as err:
            t.cell_problem(
                first, h["id"], err.value, f"expected {err.expected} ({err.obj}.{err.field})"
            )
    return objs, rows


def read_accounts(t: Table) -> tuple[list[Any], list[int] | None]:
    """Account lists from long rows `(owner, account, hashed)`, grouped by owner (an empty
    account cell adds no account: an owner with only such a row has an empty list)."""
    if not t.require("owner"):
        return [], None
    before = len(t.problems)
    owner = t.text("owner", required=True)
    account = t.text("account", default=None)
    hashed = t.booleans("hashed")
    if len(t.problems) != before:
        return [], None
    h = t.columns
    groups: dict[str, tuple[int, bool, list[str]]] = {}
    for i, o in enumerate(owner):
        first, flag, keys = groups.setdefault(o, (i, hashed[i], []))
        if hashed[i] != flag:
            t.cell_problem(
                i, h["hashed"], hashed[i], f"expected {flag!r}, as in the first row of {o!r}"
            )
        if account[i] is not None:
            keys.append(account[i])
    objs: list[Any] = []
    rows: list[int] = []
    for o, (first, flag, keys) in groups.items():
        try:
            objs.append(AccountList(o, keys, hashed=flag))
            rows.append(first)
        except ValidationError as err:
            t.cell_problem(
                first,
                h.get("account", h["owner"]),
                err.value,
                f"expected {err.expected} (account list of {o!r})",
            )
    return objs, rows
