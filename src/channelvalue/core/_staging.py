"""Validation of a batch of additions against a network, before anything is applied.

``stage`` sorts a batch by kind, checks every rule against the network *plus the batch*
(so a batch may refer to its own items in any order) and returns the grouped items,
or raises with every problem found. The network applies the result in bulk.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import compress, groupby, repeat, starmap
from operator import attrgetter, eq, is_, itemgetter
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import (
    ChannelValueError,
    CycleError,
    DocumentError,
    DuplicateIdError,
    LinkError,
    Problem,
    UnknownIdError,
    ValidationError,
    WrongTypeError,
)
from ..model import (
    LINK_KINDS,
    FlowTable,
    Investment,
    Lever,
    Link,
    Manager,
    Margin,
    Organization,
    ReportingMode,
    ReportsTo,
    Segment,
    Serves,
    ValueProposition,
)
from .arrays import factorize

if TYPE_CHECKING:
    from .network import ChannelNetwork

__all__ = ["Staged", "describe", "stage"]

REPORTS_TO = ReportsTo.kind

# the registries whose ids share one namespace, by class
ID_KINDS: dict[type[Any], str] = {
    Organization: "organization",
    Segment: "segment",
    Manager: "manager",
    Lever: "lever",
    ValueProposition: "proposition",
    Investment: "investment",
}


@attrs.define
class Staged:
    """The validated batch, grouped by kind and ready to apply."""

    by_id: dict[type[Any], dict[str, Any]] = attrs.field(factory=lambda: defaultdict(dict))
    links: dict[str, dict[tuple[str, str], Link]] = attrs.field(factory=lambda: defaultdict(dict))
    margins: dict[tuple[str, str], Margin] = attrs.field(factory=dict)
    flow_tables: dict[str, FlowTable] = attrs.field(factory=dict)


def describe(obj: Any) -> str:
    """A short name for an object in messages: ``Organization 'r1'``, ``Supplies a->b``."""
    if isinstance(obj, Link):
        return f"{type(obj).__name__} {obj.source}->{obj.target}"
    if isinstance(obj, Margin):
        return f"Margin {obj.segment}/{obj.member}"
    if isinstance(obj, FlowTable):
        return f"FlowTable {obj.segment!r}"
    ident = getattr(obj, "id", None)
    return f"{type(obj).__name__} {ident!r}" if ident is not None else type(obj).__name__


_first = itemgetter(0)
_second = itemgetter(1)
_id = attrgetter("id")
_ends = attrgetter("source", "target")
_source = attrgetter("source")
_manager = attrgetter("manager")
_mode = attrgetter("mode")

_LINK_CLASSES: frozenset[type[Link]] = frozenset(LINK_KINDS.values())
_KNOWN_CLASSES: frozenset[type[Any]] = frozenset({*ID_KINDS, *_LINK_CLASSES, Margin, FlowTable})


class _LazyIndex:
    """Maps ``id(obj)`` to the object's position in the batch, built on first use."""

    def __init__(self, items: list[Any]) -> None:
        self._items = items
        self._index: dict[int, int] | None = None

    def __getitem__(self, key: int) -> int:
        if self._index is None:
            self._index = {id(obj): i for i, obj in enumerate(self._items)}
        return self._index[key]


class _Collector:
    def __init__(self) -> None:
        self.errors: list[tuple[int, ChannelValueError]] = []

    def add(self, index: int, err: ChannelValueError) -> None:
        self.errors.append((index, err))


def stage(net: ChannelNetwork, objs: Iterable[Any]) -> Staged:
    """Check a batch against ``net`` and return it grouped; raise with every problem.

    A sound batch is checked in bulk (set operations per kind); only a batch with a
    problem takes the item-by-item path that locates and reports every problem.
    """
    items = list(objs)
    staged = _fast_stage(net, items)
    if staged is not None:
        return staged
    return _careful_stage(net, items)


def _fast_stage(net: ChannelNetwork, items: list[Any]) -> Staged | None:
    """The batch grouped, if every rule holds; ``None`` as soon as one might not."""
    groups: dict[type[Any], list[Any]] = defaultdict(list)
    # runs of one class, grouped at C speed (bulk batches come in long runs)
    for cls, run in groupby(items, type):
        groups[cls].extend(run)
    if not _KNOWN_CLASSES.issuperset(groups):
        return None
    out = Staged()
    total = 0
    for cls in ID_KINDS:
        objs = groups.get(cls)
        if objs:
            by_id = dict(zip(map(_id, objs), objs, strict=True))
            if len(by_id) != len(objs):
                return None
            out.by_id[cls] = by_id
            total += len(by_id)
    new_ids: set[str] = set().union(*(d.keys() for d in out.by_id.values()))
    if len(new_ids) != total:
        return None
    for registry in net._registries():
        if not registry.keys().isdisjoint(new_ids):
            return None
    for cls in _LINK_CLASSES:
        objs = groups.get(cls)
        if objs:
            pairs = dict(zip(map(_ends, objs), objs, strict=True))
            if len(pairs) != len(objs) or not net._links[cls.kind].keys().isdisjoint(pairs):
                return None
            out.links[cls.kind] = pairs
    new_orgs = out.by_id.get(Organization, {})
    new_segs = out.by_id.get(Segment, {})
    orgs, segs = net._orgs, net._segments
    for kind, pairs in out.links.items():
        # C-level passes: no self link, every end known (set minus dict looks up by hash)
        if any(starmap(eq, pairs)):
            return None
        if set(map(_first, pairs)).difference(orgs).difference(new_orgs):
            return None
        tgt_a, tgt_b = (segs, new_segs) if kind == Serves.kind else (orgs, new_orgs)
        if set(map(_second, pairs)).difference(tgt_a).difference(tgt_b):
            return None
    reporting = out.links.get(REPORTS_TO)
    if reporting:
        new_mgrs = out.by_id.get(Manager, {})
        lines = reporting.values()
        named = set(map(_manager, lines))
        named.discard(None)
        if named.difference(net._managers).difference(new_mgrs):
            return None
        direct = repeat(ReportingMode.DIRECT)
        for source in compress(map(_source, lines), map(is_, map(_mode, lines), direct)):
            org = orgs.get(source) or new_orgs.get(source)
            if org is None or not org.owned:
                return None
    margins = groups.get(Margin, ())
    for margin in margins:
        if margin.key in out.margins or margin.key in net._margins:
            return None
        out.margins[margin.key] = margin
    for table in groups.get(FlowTable, ()):
        if table.segment in out.flow_tables or table.segment in net._flow_tables:
            return None
        out.flow_tables[table.segment] = table
    if _plan_problem(net, out):
        return None
    if reporting and _reporting_cycle(net, reporting) is not None:
        return None
    return out


def _plan_problem(net: ChannelNetwork, out: Staged) -> bool:
    """True if any plan item of the batch refers to an id that does not exist."""
    new_orgs = out.by_id.get(Organization, {})
    new_segs = out.by_id.get(Segment, {})
    new_levers = out.by_id.get(Lever, {})

    def org(x: str) -> bool:
        return x in net._orgs or x in new_orgs

    def seg(x: str) -> bool:
        return x in net._segments or x in new_segs

    def lever(x: str) -> bool:
        return x in net._levers or x in new_levers

    for vp in out.by_id.get(ValueProposition, {}).values():
        if not (seg(vp.segment) and all(map(lever, vp.levers)) and all(map(org, vp.owners))):
            return True
    for lv in new_levers.values():
        if not (all(map(org, lv.members)) and all(map(org, lv.owners))):
            return True
    for inv in out.by_id.get(Investment, {}).values():
        if not (org(inv.recipient) or lever(inv.recipient)):
            return True
    for m in out.margins.values():
        if not (seg(m.segment) and org(m.member)):
            return True
    return any(not (seg(t.segment) and all(map(org, t.members))) for t in out.flow_tables.values())


def _careful_stage(net: ChannelNetwork, items: list[Any]) -> Staged:
    """Check item by item, locating and reporting every problem (the slow path)."""
    out = Staged()
    errs = _Collector()
    index_of: dict[int, int] | _LazyIndex

    # 1. types and ids
    taken = net._kind_of
    seen: dict[str, str] = {}
    link_groups = out.links
    net_links = net._links
    for i, obj in enumerate(items):
        cls = type(obj)
        if cls in ID_KINDS:
            ident = obj.id
            owner = taken(ident) or seen.get(ident)
            if owner is not None:
                errs.add(i, DuplicateIdError(ident, existing=owner))
                continue
            seen[ident] = cls.__name__
            out.by_id[cls][ident] = obj
        elif cls in _LINK_CLASSES:
            kind = cls.kind
            group_l = link_groups[kind]
            pair = (obj.source, obj.target)
            if pair in group_l or pair in net_links[kind]:
                errs.add(
                    i,
                    LinkError(
                        cls.__name__,
                        "target",
                        obj.target,
                        "one link of each kind per pair (this one exists)",
                    ),
                )
            else:
                group_l[pair] = obj
        elif cls is Margin:
            if obj.key in out.margins or obj.key in net._margins:
                errs.add(i, DuplicateIdError(obj.key, existing="Margin"))
            else:
                out.margins[obj.key] = obj
        elif cls is FlowTable:
            if obj.segment in out.flow_tables or obj.segment in net._flow_tables:
                errs.add(i, DuplicateIdError(obj.segment, existing="FlowTable for that segment"))
            else:
                out.flow_tables[obj.segment] = obj
        else:
            errs.add(
                i,
                WrongTypeError(
                    "ChannelNetwork.add",
                    obj,
                    "a domain object (Organization, Segment, Manager, a Link, or a plan item)",
                ),
            )
    if errs.errors or len(items) < 4096:
        index_of = {id(obj): i for i, obj in enumerate(items)}
    else:  # positions are only needed to report problems: build them lazily
        index_of = _LazyIndex(items)

    new_orgs = out.by_id.get(Organization, {})
    new_segs = out.by_id.get(Segment, {})
    new_mgrs = out.by_id.get(Manager, {})
    new_levers = out.by_id.get(Lever, {})

    def is_org(x: str) -> bool:
        return x in net._orgs or x in new_orgs

    def is_seg(x: str) -> bool:
        return x in net._segments or x in new_segs

    def need(i: int, ok: bool, ident: str, kind: str, where: str) -> None:
        if not ok:
            errs.add(i, UnknownIdError(ident, kind=kind, where=where))

    # 2. links: endpoints, self links, manager and mode
    for kind, group in out.links.items():
        for (src, dst), link in group.items():
            i = index_of[id(link)]
            name = type(link).__name__
            if src == dst:
                errs.add(i, LinkError(name, "target", dst, "a node other than the source"))
                continue
            if not is_org(src):
                _endpoint_error(errs, i, name, "source", src, is_seg(src), "organization")
            if link.target_kind == "segment":
                if not is_seg(dst):
                    _endpoint_error(errs, i, name, "target", dst, is_org(dst), "segment")
            elif not is_org(dst):
                _endpoint_error(errs, i, name, "target", dst, is_seg(dst), "organization")
            if kind == REPORTS_TO:
                assert isinstance(link, ReportsTo)
                if link.manager is not None:
                    ok = link.manager in net._managers or link.manager in new_mgrs
                    need(i, ok, link.manager, "manager", f"{name}.manager")
                if link.mode is ReportingMode.DIRECT:
                    org = net._orgs.get(src) or new_orgs.get(src)
                    if org is not None and not org.owned:
                        errs.add(
                            i,
                            ValidationError(
                                name,
                                "mode",
                                "direct",
                                f"'indirect' ({src!r} is not an owned unit: set owned=True)",
                            ),
                        )

    # 3. plan references
    def is_lever(x: str) -> bool:
        return x in net._levers or x in new_levers

    for vp in out.by_id.get(ValueProposition, {}).values():
        i = index_of[id(vp)]
        need(i, is_seg(vp.segment), vp.segment, "segment", "ValueProposition.segment")
        for lv in vp.levers:
            need(i, is_lever(lv), lv, "lever", "ValueProposition.levers")
        for ow in vp.owners:
            need(i, is_org(ow), ow, "organization", "ValueProposition.owners")
    for lever in new_levers.values():
        i = index_of[id(lever)]
        for m in lever.members:
            need(i, is_org(m), m, "organization", "Lever.members")
        for ow in lever.owners:
            need(i, is_org(ow), ow, "organization", "Lever.owners")
    for inv in out.by_id.get(Investment, {}).values():
        i = index_of[id(inv)]
        ok = is_org(inv.recipient) or is_lever(inv.recipient)
        need(i, ok, inv.recipient, "organization or lever", "Investment.recipient")
    for margin in out.margins.values():
        i = index_of[id(margin)]
        need(i, is_seg(margin.segment), margin.segment, "segment", "Margin.segment")
        need(i, is_org(margin.member), margin.member, "organization", "Margin.member")
    for table in out.flow_tables.values():
        i = index_of[id(table)]
        need(i, is_seg(table.segment), table.segment, "segment", "FlowTable.segment")
        for m in table.members:
            need(i, is_org(m), m, "organization", "FlowTable member")

    # 4. reporting cycles (only if everything else is sound: the graph must be consistent)
    new_reporting = out.links.get(REPORTS_TO, {})
    if new_reporting and not errs.errors:
        cycle = _reporting_cycle(net, new_reporting)
        if cycle is not None:
            first = new_reporting.get((cycle[0], cycle[1]))
            errs.add(
                index_of[id(first)] if first is not None else 0,
                CycleError(cycle, relation="reports_to"),
            )

    if errs.errors:
        if len(errs.errors) == 1:
            index, err = errs.errors[0]
            err.index = index  # type: ignore[attr-defined]  # where it was in the batch
            raise err
        problems = [Problem(f"[{i}] {describe(items[i])}", str(e)) for i, e in errs.errors]
        raise DocumentError(
            problems,
            errors=[e for _, e in errs.errors],
            title=f"{len(problems)} problems; nothing was added",
        )
    return out


def _endpoint_error(
    errs: _Collector, i: int, name: str, field: str, ident: str, other_kind: bool, kind: str
) -> None:
    if other_kind:
        other = "segment" if kind == "organization" else "organization"
        art = "an" if kind == "organization" else "a"
        errs.add(
            i,
            LinkError(
                name,
                field,
                ident,
                f"{art} {kind} id ({ident!r} is {_article(other)} {other})",
            ),
        )
    else:
        errs.add(i, UnknownIdError(ident, kind=kind, where=f"{name}.{field}"))


def _article(noun: str) -> str:
    return "an" if noun[:1] in "aeiou" else "a"


def _reporting_cycle(net: ChannelNetwork, new: dict[tuple[str, str], Link]) -> list[str] | None:
    """Find a reporting cycle through at least one new link, by DFS from the new sources.

    Only the part of the graph reachable upward from the new links is visited, so
    adding a few links to a large network stays cheap, and a bulk load is linear.
    """
    if len(new) > _DFS_LIMIT:
        return _reporting_cycle_bulk(net, new)
    extra: dict[str, list[str]] = defaultdict(list)
    for src, dst in new:
        extra[src].append(dst)
    existing = net._reporting_up

    def ups(node: str) -> Iterator[str]:
        yield from existing(node)
        yield from extra.get(node, ())

    WHITE, GREY, BLACK = 0, 1, 2
    color: dict[str, int] = {}
    for start in sorted(extra):
        if color.get(start, WHITE) != WHITE:
            continue
        stack: list[tuple[str, Iterator[str]]] = [(start, ups(start))]
        color[start] = GREY
        while stack:
            node, it = stack[-1]
            for nxt in it:
                c = color.get(nxt, WHITE)
                if c == GREY:
                    path = [n for n, _ in stack]
                    return [*path[path.index(nxt) :], nxt]
                if c == WHITE:
                    color[nxt] = GREY
                    stack.append((nxt, ups(nxt)))
                    break
            else:
                color[node] = BLACK
                stack.pop()
    return None


_DFS_LIMIT = 2048
"""Batches with more new reporting links than this are checked by strong components."""


def _reporting_cycle_bulk(
    net: ChannelNetwork, new: dict[tuple[str, str], Link]
) -> list[str] | None:
    """Cycle check over all reporting links at once: strongly connected components (scipy).

    Linear in the reporting links; a cycle exists iff a component has two or more nodes
    (self links are refused earlier). The cycle itself is then found with networkx on
    that one component.
    """
    import networkx as nx
    import numpy as np
    import scipy.sparse as sp
    from scipy.sparse.csgraph import connected_components

    pairs = [*net._links[REPORTS_TO], *new]
    codes, names = factorize([*map(_first, pairs), *map(_second, pairs)])
    src, dst = codes[: len(pairs)], codes[len(pairs) :]
    n = len(names)
    graph = sp.csr_matrix((np.ones(len(pairs), dtype=np.int8), (src, dst)), shape=(n, n))
    n_comp, labels = connected_components(graph, directed=True, connection="strong")
    if n_comp == n:
        return None
    sizes = np.bincount(labels)
    label = int(np.flatnonzero(sizes > 1)[0])
    members = {names[i] for i in np.flatnonzero(labels == label)}
    sub = nx.DiGraph((u, v) for u, v in pairs if u in members and v in members)
    start = min(members)
    cycle = [u for u, _ in nx.find_cycle(sub, source=start)]
    return [*cycle, cycle[0]]
