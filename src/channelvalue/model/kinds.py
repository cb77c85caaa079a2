"""The one table of the kinds of object a network holds.

Each [`Kind`][channelvalue.model.kinds.Kind] row names a class and says how the network keys it,
where it goes in a JSON document and in the frames of `to_frames`, and whether it is structure or
plan. The network's registries, batch staging, the JSON and frame readers and writers and the
networkx conversion all loop over [`KINDS`][channelvalue.io.json.KINDS]: adding a kind is one row
plus its class.

| kind | class | key | section/frame | part |
|---|---|---|---|---|
| organization | Organization | `id` | organizations | structure |
| segment | Segment | `id` | segments | structure |
| manager | Manager | `id` | managers | structure |
| supplies | Supplies | (source, target) | links | structure |
| serves | Serves | (source, target) | links | structure |
| reports_to | ReportsTo | (source, target) | links | structure |
| shares_data | SharesData | (source, target) | links | structure |
| lever | Lever | `id` | levers | plan |
| proposition | ValueProposition | `id` | propositions | plan |
| investment | Investment | `id` | investments | plan |
| margin | Margin | (segment, member) | margins | plan |
| flow_table | FlowTable | segment | flow_tables | plan |
| route_pricing | RoutePricing | `id` | route_pricing | plan |
| account_list | AccountList | owner | account_lists / accounts | plan |

Examples:
    >>> from channelvalue.model.kinds import KINDS, kind_of
    >>> [k.name for k in KINDS][:4]
    ['organization', 'segment', 'manager', 'supplies']
    >>> from channelvalue.model import Margin
    >>> k = kind_of(Margin("smb", "r1", share=0.2))
    >>> k.name, k.section, k.counts_as, k.key(Margin("smb", "r1", share=0.2))
    ('margin', 'margins', 'margins', ('smb', 'r1'))
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, Literal

import attrs

from .accounts import AccountList
from .links import Link, ReportsTo, Serves, SharesData, Supplies
from .organizations import Manager, Organization, Segment
from .plan import FlowTable, Investment, Lever, Margin, ValueProposition
from .pricing import RoutePricing

__all__ = [
    "ID_KINDS",
    "KINDS",
    "KINDS_BY_CLASS",
    "KINDS_BY_NAME",
    "LINK_ROWS",
    "Kind",
    "Part",
    "kind_of",
    "sections",
]

Part = Literal["structure", "plan"]
"""Whether a kind belongs to the channel's structure or to the plan."""


@attrs.frozen
class Kind:
    """One row of the table of kinds.

    Attributes:
        name: the canonical spelling of the kind (`"organization"`, `"serves"`).
        cls: the class of its objects.
        key: what identifies an object of the kind in the network's registry.
        id_attr: the id attribute when the kind shares the one id namespace
            (organizations, segments, managers, levers, propositions, investments), else
            `None`.
        section: the JSON document section (the `plan` object's, for plan kinds).
        frame: the frame of [`to_frames`][channelvalue.io.to_frames].
        part: `"structure"` or `"plan"`.
        counts_as: the key of [`counts`][channelvalue.core.network.ChannelNetwork.counts].
        node: whether its objects are nodes of the network's graph (links are its edges).
        omit_empty: whether a JSON document leaves its section out when it is empty
            (kinds added after format 1, so documents without them stay as they were).

    Examples:
        >>> KINDS_BY_NAME["serves"].cls.__name__, KINDS_BY_NAME["serves"].counts_as
        ('Serves', 'serves_links')
    """

    name: str
    cls: type[Any]
    key: Callable[[Any], Any]
    id_attr: str | None
    section: str
    frame: str
    part: Part
    counts_as: str
    node: bool = False
    omit_empty: bool = False

    @property
    def is_link(self) -> bool:
        """Whether the kind is a link kind (an edge of the graph)."""
        return issubclass(self.cls, Link)


def _id_kind(name: str, cls: type[Any], plural: str, part: Part, node: bool = False) -> Kind:
    return Kind(name, cls, attrgetter("id"), "id", plural, plural, part, plural, node)


def _link_kind(cls: type[Link]) -> Kind:
    ends = attrgetter("source", "target")
    return Kind(cls.kind, cls, ends, None, "links", "links", "structure", f"{cls.kind}_links")


KINDS: tuple[Kind, ...] = (
    _id_kind("organization", Organization, "organizations", "structure", node=True),
    _id_kind("segment", Segment, "segments", "structure", node=True),
    _id_kind("manager", Manager, "managers", "structure"),
    *map(_link_kind, (Supplies, Serves, ReportsTo, SharesData)),
    _id_kind("lever", Lever, "levers", "plan"),
    _id_kind("proposition", ValueProposition, "propositions", "plan"),
    _id_kind("investment", Investment, "investments", "plan"),
    Kind("margin", Margin, attrgetter("key"), None, "margins", "margins", "plan", "margins"),
    Kind(
        "flow_table",
        FlowTable,
        attrgetter("segment"),
        None,
        "flow_tables",
        "flow_tables",
        "plan",
        "flow_tables",
    ),
    attrs.evolve(_id_kind("route_pricing", RoutePricing, "route_pricing", "plan"), omit_empty=True),
    # account lists (issue 18, partner account overlap)
    Kind(
        "account_list",
        AccountList,
        attrgetter("owner"),
        None,
        "account_lists",
        "accounts",
        "plan",
        "account_lists",
        omit_empty=True,
    ),
)
"""Every kind, in document order (structure first, then the plan)."""

KINDS_BY_NAME: dict[str, Kind] = {k.name: k for k in KINDS}
"""The rows by their canonical name."""
KINDS_BY_CLASS: dict[type[Any], Kind] = {k.cls: k for k in KINDS}
"""The rows by class (exact class, not subclasses)."""
ID_KINDS: tuple[Kind, ...] = tuple(k for k in KINDS if k.id_attr is not None)
"""The kinds whose ids share one namespace."""
LINK_ROWS: tuple[Kind, ...] = tuple(k for k in KINDS if k.is_link)
"""The link kinds, in [`LINK_KINDS`][channelvalue.model.LINK_KINDS] order."""


def kind_of(obj: object) -> Kind:
    """The row of `obj`'s class.

    Raises:
        KeyError: `obj` is not of a kind the network holds.

    Examples:
        >>> kind_of(Supplies("a", "b")).name
        'supplies'
    """
    return KINDS_BY_CLASS[type(obj)]


def sections(part: Part) -> tuple[tuple[str, type[Any]], ...]:
    """The document sections of `part` in order, each with the class its items are read as
    (the common base class when several kinds share a section, as links do).

    Examples:
        >>> [s for s, _ in sections("structure")], sections("structure")[-1][1].__name__
        (['organizations', 'segments', 'managers', 'links'], 'Link')
    """
    grouped: dict[str, list[type[Any]]] = {}
    for k in KINDS:
        if k.part == part:
            grouped.setdefault(k.section, []).append(k.cls)
    return tuple((section, _common_base(classes)) for section, classes in grouped.items())


def _common_base(classes: list[type[Any]]) -> type[Any]:
    first = classes[0]
    return next(b for b in first.__mro__ if all(issubclass(c, b) for c in classes))
