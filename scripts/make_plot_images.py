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
        "plot-power.png": lambda: plotting.power_balance(five_partners()),
    }


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


def main() -> int:
    for path in make_images():
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
