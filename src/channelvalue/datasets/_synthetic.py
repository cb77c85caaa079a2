"""A seeded generator of realistic channel networks of any size."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..errors import ValidationError
from ..model import (
    Band,
    DataKind,
    EngagementModel,
    Flow,
    FlowTable,
    FrozenMap,
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
from ..network import ChannelNetwork

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
    """A realistic random channel with ``partners`` partners (outlets), seeded.

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

    Example:
        >>> net = synthetic(200, seed=1)
        >>> len(net.organizations) > 200, net == synthetic(200, seed=1)
        (True, True)
    """
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

    # shared immutable pieces: a small pool of capability maps and priority profiles
    cap_pool = {
        role: [
            FrozenMap(
                {k: round(min(1.0, max(0.0, v + (j - 4) * 0.04)), 2) for k, v in caps.items()}
            )
            for j in range(8)
        ]
        for role, caps in _ROLE_CAPS.items()
    }
    prio_pool = [FrozenMap({_LINES[j % 5]: 0.6, _LINES[(j + 1) % 5]: 0.4}) for j in range(6)]
    region_pool = [(r,) for r in region_names]
    vertical_pool = [(v,) for v in verticals]
    intervals = (7.0, 7.0, 30.0, 120.0)
    pid_fmt = "p-{:07d}"
    first_seg = np.zeros(n, dtype=np.int64)
    second_seg = np.full(n, -1, dtype=np.int64)
    for i in range(n):
        role = roles[int(role_idx[i])]
        rev = float(revenue[i])
        tier = Tier.GOLD if rev >= q90 else Tier.SILVER if rev >= q60 else Tier.REGISTERED
        engagement = (
            EngagementModel.DEDICATED
            if tier is Tier.GOLD
            else EngagementModel.POOLED
            if tier is Tier.SILVER
            else EngagementModel.SELF_SERVICE
        )
        if i % 13 == 0:
            engagement = EngagementModel.POOLED
        pid = pid_fmt.format(i)
        items.append(
            Organization(
                pid,
                role=role,
                revenue=rev,
                volume=float(volume[i]),
                velocity=float(velocity[i]),
                tier=tier,
                engagement=engagement,
                regions=region_pool[int(region_of[i])],
                verticals=vertical_pool[int(vertical_of[i])],
                capabilities=cap_pool[role][int(cap_pick[i])],
                priorities=prio_pool[int(prio_pick[i])],
            )
        )
        did = dist_ids[int(dist_of[i])]
        items.append(Supplies(did, pid))
        if tier is Tier.GOLD and role is Role.SYSTEM_INTEGRATOR:
            items.append(Supplies("vendor", pid))
        lo, hi = _ROLE_BANDS[role]
        band_segs = segs_by_band[lo] or segs_by_band[hi] or list(range(n_seg))
        first = band_segs[int(seg_pick[i, 0]) % len(band_segs)]
        items.append(Serves(pid, seg_ids[first]))
        first_seg[i] = first
        if two_seg[i]:
            other_segs = segs_by_band[hi] or band_segs
            second = other_segs[int(seg_pick[i, 1]) % len(other_segs)]
            if second != first:
                items.append(Serves(pid, seg_ids[second]))
                second_seg[i] = second
        r = report_draw[i]
        if r < 0.80:
            items.append(ReportsTo(pid, did, manager=mgr_ids[int(mgr_of[i])]))
        elif r < 0.95:
            items.append(ReportsTo(pid, "vendor", manager=mgr_ids[int(mgr_of[i])]))
        if data_draw[i] < 0.6:
            items.append(SharesData(pid, did, interval_days=intervals[int(interval_draw[i])]))

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
    for j, i in enumerate(funded):
        items.append(
            Investment(
                f"inv-{int(i):07d}",
                recipient=pid_fmt.format(int(i)),
                kind=kinds[int(kind_pick[j])],
                amount=float(amounts[j]),
                period="FY2026",
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
