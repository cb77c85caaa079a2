"""Writing a network to pandas frames: [`to_frames`][channelvalue.io.to_frames].

Columns are built whole: attributes are gathered with `attrgetter` over the sorted
objects, and lists and mappings (which big networks share between many objects) are
encoded once per distinct value.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import numpy as np

from ...core.network import ChannelNetwork
from ...model import LINK_KINDS, Flow, ServiceOutput
from .cells import join_items
from .schema import COLUMNS, FRAME_NAMES, OPTIONAL

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["to_frames"]


def _encode(values: Sequence[Any], fn: Callable[[Any], Any]) -> list[Any]:
    """`fn` of each value, computed once per distinct (hashable) value."""
    cache: dict[Any, Any] = {}
    out = []
    for v in values:
        try:
            out.append(cache[v])
        except KeyError:
            out.append(cache.setdefault(v, fn(v)))
    return out


def _value(member: Any) -> Any:
    return None if member is None else member.value


def _grid(maps: Sequence[Any], keys: list[Any]) -> dict[Any, np.ndarray[Any, Any]]:
    """One float column per key (NaN where absent), from mappings, once per distinct map."""
    codes: dict[Any, int] = {}
    index = np.fromiter((codes.setdefault(m, len(codes)) for m in maps), np.int64, len(maps))
    rows = np.full((len(codes), len(keys)), np.nan)
    where = {k: j for j, k in enumerate(keys)}
    for m, i in codes.items():
        for k, v in m.items():
            rows[i, where[k]] = v
    return {k: rows[index, j] for k, j in where.items()}


def _data_frame(pdm: Any, data: Any, columns: Any = None) -> pd.DataFrame:
    """`pandas.DataFrame(data, columns=columns)`, falling back to Python-stored strings where
    pandas' default (Arrow-stored when pyarrow is installed) cannot hold a value: Arrow refuses
    lone surrogates ("\\ud800"), which are valid `str` ids."""
    try:
        frame: pd.DataFrame = pdm.DataFrame(data, columns=columns)
    except UnicodeEncodeError:
        frame = pdm.DataFrame(data, columns=columns, dtype=object)
        text = pdm.StringDtype("python", na_value=np.nan)
        for j, name in enumerate(frame.columns):
            if pdm.api.types.infer_dtype(frame.iloc[:, j], skipna=True) == "string":
                frame.isetitem(j, frame[name].astype(text).array)
    return frame


def _frame(pdm: Any, columns: dict[str, Any], key: str) -> pd.DataFrame:
    base = COLUMNS[key]
    data = {c: columns[c] for c in base if c in columns or c not in OPTIONAL.get(key, ())}
    data.update({c: v for c, v in columns.items() if c not in base})
    frame: pd.DataFrame = _data_frame(pdm, data)
    return frame


def _rows(pdm: Any, key: str, rows: list[tuple[Any, ...]]) -> pd.DataFrame:
    cols = list(COLUMNS[key])
    frame: pd.DataFrame = _data_frame(pdm, rows if rows else {c: [] for c in cols}, columns=cols)
    return frame


def _organizations(pdm: Any, net: ChannelNetwork) -> pd.DataFrame:
    orgs = [net.organizations[i] for i in sorted(net.organizations)]

    def get(name: str) -> list[Any]:
        return list(map(attrgetter(name), orgs))

    caps, prios, attrs_ = get("capabilities"), get("priorities"), get("attributes")
    used = set().union(*set(map(frozenset, set(caps))))
    outputs = [so for so in ServiceOutput if so in used]
    keys = sorted(set().union(*set(map(frozenset, set(prios)))))
    attr_keys = sorted(set().union(*set(map(frozenset, set(attrs_)))))
    columns: dict[str, Any] = {
        "id": get("id"),
        "name": get("name"),
        "role": _encode(get("role"), _value),
        "tier": _encode(get("tier"), _value),
        "engagement": _encode(get("engagement"), _value),
        "owned": np.array(get("owned"), dtype=bool),
        "revenue": np.array(get("revenue"), dtype=np.float64),
        "volume": np.array(get("volume"), dtype=np.float64),
        "velocity": np.array(get("velocity"), dtype=np.float64),
        "verticals": _encode(get("verticals"), join_items),
        "regions": _encode(get("regions"), join_items),
    }
    for name in ("steward_share", "switching_ease"):  # written only when some row sets it
        values = get(name)
        if any(v is not None for v in values):
            columns[name] = np.array([np.nan if v is None else v for v in values])
    placeholder = get("placeholder")
    if any(placeholder):
        columns["placeholder"] = np.array(placeholder, dtype=bool)
    columns.update({f"capability.{k.value}": v for k, v in _grid(caps, outputs).items()})
    columns.update({f"priority.{k}": v for k, v in _grid(prios, keys).items()})
    columns.update({f"attribute.{k}": v for k, v in _grid(attrs_, attr_keys).items()})
    return _frame(pdm, columns, "organizations")


def _segments(pdm: Any, net: ChannelNetwork) -> pd.DataFrame:
    segs = [net.segments[i] for i in sorted(net.segments)]
    used = {so for s in segs for so in s.needs}
    columns: dict[str, Any] = {
        "id": [s.id for s in segs],
        "name": [s.name for s in segs],
        "size": np.array([s.size for s in segs], dtype=np.float64),
        "band": [_value(s.band) for s in segs],
        "verticals": [join_items(s.verticals) for s in segs],
        "regions": [join_items(s.regions) for s in segs],
    }
    for so in ServiceOutput:
        if so in used:
            need = [s.needs.get(so) for s in segs]
            columns[f"need.{so.value}.level"] = [np.nan if n is None else n.level for n in need]
            columns[f"need.{so.value}.importance"] = [
                np.nan if n is None else n.importance for n in need
            ]
    return _frame(pdm, columns, "segments")


def _links(pdm: Any, net: ChannelNetwork) -> pd.DataFrame:
    objs: list[Any] = []
    kinds: list[str] = []
    for kind in LINK_KINDS:
        group = net.registry(kind)
        objs.extend(group[pair] for pair in sorted(group))
        kinds.extend([kind] * len(group))
    n = len(objs)
    kind_arr = np.array(kinds, dtype=object)
    columns: dict[str, Any] = {
        "kind": kinds,
        "source": list(map(attrgetter("source"), objs)),
        "target": list(map(attrgetter("target"), objs)),
    }
    fields: dict[str, tuple[str, Callable[[Any], Any]]] = {
        "revenue": ("serves", lambda lk: np.nan if lk.revenue is None else lk.revenue),
        "manager": ("reports_to", attrgetter("manager")),
        "mode": ("reports_to", lambda lk: lk.mode.value),
        "data": ("shares_data", lambda lk: join_items([d.value for d in lk.data])),
        "interval_days": ("shares_data", attrgetter("interval_days")),
    }
    for name, (kind, get) in fields.items():
        number = name in ("revenue", "interval_days")
        col = np.full(n, np.nan) if number else np.full(n, None, dtype=object)
        pos = np.flatnonzero(kind_arr == kind)
        if len(pos):
            first, last = int(pos[0]), int(pos[-1]) + 1
            col[first:last] = (
                _encode(objs[first:last], get)
                if not number
                else [get(lk) for lk in objs[first:last]]
            )
        columns[name] = col
    return _frame(pdm, columns, "links")


def _plan_frames(pdm: Any, net: ChannelNetwork) -> dict[str, pd.DataFrame]:
    levers = [net.levers[i] for i in sorted(net.levers)]
    props = [net.propositions[i] for i in sorted(net.propositions)]
    invs = [net.investments[i] for i in sorted(net.investments)]
    margins = [net.margins[k] for k in sorted(net.margins)]
    evidence = [(vp.id, e) for vp in props for e in vp.evidence]
    flows: list[tuple[Any, ...]] = []
    for seg in sorted(net.flow_tables):
        t = net.flow_tables[seg]
        for f in Flow:
            if f not in t.weights and f not in t.shares and f not in t.costs:
                continue
            shares: Mapping[Any, float] = t.shares.get(f, {})
            costs: Mapping[Any, float] = t.costs.get(f, {})
            weight = t.weights.get(f, np.nan)
            members: list[str | None] = [*sorted({*shares, *costs})] or [None]
            for m in members:
                flows.append((seg, f.value, weight, m, shares.get(m, np.nan), costs.get(m, np.nan)))

    def table(key: str, rows: list[tuple[Any, ...]]) -> pd.DataFrame:
        return _rows(pdm, key, rows)

    return {
        "levers": table(
            "levers",
            [
                (
                    lv.id,
                    lv.change,
                    lv.acts_on.value,
                    join_items([r.value for r in lv.roles]),
                    join_items(lv.members),
                    join_items(lv.owners),
                    lv.impact,
                )
                for lv in levers
            ],
        ),
        "propositions": table(
            "propositions",
            [
                (vp.id, vp.segment, vp.claim, join_items(vp.levers), join_items(vp.owners))
                for vp in props
            ],
        ),
        "evidence": table(
            "evidence", [(pid, e.metric, e.value, e.source, e.unit) for pid, e in evidence]
        ),
        "investments": table(
            "investments",
            [(i.id, i.recipient, i.kind.value, i.amount, i.period) for i in invs],
        ),
        "margins": table("margins", [(m.segment, m.member, m.share) for m in margins]),
        "flow_tables": table("flow_tables", flows),
        "route_pricing": table("route_pricing", _route_pricing_rows(net)),
        "accounts": _accounts(pdm, net),
    }


def _accounts(pdm: Any, net: ChannelNetwork) -> pd.DataFrame:
    """One row per (owner, account); an owner with an empty list gets one row with no
    account."""
    reg = net.registry("account_list")
    owners: list[str] = []
    accounts: list[str | None] = []
    hashed: list[bool] = []
    for owner in sorted(reg):
        al = reg[owner]
        n = len(al.accounts)
        owners.extend([owner] * max(1, n))
        accounts.extend(al.accounts if n else [None])
        hashed.extend([al.hashed] * max(1, n))
    frame: pd.DataFrame = _data_frame(
        pdm,
        {
            "owner": np.array(owners, dtype=object),
            "account": np.array(accounts, dtype=object),
            "hashed": np.array(hashed, dtype=bool),
        },
    )
    return frame


def _route_pricing_rows(net: ChannelNetwork) -> list[tuple[Any, ...]]:
    """One row per level of each route pricing (sorted by id), in route order."""
    group = net.registry("route_pricing")
    rows: list[tuple[Any, ...]] = []
    for ident in sorted(group):
        p = group[ident]
        target = np.nan if p.target_price is None else p.target_price
        for lv in p.levels:
            level = (lv.member, lv.buy, lv.sell, lv.rebate, lv.back_end)
            rows.append((p.id, p.steward, p.segment, p.list_price, target, *level))
    return rows


def to_frames(net: ChannelNetwork) -> dict[str, pd.DataFrame]:
    """The network as pandas frames, one per kind of object;
    `from_frames(**to_frames(net)) == net`.

    Rows are sorted by id (links by kind, source, target), so equal networks give equal
    frames. Every frame is present, empty ones with their columns. Lists are `;`-joined
    cells (a JSON array when an item holds a `;` or edge spaces), mappings one number
    column per key, and an empty cell (NaN) means "not set". The Tables guide describes
    every column:

    - `network`: name, steward (one row);
    - `organizations`: id, name, role, tier, engagement, owned, revenue, volume,
      velocity, verticals, regions, steward_share and switching_ease (only when some
      organization sets them), `capability.<service output>`, `priority.<key>`;
    - `segments`: id, name, size, band, verticals, regions,
      `need.<service output>.level`, `need.<service output>.importance`;
    - `managers`: id, name, capacity;
    - `links`: kind, source, target, revenue (serves), manager and mode (reports_to),
      data and interval_days (shares_data);
    - `levers`: id, change, acts_on, roles, members, owners, impact;
    - `propositions`: id, segment, claim, levers, owners;
    - `evidence`: proposition, metric, value, source, unit (in order, per proposition);
    - `investments`: id, recipient, kind, amount, period;
    - `margins`: segment, member, share;
    - `flow_tables`: segment, flow, weight, member, share, cost (one row per segment,
      flow and member);
    - `route_pricing`: id, steward, segment, list_price, target_price, member, buy, sell,
      rebate, back_end (one row per level, in route order).
    - `accounts`: owner, account, hashed (one row per owner and account; an empty
      account cell for an owner whose list is empty).

    Examples:
        >>> import channelvalue as cv
        >>> frames = cv.io.to_frames(cv.datasets.example())
        >>> list(frames)[:5]
        ['network', 'organizations', 'segments', 'managers', 'links']
        >>> frames["organizations"][["id", "role", "tier"]].head(2)
                    id   role      tier
        0         acme vendor registered
        1  acme-direct  agent  platinum
        >>> cv.io.from_frames(**frames) == cv.datasets.example()
        True
    """
    from ..._optional import require_pandas

    pdm = require_pandas("to_frames()")
    with net.reading():  # one consistent state, even while other threads change it
        return _frames(pdm, net)


def _frames(pdm: Any, net: ChannelNetwork) -> dict[str, pd.DataFrame]:
    mgrs = [net.managers[i] for i in sorted(net.managers)]
    frames = {
        "network": _data_frame(pdm, {"name": [net.name], "steward": [net.steward_id or ""]}),
        "organizations": _organizations(pdm, net),
        "segments": _segments(pdm, net),
        "managers": _data_frame(
            pdm,
            {
                "id": [m.id for m in mgrs],
                "name": [m.name for m in mgrs],
                "capacity": np.array([m.capacity for m in mgrs], dtype=np.float64),
            },
        ),
        "links": _links(pdm, net),
        **_plan_frames(pdm, net),
    }
    return {key: frames[key] for key in FRAME_NAMES}
