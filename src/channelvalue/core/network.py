"""The [`ChannelNetwork`][channelvalue.ChannelNetwork]: one object holding the channel's structure
and its plan.

Examples:
    >>> import channelvalue as cv
    >>> net = cv.ChannelNetwork(steward="acme", name="demo")
    >>> net.add_all([
    ...     cv.Organization("acme", role="vendor"),
    ...     cv.Organization("dist", role="distributor"),
    ...     cv.Organization("r1", role="reseller", revenue=2e6),
    ...     cv.Segment("smb", size=5000),
    ...     cv.Supplies("acme", "dist"), cv.Supplies("dist", "r1"), cv.Serves("r1", "smb"),
    ... ])
    >>> net.upstream("r1"), net.partners("smb")
    (('dist',), ('r1',))
    >>> net
    <ChannelNetwork 'demo': steward 'acme', 3 organizations, 1 segments, 3 links>
"""

from __future__ import annotations

import html
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from datetime import date
from types import MappingProxyType
from typing import Any, TypeAlias

import attrs
import networkx as nx

from ..errors import (
    CycleError,
    InUseError,
    Problem,
    UnknownIdError,
    ValidationError,
    WrongTypeError,
)
from ..model import (
    LINK_KINDS,
    AccountList,
    FlowTable,
    Investment,
    Lever,
    Link,
    Manager,
    Margin,
    Organization,
    ReportsTo,
    RoutePricing,
    Segment,
    Serves,
    Supplies,
    ValueProposition,
)
from ..model.kinds import ID_KINDS, KINDS, KINDS_BY_CLASS, KINDS_BY_NAME, LINK_ROWS, Kind
from ..model.measures import ChannelMeasures
from ._gc import paused_gc
from ._graph import add_edges, add_nodes, copy_graph
from ._staging import REPORTS_TO, describe, stage
from .cache import DerivedCache, cached

__all__ = ["ChannelNetwork", "Item"]

Item: TypeAlias = (
    Organization
    | Segment
    | Manager
    | Link
    | ValueProposition
    | Lever
    | Investment
    | Margin
    | FlowTable
    | RoutePricing
    | AccountList
)
"""Anything that [`ChannelNetwork.add`][channelvalue.core.network.ChannelNetwork.add] accepts."""


def _kind_key(kind: str | type[Link] | None) -> str | None:
    if kind is None:
        return None
    if isinstance(kind, type) and issubclass(kind, Link) and kind is not Link:
        return kind.kind
    if isinstance(kind, str) and kind in LINK_KINDS:
        return kind
    valid = ", ".join(repr(k) for k in LINK_KINDS)
    raise WrongTypeError("kind", kind, f"a link class or one of {valid}")


class ChannelNetwork:
    """A vendor's channel: organizations, segments, managers, links and the plan.

    The structure is a private `networkx.MultiDiGraph` whose nodes are organization and
    segment ids and whose edge keys are link kinds; every change is validated first and
    applied whole or not at all. Read the graph through
    [`graph`][channelvalue.core.network.ChannelNetwork.graph] (a frozen view) or get an attributed
    copy with [`channelvalue.io.to_networkx`][channelvalue.io.to_networkx].

    Objects are kept in one registry per row of
    [`channelvalue.model.kinds.KINDS`][channelvalue.io.json.KINDS];
    [`registry`][channelvalue.core.network.ChannelNetwork.registry] reads any of them.

    **Threads.** Readers may run concurrently with each other. Every change
    ([`add`][channelvalue.core.network.ChannelNetwork.add],
    [`add_all`][channelvalue.core.network.ChannelNetwork.add_all],
    [`remove`][channelvalue.core.network.ChannelNetwork.remove]) holds the network's re-entrant
    lock, and so do the bulk readers while they read:
    [`copy`][channelvalue.core.network.ChannelNetwork.copy],
    [`validate`][channelvalue.core.network.ChannelNetwork.validate], the array view
    (`channelvalue.core.arrays.arrays`), [`channelvalue.io.document`][channelvalue.io.document] (so
    `dumps` and `save`), [`channelvalue.io.to_frames`][channelvalue.io.to_frames] (so `write_csv`)
    and `channelvalue.audit` (for its whole run). A bulk reader therefore sees the network before or
    after a change, never half of it. Anything else that reads while another thread changes the
    network — iterating a registry, running several mapping functions that must agree — holds the
    lock itself: `with net.reading(): ...`. Derived values are cached with the version they were
    built from, so a value built from an older version is never stored or returned.

    Args:
        steward: id of the organization that stewards the channel (usually the vendor).
            It may be added after the network is created.
        name: a display name.

    Examples:
        >>> net = ChannelNetwork(steward="acme")
        >>> net.add(Organization("acme", role="vendor"))
        >>> net.steward.role.value
        'vendor'
    """

    __slots__ = (
        "_cache",
        "_g",
        "_items",
        "_links",
        "_lock",
        "_measures",
        "_name",
        "_orgs",
        "_segments",
        "_steward",
    )

    def __init__(self, *, steward: str | None = None, name: str = "") -> None:
        if steward is not None and (type(steward) is not str or not steward):
            raise WrongTypeError("ChannelNetwork.steward", steward, "a non-empty id or None")
        if type(name) is not str:
            raise WrongTypeError("ChannelNetwork.name", name, "a string")
        self._steward = steward
        self._name = name
        self._g: nx.MultiDiGraph | None = None  # built on first use, then kept up to date
        self._cache = DerivedCache()
        self._lock = threading.RLock()
        self._measures: ChannelMeasures | None = None
        self._bind({k.name: {} for k in KINDS})

    def _bind(self, items: dict[str, dict[Any, Any]]) -> None:
        """Hold `items` (one registry per kind, by kind name) and the shortcuts into it."""
        self._items = items
        self._orgs: dict[str, Organization] = items["organization"]
        self._segments: dict[str, Segment] = items["segment"]
        self._links: dict[str, dict[tuple[str, str], Link]] = {
            k.name: items[k.name] for k in LINK_ROWS
        }

    # ------------------------------------------------------------------ identity
    @property
    def name(self) -> str:
        """The network's display name."""
        return self._name

    @property
    def steward_id(self) -> str | None:
        """The steward's id (`None` if not set)."""
        return self._steward

    @property
    def steward(self) -> Organization:
        """The steward organization.

        Raises:
            UnknownIdError: no steward is set, or it has not been added yet.
        """
        if self._steward is None:
            raise UnknownIdError(
                "",
                kind="steward",
                where="ChannelNetwork.steward",
                hint="create the network with steward=<organization id>",
            )
        org = self._orgs.get(self._steward)
        if org is None:
            raise UnknownIdError(self._steward, kind="organization", where="ChannelNetwork.steward")
        return org

    def reading(self) -> AbstractContextManager[Any]:
        """A context manager holding the network's lock: no change runs until it exits.

        Re-entrant (a thread holding it may change the network or nest readers). Use it
        to read a consistent state while other threads may change the network; the
        bulk readers (copy, the array view, `document`, `to_frames`, `audit`)
        already do.

        Examples:
            >>> net = ChannelNetwork()
            >>> with net.reading():
            ...     ids = list(net.organizations)
            >>> ids
            []
        """
        return self._lock

    @property
    def version(self) -> int:
        """A counter that grows with every change; the derived-data cache
        (`channelvalue.core.cache`) stamps its values with it."""
        return self._cache.version

    # ------------------------------------------------------------------ registries
    @property
    def organizations(self) -> Mapping[str, Organization]:
        """Read-only mapping of organization id to [`Organization`][channelvalue.Organization]
        (insertion order)."""
        return MappingProxyType(self._orgs)

    @property
    def segments(self) -> Mapping[str, Segment]:
        """Read-only mapping of segment id to [`Segment`][channelvalue.Segment]."""
        return MappingProxyType(self._segments)

    @property
    def managers(self) -> Mapping[str, Manager]:
        """Read-only mapping of manager id to [`Manager`][channelvalue.Manager]."""
        return MappingProxyType(self._items["manager"])

    @property
    def levers(self) -> Mapping[str, Lever]:
        """Read-only mapping of lever id to [`Lever`][channelvalue.Lever]."""
        return MappingProxyType(self._items["lever"])

    @property
    def propositions(self) -> Mapping[str, ValueProposition]:
        """Read-only mapping of proposition id to
        [`ValueProposition`][channelvalue.ValueProposition]."""
        return MappingProxyType(self._items["proposition"])

    @property
    def investments(self) -> Mapping[str, Investment]:
        """Read-only mapping of investment id to [`Investment`][channelvalue.Investment]."""
        return MappingProxyType(self._items["investment"])

    @property
    def margins(self) -> Mapping[tuple[str, str], Margin]:
        """Read-only mapping of `(segment, member)` to [`Margin`][channelvalue.Margin]."""
        return MappingProxyType(self._items["margin"])

    @property
    def flow_tables(self) -> Mapping[str, FlowTable]:
        """Read-only mapping of segment id to its [`FlowTable`][channelvalue.FlowTable]."""
        return MappingProxyType(self._items["flow_table"])

    def registry(self, kind: str) -> Mapping[Any, Any]:
        """Read-only mapping of key to object for one kind, named as in
        [`KINDS`][channelvalue.io.json.KINDS] (links are keyed by `(source, target)`),
        in insertion order.

        Raises:
            WrongTypeError: `kind` is not the name of a kind.

        Examples:
            >>> net = ChannelNetwork()
            >>> net.add_all([Organization("a", role="vendor"), Organization("b", role="reseller"),
            ...              Supplies("a", "b")])
            >>> list(net.registry("supplies")), list(net.registry("organization"))
            ([('a', 'b')], ['a', 'b'])
        """
        try:
            return MappingProxyType(self._items[kind])
        except (KeyError, TypeError):
            valid = ", ".join(map(repr, KINDS_BY_NAME))
            raise WrongTypeError("kind", kind, f"one of {valid}") from None

    def links(self, kind: str | type[Link] | None = None) -> Iterator[Link]:
        """The links of one kind (a class or its `kind` string), or of every kind.

        Links come in insertion order, kind by kind.

        Examples:
            >>> net = ChannelNetwork()
            >>> net.add_all([Organization("a", role="vendor"), Organization("b", role="reseller"),
            ...              Supplies("a", "b")])
            >>> [link.kind for link in net.links(Supplies)]
            ['supplies']
        """
        key = _kind_key(kind)
        if key is not None:
            yield from self._links[key].values()
            return
        for group in self._links.values():
            yield from group.values()

    def link(self, kind: str | type[Link], source: str, target: str) -> Link:
        """The link of `kind` from `source` to `target`.

        Raises:
            UnknownIdError: there is no such link.
        """
        key = _kind_key(kind)
        if key is None:
            valid = ", ".join(repr(k) for k in LINK_KINDS)
            raise WrongTypeError("kind", kind, f"a link class or one of {valid}")
        try:
            return self._links[key][(source, target)]
        except KeyError:
            raise UnknownIdError(f"{source}->{target}", kind=f"{key} link") from None

    def count_links(self, kind: str | type[Link] | None = None) -> int:
        """How many links of one kind (or of every kind) the network holds."""
        key = _kind_key(kind)
        if key is not None:
            return len(self._links[key])
        return sum(len(g) for g in self._links.values())

    def __contains__(self, item: object) -> bool:
        """An id of any kind, or a domain object held by the network (compared by value).

        Examples:
            >>> net = ChannelNetwork()
            >>> net.add(Organization("a", role="vendor"))
            >>> "a" in net, Organization("a", role="vendor") in net, "b" in net
            (True, True, False)
        """
        if isinstance(item, str):
            return self._id_kind(item) is not None
        kind = KINDS_BY_CLASS.get(type(item))
        if kind is None:
            return False
        found: bool = self._items[kind.name].get(kind.key(item)) == item
        return found

    def _id_kind(self, ident: str) -> Kind | None:
        """The kind whose registry holds the id `ident`, or None."""
        items = self._items
        for kind in ID_KINDS:
            if ident in items[kind.name]:
                return kind
        return None

    def _kind_of(self, ident: str) -> str | None:
        """The class name of the object with id `ident`, or None."""
        kind = self._id_kind(ident)
        return None if kind is None else kind.cls.__name__

    # ------------------------------------------------------------------ neighbourhood
    def _require(self, ident: str, registry: dict[str, Any], kind: str, where: str) -> None:
        if ident not in registry:
            raise UnknownIdError(ident, kind=kind, where=where)

    def _neighbours(self, adj: Any, node: str, key: str) -> tuple[str, ...]:
        return tuple(sorted(n for n, keys in adj[node].items() if key in keys))

    def upstream(self, org: str, kind: str | type[Link] = Supplies) -> tuple[str, ...]:
        """Ids with a link of `kind` (default `supplies`) *into* `org`, sorted.

        Examples:
            >>> net = ChannelNetwork()
            >>> net.add_all([Organization("a", role="vendor"), Organization("b", role="reseller"),
            ...              Supplies("a", "b")])
            >>> net.upstream("b"), net.downstream("a")
            (('a',), ('b',))
        """
        self._require(org, self._orgs, "organization", "upstream")
        return self._neighbours(self._graph().pred, org, _kind_key(kind) or "")

    def downstream(self, org: str, kind: str | type[Link] = Supplies) -> tuple[str, ...]:
        """Ids that `org` has a link of `kind` (default `supplies`) *to*, sorted."""
        self._require(org, self._orgs, "organization", "downstream")
        return self._neighbours(self._graph().succ, org, _kind_key(kind) or "")

    def partners(self, segment: str) -> tuple[str, ...]:
        """The organizations that serve `segment`, sorted.

        Examples:
            >>> net = ChannelNetwork()
            >>> net.add_all([Organization("r", role="retailer"), Segment("s"), Serves("r", "s")])
            >>> net.partners("s"), net.segments_of("r")
            (('r',), ('s',))
        """
        self._require(segment, self._segments, "segment", "partners")
        return self._neighbours(self._graph().pred, segment, Serves.kind)

    def segments_of(self, org: str) -> tuple[str, ...]:
        """The segments that `org` serves, sorted."""
        self._require(org, self._orgs, "organization", "segments_of")
        return self._neighbours(self._graph().succ, org, Serves.kind)

    def _reporting_up(self, node: str) -> Iterator[str]:
        adj = self._graph().succ.get(node)
        if adj:
            for n, keys in adj.items():
                if REPORTS_TO in keys:
                    yield n

    def _reporting_down(self, node: str) -> Iterator[str]:
        adj = self._graph().pred.get(node)
        if adj:
            for n, keys in adj.items():
                if REPORTS_TO in keys:
                    yield n

    def reporting_line(self, org: str) -> tuple[ReportsTo, ...]:
        """Every reporting link above `org`, nearest first (breadth-first, then by id).

        Examples:
            >>> net = ChannelNetwork()
            >>> net.add_all([Organization("v", role="vendor"),
            ...              Organization("d", role="distributor"),
            ...              Organization("r", role="reseller"),
            ...              ReportsTo("r", "d"), ReportsTo("d", "v")])
            >>> [(l.source, l.target) for l in net.reporting_line("r")]
            [('r', 'd'), ('d', 'v')]
        """
        self._require(org, self._orgs, "organization", "reporting_line")
        links = self._links[REPORTS_TO]
        out: list[ReportsTo] = []
        seen = {org}
        frontier = [org]
        while frontier:
            nxt: list[str] = []
            for node in frontier:
                for up in sorted(self._reporting_up(node)):
                    link = links[(node, up)]
                    assert isinstance(link, ReportsTo)
                    out.append(link)
                    if up not in seen:
                        seen.add(up)
                        nxt.append(up)
            frontier = nxt
        return tuple(out)

    def managed_by(self, manager: str) -> tuple[str, ...]:
        """The organizations whose reporting link names `manager`, sorted."""
        self._require(manager, self._items["manager"], "manager", "managed_by")
        return tuple(
            sorted(
                {
                    link.source
                    for link in self._links[REPORTS_TO].values()
                    if link.manager == manager  # type: ignore[attr-defined]
                }
            )
        )

    @property
    def graph(self) -> nx.MultiDiGraph:
        """A frozen, read-only view of the structure graph (no copy is made).

        Nodes are organization and segment ids; edge keys are link kinds
        (`"supplies"`, `"serves"`, `"reports_to"`, `"shares_data"`); edges carry no
        attributes. Use [`channelvalue.io.to_networkx`][channelvalue.io.to_networkx] for a copy with
        attributes.

        Examples:
            >>> import networkx as nx
            >>> net = ChannelNetwork()
            >>> net.add_all([Organization("a", role="vendor"), Organization("b", role="reseller"),
            ...              Supplies("a", "b")])
            >>> nx.is_directed_acyclic_graph(net.graph), list(net.graph.edges(keys=True))
            (True, [('a', 'b', 'supplies')])
        """
        view: nx.MultiDiGraph = cached(self, _graph_view)
        return view

    def _graph(self) -> nx.MultiDiGraph:
        """The private structure graph, built from the registries on first use.

        Bulk work (building, loading, mapping, auditing) never needs it, so a network
        that is only built and analysed never pays for it; once built, every change
        keeps it up to date. Nodes: organizations, then segments.
        """
        g = self._g
        if g is None:
            with self._lock:  # a change must not run between the build and the store
                g = self._g
                if g is None:
                    g = nx.MultiDiGraph()
                    with paused_gc():
                        for kind in KINDS:
                            _add_to_graph(g, kind, self._items[kind.name])
                    self._g = g
        return g

    # ------------------------------------------------------------------ changes
    def _changed(self) -> None:
        """Called before and after every change: bumps the version, clears the cache."""
        self._cache.changed()

    def add(self, obj: Item) -> None:
        """Add one domain object (validated; on error nothing changes).

        Raises:
            DuplicateIdError: the id (or link, margin, flow table) exists.
            UnknownIdError: a referenced id is not in the network.
            LinkError: a link joins the wrong kinds of node or a node to itself.
            CycleError: a reporting link would close a cycle.
            WrongTypeError: `obj` is not a domain object.

        Examples:
            >>> net = ChannelNetwork()
            >>> net.add(Serves("r1", "smb"))
            Traceback (most recent call last):
            ...
            channelvalue.errors.DocumentError: 2 problems; nothing was added:
              [0] Serves r1->smb: Serves.source: unknown organization id 'r1'
              [0] Serves r1->smb: Serves.target: unknown segment id 'smb'
        """
        self.add_all((obj,))

    def add_all(self, objs: Iterable[Item]) -> None:
        """Add many objects at once, in any order; atomic: on any error nothing is added.

        Items may refer to each other within the batch. When a batch has several problems
        they are all reported in one [`DocumentError`][channelvalue.DocumentError].

        Examples:
            >>> net = ChannelNetwork()
            >>> net.add_all([Supplies("a", "b"), Organization("a", role="vendor"),
            ...              Organization("b", role="distributor")])
            >>> net.count_links()
            1
        """
        with self._lock, paused_gc():
            self._add_all(objs)

    def _add_all(self, objs: Iterable[Item]) -> None:
        staged = stage(self, objs)
        g = self._g
        self._changed()
        for kind in KINDS:  # nodes before the links between them
            group = staged.groups.get(kind.name)
            if group:
                self._items[kind.name].update(group)
                if g is not None:
                    _add_to_graph(g, kind, group)
        self._changed()

    def remove(
        self,
        item: str | Link | Margin | FlowTable | RoutePricing | AccountList,
        *,
        cascade: bool = False,
    ) -> None:
        """Remove an object by id (a route pricing by its id too), or a link, margin, flow
        table, route pricing or account list by value.

        Removing an organization or segment also removes its links. Plan items (and
        reporting links naming a manager) that refer to the id make the removal fail
        with [`InUseError`][channelvalue.InUseError], unless `cascade=True`: then items
        that *are about* the id (an investment in it, its margins, a proposition for
        a removed segment, a flow table naming it, a route pricing along it, its account
        list) are removed, and lists that merely *mention* it (owners, members, levers, a
        link's manager) drop it.

        Examples:
            >>> net = ChannelNetwork()
            >>> net.add_all([Organization("r", role="reseller"),
            ...              Investment("i", recipient="r", amount=10)])
            >>> net.remove("r")
            Traceback (most recent call last):
            ...
            channelvalue.errors.InUseError: cannot remove 'r': still referenced by ...
            >>> net.remove("r", cascade=True)
            >>> len(net.investments)
            0
        """
        with self._lock:
            self._remove(item, cascade)

    def _remove(
        self, item: str | Link | Margin | FlowTable | RoutePricing | AccountList, cascade: bool
    ) -> None:
        by_value = KINDS_BY_CLASS.get(type(item))
        if by_value is not None and by_value.id_attr is None:
            registry = self._items[by_value.name]
            key = by_value.key(item)
            if registry.get(key) != item:
                ident, noun = _unknown(by_value, key)
                raise UnknownIdError(ident, kind=noun)
            self._changed()
            del registry[key]
            if by_value.is_link and self._g is not None:
                source, target = key
                self._g.remove_edge(source, target, key=by_value.name)
            self._changed()
            return
        if type(item) is not str:
            raise WrongTypeError(
                "ChannelNetwork.remove", item, "an id, a link, margin or flow table"
            )
        owner = self._id_kind(item)
        if owner is None:
            raise UnknownIdError(item, kind="object", where="remove")
        if item == self._steward:
            raise InUseError(
                item,
                ["the network (it is the steward)"],
                hint="the steward cannot be removed, even with cascade=True: the network is "
                "built around it; to drop it, build a network with another "
                "ChannelNetwork(steward=<id>) and add the other objects to it",
            )
        drops, edits = self._dependants(item)
        if (drops or edits) and not cascade:
            raise InUseError(
                item, sorted({describe(d) for d in drops} | {describe(o) for o, _ in edits})
            )
        # the graph tells which links end at a node: build it (if not yet) while it still
        # matches the registries
        g = self._graph() if item in self._orgs or item in self._segments else None
        # apply: nothing below can fail
        self._changed()
        for dep in drops:
            self._drop(dep)
        for old, new in edits:
            self._replace(old, new)
        del self._items[owner.name][item]
        if g is not None:
            for u, v, k in list(g.in_edges(item, keys=True)) + list(g.out_edges(item, keys=True)):
                self._links[k].pop((u, v), None)
            g.remove_node(item)
        self._changed()

    def _dependants(self, ident: str) -> tuple[list[Any], list[tuple[Any, Any]]]:
        """Plan items to drop and (old, new) items to edit if `ident` goes."""
        drops: list[Any] = []
        edits: list[tuple[Any, Any]] = []

        def without(values: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(v for v in values if v != ident)

        items = self._items
        for vp in items["proposition"].values():
            if vp.segment == ident:
                drops.append(vp)
            elif ident in vp.levers or ident in vp.owners:
                edits.append(
                    (vp, attrs.evolve(vp, levers=without(vp.levers), owners=without(vp.owners)))
                )
        for lever in items["lever"].values():
            if ident in lever.members or ident in lever.owners:
                edits.append(
                    (
                        lever,
                        attrs.evolve(
                            lever, members=without(lever.members), owners=without(lever.owners)
                        ),
                    )
                )
        drops.extend(i for i in items["investment"].values() if i.recipient == ident)
        drops.extend(m for m in items["margin"].values() if ident in m.key)
        drops.extend(
            t for t in items["flow_table"].values() if t.segment == ident or ident in t.members
        )
        drops.extend(
            p for p in items["route_pricing"].values() if p.segment == ident or ident in p.route
        )
        drops.extend(al for al in items["account_list"].values() if al.owner == ident)
        if ident in items["manager"]:
            for link in self._links[REPORTS_TO].values():
                if link.manager == ident:  # type: ignore[attr-defined]
                    assert isinstance(link, ReportsTo)
                    edits.append((link, attrs.evolve(link, manager=None)))
        return drops, edits

    def _drop(self, item: Any) -> None:
        kind = KINDS_BY_CLASS[type(item)]
        del self._items[kind.name][kind.key(item)]

    def _replace(self, old: Any, new: Any) -> None:
        kind = KINDS_BY_CLASS[type(old)]
        self._items[kind.name][kind.key(old)] = new

    # ------------------------------------------------------------------ whole network
    def copy(self) -> ChannelNetwork:
        """An independent copy (domain objects are immutable, so they are shared)."""
        new = ChannelNetwork(steward=self._steward, name=self._name)
        with self._lock:
            new._g = None if self._g is None else copy_graph(self._g)
            new._bind({name: dict(registry) for name, registry in self._items.items()})
            new._measures = self._measures
        return new

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ChannelNetwork):
            return NotImplemented
        return (
            self._steward == other._steward
            and self._name == other._name
            and self._items == other._items
            and self._measures == other._measures
        )

    __hash__ = None  # type: ignore[assignment]

    # ------------------------------------------------------------------ measured data
    @property
    def measures(self) -> ChannelMeasures | None:
        """The measures from channel data this network's volumes and velocities come from
        (`None` when they are all as entered); see
        [`with_measures`][channelvalue.core.network.ChannelNetwork.with_measures]."""
        return self._measures

    def with_measures(self, measures: Any, as_of: date | None = None) -> ChannelNetwork:
        """A copy whose partners' `volume` and `velocity` come from measured channel data.

        `measures` is a [`ChannelMeasures`][channelvalue.model.measures.ChannelMeasures], or
        anything with a `measures(as_of=...)` method returning one (a
        [`ChannelMetrics`][channelvalue.transactions.metrics.ChannelMetrics]), which is then
        called with `as_of`. Each organization with a measure gets the measured `volume`,
        and the measured `velocity` where there is one (a partner without the year before
        keeps the velocity it had). The measures, with their provenance, are kept on the
        copy ([`measures`][channelvalue.core.network.ChannelNetwork.measures]): they are
        compared by `==`, kept by `copy` and written to the JSON document. Measures of ids
        the network does not hold are kept but change nothing.

        Raises:
            WrongTypeError: `measures` is neither.
            ValidationError: `as_of` differs from the as-of date of given `ChannelMeasures`.

        Examples:
            >>> import datetime as dt
            >>> from channelvalue.model.measures import ChannelMeasures, PartnerMeasure
            >>> from channelvalue.model.measures import Provenance
            >>> net = ChannelNetwork(steward="acme")
            >>> net.add_all([Organization("acme", role="vendor"),
            ...              Organization("r1", role="reseller", volume=10, velocity=0.5)])
            >>> m = PartnerMeasure("r1", volume=1200.0, velocity=0.1, sell_in=0.0,
            ...     sell_through=0.0, on_hand=None, weeks_of_inventory=None,
            ...     weeks_of_inventory_change=None, sell_in_ratio=None, claims_paid=0.0,
            ...     claims_earned=0.0, win_rate=None, lines=24)
            >>> p = Provenance("month", "2025-01-01", "2026-12-31", "2026-12-31")
            >>> measured = net.with_measures(ChannelMeasures({"r1": m}, p))
            >>> measured.organizations["r1"].volume, net.organizations["r1"].volume
            (1200.0, 10.0)
            >>> measured.measures.provenance.period
            'month'
        """
        if not isinstance(measures, ChannelMeasures):
            method = getattr(measures, "measures", None)
            if not callable(method):
                raise WrongTypeError(
                    "ChannelNetwork.with_measures(measures)",
                    measures,
                    "a ChannelMeasures, or channel metrics with a measures(as_of=...) method",
                )
            measures = method(as_of=as_of)
            if not isinstance(measures, ChannelMeasures):
                raise WrongTypeError(
                    "ChannelNetwork.with_measures(measures)", measures, "a ChannelMeasures"
                )
        elif as_of is not None and as_of != measures.provenance.as_of:
            raise ValidationError(
                "ChannelNetwork.with_measures",
                "as_of",
                as_of,
                f"the measures' own as-of date {measures.provenance.as_of} (or None)",
            )
        new = self.copy()
        with new._lock:
            orgs = new._orgs
            new._changed()
            for partner, m in measures.partners.items():
                org = orgs.get(partner)
                if org is None:
                    continue
                velocity = org.velocity if m.velocity is None else m.velocity
                orgs[partner] = attrs.evolve(org, volume=m.volume, velocity=velocity)
            new._g = None  # the graph holds the objects: rebuilt on next use
            new._measures = measures
            new._changed()
        return new

    def counts(self) -> dict[str, int]:
        """How many objects of each kind the network holds, by each kind's
        `counts_as`, in the order of the table of kinds.

        Examples:
            >>> ChannelNetwork().counts()["organizations"]
            0
        """
        return {k.counts_as: len(self._items[k.name]) for k in KINDS}

    def validate(self) -> tuple[Problem, ...]:
        """Whole-network problems that single changes cannot rule out.

        Every change is validated when it is made; what remains is: the steward is not set
        or not added, and supply links that form a cycle (routes need a DAG).

        Examples:
            >>> [str(p) for p in ChannelNetwork().validate()]
            ['$.steward: no steward is set']
        """
        with self._lock:
            return self._validate()

    def _validate(self) -> tuple[Problem, ...]:
        problems: list[Problem] = []
        if self._steward is None:
            problems.append(Problem("$.steward", "no steward is set"))
        elif self._steward not in self._orgs:
            problems.append(Problem("$.steward", f"unknown organization id {self._steward!r}"))
        supply = nx.DiGraph()
        supply.add_edges_from(self._links[Supplies.kind])
        try:
            cycle = nx.find_cycle(supply)
        except nx.NetworkXNoCycle:
            pass
        else:
            ids = [*(u for u, _ in cycle), cycle[0][0]]
            problems.append(Problem("$.links", str(CycleError(ids, relation="supplies"))))
        return tuple(problems)

    def __repr__(self) -> str:
        name = f" {self._name!r}" if self._name else ""
        stew = f"steward {self._steward!r}, " if self._steward else ""
        return (
            f"<ChannelNetwork{name}: {stew}{len(self._orgs)} organizations, "
            f"{len(self._segments)} segments, {self.count_links()} links>"
        )

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(k.replace('_', ' '))}</td><td>{v:,}</td></tr>"
            for k, v in self.counts().items()
        )
        title = html.escape(self._name or "ChannelNetwork")
        stew = html.escape(self._steward or "(none)")
        return (
            f"<div><strong>{title}</strong> &mdash; steward <code>{stew}</code>"
            f"<table>{rows}</table></div>"
        )


def _graph_view(net: ChannelNetwork) -> nx.MultiDiGraph:
    view: nx.MultiDiGraph = nx.freeze(net._graph().copy(as_view=True))
    return view


def _add_to_graph(g: nx.MultiDiGraph, kind: Kind, group: Mapping[Any, Any]) -> None:
    """Mirror new objects in the graph: nodes for node kinds, edges for link kinds."""
    if kind.node:
        add_nodes(g, group)
    elif kind.is_link:
        add_edges(g, kind.name, group)


def _unknown(kind: Kind, key: Any) -> tuple[str, str]:
    """The id and kind an [`UnknownIdError`][channelvalue.UnknownIdError] names for a missing object
    held by value."""
    if kind.is_link:
        return "->".join(key), f"{kind.name} link"
    if isinstance(key, tuple):
        return "/".join(key), kind.name.replace("_", " ")
    return str(key), kind.name.replace("_", " ")
