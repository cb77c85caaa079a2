"""A seeded generator of realistic channel networks of any size."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..core._gc import paused_gc
from ..core.network import ChannelNetwork
from ..errors import ValidationError
from ..model import (
    Band,
    DataKind,
    EngagementModel,
    Flow,
    FlowTable,
    Investment,
    InvestmentKind,
    Manager,
    Margin,
    Need,
    Organization,
    ReportsTo,
    Role,
    Segment,
    Serves,
    ServiceOutput,
    SharesData,
    Supplies,
    Tier,
)
from ..model._bulk import build_many
from ..model._fields import to_levels, to_weights

__all__ = ["synthetic"]

_PARTNER_ROLES = (
    (Role.RESELLER, 0.40),
    (Role.RETAILER, 0.25),
    (Role.MSP, 0.14),
    (Role.SYSTEM_INTEGRATOR, 0.08),
    (Role.AGENT, 0.12),
    (Role.MARKETPLACE, 0.01),
)
_ROLE_CAPS: dict[Role, dict[ServiceOutput, float]] = {
    Role.RESELLER: {
        ServiceOutput.AFTER_SALES_SERVICE: 0.6,
        ServiceOutput.PRODUCT_INFORMATION: 0.6,
        ServiceOutput.SPATIAL_CONVENIENCE: 0.6,
    },
    Role.RETAILER: {
        ServiceOutput.SPATIAL_CONVENIENCE: 0.9,
        ServiceOutput.AVAILABILITY: 0.85,
        ServiceOutput.LOT_SIZE: 0.95,
        ServiceOutput.ASSORTMENT: 0.7,
    },
    Role.MSP: {ServiceOutput.AFTER_SALES_SERVICE: 0.9, ServiceOutput.CUSTOMIZATION: 0.5},
    Role.SYSTEM_INTEGRATOR: {
        ServiceOutput.CUSTOMIZATION: 0.9,
        ServiceOutput.QUALITY_ASSURANCE: 0.8,
        ServiceOutput.PRODUCT_INFORMATION: 0.8,
    },
    Role.AGENT: {ServiceOutput.PRODUCT_INFORMATION: 0.7, ServiceOutput.SPATIAL_CONVENIENCE: 0.4},
    Role.MARKETPLACE: {ServiceOutput.ASSORTMENT: 0.95, ServiceOutput.AVAILABILITY: 0.8},
}
_BANDS = (Band.CONSUMER, Band.SMB, Band.MIDMARKET, Band.ENTERPRISE)
_ROLE_BANDS = {
    Role.RESELLER: (1, 2),
    Role.RETAILER: (0, 1),
    Role.MSP: (1, 2),
    Role.SYSTEM_INTEGRATOR: (2, 3),
    Role.AGENT: (1, 1),
    Role.MARKETPLACE: (0, 1),
}
_LINES = ("line:core", "line:cloud", "line:security", "line:services", "line:legacy")


def _check_int(name: str, value: Any, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < low:
        raise ValidationError("synthetic", name, value, f"an integer >= {low}")
    return int(value)


def synthetic(
    partners: int = 1_000,
    *,
    seed: int = 0,
    segments: int = 8,
    regions: int = 6,
    distributors: int | None = None,
    managers: int | None = None,
    plan: bool = True,
) -> ChannelNetwork:
    """A realistic random channel with `partners` partners (outlets), seeded.

    Revenue is heavy-tailed (log-normal), tiers follow revenue, each partner buys from
    one distributor (large ones also direct), serves one or two segments of matching size
    bands, usually reports to a manager and often shares sell-through data. The same
    arguments always give an equal network.

    Args:
        partners: number of partner organizations (resellers, retailers, MSPs, ...).
        seed: the random seed.
        segments: number of end-customer segments.
        regions: number of regions.
        distributors: number of distributors (default: one per 5,000 partners, 2..200).
        managers: number of partner managers (default: one per 60 partners).
        plan: also make investments, margins and a flow table per segment.

    Examples:
        >>> net = synthetic(200, seed=1)
        >>> len(net.organizations) > 200, net == synthetic(200, seed=1)
        (True, True)
    """
    with paused_gc():
        return _build(
            partners,
            seed=seed,
            segments=segments,
            regions=regions,
            distributors=distributors,
            managers=managers,
            plan=plan,
        )


def _build(
    partners: int,
    *,
    seed: int,
    segments: int,
    regions: int,
    distributors: int | None,
    managers: int | None,
    plan: bool,
) -> ChannelNetwork:
    n = _check_int("partners", partners, 1)
    seed = _check_int("seed", seed, 0)
    n_seg = _check_int("segments", segments, 1)
    n_reg = _check_int("regions", regions, 1)
    n_dist = _check_int(
        "distributors", distributors if distributors is not None else min(200, max(2, n // 5000)), 1
    )
    n_mgr = _check_int("managers", managers if managers is not None else max(1, n // 60), 1)
    if type(plan) is not bool:
        raise ValidationError("synthetic", "plan", plan, "True or False")
    rng = np.random.default_rng(seed)
    region_names = [f"region-{i:02d}" for i in range(n_reg)]
    verticals = ("education", "finance", "health", "manufacturing", "public", "retail")

    net = ChannelNetwork(steward="vendor", name=f"synthetic-{n}-seed{seed}")
    items: list[Any] = [
        Organization(
            "vendor",
            name="Vendor",
            role=Role.VENDOR,
            revenue=0.0,
            owned=True,
            regions=region_names,
            verticals=verticals,
            priorities={"line:core": 0.4, "line:cloud": 0.3, "line:security": 0.3},
        ),
    ]
    # segments: each has a band, a region subset and needs drawn from the band
    seg_ids = [f"seg-{i:03d}" for i in range(n_seg)]
    seg_band = [_BANDS[i % 4] for i in range(n_seg)]
    outputs = list(ServiceOutput)
    for i, sid in enumerate(seg_ids):
        picks = rng.choice(len(outputs), size=4, replace=False)
        needs = {
            outputs[int(k)]: Need(
                level=round(float(rng.uniform(0.4, 1.0)), 2), importance=float(rng.integers(1, 4))
            )
            for k in picks
        }
        items.append(
            Segment(
                sid,
                name=f"Segment {i}",
                band=seg_band[i],
                size=float(round(rng.lognormal(9, 1.2))),
                regions=[region_names[(i + j) % n_reg] for j in range(max(1, n_reg // 2))],
                verticals=[verticals[i % len(verticals)]],
                needs=needs,
            )
        )
    segs_by_band: dict[int, list[int]] = {
        b: [i for i in range(n_seg) if seg_band[i] is _BANDS[b]] for b in range(4)
    }

    mgr_ids = [f"mgr-{i:05d}" for i in range(n_mgr)]
    items.extend(Manager(m, capacity=float(rng.integers(40, 90))) for m in mgr_ids)

    dist_ids = [f"dist-{i:04d}" for i in range(n_dist)]
    for i, did in enumerate(dist_ids):
        items.append(
            Organization(
                did,
                role=Role.DISTRIBUTOR,
                revenue=0.0,
                tier=Tier.PLATINUM,
                engagement=EngagementModel.DEDICATED,
                regions=(region_names[i % n_reg],),
                capabilities={
                    ServiceOutput.AVAILABILITY: 0.85,
                    ServiceOutput.LOGISTICS: 0.9,
                    ServiceOutput.LOT_SIZE: 0.6,
                },
            )
        )
        items.append(Supplies("vendor", did))
        items.append(ReportsTo(did, "vendor", manager=mgr_ids[i % n_mgr]))
        items.append(
            SharesData(
                did, "vendor", data=(DataKind.SELL_THROUGH, DataKind.INVENTORY), interval_days=7.0
            )
        )

    # ------------------------------------------------------------ partners, in bulk arrays
    roles = [r for r, _ in _PARTNER_ROLES]
    role_idx = rng.choice(len(roles), size=n, p=[p for _, p in _PARTNER_ROLES])
    revenue = np.round(rng.lognormal(11.5, 1.4, size=n), -2)
    volume = np.round(revenue / rng.uniform(300, 2000, size=n))
    velocity = np.round(np.clip(rng.normal(0.08, 0.2, size=n), -0.9, 3.0), 3)
    dist_of = rng.integers(0, n_dist, size=n)
    region_of = rng.integers(0, n_reg, size=n)
    vertical_of = rng.integers(0, len(verticals), size=n)
    mgr_of = rng.integers(0, n_mgr, size=n)
    report_draw = rng.random(size=n)
    data_draw = rng.random(size=n)
    interval_draw = rng.integers(0, 4, size=n)
    two_seg = rng.random(size=n) < 0.35
    seg_pick = rng.integers(0, 1 << 30, size=(n, 2))
    cap_pick = rng.integers(0, 8, size=n)
    prio_pick = rng.integers(0, 6, size=n)
    q90, q60 = np.quantile(revenue, [0.97, 0.85]) if n > 1 else (math.inf, math.inf)

    # shared immutable pieces: a small pool of capability maps and priority profiles,
    # converted once so that objects can be built column-wise (model._bulk contract)
    cap_pool = {
        role: [
            to_levels(
                {k: round(min(1.0, max(0.0, v + (j - 4) * 0.04)), 2) for k, v in caps.items()}
            )
            for j in range(8)
        ]
        for role, caps in _ROLE_CAPS.items()
    }
    prio_pool = [to_weights({_LINES[j % 5]: 0.6, _LINES[(j + 1) % 5]: 0.4}) for j in range(6)]
    pid_fmt = "p-{:07d}"
    pids = list(map(pid_fmt.format, range(n)))
    role_arr = np.array(roles, dtype=object)[role_idx]
    # index enum tables (np.where on enum members would make plain str, not members)
    tier_code = np.where(revenue >= q90, 0, np.where(revenue >= q60, 1, 2))
    tier_arr = np.array([Tier.GOLD, Tier.SILVER, Tier.REGISTERED], dtype=object)[tier_code]
    engagement_arr = np.array(
        [EngagementModel.DEDICATED, EngagementModel.POOLED, EngagementModel.SELF_SERVICE],
        dtype=object,
    )[tier_code]
    engagement_arr[::13] = EngagementModel.POOLED
    cap_table = np.empty((len(roles), 8), dtype=object)
    for r, role in enumerate(roles):
        for j in range(8):
            cap_table[r, j] = cap_pool[role][j]
    region_pool = np.empty(n_reg, dtype=object)
    region_pool[:] = [(r,) for r in region_names]
    vertical_pool = np.empty(len(verticals), dtype=object)
    vertical_pool[:] = [(v,) for v in verticals]
    prio_arr = np.empty(len(prio_pool), dtype=object)
    prio_arr[:] = prio_pool
    items.extend(
        build_many(
            Organization,
            n,
            {
                "id": pids,
                "role": role_arr.tolist(),
                "revenue": revenue.tolist(),
                "volume": volume.tolist(),
                "velocity": velocity.tolist(),
                "tier": tier_arr.tolist(),
                "engagement": engagement_arr.tolist(),
                "regions": region_pool[region_of].tolist(),
                "verticals": vertical_pool[vertical_of].tolist(),
                "capabilities": cap_table[role_idx, cap_pick].tolist(),
                "priorities": prio_arr[prio_pick].tolist(),
            },
        )
    )
    dist_arr = np.array(dist_ids, dtype=object)
    dist_col = dist_arr[dist_of].tolist()
    items.extend(build_many(Supplies, n, {"source": dist_col, "target": pids}))
    pid_arr = np.array(pids, dtype=object)
    direct = np.flatnonzero((tier_arr == Tier.GOLD) & (role_arr == Role.SYSTEM_INTEGRATOR))
    items.extend(
        build_many(
            Supplies,
            len(direct),
            {"source": ["vendor"] * len(direct), "target": pid_arr[direct].tolist()},
        )
    )
    # segments: a first one in the role's size band, sometimes a second one
    first_seg = np.zeros(n, dtype=np.int64)
    second_seg = np.full(n, -1, dtype=np.int64)
    for r, role in enumerate(roles):
        mask = role_idx == r
        if not mask.any():
            continue
        lo, hi = _ROLE_BANDS[role]
        band_segs = np.array(segs_by_band[lo] or segs_by_band[hi] or list(range(n_seg)))
        other_segs = np.array(segs_by_band[hi]) if segs_by_band[hi] else band_segs
        first_seg[mask] = band_segs[seg_pick[mask, 0] % len(band_segs)]
        second = other_segs[seg_pick[mask, 1] % len(other_segs)]
        second_seg[mask] = np.where(two_seg[mask] & (second != first_seg[mask]), second, -1)
    seg_arr = np.array(seg_ids, dtype=object)
    items.extend(build_many(Serves, n, {"source": pids, "target": seg_arr[first_seg].tolist()}))
    has_second = np.flatnonzero(second_seg >= 0)
    items.extend(
        build_many(
            Serves,
            len(has_second),
            {
                "source": pid_arr[has_second].tolist(),
                "target": seg_arr[second_seg[has_second]].tolist(),
            },
        )
    )
    # reporting: 80 % to their distributor, 15 % to the vendor, 5 % to nobody
    mgr_arr = np.array(mgr_ids, dtype=object)
    upstream = np.where(report_draw < 0.80, dist_arr[dist_of], "vendor").astype(object)
    reports = np.flatnonzero(report_draw < 0.95)
    items.extend(
        build_many(
            ReportsTo,
            len(reports),
            {
                "source": pid_arr[reports].tolist(),
                "target": upstream[reports].tolist(),
                "manager": mgr_arr[mgr_of[reports]].tolist(),
            },
        )
    )
    # data feeds: 60 % share sell-through with their distributor
    feeds = np.flatnonzero(data_draw < 0.6)
    intervals = np.array([7.0, 7.0, 30.0, 120.0])
    items.extend(
        build_many(
            SharesData,
            len(feeds),
            {
                "source": pid_arr[feeds].tolist(),
                "target": dist_arr[dist_of[feeds]].tolist(),
                "interval_days": intervals[interval_draw[feeds]].tolist(),
            },
        )
    )

    if plan:
        served = (first_seg, second_seg)
        items.extend(_plan(rng, n, revenue, dist_ids, dist_of, seg_ids, served, pid_fmt))
    net.add_all(items)
    return net


def _plan(
    rng: np.random.Generator,
    n: int,
    revenue: np.ndarray[Any, Any],
    dist_ids: list[str],
    dist_of: np.ndarray[Any, Any],
    seg_ids: list[str],
    served: tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]],
    pid_fmt: str,
) -> list[Any]:
    items: list[Any] = []
    funded = np.flatnonzero(rng.random(size=n) < 0.2)
    amounts = np.round(rng.lognormal(8.5, 1.0, size=len(funded)), -2)
    kinds = list(InvestmentKind)
    kind_pick = rng.integers(0, len(kinds), size=len(funded))
    funded_list = funded.tolist()
    items.extend(
        build_many(
            Investment,
            len(funded_list),
            {
                "id": list(map("inv-{:07d}".format, funded_list)),
                "recipient": list(map(pid_fmt.format, funded_list)),
                "kind": np.array(kinds, dtype=object)[kind_pick].tolist(),
                "amount": amounts.tolist(),
                "period": ["FY2026"] * len(funded_list),
            },
        )
    )
    # one flow table per segment over the vendor, the segment's largest partner and the
    # distributor that supplies it (all three on a route of the segment)
    first_seg, second_seg = served
    for k, sid in enumerate(seg_ids):
        serving = np.flatnonzero((first_seg == k) | (second_seg == k))
        if serving.size == 0:
            continue
        top_i = int(serving[np.argmax(revenue[serving])])
        members = ["vendor", dist_ids[int(dist_of[top_i])], pid_fmt.format(top_i)]
        w = rng.dirichlet(np.ones(len(Flow)))
        w = np.round(w, 6)
        w[-1] = round(1.0 - float(w[:-1].sum()), 6)
        shares = {}
        for f in Flow:
            s = np.round(rng.dirichlet(np.ones(3)), 6)
            s[-1] = round(1.0 - float(s[:-1].sum()), 6)
            shares[f] = {m: float(x) for m, x in zip(members, s, strict=True)}
        items.append(
            FlowTable(
                sid, weights={f: float(x) for f, x in zip(Flow, w, strict=True)}, shares=shares
            )
        )
        ms = np.round(rng.dirichlet(np.ones(3)), 4)
        items.extend(Margin(sid, m, share=float(x)) for m, x in zip(members, ms, strict=True))
    return items
