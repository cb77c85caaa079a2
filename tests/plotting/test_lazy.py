"""matplotlib is optional: imported only when a plot is drawn, with a clear error if absent."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def _run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return done.stdout.strip()


def test_importing_does_not_import_matplotlib() -> None:
    out = _run(
        """
        import sys
        import channelvalue, channelvalue.plotting
        print("matplotlib" in sys.modules)
        """
    )
    assert out == "False"


def test_missing_matplotlib_names_the_extra() -> None:
    out = _run(
        """
        import sys
        sys.modules["matplotlib"] = None  # as if it were not installed
        import channelvalue as cv
        from channelvalue.plotting import lorenz
        try:
            lorenz(cv.datasets.example())
        except cv.MissingDependencyError as err:
            print(err)
        """
    )
    assert out == (
        "lorenz() needs the optional dependency 'matplotlib': pip install 'channelvalue[plot]'"
    )
