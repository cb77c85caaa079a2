"""`net.tables`: the network's objects as pandas DataFrames, for looking at in a notebook.

PyPSA users read `n.generators`; here `net.tables.organizations` is a DataFrame indexed by id
with a `name` column first, where `net.organizations` is a mapping of frozen objects. The
frames are views for reading and analysis, built on first access and cached until the
network changes (through [`cached`][channelvalue.core.cache.cached]); the lossless tables for
writing files are [`cv.io.to_frames`][channelvalue.io.to_frames].
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from .._optional import require_pandas
from ..model import Link, ReportsTo, Serves, SharesData
from .cache import cached

if TYPE_CHECKING:
    import pandas as pd

    from .network import ChannelNetwork

__all__ = ["NetworkTables"]


def _value(x: Any) -> Any:
    return getattr(x, "value", x)


def _columns(objs: list[Any], spec: dict[str, Callable[[Any], Any]]) -> dict[str, list[Any]]:
    return {name: list(map(get, objs)) for name, get in spec.items()}


def _organizations(net: ChannelNetwork) -> pd.DataFrame:
    pdm = require_pandas("net.tables.organizations")
    orgs = list(net.organizations.values())
    spec: dict[str, Callable[[Any], Any]] = {
        "name": attrgetter("label"),
        "role": lambda o: o.role.value,
        "tier": lambda o: o.tier.value,
        "revenue": attrgetter("revenue"),
        "volume": attrgetter("volume"),
        "velocity": attrgetter("velocity"),
        "engagement": lambda o: _value(o.engagement),
        "regions": lambda o: ", ".join(o.regions),
        "verticals": lambda o: ", ".join(o.verticals),
        "owned": attrgetter("owned"),
        "placeholder": attrgetter("placeholder"),
    }
    frame: pd.DataFrame = pdm.DataFrame(
        _columns(orgs, spec), index=pdm.Index([o.id for o in orgs], name="id")
    )
    keys = sorted({k for o in orgs for k in o.attributes})
    for key in keys:  # programme attributes, one column each
        frame[f"attribute.{key}"] = [o.attributes.get(key) for o in orgs]
    return frame


def _segments(net: ChannelNetwork) -> pd.DataFrame:
    pdm = require_pandas("net.tables.segments")
    segs = list(net.segments.values())
    spec: dict[str, Callable[[Any], Any]] = {
        "name": lambda s: s.name or s.id,
        "size": attrgetter("size"),
        "band": lambda s: _value(s.band),
        "regions": lambda s: ", ".join(s.regions),
        "verticals": lambda s: ", ".join(s.verticals),
        "needs": lambda s: len(s.needs),
        "partners": lambda s: len(net.partners(s.id)),
    }
    frame: pd.DataFrame = pdm.DataFrame(
        _columns(segs, spec), index=pdm.Index([s.id for s in segs], name="id")
    )
    return frame


def _managers(net: ChannelNetwork) -> pd.DataFrame:
    pdm = require_pandas("net.tables.managers")
    mgrs = list(net.managers.values())
    load: dict[str, int] = {}
    for link in net.links(ReportsTo):
        if isinstance(link, ReportsTo) and link.manager is not None:
            load[link.manager] = load.get(link.manager, 0) + 1
    frame: pd.DataFrame = pdm.DataFrame(
        {
            "name": [m.name or m.id for m in mgrs],
            "capacity": [m.capacity for m in mgrs],
            "partners": [load.get(m.id, 0) for m in mgrs],
        },
        index=pdm.Index([m.id for m in mgrs], name="id"),
    )
    return frame


def _label(net: ChannelNetwork, id: str) -> str:
    org = net.organizations.get(id)
    if org is not None:
        return org.label
    seg = net.segments.get(id)
    return (seg.name or seg.id) if seg is not None else id


def _links(net: ChannelNetwork) -> pd.DataFrame:
    pdm = require_pandas("net.tables.links")
    links: list[Link] = list(net.links())
    names: dict[str, str] = {}

    def name(id: str) -> str:
        found = names.get(id)
        if found is None:
            found = names[id] = _label(net, id)
        return found

    frame: pd.DataFrame = pdm.DataFrame(
        {
            "kind": [link.kind for link in links],
            "source": [link.source for link in links],
            "source_name": [name(link.source) for link in links],
            "target": [link.target for link in links],
            "target_name": [name(link.target) for link in links],
            "revenue": [link.revenue if isinstance(link, Serves) else None for link in links],
            "manager": [link.manager if isinstance(link, ReportsTo) else None for link in links],
            "interval_days": [
                link.interval_days if isinstance(link, SharesData) else None for link in links
            ],
        }
    )
    return frame


class NetworkTables:
    """The network's objects as DataFrames (needs pandas): `organizations`, `segments`,
    `managers` (indexed by id, `name` first) and `links` (one row per link, with the names
    of both ends). Each is built on first access and cached until the network changes;
    the frames returned are copies, so changing one never changes the network or the cache.

    Examples:
        >>> import channelvalue as cv
        >>> net = cv.datasets.example()
        >>> orgs = net.tables.organizations
        >>> orgs.loc["acme", ["name", "role"]].tolist()
        ['Acme Networks', 'vendor']
        >>> net.tables.links.columns[:5].tolist()
        ['kind', 'source', 'source_name', 'target', 'target_name']
    """

    __slots__ = ("_net",)

    def __init__(self, net: ChannelNetwork) -> None:
        self._net = net

    def __repr__(self) -> str:
        return f"<NetworkTables of {self._net!r}: organizations, segments, managers, links>"

    def __dir__(self) -> list[str]:
        return ["links", "managers", "organizations", "segments"]

    @property
    def organizations(self) -> pd.DataFrame:
        """One row per organization: name, role, tier, revenue, volume, velocity, ...;
        `attribute.<key>` columns for programme attributes."""
        frame: pd.DataFrame = cached(self._net, _organizations).copy()
        return frame

    @property
    def segments(self) -> pd.DataFrame:
        """One row per segment: name, size, band, regions, verticals, needs, partners."""
        frame: pd.DataFrame = cached(self._net, _segments).copy()
        return frame

    @property
    def managers(self) -> pd.DataFrame:
        """One row per manager: name, capacity and the partners reporting to them."""
        frame: pd.DataFrame = cached(self._net, _managers).copy()
        return frame

    @property
    def links(self) -> pd.DataFrame:
        """One row per link: kind, both ends by id and by name, and the link's figures."""
        frame: pd.DataFrame = cached(self._net, _links).copy()
        return frame
