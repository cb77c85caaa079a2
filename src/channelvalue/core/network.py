"""The :class:`ChannelNetwork`: one object holding the channel's structure and its plan.

Example:
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
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs
import networkx as nx

from ..errors import (
    InUseError,
    Problem,
    UnknownIdError,
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
    ReportsTo,
    Segment,
    Serves,
    Supplies,
    ValueProposition,
)
from ._gc import paused_gc
from ._graph import add_edges, add_nodes, copy_graph
from ._staging import REPORTS_TO, describe, stage

if TYPE_CHECKING:
    from collections.abc import Callable

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
)
"""Anything that :meth:`ChannelNetwork.add` accepts."""

_KIND_NAMES = {
    "organization": "Organization",
    "segment": "Segment",
    "manager": "Manager",
    "lever": "Lever",
    "proposition": "ValueProposition",
    "investment": "Investment",
}


_ID_KIND_OF: dict[type[Any], str] = {
    Organization: "organization",
    Segment: "segment",
    Manager: "manager",
    Lever: "lever",
    ValueProposition: "proposition",
    Investment: "investment",
}


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

    The structure is a private ``networkx.MultiDiGraph`` whose nodes are organization and
    segment ids and whose edge keys are link kinds; every change is validated first and
    applied whole or not at all. Read the graph through :attr:`graph` (a frozen view) or
    get an attributed copy with :meth:`to_networkx`.

    Args:
        steward: id of the organization that stewards the channel (usually the vendor).
            It may be added after the network is created.
        name: a display name.

    Example:
        >>> net = ChannelNetwork(steward="acme")
        >>> net.add(Organization("acme", role="vendor"))
        >>> net.steward.role.value
        'vendor'
    """

    __slots__ = (
        "_cache",
        "_flow_tables",
        "_g",
        "_investments",
        "_levers",
        "_links",
        "_managers",
        "_margins",
        "_name",
        "_orgs",
        "_propositions",
        "_segments",
        "_steward",
        "_version",
    )

    def __init__(self, *, steward: str | None = None, name: str = "") -> None:
        if steward is not None and (type(steward) is not str or not steward):
            raise WrongTypeError("ChannelNetwork.steward", steward, "a non-empty id or None")
        if type(name) is not str:
            raise WrongTypeError("ChannelNetwork.name", name, "a string")
        self._steward = steward
        self._name = name
        self._g: nx.MultiDiGraph | None = None  # built on first use, then kept up to date
        self._orgs: dict[str, Organization] = {}
        self._segments: dict[str, Segment] = {}
        self._managers: dict[str, Manager] = {}
        self._levers: dict[str, Lever] = {}
        self._propositions: dict[str, ValueProposition] = {}
        self._investments: dict[str, Investment] = {}
        self._margins: dict[tuple[str, str], Margin] = {}
        self._flow_tables: dict[str, FlowTable] = {}
        self._links: dict[str, dict[tuple[str, str], Link]] = {k: {} for k in LINK_KINDS}
        self._version = 0
        self._cache: dict[str, Any] = {}

    # ------------------------------------------------------------------ identity
    @property
    def name(self) -> str:
        """The network's display name."""
        return self._name

    @property
    def steward_id(self) -> str | None:
        """The steward's id (``None`` if not set)."""
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

    @property
    def version(self) -> int:
        """A counter that grows with every change; caches key on it."""
        return self._version

    # ------------------------------------------------------------------ registries
    @property
    def organizations(self) -> Mapping[str, Organization]:
        """Read-only mapping of organization id to :class:`Organization` (insertion order)."""
        return MappingProxyType(self._orgs)

    @property
    def segments(self) -> Mapping[str, Segment]:
        """Read-only mapping of segment id to :class:`Segment`."""
        return MappingProxyType(self._segments)

    @property
    def managers(self) -> Mapping[str, Manager]:
        """Read-only mapping of manager id to :class:`Manager`."""
        return MappingProxyType(self._managers)

    @property
    def levers(self) -> Mapping[str, Lever]:
        """Read-only mapping of lever id to :class:`Lever`."""
        return MappingProxyType(self._levers)

    @property
    def propositions(self) -> Mapping[str, ValueProposition]:
        """Read-only mapping of proposition id to :class:`ValueProposition`."""
        return MappingProxyType(self._propositions)

    @property
    def investments(self) -> Mapping[str, Investment]:
        """Read-only mapping of investment id to :class:`Investment`."""
        return MappingProxyType(self._investments)

    @property
    def margins(self) -> Mapping[tuple[str, str], Margin]:
        """Read-only mapping of ``(segment, member)`` to :class:`Margin`."""
        return MappingProxyType(self._margins)

    @property
    def flow_tables(self) -> Mapping[str, FlowTable]:
        """Read-only mapping of segment id to its :class:`FlowTable`."""
        return MappingProxyType(self._flow_tables)

    def links(self, kind: str | type[Link] | None = None) -> Iterator[Link]:
        """The links of one kind (a class or its ``kind`` string), or of every kind.

        Links come in insertion order, kind by kind.

        Example:
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
        """The link of ``kind`` from ``source`` to ``target``.

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

        Example:
            >>> net = ChannelNetwork()
            >>> net.add(Organization("a", role="vendor"))
            >>> "a" in net, Organization("a", role="vendor") in net, "b" in net
            (True, True, False)
        """
        if isinstance(item, str):
            return self._kind_of(item) is not None
        kind = _ID_KIND_OF.get(type(item))
        if kind is not None:
            return self._registry(kind).get(item.id) == item  # type: ignore[attr-defined]
        if isinstance(item, Link):
            group = self._links.get(item.kind)
            return group is not None and group.get((item.source, item.target)) == item
        if isinstance(item, Margin):
            return self._margins.get(item.key) == item
        if isinstance(item, FlowTable):
            return self._flow_tables.get(item.segment) == item
        return False

    def _registry(self, kind: str) -> dict[str, Any]:
        registries: dict[str, dict[str, Any]] = {
            "organization": self._orgs,
            "segment": self._segments,
            "manager": self._managers,
            "lever": self._levers,
            "proposition": self._propositions,
            "investment": self._investments,
        }
        return registries[kind]

    def _registries(self) -> tuple[dict[str, Any], ...]:
        """The registries that share the id namespace."""
        return (
            self._orgs,
            self._segments,
            self._managers,
            self._levers,
            self._propositions,
            self._investments,
        )

    def _kind_of(self, ident: str) -> str | None:
        """Which registry holds ``ident`` (its class name), or None."""
        if ident in self._orgs:
            return "Organization"
        if ident in self._segments:
            return "Segment"
        if ident in self._managers:
            return "Manager"
        if ident in self._levers:
            return "Lever"
        if ident in self._propositions:
            return "ValueProposition"
        if ident in self._investments:
            return "Investment"
        return None

    # ------------------------------------------------------------------ neighbourhood
    def _require(self, ident: str, registry: dict[str, Any], kind: str, where: str) -> None:
        if ident not in registry:
            raise UnknownIdError(ident, kind=kind, where=where)

    def _neighbours(self, adj: Any, node: str, key: str) -> tuple[str, ...]:
        return tuple(sorted(n for n, keys in adj[node].items() if key in keys))

    def upstream(self, org: str, kind: str | type[Link] = Supplies) -> tuple[str, ...]:
        """Ids with a link of ``kind`` (default ``supplies``) *into* ``org``, sorted.

        Example:
            >>> net = ChannelNetwork()
            >>> net.add_all([Organization("a", role="vendor"), Organization("b", role="reseller"),
            ...              Supplies("a", "b")])
            >>> net.upstream("b"), net.downstream("a")
            (('a',), ('b',))
        """
        self._require(org, self._orgs, "organization", "upstream")
        return self._neighbours(self._graph().pred, org, _kind_key(kind) or "")

    def downstream(self, org: str, kind: str | type[Link] = Supplies) -> tuple[str, ...]:
        """Ids that ``org`` has a link of ``kind`` (default ``supplies``) *to*, sorted."""
        self._require(org, self._orgs, "organization", "downstream")
        return self._neighbours(self._graph().succ, org, _kind_key(kind) or "")

    def partners(self, segment: str) -> tuple[str, ...]:
        """The organizations that serve ``segment``, sorted.

        Example:
            >>> net = ChannelNetwork()
            >>> net.add_all([Organization("r", role="retailer"), Segment("s"), Serves("r", "s")])
            >>> net.partners("s"), net.segments_of("r")
            (('r',), ('s',))
        """
        self._require(segment, self._segments, "segment", "partners")
        return self._neighbours(self._graph().pred, segment, Serves.kind)

    def segments_of(self, org: str) -> tuple[str, ...]:
        """The segments that ``org`` serves, sorted."""
        self._require(org, self._orgs, "organization", "segments_of")
        return self._neighbours(self._graph().succ, org, Serves.kind)

    def _reporting_up(self, node: str) -> Iterator[str]:
        adj = self._graph().succ.get(node)
        if adj:
            for n, keys in adj.items():
                if REPORTS_TO in keys:
                    yield n

    def reporting_line(self, org: str) -> tuple[ReportsTo, ...]:
        """Every reporting link above ``org``, nearest first (breadth-first, then by id).

        Example:
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
        """The organizations whose reporting link names ``manager``, sorted."""
        self._require(manager, self._managers, "manager", "managed_by")
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
        (``"supplies"``, ``"serves"``, ``"reports_to"``, ``"shares_data"``); edges carry no
        attributes. Use :meth:`to_networkx` for a copy with attributes.

        Example:
            >>> import networkx as nx
            >>> net = ChannelNetwork()
            >>> net.add_all([Organization("a", role="vendor"), Organization("b", role="reseller"),
            ...              Supplies("a", "b")])
            >>> nx.is_directed_acyclic_graph(net.graph), list(net.graph.edges(keys=True))
            (True, [('a', 'b', 'supplies')])
        """
        return self._cached("graph_view", lambda: nx.freeze(self._graph().copy(as_view=True)))

    def _graph(self) -> nx.MultiDiGraph:
        """The private structure graph, built from the registries on first use.

        Bulk work (building, loading, mapping, auditing) never needs it, so a network
        that is only built and analysed never pays for it; once built, every change
        keeps it up to date. Nodes: organizations, then segments.
        """
        g = self._g
        if g is None:
            g = nx.MultiDiGraph()
            with paused_gc():
                add_nodes(g, self._orgs)
                add_nodes(g, self._segments)
                for kind, links in self._links.items():
                    add_edges(g, kind, links)
            self._g = g
        return g

    def _cached(self, key: str, build: Callable[[], Any]) -> Any:
        """A value built once per network version (dropped on every change)."""
        try:
            return self._cache[key]
        except KeyError:
            value = self._cache[key] = build()
            return value

    # ------------------------------------------------------------------ changes
    def _changed(self) -> None:
        self._version += 1
        self._cache.clear()

    def add(self, obj: Item) -> None:
        """Add one domain object (validated; on error nothing changes).

        Raises:
            DuplicateIdError: the id (or link, margin, flow table) exists.
            UnknownIdError: a referenced id is not in the network.
            LinkError: a link joins the wrong kinds of node or a node to itself.
            CycleError: a reporting link would close a cycle.
            WrongTypeError: ``obj`` is not a domain object.

        Example:
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
        they are all reported in one :class:`~channelvalue.errors.DocumentError`.

        Example:
            >>> net = ChannelNetwork()
            >>> net.add_all([Supplies("a", "b"), Organization("a", role="vendor"),
            ...              Organization("b", role="distributor")])
            >>> net.count_links()
            1
        """
        with paused_gc():
            self._add_all(objs)

    def _add_all(self, objs: Iterable[Item]) -> None:
        staged = stage(self, objs)
        g = self._g
        for cls, group in staged.by_id.items():
            if cls is Organization:
                self._orgs.update(group)
                if g is not None:
                    add_nodes(g, group)
            elif cls is Segment:
                self._segments.update(group)
                if g is not None:
                    add_nodes(g, group)
            elif cls is Manager:
                self._managers.update(group)
            elif cls is Lever:
                self._levers.update(group)
            elif cls is ValueProposition:
                self._propositions.update(group)
            elif cls is Investment:
                self._investments.update(group)
        for kind, links in staged.links.items():
            self._links[kind].update(links)
            if g is not None:
                add_edges(g, kind, links)
        self._margins.update(staged.margins)
        self._flow_tables.update(staged.flow_tables)
        self._changed()

    def remove(self, item: str | Link | Margin | FlowTable, *, cascade: bool = False) -> None:
        """Remove an object by id, or a link, margin or flow table by value.

        Removing an organization or segment also removes its links. Plan items (and
        reporting links naming a manager) that refer to the id make the removal fail
        with :class:`~channelvalue.errors.InUseError`, unless ``cascade=True``: then items
        that *are about* the id (an investment in it, its margins, a proposition for
        a removed segment, a flow table naming it) are removed, and lists that merely
        *mention* it (owners, members, levers, a link's manager) drop it.

        Example:
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
        if isinstance(item, Link):
            pair = (item.source, item.target)
            if self._links[item.kind].get(pair) != item:
                raise UnknownIdError(f"{item.source}->{item.target}", kind=f"{item.kind} link")
            del self._links[item.kind][pair]
            if self._g is not None:
                self._g.remove_edge(item.source, item.target, key=item.kind)
            self._changed()
            return
        if isinstance(item, Margin):
            if self._margins.get(item.key) != item:
                raise UnknownIdError(f"{item.segment}/{item.member}", kind="margin")
            del self._margins[item.key]
            self._changed()
            return
        if isinstance(item, FlowTable):
            if self._flow_tables.get(item.segment) != item:
                raise UnknownIdError(item.segment, kind="flow table")
            del self._flow_tables[item.segment]
            self._changed()
            return
        if type(item) is not str:
            raise WrongTypeError(
                "ChannelNetwork.remove", item, "an id, a link, margin or flow table"
            )
        owner = self._kind_of(item)
        if owner is None:
            raise UnknownIdError(item, kind="object", where="remove")
        if item == self._steward:
            raise InUseError(item, ["the network (it is the steward)"])
        drops, edits = self._dependants(item)
        if (drops or edits) and not cascade:
            raise InUseError(
                item, sorted({describe(d) for d in drops} | {describe(o) for o, _ in edits})
            )
        # the graph tells which links end at a node: build it (if not yet) while it still
        # matches the registries
        g = self._graph() if item in self._orgs or item in self._segments else None
        # apply: nothing below can fail
        for dep in drops:
            self._drop(dep)
        for old, new in edits:
            self._replace(old, new)
        for kind, cls_name in _KIND_NAMES.items():
            if cls_name == owner:
                del self._registry(kind)[item]
        if g is not None:
            for u, v, k in list(g.in_edges(item, keys=True)) + list(g.out_edges(item, keys=True)):
                self._links[k].pop((u, v), None)
            g.remove_node(item)
        self._changed()

    def _dependants(self, ident: str) -> tuple[list[Any], list[tuple[Any, Any]]]:
        """Plan items to drop and (old, new) items to edit if ``ident`` goes."""
        drops: list[Any] = []
        edits: list[tuple[Any, Any]] = []

        def without(values: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(v for v in values if v != ident)

        for vp in self._propositions.values():
            if vp.segment == ident:
                drops.append(vp)
            elif ident in vp.levers or ident in vp.owners:
                edits.append(
                    (vp, attrs.evolve(vp, levers=without(vp.levers), owners=without(vp.owners)))
                )
        for lever in self._levers.values():
            if ident in lever.members or ident in lever.owners:
                edits.append(
                    (
                        lever,
                        attrs.evolve(
                            lever, members=without(lever.members), owners=without(lever.owners)
                        ),
                    )
                )
        drops.extend(i for i in self._investments.values() if i.recipient == ident)
        drops.extend(m for m in self._margins.values() if ident in m.key)
        drops.extend(
            t for t in self._flow_tables.values() if t.segment == ident or ident in t.members
        )
        if ident in self._managers:
            for link in self._links[REPORTS_TO].values():
                if link.manager == ident:  # type: ignore[attr-defined]
                    assert isinstance(link, ReportsTo)
                    edits.append((link, attrs.evolve(link, manager=None)))
        return drops, edits

    def _drop(self, item: Any) -> None:
        if isinstance(item, ValueProposition):
            del self._propositions[item.id]
        elif isinstance(item, Investment):
            del self._investments[item.id]
        elif isinstance(item, Margin):
            del self._margins[item.key]
        elif isinstance(item, FlowTable):
            del self._flow_tables[item.segment]

    def _replace(self, old: Any, new: Any) -> None:
        if isinstance(old, ValueProposition):
            self._propositions[old.id] = new
        elif isinstance(old, Lever):
            self._levers[old.id] = new
        elif isinstance(old, Link):
            self._links[old.kind][(old.source, old.target)] = new

    # ------------------------------------------------------------------ whole network
    def copy(self) -> ChannelNetwork:
        """An independent copy (domain objects are immutable, so they are shared)."""
        new = ChannelNetwork(steward=self._steward, name=self._name)
        new._g = None if self._g is None else copy_graph(self._g)
        for attr in (
            "_orgs",
            "_segments",
            "_managers",
            "_levers",
            "_propositions",
            "_investments",
            "_margins",
            "_flow_tables",
        ):
            setattr(new, attr, dict(getattr(self, attr)))
        new._links = {k: dict(v) for k, v in self._links.items()}
        return new

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ChannelNetwork):
            return NotImplemented
        return (
            self._steward == other._steward
            and self._name == other._name
            and self._orgs == other._orgs
            and self._segments == other._segments
            and self._managers == other._managers
            and self._links == other._links
            and self._levers == other._levers
            and self._propositions == other._propositions
            and self._investments == other._investments
            and self._margins == other._margins
            and self._flow_tables == other._flow_tables
        )

    __hash__ = None  # type: ignore[assignment]

    def counts(self) -> dict[str, int]:
        """How many objects of each kind the network holds.

        Example:
            >>> ChannelNetwork().counts()["organizations"]
            0
        """
        out = {
            "organizations": len(self._orgs),
            "segments": len(self._segments),
            "managers": len(self._managers),
        }
        out.update({f"{k}_links": len(v) for k, v in self._links.items()})
        out.update(
            {
                "propositions": len(self._propositions),
                "levers": len(self._levers),
                "investments": len(self._investments),
                "margins": len(self._margins),
                "flow_tables": len(self._flow_tables),
            }
        )
        return out

    def validate(self) -> tuple[Problem, ...]:
        """Whole-network problems that single changes cannot rule out.

        Every change is validated when it is made; what remains is: the steward is not set
        or not added, and supply links that form a cycle (routes need a DAG).

        Example:
            >>> [str(p) for p in ChannelNetwork().validate()]
            ['$.steward: no steward is set']
        """
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
            path = " -> ".join([*(u for u, _ in cycle), cycle[0][0]])
            problems.append(Problem("$.links", f"supplies links form a cycle: {path}"))
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

    # ------------------------------------------------------------------ networkx
    def to_networkx(self) -> nx.MultiDiGraph:
        """A plain ``MultiDiGraph`` copy with flat, exportable attributes.

        See :mod:`channelvalue.io.networkx` for the attribute names; the graph can be
        written to GraphML and read back with :meth:`from_networkx` without loss.

        Example:
            >>> net = ChannelNetwork(steward="a")
            >>> net.add_all([Organization("a", role="vendor", revenue=10.0)])
            >>> ChannelNetwork.from_networkx(net.to_networkx()) == net
            True
        """
        from ..io.networkx import to_networkx

        return to_networkx(self)

    @classmethod
    def from_networkx(cls, graph: nx.MultiDiGraph) -> ChannelNetwork:
        """Rebuild a network from a graph made by :meth:`to_networkx` (validated)."""
        from ..io.networkx import from_networkx

        return from_networkx(graph)
