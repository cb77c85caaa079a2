"""Draw the images of the Plots guide (``docs/guides/plots.md``) into ``docs/images/``.

Run ``python scripts/make_plot_images.py`` after changing a plot; commit the PNGs. The
docs build only reads them (it needs neither the network nor this script), and the test
suite checks that this script still draws every image the guide shows.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt

import channelvalue as cv
from channelvalue import aligning, building, mapping, plotting

OUT = Path(__file__).resolve().parents[1] / "docs" / "images"
DPI = 80

# The ballots of the guide's lever workshop (the same as the tutorial's).
BALLOTS: list[list[Any]] = [
    ["lever-portal-deals", "lever-regional-stock", "lever-msp-bundle", "lever-shelf-kits"],
    ["lever-regional-stock", "lever-portal-deals", "lever-shelf-kits", "lever-msp-bundle"],
    ["lever-regional-stock", {"lever-portal-deals", "lever-shelf-kits"}],
    ["lever-portal-deals", "lever-regional-stock", "lever-msp-bundle", "lever-shelf-kits"],
    ["lever-msp-bundle", "lever-portal-deals", "lever-regional-stock"],
]


# --- power map (issue 18): the five-partner network of docs/guides/power.md
def five_partners() -> cv.ChannelNetwork:
    """The worked example of the Power guide."""
    net = cv.ChannelNetwork(steward="v", name="five partners")
    org = cv.Organization
    net.add_all(
        [
            org("v", role="vendor"),
            org("a", role="reseller", regions=["north"], steward_share=0.8, switching_ease=0.25),
            org("b", role="reseller", regions=["north"], steward_share=0.8, switching_ease=0.25),
            org("c", role="reseller", regions=["south"], steward_share=0.1, switching_ease=0.8),
            org("d", role="msp", regions=["south"], steward_share=0.9),
            org("e", role="system_integrator", regions=["north"], steward_share=0.05,
                switching_ease=0.9),
            cv.Segment("smb", regions=["north", "south"]),
            cv.Segment("ent", regions=["north"]),
            cv.Segment("public"),
            *[cv.Supplies("v", p) for p in "abcde"],
            cv.Serves("a", "smb", revenue=60.0),
            cv.Serves("a", "ent", revenue=100.0),
            cv.Serves("b", "smb", revenue=40.0),
            cv.Serves("c", "smb", revenue=50.0),
            cv.Serves("d", "smb", revenue=50.0),
            cv.Serves("e", "public", revenue=200.0),
        ]
    )  # fmt: skip
    return net


def drawings() -> dict[str, Callable[[], Any]]:
    """Each image's file name and the call that draws it (as in the guide)."""
    net = cv.datasets.example()
    large = cv.datasets.synthetic(partners=20_000, seed=7)
    return {
        "plot-channel-map.png": lambda: plotting.channel_map(net),
        "plot-channel-map-patterns.png": lambda: plotting.channel_map(large),
        "plot-gap-heatmap.png": lambda: plotting.gap_heatmap(mapping.service_gaps(net)),
        "plot-lorenz.png": lambda: plotting.lorenz(net),
        "plot-audit-summary.png": lambda: plotting.audit_summary(aligning.audit(net)),
        "plot-consensus-ranking.png": lambda: plotting.consensus_ranking(
            building.lever_consensus(net, BALLOTS)
        ),
        "plot-design.png": lambda: draw_design(net),
        **_margin_drawings(),
        "plot-power.png": lambda: plotting.power_balance(five_partners()),
    }


# ---- margins (issue 18): the Margins guide's three-level route
def _margin_drawings() -> dict[str, Callable[[], Any]]:
    net = cv.datasets.example()  # holds the route pricing "price-smb-north"
    names = {i: o.name or i for i, o in net.organizations.items()}
    return {
        "plot-margin-waterfall.png": lambda: plotting.margin_waterfall(
            mapping.margin_build_up(net), "price-smb-north", names=names
        ),
    }


# --- zero-based channel design (issue 18): the guide's smb design (docs/guides/design.md)
def draw_design(net: cv.ChannelNetwork) -> Any:
    """The design matrix of the guide's smb design (its four member types)."""
    flows = [f.value for f in cv.Flow]

    def costs(*values: float | None) -> dict[str, float]:
        return {f: v for f, v in zip(flows, values, strict=True) if v is not None}

    types = [
        building.MemberType(
            "direct sales",
            role="vendor",
            fixed_cost=10,
            capabilities={
                "product_information": 0.95,
                "customization": 0.9,
                "quality_assurance": 0.95,
                "after_sales_service": 0.7,
            },
            costs=costs(5, 5, 2, 3, 5, 5, 5, 5),
        ),
        building.MemberType(
            "distributor",
            role="distributor",
            fixed_cost=4,
            capabilities={
                "availability": 0.95,
                "lot_size": 0.9,
                "assortment": 0.8,
                "logistics": 0.9,
            },
            costs=costs(1, 1, None, None, 1, 2, 1, 1),
        ),
        building.MemberType(
            "VAR",
            role="reseller",
            fixed_cost=3,
            capabilities={
                "spatial_convenience": 0.8,
                "after_sales_service": 0.75,
                "product_information": 0.6,
                "lot_size": 0.5,
            },
            costs=costs(3, 3, 2, 2, 3, 3, 2, 2),
        ),
        building.MemberType(
            "integrator",
            role="system_integrator",
            fixed_cost=6,
            capabilities={
                "customization": 0.95,
                "after_sales_service": 0.9,
                "quality_assurance": 0.9,
                "product_information": 0.85,
            },
            costs=costs(4, 4, 3, 2, 4, 3, 3, 3),
        ),
    ]
    return plotting.design_matrix(building.design_channel(net.segments["smb"], types))


# ---------------------------------------------------------------------- account overlap
# the worked example of docs/guides/overlap.md (the bundled example has no account lists yet)
OVERLAP_LISTS = {
    "acme": ["Globex Corp.", "Initech", "Umbrella"],
    "r1": ["Initech Inc", "Hooli", "Stark Industries Ltd", "Wayne Enterprises"],
    "r2": ["HOOLI", "Stark Industries", "Wonka GmbH", "Tyrell"],
    "m1": ["stark industries", "Tyrell Corporation", "Cyberdyne", "Soylent"],
    "s1": ["Oscorp", "Aperture", "umbrella"],
}
OVERLAP_ROLES = {
    "acme": "vendor",
    "r1": "reseller",
    "r2": "reseller",
    "m1": "msp",
    "s1": "system_integrator",
}


def overlap_drawing() -> Any:
    """The heat-map of the Account overlap guide."""
    net = cv.ChannelNetwork(steward="acme")
    net.add_all(
        [cv.Organization(o, role=r, name=o.upper()) for o, r in OVERLAP_ROLES.items()]
        + [mapping.account_list(o, a) for o, a in OVERLAP_LISTS.items()]
    )
    return plotting.account_overlap_heatmap(mapping.account_overlap(net), top=15)


def scorecard_drawing() -> Any:
    """The scorecard plot of the Scorecard guide (the example)."""
    card = aligning.partner_scorecard(cv.datasets.example())
    return plotting.plot_scorecard(card, top=8)


def make_images(out: Path = OUT) -> list[Path]:
    """Draw every image into ``out`` and return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, draw in drawings().items():
        ax = draw()
        path = out / name
        ax.figure.savefig(path, dpi=DPI, pil_kwargs={"optimize": True})
        plt.close(ax.figure)
        written.append(path)
    return written


GUIDE_DRAWINGS: dict[str, Callable[[], Any]] = {
    "plot-account-overlap.png": overlap_drawing,  # docs/guides/overlap.md
    "plot-scorecard.png": scorecard_drawing,  # docs/guides/scorecard.md
}
"""Images of the other guides (not the Plots guide), by file name."""


def make_guide_images(out: Path = OUT) -> list[Path]:
    """Draw the images of the other guides into ``out`` and return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, draw in GUIDE_DRAWINGS.items():
        ax = draw()
        path = out / name
        ax.figure.savefig(path, dpi=DPI, pil_kwargs={"optimize": True})
        plt.close(ax.figure)
        written.append(path)
    return written


def main() -> int:
    for path in [*make_images(), *make_guide_images()]:
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
