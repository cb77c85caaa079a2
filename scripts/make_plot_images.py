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
    }


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
