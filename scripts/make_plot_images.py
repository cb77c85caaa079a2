"""Draw the images of the Plots guide and of the gallery into ``docs/images/``, and write
the gallery page ``docs/gallery.md``.

Run ``python scripts/make_plot_images.py`` after changing a plot; commit the PNGs and the
page. The docs build only reads them (it needs neither the network nor this script): the
gallery shows each image with the function below that drew it, included from this file
(``pymdownx.snippets`` sections). The test suite checks that this script still draws every
image the guides show and that the committed gallery page is the one this script writes.
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
    """Each image's file name and the call that draws it (as in the guides); the Plots
    guide shows the gallery's images too (see `GALLERY`)."""
    net = cv.datasets.example()
    return {
        "plot-channel-map-patterns.png": lambda: plotting.channel_map(net, aggregate="patterns"),
        "plot-design.png": lambda: draw_design(net),
        **_margin_drawings(),
        "plot-power.png": lambda: plotting.power_balance(five_partners()),
    }


# ---- margins (issue 18): the Margins guide's three-level route
def _margin_drawings() -> dict[str, Callable[[], Any]]:
    net = cv.datasets.example()  # holds the route pricing "price-smb-north"
    names = {i: o.label for i, o in net.organizations.items()}
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


# ---------------------------------------------------------------------- the gallery
# Each gallery image is drawn by one function between snippet markers: docs/gallery.md
# includes the function's code from here, so the page shows exactly the code that drew it.
EXAMPLE_NOTE = "the bundled example (`cv.datasets.example()`, 60 organizations)"
LARGE_NOTE = "a synthetic channel of 2,000 partners (`cv.datasets.synthetic(2_000, seed=7)`)"


# --8<-- [start:audit-example]
def audit_example() -> Any:
    net = cv.datasets.example()
    return plotting.audit_summary(aligning.audit(net))


# --8<-- [end:audit-example]


# --8<-- [start:audit-large]
def audit_large() -> Any:
    net = cv.datasets.synthetic(2_000, seed=7)
    return plotting.audit_summary(aligning.audit(net), title="Audit of 2,000 partners")


# --8<-- [end:audit-large]


# --8<-- [start:map-example]
def map_example() -> Any:
    net = cv.datasets.example()
    return plotting.channel_map(net)  # every member: 60 organizations


# --8<-- [end:map-example]


# --8<-- [start:map-groups-example]
def map_groups_example() -> Any:
    net = cv.datasets.example()
    return plotting.channel_map(net, aggregate=True)  # partners grouped by role


# --8<-- [end:map-groups-example]


# --8<-- [start:map-large]
def map_large() -> Any:
    net = cv.datasets.synthetic(2_000, seed=7, distributors=49)
    return plotting.channel_map(net, top=8)  # 8 distributors named, "+41 more"


# --8<-- [end:map-large]


# --8<-- [start:detail-example]
def detail_example() -> Any:
    net = cv.datasets.example()
    return plotting.channel_detail(net, per_role=4)


# --8<-- [end:detail-example]


# --8<-- [start:detail-large]
def detail_large() -> Any:
    net = cv.datasets.synthetic(2_000, seed=7)
    return plotting.channel_detail(net, per_role=5, top=8)


# --8<-- [end:detail-large]


# --8<-- [start:gaps-example]
def gaps_example() -> Any:
    net = cv.datasets.example()
    return plotting.gap_heatmap(net)  # rows: the segments' names


# --8<-- [end:gaps-example]


# --8<-- [start:gaps-large]
def gaps_large() -> Any:
    net = cv.datasets.synthetic(2_000, seed=7)
    return plotting.gap_heatmap(net)


# --8<-- [end:gaps-large]


# --8<-- [start:lorenz-example]
def lorenz_example() -> Any:
    return plotting.lorenz(cv.datasets.example())


# --8<-- [end:lorenz-example]


# --8<-- [start:lorenz-large]
def lorenz_large() -> Any:
    return plotting.lorenz(cv.datasets.synthetic(2_000, seed=7))


# --8<-- [end:lorenz-large]


# --8<-- [start:power-example]
def power_example() -> Any:
    return plotting.power_balance(cv.datasets.example())


# --8<-- [end:power-example]


# --8<-- [start:margins-example]
def margins_example() -> Any:
    net = cv.datasets.example()  # holds the route pricing "price-smb-north"
    build_up = mapping.margin_build_up(net)
    return plotting.margin_waterfall(build_up, "price-smb-north", names=net)


# --8<-- [end:margins-example]


# --8<-- [start:consensus-example]
def consensus_example() -> Any:
    net = cv.datasets.example()
    result = building.lever_consensus(net, BALLOTS)  # BALLOTS: five workshop ballots
    return plotting.consensus_ranking(result)


# --8<-- [end:consensus-example]

GALLERY: list[tuple[str, str, str, Callable[[], Any]]] = [
    (
        "audit-example",
        "Audit summary",
        f"The audit of {EXAMPLE_NOTE}: a bar per assessed check, labelled with the check's "
        "title; checks without the data they need are hatched *not assessed* rows with the "
        "reason, and the dashed line is the overall score (in the legend).",
        audit_example,
    ),
    (
        "audit-large",
        "Audit summary at 2,000 partners",
        f"The same for {LARGE_NOTE}; `title=` replaces the default title.",
        audit_large,
    ),
    (
        "map-example",
        "Channel map, every member",
        f"{EXAMPLE_NOTE.capitalize()}: every organization, named where its row has room, "
        "else each run of a role; line widths follow revenue.",
        map_example,
    ),
    (
        "map-groups-example",
        "Channel map by group",
        "The same channel with its partners grouped by role (`aggregate=True`, the default "
        "above 150 nodes): node areas and line widths follow the revenue through them.",
        map_groups_example,
    ),
    (
        "map-large",
        "Channel map at 2,000 partners",
        "A synthetic channel of 2,000 partners and 49 distributors: the 8 distributors with "
        "most revenue through them are named (`top=8`), the other 41 form one node.",
        map_large,
    ),
    (
        "detail-example",
        "Channel detail",
        "`channel_detail` names partners: the 4 with most revenue of each role "
        "(`per_role=4`), the others collapsed into one node per role with their count.",
        detail_example,
    ),
    (
        "detail-large",
        "Channel detail at 2,000 partners",
        f"The detail of {LARGE_NOTE}: at most `per_role + 1` rows per role, whatever the "
        "number of partners.",
        detail_large,
    ),
    (
        "gaps-example",
        "Service gaps",
        f"Demanded minus delivered service outputs of {EXAMPLE_NOTE}.",
        gaps_example,
    ),
    ("gaps-large", "Service gaps at 2,000 partners", f"The same for {LARGE_NOTE}.", gaps_large),
    (
        "lorenz-example",
        "Lorenz curves",
        f"Revenue and resources across the partners of {EXAMPLE_NOTE}.",
        lorenz_example,
    ),
    (
        "lorenz-large",
        "Lorenz curves at 2,000 partners",
        f"The same for {LARGE_NOTE}.",
        lorenz_large,
    ),
    (
        "power-example",
        "Power map",
        "Dependence both ways for the example's partners that state their share of business "
        "with the steward; the largest are named.",
        power_example,
    ),
    (
        "margins-example",
        "Margin waterfall",
        "A priced route of the example, from list price to the steward's net, members named.",
        margins_example,
    ),
    (
        "consensus-example",
        "Consensus ranking",
        "The example's four levers ranked from five workshop ballots.",
        consensus_example,
    ),
]
"""The gallery: (section and image stem, heading, caption, drawing), in page order."""

GALLERY_PAGE = Path(__file__).resolve().parents[1] / "docs" / "gallery.md"


def gallery_page() -> str:
    """The text of docs/gallery.md: each image with the code that drew it."""
    out = [
        "# Gallery",
        "",
        "Every plot of `channelvalue.plotting`, drawn from the bundled example and from a",
        "synthetic channel of 2,000 partners. Each image shows the code that drew it: the",
        "function is included from `scripts/make_plot_images.py`, which draws these images",
        "(run `python scripts/make_plot_images.py` to draw them again). The",
        "[Plots guide](guides/plots.md) explains each plot and its options.",
        "",
        "Every plot function takes `ax=`, `title=`, `figsize=` and, where it labels",
        'organizations, segments or checks, `labels="name"` (the default) or `labels="id"`;',
        "each returns its matplotlib `Axes` and draws on a figure with constrained layout,",
        "so a plain `fig.savefig(...)` clips nothing.",
        "",
    ]
    for stem, heading, caption, _ in GALLERY:
        out += [
            f"## {heading}",
            "",
            caption,
            "",
            f"![{heading}](images/gallery-{stem}.png)",
            "",
            "```python",
            f'--8<-- "scripts/make_plot_images.py:{stem}"',
            "```",
            "",
        ]
    return "\n".join(out)


def make_gallery(out: Path = OUT, page: Path | None = GALLERY_PAGE) -> list[Path]:
    """Draw the gallery's images into ``out`` (and write the page); return the images."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, _, _, draw in GALLERY:
        ax = draw()
        path = out / f"gallery-{stem}.png"
        ax.figure.savefig(path, dpi=DPI, pil_kwargs={"optimize": True})
        plt.close(ax.figure)
        written.append(path)
    if page is not None:
        page.write_text(gallery_page(), encoding="utf-8")
    return written


def main() -> int:
    for path in [*make_images(), *make_guide_images(), *make_gallery()]:
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
