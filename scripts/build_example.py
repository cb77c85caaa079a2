"""Build the bundled example network and write it as JSON into the package.

Run ``python scripts/build_example.py`` after changing this file; the test suite checks
that the shipped JSON equals what this script builds.

The example is a mid-size security and networking vendor, "Acme Networks", selling
through three distributors and about sixty partners into five segments. It is made to
show real stewardship problems: unmanaged partners, an overloaded manager, misaligned
priorities, starved fast movers and over-funded slow ones, inequitable margins, a
segment hanging on one partner, crowded cells with the vendor selling direct, missing and
stale data feeds, and a key segment with no value proposition.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import attrs

import channelvalue as cv

OUT = Path(__file__).resolve().parents[1] / "src/channelvalue/datasets/data/example.json"

SO = cv.ServiceOutput


def build() -> cv.ChannelNetwork:
    rnd = random.Random(20261123)
    net = cv.ChannelNetwork(steward="acme", name="Acme Networks channel")
    items: list[object] = []
    add = items.append

    add(
        cv.Organization(
            "acme",
            name="Acme Networks",
            role="vendor",
            revenue=180e6,
            volume=90_000,
            velocity=0.12,
            regions=["central", "north", "south"],
            verticals=["education", "finance", "health", "public", "retail"],
            capabilities={
                SO.PRODUCT_INFORMATION: 0.9,
                SO.QUALITY_ASSURANCE: 0.95,
                SO.CUSTOMIZATION: 0.4,
                SO.AFTER_SALES_SERVICE: 0.6,
            },
            priorities={
                "line:firewall": 0.4,
                "line:sdwan": 0.3,
                "line:cloud-security": 0.3,
                "vertical:health": 0.5,
                "vertical:finance": 0.5,
            },
            owned=True,
        )
    )
    add(
        cv.Organization(
            "acme-direct",
            name="Acme Enterprise Sales",
            role="agent",
            owned=True,
            revenue=22e6,
            volume=1_800,
            velocity=0.05,
            regions=["central", "north"],
            verticals=["finance"],
            engagement="dedicated",
            tier="platinum",
            capabilities={SO.PRODUCT_INFORMATION: 0.95, SO.CUSTOMIZATION: 0.7},
            priorities={"line:firewall": 0.5, "line:sdwan": 0.5},
        )
    )
    segments = [
        cv.Segment(
            "smb",
            name="Small business",
            size=42_000,
            band="smb",
            regions=["central", "north", "south"],
            verticals=["retail", "health", "education"],
            needs={
                SO.AVAILABILITY: (0.9, 3),
                SO.SPATIAL_CONVENIENCE: (0.7, 2),
                SO.LOT_SIZE: (0.8, 2),
                SO.AFTER_SALES_SERVICE: (0.6, 2),
                SO.PRODUCT_INFORMATION: (0.5, 1),
            },
        ),
        cv.Segment(
            "midmarket",
            name="Midmarket",
            size=6_500,
            band="midmarket",
            regions=["central", "north", "south"],
            verticals=["finance", "health", "retail"],
            needs={
                SO.AFTER_SALES_SERVICE: (0.85, 3),
                SO.CUSTOMIZATION: (0.6, 2),
                SO.PRODUCT_INFORMATION: (0.7, 2),
                SO.AVAILABILITY: (0.7, 1),
            },
        ),
        cv.Segment(
            "enterprise",
            name="Enterprise",
            size=900,
            band="enterprise",
            regions=["central", "north"],
            verticals=["finance", "health"],
            needs={
                SO.CUSTOMIZATION: (0.9, 3),
                SO.QUALITY_ASSURANCE: (0.9, 3),
                SO.AFTER_SALES_SERVICE: (0.9, 2),
                SO.PRODUCT_INFORMATION: (0.8, 1),
            },
        ),
        cv.Segment(
            "public",
            name="Public sector",
            size=1_200,
            band="enterprise",
            regions=["south"],
            verticals=["public"],
            needs={
                SO.QUALITY_ASSURANCE: (0.95, 3),
                SO.CUSTOMIZATION: (0.7, 2),
                SO.LOGISTICS: (0.6, 1),
            },
        ),
        cv.Segment(
            "home-office",
            name="Home office (retail)",
            size=250_000,
            band="consumer",
            regions=["central", "north", "south"],
            verticals=["retail"],
            needs={
                SO.SPATIAL_CONVENIENCE: (0.95, 3),
                SO.AVAILABILITY: (0.9, 2),
                SO.LOT_SIZE: (1.0, 2),
                SO.ASSORTMENT: (0.6, 1),
            },
        ),
    ]
    items.extend(segments)

    managers = [
        cv.Manager("cam-lena", name="Lena Ortiz (CAM, distributors)", capacity=12),
        cv.Manager("cam-raj", name="Raj Patel (CAM, enterprise partners)", capacity=16),
        cv.Manager("pam-north", name="Mia Chen (partner manager, north)", capacity=30),
        cv.Manager("pam-south", name="Tom Berg (partner manager, south)", capacity=18),
        cv.Manager("pam-central", name="Ana Silva (partner manager, central)", capacity=30),
    ]
    items.extend(managers)

    distributors = {
        "dist-north": ("Northbridge Distribution", "north", 41e6, 0.10),
        "dist-south": ("Southern Tech Supply", "south", 27e6, 0.04),
        "dist-cloud": ("CloudMarket Exchange", "central", 9e6, 0.45),
    }
    for did, (name, region, rev, vel) in distributors.items():
        add(
            cv.Organization(
                did,
                name=name,
                role="distributor" if did != "dist-cloud" else "marketplace",
                revenue=rev,
                volume=rev / 900,
                velocity=vel,
                regions=[region, "central"],
                tier="platinum",
                engagement="dedicated",
                capabilities={
                    SO.AVAILABILITY: 0.85,
                    SO.LOGISTICS: 0.9,
                    SO.LOT_SIZE: 0.6,
                    SO.ASSORTMENT: 0.8,
                    SO.PRODUCT_INFORMATION: 0.5,
                },
                priorities={"line:firewall": 0.3, "line:sdwan": 0.2, "line:cloud-security": 0.5}
                if did == "dist-cloud"
                else {"line:firewall": 0.5, "line:sdwan": 0.5},
            )
        )
        add(cv.Supplies("acme", did))
        add(cv.ReportsTo(did, "acme", manager="cam-lena"))
        add(
            cv.SharesData(
                did,
                "acme",
                data=["sell_through", "inventory"],
                interval_days=7 if did != "dist-south" else 45,
            )
        )

    # partner archetypes: role, count, segments, capability profile
    archetypes = [
        (
            "reseller",
            20,
            ["smb", "midmarket"],
            {
                SO.AFTER_SALES_SERVICE: 0.6,
                SO.PRODUCT_INFORMATION: 0.6,
                SO.SPATIAL_CONVENIENCE: 0.6,
                SO.AVAILABILITY: 0.5,
            },
        ),
        (
            "msp",
            10,
            ["smb", "midmarket"],
            {SO.AFTER_SALES_SERVICE: 0.9, SO.CUSTOMIZATION: 0.5, SO.AVAILABILITY: 0.6},
        ),
        (
            "system_integrator",
            6,
            ["enterprise", "midmarket"],
            {
                SO.CUSTOMIZATION: 0.9,
                SO.QUALITY_ASSURANCE: 0.8,
                SO.AFTER_SALES_SERVICE: 0.7,
                SO.PRODUCT_INFORMATION: 0.8,
            },
        ),
        (
            "retailer",
            12,
            ["home-office", "smb"],
            {
                SO.SPATIAL_CONVENIENCE: 0.95,
                SO.AVAILABILITY: 0.9,
                SO.LOT_SIZE: 1.0,
                SO.ASSORTMENT: 0.7,
            },
        ),
        ("agent", 6, ["smb"], {SO.PRODUCT_INFORMATION: 0.7, SO.SPATIAL_CONVENIENCE: 0.5}),
    ]
    regions = ["central", "north", "south"]
    verticals = ["education", "finance", "health", "retail"]
    priority_profiles = [
        {"line:firewall": 0.5, "line:sdwan": 0.3, "vertical:health": 0.2},
        {"line:firewall": 0.4, "line:cloud-security": 0.4, "vertical:finance": 0.2},
        {"line:storage": 0.6, "line:backup": 0.4},  # off-strategy
        {"line:sdwan": 0.6, "line:cloud-security": 0.4},
        {"line:printers": 0.7, "line:firewall": 0.3},  # mostly elsewhere
    ]
    partners: list[cv.Organization] = []
    seq = 0
    for role, count, segs, caps in archetypes:
        for _ in range(count):
            seq += 1
            pid = f"{role.replace('_', '-')[:3]}-{seq:02d}"
            region = regions[seq % 3]
            revenue = round(rnd.paretovariate(1.3) * 250_000, -3)
            velocity = round(rnd.uniform(-0.2, 0.6), 2)
            tier = "gold" if revenue > 1.2e6 else "silver" if revenue > 4e5 else "registered"
            engagement = (
                "dedicated" if revenue > 1.5e6 else "pooled" if revenue > 3e5 else "self_service"
            )
            if seq % 9 == 0:  # a few mismatched engagement models
                engagement = "dedicated" if engagement == "self_service" else "self_service"
            jitter = {
                k: round(min(1.0, max(0.0, v + rnd.uniform(-0.15, 0.1))), 2)
                for k, v in caps.items()
            }
            org = cv.Organization(
                pid,
                name=f"{role.replace('_', ' ').title()} {seq:02d}",
                role=role,
                revenue=revenue,
                volume=round(revenue / rnd.uniform(400, 1600)),
                velocity=velocity,
                tier=tier,
                engagement=engagement,
                regions=[region],
                verticals=rnd.sample(verticals, 2),
                capabilities=jitter,
                priorities=priority_profiles[seq % len(priority_profiles)],
            )
            partners.append(org)
            add(org)
            dist = (
                "dist-north"
                if region == "north"
                else "dist-south"
                if region == "south"
                else ("dist-cloud" if role in ("msp", "agent") else "dist-north")
            )
            add(cv.Supplies(dist, pid))
            if role == "system_integrator" and seq % 2 == 0:
                add(cv.Supplies("acme", pid))  # large SIs also buy direct
            served = segs if rnd.random() < 0.6 else segs[:1]
            for s in served:
                add(cv.Serves(pid, s, revenue=round(revenue / len(served), -2)))
            # reporting: most partners answer to a partner manager; a few to nobody
            if seq % 11 != 0:
                manager = {"north": "pam-north", "south": "pam-south", "central": "pam-central"}[
                    region
                ]
                if role == "system_integrator":
                    manager = "cam-raj"
                upstream = "acme" if role == "system_integrator" else dist
                add(cv.ReportsTo(pid, upstream, manager=manager))
            # data feeds: roughly two thirds share sell-through
            if seq % 3 != 0:
                add(
                    cv.SharesData(
                        pid,
                        dist,
                        data=["sell_through"] + (["pipeline"] if role == "msp" else []),
                        interval_days=rnd.choice([7, 7, 30, 30, 90]),
                    )
                )

    # public sector hangs on one integrator, through one distributor: a single point of failure
    add(
        cv.Organization(
            "sys-gov",
            name="GovSecure Integration",
            role="system_integrator",
            revenue=3.1e6,
            volume=2_100,
            velocity=0.08,
            tier="gold",
            engagement="pooled",
            regions=["south"],
            verticals=["public"],
            capabilities={SO.QUALITY_ASSURANCE: 0.85, SO.CUSTOMIZATION: 0.7, SO.LOGISTICS: 0.4},
            priorities={"line:firewall": 0.6, "vertical:public": 0.4},
        )
    )
    add(cv.Supplies("dist-south", "sys-gov"))
    add(cv.Serves("sys-gov", "public", revenue=3.1e6))
    add(cv.ReportsTo("sys-gov", "dist-south", manager="pam-south"))
    # the vendor sells direct into enterprise beside its integrators
    add(cv.Supplies("acme", "acme-direct"))
    add(cv.ReportsTo("acme-direct", "acme", mode="direct", manager="cam-raj"))
    add(cv.Serves("acme-direct", "enterprise", revenue=22e6))

    # ------------------------------------------------------------------ plan
    top = sorted(partners, key=lambda o: -o.revenue)
    levers = [
        cv.Lever(
            "lever-regional-stock",
            change="Regional stock at both distributors for next-day delivery",
            acts_on="satisfaction",
            roles=["distributor"],
            members=["dist-north", "dist-south"],
            owners=["dist-north"],
            impact=0.35,
        ),
        cv.Lever(
            "lever-msp-bundle",
            change="Monthly MSP licensing with managed support bundle",
            acts_on="satisfaction",
            roles=["msp"],
            owners=["acme"],
            impact=0.25,
        ),
        cv.Lever(
            "lever-portal-deals",
            change="Deal registration and sell-through upload in the partner portal",
            acts_on="both",
            roles=["reseller", "msp", "system_integrator"],
            owners=["acme"],
            impact=0.3,
        ),
        cv.Lever(
            "lever-shelf-kits",
            change="Retail-ready shelf kits and planograms",
            acts_on="satisfaction",
            roles=["retailer"],
            impact=0.15,
        ),  # no owner yet
    ]
    items.extend(levers)
    items.extend(
        [
            cv.ValueProposition(
                "vp-smb-nextday",
                segment="smb",
                claim="Any Acme firewall on site next business day",
                evidence=[
                    cv.Evidence("on-time delivery rate", 0.96, source="Northbridge WMS, H1 2026"),
                    cv.Evidence("median delivery days", 1.0, source="carrier data", unit="days"),
                ],
                levers=["lever-regional-stock", "lever-portal-deals"],
                owners=["dist-north", "acme"],
            ),
            cv.ValueProposition(
                "vp-ent-secure",
                segment="enterprise",
                claim="Certified secure architecture, integrated and supported",
                evidence=[
                    cv.Evidence("certified engineers", 140, source="partner program records")
                ],
                levers=["lever-portal-deals"],
                owners=["acme"],
            ),
            cv.ValueProposition(
                "vp-home-shelf",
                segment="home-office",
                claim="Plug-and-play security in every electronics store",
                evidence=[cv.Evidence("store coverage", 0.62, source="retail audit 2026")],
                levers=["lever-shelf-kits"],
                owners=[],
            ),
        ]
    )
    # MDF: big money to small slow partners, little to the fast movers
    invest_seq = 0
    for org in sorted(partners, key=lambda o: o.id):
        invest_seq += 1
        slow_small = org.revenue < 4e5 and org.velocity < 0.1
        fast_big = org.revenue > 1e6 and org.velocity > 0.25
        if slow_small and invest_seq % 2 == 0:
            amount = 40_000.0
        elif fast_big:
            amount = 5_000.0
        elif invest_seq % 4 == 0:
            amount = round(org.revenue * 0.01, -2)
        else:
            continue
        items.append(
            cv.Investment(
                f"mdf-{org.id}", recipient=org.id, kind="mdf", amount=amount, period="FY2026"
            )
        )
    items.append(
        cv.Investment(
            "train-msp",
            recipient="lever-msp-bundle",
            kind="training",
            amount=60_000,
            period="FY2026",
        )
    )
    items.append(
        cv.Investment(
            "tool-portal",
            recipient="lever-portal-deals",
            kind="tooling",
            amount=120_000,
            period="FY2026",
        )
    )

    # efficiency template for the SMB route: vendor, northern distributor, its two largest resellers
    smb_resellers = [o.id for o in top if o.role is cv.Role.RESELLER and o.regions == ("north",)][
        :2
    ]
    r1, r2 = smb_resellers
    items.append(
        cv.FlowTable(
            "smb",
            weights={
                "physical_possession": 0.25,
                "ownership": 0.10,
                "promotion": 0.15,
                "negotiation": 0.10,
                "financing": 0.15,
                "risking": 0.10,
                "ordering": 0.05,
                "payment": 0.10,
            },
            shares={
                "physical_possession": {"dist-north": 0.7, r1: 0.15, r2: 0.15},
                "ownership": {"dist-north": 0.5, r1: 0.25, r2: 0.25},
                "promotion": {"acme": 0.6, r1: 0.2, r2: 0.2},
                "negotiation": {r1: 0.5, r2: 0.5},
                "financing": {"dist-north": 0.8, "acme": 0.2},
                "risking": {"dist-north": 0.4, r1: 0.3, r2: 0.3},
                "ordering": {r1: 0.5, r2: 0.5},
                "payment": {"dist-north": 0.6, r1: 0.2, r2: 0.2},
            },
            costs={
                "physical_possession": {"dist-north": 1.0, r1: 1.8, r2: 1.9},
                "promotion": {"acme": 1.0, r1: 1.4, r2: 1.3},
                "financing": {"dist-north": 1.0, "acme": 0.8},
            },
        )
    )
    items.extend(
        [
            cv.Margin("smb", "acme", share=0.30),
            cv.Margin("smb", "dist-north", share=0.22),
            cv.Margin("smb", r1, share=0.30),
            cv.Margin("smb", r2, share=0.18),
        ]
    )
    items = _issue_18_data(items)
    net.add_all(items)  # type: ignore[arg-type]
    return net


# Shares of business (power and dependence), one priced route (margin build-up) and customer
# account lists (account overlap): the data of the steward's tools of issue 18.
SHARES = {  # id: (steward_share, switching_ease)
    "sys-gov": (0.10, 0.6),
    "sys-32": (0.70, 0.2),
    "res-12": (0.85, 0.1),
    "ret-48": (0.95, None),
    "res-07": (0.30, 0.5),
}
ACCOUNTS = {
    "acme": ["Globex Corp.", "Initech", "Umbrella Corp", "Stark Industries"],
    "acme-direct": ["Wayne Enterprises", "Initech Inc"],
    "res-01": ["Initech Inc", "Hooli", "Stark Industries Ltd", "Wonka GmbH", "Pied Piper"],
    "res-02": ["HOOLI", "Wonka", "Tyrell Corporation", "Cyberdyne Systems", "Pied Piper Inc"],
    "res-03": ["Soylent", "Oscorp", "Aperture Science"],
    "msp-21": ["Tyrell Corp", "Cyberdyne Systems", "Hooli", "Massive Dynamic"],
    "sys-31": ["Umbrella", "Aperture Science", "Massive Dynamic LLC"],
}


def _issue_18_data(items: list[object]) -> list[object]:
    out: list[object] = []
    for item in items:
        if isinstance(item, cv.Organization) and item.id in SHARES:
            share, ease = SHARES[item.id]
            item = attrs.evolve(item, steward_share=share, switching_ease=ease)
        out.append(item)
    out.append(
        cv.RoutePricing(
            "price-smb-north",
            steward="acme",
            segment="smb",
            list_price=100,
            target_price=80,
            levels=[
                cv.PriceLevel("dist-north", buy=60, sell=66, back_end=1.5),
                cv.PriceLevel("res-07", buy=66, sell=85, rebate=2),
            ],
        )
    )
    out.extend(cv.mapping.account_list(owner, names) for owner, names in ACCOUNTS.items())
    return out


def main() -> int:
    net = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    cv.io.save(net, OUT, indent=1)
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes): {net}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
