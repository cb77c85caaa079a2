"""`conflict.overlap`: crowded market cells and the steward selling beside its partners.

A *cell* is segment x region x vertical. An organization that serves a segment sits in
the cells of its regions and verticals that the segment also has (all of the segment's
when it lists none; its own when they share none; `*` when neither lists any). A
segment's size is spread evenly over its grid of regions x verticals.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import numpy as np

from ...core.arrays import GraphArrays, arrays, factorize
from ...model import Finding, Severity
from ..registry import register
from ._common import (
    IntArray,
    cached,
    emit_ranked,
    labels,
    link_revenue,
    partner_mask,
    partner_revenue_coverage,
    plural,
)

if TYPE_CHECKING:
    from ...core.network import ChannelNetwork
    from ..config import AuditConfig

__all__ = ["cell_axis", "channel_conflict", "partners_serve_segments"]

Cell = tuple[str, str, str]


def cell_axis(own: tuple[str, ...], segment: tuple[str, ...]) -> tuple[str, ...]:
    """The values of one axis (regions or verticals) an organization covers in a segment.

    Examples:
        >>> cell_axis(("north", "south"), ("north", "west")), cell_axis((), ("west",))
        (('north',), ('west',))
        >>> cell_axis(("east",), ("west",)), cell_axis((), ())
        (('east',), ('*',))
    """
    if not segment:
        return own or ("*",)
    if not own:
        return segment
    common = tuple(v for v in own if v in segment)
    return common or own


def _codes(net: ChannelNetwork) -> tuple[IntArray, list[Any], IntArray, list[Any]]:
    """Per organization, a code for its regions tuple and one for its verticals tuple
    (cached per network version)."""
    a = arrays(net)
    rc, regs = factorize(list(map(attrgetter("regions"), a.organizations)))
    vc, verts = factorize(list(map(attrgetter("verticals"), a.organizations)))
    return rc, regs, vc, verts


def _cells(net: ChannelNetwork, a: GraphArrays, links: IntArray) -> dict[Cell, list[int]]:
    """Cell -> the serves-link indices (among `links`) of the organizations in it."""
    la = a.links["serves"]
    rc, regs, vc, verts = cached(net, _codes)
    nv = max(1, len(verts))
    nr = max(1, len(regs))
    src, seg = la.src[links], la.dst[links]
    key = (seg * nr + rc[src]) * nv + vc[src]
    groups, inverse = np.unique(key, return_inverse=True)
    order = np.argsort(inverse, kind="stable")
    bounds = np.searchsorted(inverse[order], np.arange(len(groups) + 1))
    segments = net.segments
    out: dict[Cell, list[int]] = {}
    for g, code in enumerate(groups.tolist()):
        s, rest = divmod(code, nr * nv)
        r, v = divmod(rest, nv)
        sid = a.seg_ids[s]
        segment = segments[sid]
        members = links[order[bounds[g] : bounds[g + 1]]].tolist()
        for cell in itertools.product(
            (sid,), cell_axis(regs[r], segment.regions), cell_axis(verts[v], segment.verticals)
        ):
            out.setdefault(cell, []).extend(members)
    return out


def _where(cell: Cell) -> str:
    _, region, vertical = cell
    r = "any region" if region == "*" else region
    v = "any vertical" if vertical == "*" else vertical
    return f"{r} / {v}"


def _serving(net: ChannelNetwork) -> Any:
    a = arrays(net)
    return np.bincount(a.links["serves"].src, minlength=a.n_orgs) > 0


def partners_serve_segments(net: ChannelNetwork) -> str | None:
    """Why `conflict.overlap` cannot be assessed (no partner serves a segment), or None.

    Examples:
        >>> import channelvalue as cv
        >>> partners_serve_segments(cv.ChannelNetwork())
        'no partner serves a segment (no serves links)'
    """
    a = arrays(net)
    if not (_serving(net) & partner_mask(net, a)).any():
        return "no partner serves a segment (no serves links)"
    return None


def _serving_coverage(net: ChannelNetwork) -> float:
    return partner_revenue_coverage(net, _serving(net))


@register(
    "conflict.overlap",
    title="Crowded segment x region x vertical cells; direct beside partners",
    requires=partners_serve_segments,
    coverage=_serving_coverage,
)
def channel_conflict(net: ChannelNetwork, config: AuditConfig) -> Iterator[Finding]:
    """Cells with more partners than the segment supports; the steward selling direct in them.

    A cell supports `max(1, size_per_cell / customers_per_partner)` partners, where the
    second figure comes from `config.customers_per_partner` by the segment's band;
    more is a warning, more than twice that an error. Wherever the steward or one of its
    owned units serves a cell that partners also serve, a warning names it. A finding's
    share is the cell's share of all partners' places in cells (a partner serving two
    cells has two places).

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.aligning import AuditConfig
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add_all([cv.Organization("v", role="vendor"), cv.Segment("s", size=1000),
        ...     *[cv.Organization(f"r{i}", role="reseller") for i in range(3)],
        ...     *[cv.Serves(f"r{i}", "s") for i in range(3)], cv.Serves("v", "s")])
        >>> [(f.severity.value, f.subjects[:2]) for f in channel_conflict(net, AuditConfig())]
        [('warning', ('s', 'r0')), ('warning', ('v', 's'))]
    """
    a = arrays(net)
    la = a.links["serves"]
    if len(la) == 0:
        return
    partners = partner_mask(net, a)
    is_partner_link = partners[la.src]
    cells = _cells(net, a, np.flatnonzero(is_partner_link))
    keys = sorted(cells)
    segments = net.segments
    count = np.array([len(cells[c]) for c in keys], dtype=np.float64)
    per_cell = np.zeros(len(keys))
    capacity = np.zeros(len(keys))
    for j, (sid, _, _) in enumerate(keys):
        seg = segments[sid]
        per_cell[j] = seg.size / (max(1, len(seg.regions)) * max(1, len(seg.verticals)))
        capacity[j] = config.capacity_of(seg.band)
    with np.errstate(over="ignore"):  # a tiny capacity: the cell supports any number (inf)
        supported = np.maximum(1.0, per_cell / capacity)
        severe = count > 2 * supported
    excess = count - supported
    limit = config.max_subjects
    places = float(count.sum())
    name = labels(net)

    def partner_ids(cell: Cell) -> tuple[str, ...]:
        rows = np.unique(la.src[np.array(cells[cell], dtype=np.int64)])
        return tuple(a.org_ids[i] for i in rows[:limit])

    def make_crowded(j: int, severity: Severity) -> Finding:
        cell = keys[j]
        return Finding(
            "conflict.overlap",
            severity,
            subjects=(cell[0], *partner_ids(cell)),
            message=(
                f"{int(count[j])} partners compete for {segments[cell[0]].label} in "
                f"{_where(cell)}, which "
                f"supports about {supported[j]:.1f} ({per_cell[j]:.0f} customers in the cell, "
                f"{capacity[j]:g} per partner): set territories or deal "
                "registration, or consolidate to fewer partners"
            ),
            evidence={
                "partners": float(count[j]),
                "supported": float(supported[j]),
                "size_per_cell": float(per_cell[j]),
                "excess": float(excess[j]),
                "customers_per_partner": float(capacity[j]),
            },
            share=float(count[j]) / places,
        )

    yield from emit_ranked(
        np.flatnonzero(excess > 0),
        importance=excess,
        errors=severe,
        make=make_crowded,
    )

    direct_links = np.flatnonzero(~is_partner_link)
    if len(direct_links) == 0:
        return
    direct = _cells(net, a, direct_links)
    both = sorted((c, i) for c in direct if c in cells for i in direct[c])
    link_rev = link_revenue(a)
    position = {c: j for j, c in enumerate(keys)}

    def make_direct(k: int, severity: Severity) -> Finding:
        cell, link = both[k]
        seller = a.org_ids[la.src[link]]
        j = position[cell]
        return Finding(
            "conflict.overlap",
            severity,
            subjects=(seller, cell[0], *partner_ids(cell)),
            message=(
                f"{name[int(la.src[link])]} (the steward's own) sells direct to "
                f"{segments[cell[0]].label} in {_where(cell)} "
                f"beside {plural(int(count[j]), 'partner')}: agree rules of engagement (deal "
                "registration, named-account split) or leave the cell to partners"
            ),
            evidence={"partners": float(count[j]), "direct_revenue": float(link_rev[link])},
            share=float(count[j]) / places,
        )

    rank = np.array([count[position[c]] for c, _ in both], dtype=np.float64)
    yield from emit_ranked(
        np.arange(len(both), dtype=np.int64),
        importance=rank,
        errors=None,
        make=make_direct,
    )
