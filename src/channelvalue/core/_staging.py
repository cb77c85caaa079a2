"""Validation of a batch of additions against a network, before anything is applied.

`stage` sorts a batch by kind, checks every rule against the network *plus the batch*
(so a batch may refer to its own items in any order) and returns the grouped items,
or raises with every problem found. The network applies the result in bulk.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Generator, Iterable, Iterator
from itertools import chain, groupby, repeat, starmap
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
    AccountList,
    FlowTable,
    Investment,
    Lever,
    Link,
    Margin,
    ReportingMode,
    ReportsTo,
    RoutePricing,
    ValueProposition,
)
from ..model.kinds import ID_KINDS, KINDS_BY_CLASS, KINDS_BY_NAME, Kind
from .arrays import factorize

if TYPE_CHECKING:
    from .network import ChannelNetwork

__all__ = ["Staged", "describe", "stage"]

REPORTS_TO = ReportsTo.kind


@attrs.define
class Staged:
    """The validated batch, grouped by kind name (in order of first appearance) and ready
    to apply; each group maps the kind's key to the object."""

    groups: dict[str, dict[Any, Any]] = attrs.field(factory=dict)

    def group(self, name: str) -> dict[Any, Any]:
        """The new objects of one kind (empty if there are none)."""
        return self.groups.get(name, _EMPTY)


_EMPTY: dict[Any, Any] = {}


def describe(obj: Any) -> str:
    """A short name for an object in messages: `Organization 'r1'`, `Supplies a->b`."""
    if isinstance(obj, Link):
        return f"{type(obj).__name__} {obj.source}->{obj.target}"
    if isinstance(obj, Margin):
        return f"Margin {obj.segment}/{obj.member}"
    if isinstance(obj, FlowTable):
        return f"FlowTable {obj.segment!r}"
    if isinstance(obj, AccountList):
        return f"AccountList {obj.owner!r}"
    ident = getattr(obj, "id", None)
    return f"{type(obj).__name__} {ident!r}" if ident is not None else type(obj).__name__


_first = itemgetter(0)
_second = itemgetter(1)
_manager = attrgetter("manager")
_mode = attrgetter("mode")


class _LazyIndex:
    """Maps `id(obj)` to the object's position in the batch, built on first use."""

    def __init__(self, items: list[Any]) -> None:
        self._items = items
        self._index: dict[int, int] | None = None

    def __getitem__(self, key: int) -> int:
        if self._index is None:
            self._index = {id(obj): i for i, obj in enumerate(self._items)}
        return self._index[key]


def stage(net: ChannelNetwork, objs: Iterable[Any]) -> Staged:
    """Check a batch against `net` and return it grouped; raise with every problem.

    One implementation checks every rule. Each rule first tests the whole batch at C
    speed (set operations per kind) and only looks item by item at the items that test
    flags, to say which item breaks it and how; a sound batch never takes that step.
    """
    items = list(objs)
    out, errors = _group(net, items)
    index_of = _LazyIndex(items)
    ctx = _Context(net, out)
    found = [*_link_problems(ctx), *_plan_problems(ctx)]
    errors.extend((index_of[id(obj)], err) for obj, err in found)
    reporting = out.group(REPORTS_TO)
    if reporting and not errors:  # the graph must be consistent to look for cycles
        cycle = _reporting_cycle(net, reporting)
        if cycle is not None:
            first = reporting.get((cycle[0], cycle[1]))
            errors.append(
                (
                    index_of[id(first)] if first is not None else 0,
                    CycleError(cycle, relation="reports_to"),
                )
            )
    if errors:
        _raise(items, errors)
    return out


def _raise(items: list[Any], errors: list[tuple[int, ChannelValueError]]) -> None:
    if len(errors) == 1:
        index, err = errors[0]
        err.index = index  # type: ignore[attr-defined]  # where it was in the batch
        raise err
    problems = [Problem(f"[{i}] {describe(items[i])}", str(e)) for i, e in errors]
    raise DocumentError(
        problems,
        errors=[e for _, e in errors],
        title=f"{len(problems)} problems; nothing was added",
    )


# ---------------------------------------------------------------------- 1. kinds and keys
def _group(net: ChannelNetwork, items: list[Any]) -> tuple[Staged, list[tuple[int, Any]]]:
    """The batch grouped by kind and key; errors for unknown types and taken keys.

    Whole runs of one class are keyed at once; only when a key is taken (in the network
    or earlier in the batch) or a type is unknown is the batch walked item by item.
    """
    runs: dict[type[Any], list[Any]] = defaultdict(list)
    for cls, run in groupby(items, type):  # bulk batches come in long runs of one class
        runs[cls].extend(run)
    if all(cls in KINDS_BY_CLASS for cls in runs):
        out = Staged()
        for cls, objs in runs.items():
            kind = KINDS_BY_CLASS[cls]
            keyed = dict(zip(map(kind.key, objs), objs, strict=True))
            if len(keyed) != len(objs) or not net._items[kind.name].keys().isdisjoint(keyed):
                break
            out.groups[kind.name] = keyed
        else:
            new_ids = [out.group(k.name).keys() for k in ID_KINDS]
            union: set[Any] = set().union(*new_ids)
            if len(union) == sum(map(len, new_ids)) and all(
                net._items[k.name].keys().isdisjoint(union) for k in ID_KINDS
            ):
                return out, []
    return _group_each(net, items)


def _group_each(net: ChannelNetwork, items: list[Any]) -> tuple[Staged, list[tuple[int, Any]]]:
    """`_group` item by item: the first of equal keys is kept, the others reported."""
    out = Staged()
    errors: list[tuple[int, Any]] = []
    seen: dict[str, str] = {}
    for i, obj in enumerate(items):
        cls = type(obj)
        kind = KINDS_BY_CLASS.get(cls)
        if kind is None:
            errors.append(
                (
                    i,
                    WrongTypeError(
                        "ChannelNetwork.add",
                        obj,
                        "a domain object (Organization, Segment, Manager, a Link, or a plan item)",
                    ),
                )
            )
            continue
        key = kind.key(obj)
        group = out.groups.setdefault(kind.name, {})
        if kind.id_attr is not None:
            owner = net._kind_of(key) or seen.get(key)
            if owner is not None:
                errors.append((i, DuplicateIdError(key, existing=owner)))
                continue
            seen[key] = cls.__name__
        elif key in group or key in net._items[kind.name]:
            errors.append((i, _taken(kind, obj)))
            continue
        group[key] = obj
    return out, errors


def _taken(kind: Kind, obj: Any) -> ChannelValueError:
    """The error for an object (held by value) whose key is taken."""
    if kind.is_link:
        return LinkError(
            kind.cls.__name__,
            "target",
            obj.target,
            "one link of each kind per pair (this one exists)",
        )
    if kind.cls is FlowTable:
        return DuplicateIdError(obj.segment, existing="FlowTable for that segment")
    if kind.cls is AccountList:
        return DuplicateIdError(obj.owner, existing="AccountList for that owner")
    return DuplicateIdError(kind.key(obj), existing=kind.cls.__name__)


# ---------------------------------------------------------------------- 2. links
class _Context:
    """What the rules look ids up in: the network plus the batch."""

    def __init__(self, net: ChannelNetwork, out: Staged) -> None:
        self.net = net
        self.out = out
        self.orgs = net._orgs
        self.segs = net._segments
        self.new_orgs = out.group("organization")
        self.new_segs = out.group("segment")

    def known(self, name: str, ident: str) -> bool:
        return ident in self.net._items[name] or ident in self.out.group(name)

    def is_org(self, x: str) -> bool:
        return x in self.orgs or x in self.new_orgs

    def is_seg(self, x: str) -> bool:
        return x in self.segs or x in self.new_segs


def _link_problems(ctx: _Context) -> Iterator[tuple[Any, ChannelValueError]]:
    """Self links, unknown ends, unknown managers, direct lines of units not owned."""
    for name, pairs in ctx.out.groups.items():
        cls = KINDS_BY_NAME[name].cls
        if not issubclass(cls, Link):
            continue
        # C-level passes over the whole group: which ends are unknown, any self link
        bad_src = set(map(_first, pairs)).difference(ctx.orgs).difference(ctx.new_orgs)
        to_seg = cls.target_kind == "segment"
        old, new = (ctx.segs, ctx.new_segs) if to_seg else (ctx.orgs, ctx.new_orgs)
        bad_dst = set(map(_second, pairs)).difference(old).difference(new)
        loops = any(starmap(eq, pairs))
        bad_mgr: set[Any] = set()
        direct = False
        if name == REPORTS_TO:
            lines = pairs.values()
            bad_mgr = {m for m in set(map(_manager, lines)) if m is not None}
            bad_mgr = {m for m in bad_mgr if not ctx.known("manager", m)}
            direct = any(map(is_, map(_mode, lines), repeat(ReportingMode.DIRECT)))
        if not (bad_src or bad_dst or loops or bad_mgr or direct):
            continue
        for (src, dst), link in pairs.items():
            if (
                src == dst
                or src in bad_src
                or dst in bad_dst
                or (
                    name == REPORTS_TO
                    and (link.mode is ReportingMode.DIRECT or link.manager in bad_mgr)
                )
            ):
                for err in _check_link(ctx, link):
                    yield link, err


def _check_link(ctx: _Context, link: Any) -> Iterator[ChannelValueError]:
    """Every problem of one link, in order."""
    name = type(link).__name__
    src, dst = link.source, link.target
    if src == dst:
        yield LinkError(name, "target", dst, "a node other than the source")
        return
    if not ctx.is_org(src):
        yield _endpoint_error(name, "source", src, ctx.is_seg(src), "organization")
    if link.target_kind == "segment":
        if not ctx.is_seg(dst):
            yield _endpoint_error(name, "target", dst, ctx.is_org(dst), "segment")
    elif not ctx.is_org(dst):
        yield _endpoint_error(name, "target", dst, ctx.is_seg(dst), "organization")
    if isinstance(link, ReportsTo):
        if link.manager is not None and not ctx.known("manager", link.manager):
            yield UnknownIdError(link.manager, kind="manager", where=f"{name}.manager")
        if link.mode is ReportingMode.DIRECT:
            org = ctx.orgs.get(src) or ctx.new_orgs.get(src)
            if org is not None and not org.owned:
                yield ValidationError(
                    name,
                    "mode",
                    "direct",
                    f"'indirect' ({src!r} is not an owned unit: set owned=True)",
                )


# ---------------------------------------------------------------------- 3. plan references
def _plan_problems(ctx: _Context) -> Iterator[tuple[Any, ChannelValueError]]:
    """Plan items that refer to ids that do not exist (checked item by item: plans are
    small next to the structure)."""
    org, seg = ctx.is_org, ctx.is_seg

    def lever(x: str) -> bool:
        return ctx.known("lever", x)

    refs: dict[type[Any], Callable[[Any], Iterator[tuple[bool, str, str, str]]]] = {
        ValueProposition: lambda vp: chain(
            [(seg(vp.segment), vp.segment, "segment", "ValueProposition.segment")],
            ((lever(x), x, "lever", "ValueProposition.levers") for x in vp.levers),
            ((org(x), x, "organization", "ValueProposition.owners") for x in vp.owners),
        ),
        Lever: lambda lv: chain(
            ((org(x), x, "organization", "Lever.members") for x in lv.members),
            ((org(x), x, "organization", "Lever.owners") for x in lv.owners),
        ),
        Investment: lambda inv: iter(
            [
                (
                    org(inv.recipient) or lever(inv.recipient),
                    inv.recipient,
                    "organization or lever",
                    "Investment.recipient",
                )
            ]
        ),
        Margin: lambda m: iter(
            [
                (seg(m.segment), m.segment, "segment", "Margin.segment"),
                (org(m.member), m.member, "organization", "Margin.member"),
            ]
        ),
        FlowTable: lambda t: chain(
            [(seg(t.segment), t.segment, "segment", "FlowTable.segment")],
            ((org(x), x, "organization", "FlowTable member") for x in t.members),
        ),
        RoutePricing: lambda p: chain(
            [] if p.segment is None else [(seg(p.segment), p.segment, "segment", "RoutePricing")],
            ((org(x), x, "organization", "RoutePricing route") for x in p.route),
        ),
        AccountList: lambda al: iter(
            [(org(al.owner), al.owner, "organization", "AccountList.owner")]
        ),
    }
    for cls, check in refs.items():
        for obj in ctx.out.group(KINDS_BY_CLASS[cls].name).values():
            for ok, ident, kind, where in check(obj):
                if not ok:
                    yield obj, UnknownIdError(ident, kind=kind, where=where)


def _endpoint_error(
    name: str, field: str, ident: str, other_kind: bool, kind: str
) -> ChannelValueError:
    if other_kind:
        other = "segment" if kind == "organization" else "organization"
        art = "an" if kind == "organization" else "a"
        return LinkError(
            name, field, ident, f"{art} {kind} id ({ident!r} is {_article(other)} {other})"
        )
    return UnknownIdError(ident, kind=kind, where=f"{name}.{field}")


def _article(noun: str) -> str:
    return "an" if noun[:1] in "aeiou" else "a"


def _reporting_cycle(net: ChannelNetwork, new: dict[tuple[str, str], Link]) -> list[str] | None:
    """Find a reporting cycle through at least one new link, by DFS from the new sources.

    Only the part of the graph reachable upward from the new links is visited, so
    adding a few links to a large network stays cheap, and a bulk load is linear.
    """
    if len(new) > _DFS_LIMIT:
        return _reporting_cycle_bulk(net, new)
    if not _may_cycle(net, new):
        return None
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


def _may_cycle(net: ChannelNetwork, new: dict[tuple[str, str], Link]) -> bool:
    """Whether a reporting cycle goes through a new link, at the cost of the smaller side.

    A cycle through a new link `s -> t` lies both in what the new targets reach upward
    and in what reaches the new sources; either closure contains it, and a depth-first
    search over either finds it. The two searches run in turns, one link at a time, and
    the first to finish answers: `O(min(up, down))` links followed, where `up` and
    `down` are the sizes of the two closures. Adding a link to the end of a long chain —
    from either end — costs O(1): nothing reports to a new leaf, nothing is above a new top.
    """
    above: dict[str, list[str]] = defaultdict(list)
    below: dict[str, list[str]] = defaultdict(list)
    for src, dst in new:
        above[src].append(dst)
        below[dst].append(src)

    def ups(node: str) -> Iterator[str]:
        yield from net._reporting_up(node)
        yield from above.get(node, ())

    def downs(node: str) -> Iterator[str]:
        yield from net._reporting_down(node)
        yield from below.get(node, ())

    searches = [_has_cycle(sorted(below), ups), _has_cycle(sorted(above), downs)]
    while True:
        for search in searches:
            try:
                next(search)
            except StopIteration as done:
                found: bool = done.value
                return found


def _has_cycle(
    starts: list[str], nexts: Callable[[str], Iterator[str]]
) -> Generator[None, None, bool]:
    """Depth-first search from `starts`; yields once per link followed and returns
    whether the part it reaches has a cycle."""
    grey, black = 1, 2
    color: dict[str, int] = {}
    for start in starts:
        if start in color:
            continue
        stack: list[Iterator[str]] = [nexts(start)]
        color[start] = grey
        path = [start]
        while stack:
            for nxt in stack[-1]:
                yield
                c = color.get(nxt)
                if c == grey:
                    return True
                if c is None:
                    color[nxt] = grey
                    stack.append(nexts(nxt))
                    path.append(nxt)
                    break
            else:
                color[path.pop()] = black
                stack.pop()
    return False


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
