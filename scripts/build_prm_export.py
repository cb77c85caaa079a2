"""Write the bundled messy partner export, ``src/channelvalue/datasets/data/prm_export.csv``.

Run ``python scripts/build_prm_export.py`` after changing
``channelvalue/datasets/_prm_export.py``; the test suite checks that the shipped file is
exactly what :func:`channelvalue.datasets.prm_export` generates with its defaults.
"""

from __future__ import annotations

import sys
from pathlib import Path

from channelvalue.datasets._prm_export import prm_export, to_csv_bytes

OUT = Path(__file__).resolve().parents[1] / "src/channelvalue/datasets/data/prm_export.csv"


def main() -> int:
    data = to_csv_bytes(prm_export())
    OUT.write_bytes(data)
    print(f"wrote {len(data):,} bytes into {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
