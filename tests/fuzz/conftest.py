"""The fuzz suite's report: inputs tried per target and escapes, printed at the end of the run."""

from __future__ import annotations

import pytest

from .fuzz_harness import FUZZ, TALLY


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the tally of fuzz inputs (only when fuzz tests ran)."""
    if not TALLY.inputs:
        return
    mode = "make fuzz campaign" if FUZZ else "short run; `make fuzz` runs the long campaign"
    terminalreporter.write_sep("=", f"fuzz inputs per target ({mode})")
    for line in TALLY.table():
        terminalreporter.write_line(line)
    escapes = TALLY.escapes.total()
    terminalreporter.write_line(
        f"escapes (exceptions other than the documented ChannelValueError): {escapes}"
    )
