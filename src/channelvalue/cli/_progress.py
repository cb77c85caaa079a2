"""Progress on standard error for long work (reading a network, running the checks).

Shown only when standard error is a terminal and rich is installed, never in a pipe or a
log file, and never with `--quiet`; it disappears when the work is done (`transient`), so
what stays on the screen is the output itself.

Examples:
    >>> import io
    >>> err = io.StringIO()
    >>> with Progress(err) as progress:
    ...     progress.step("reading", total=None)
    >>> err.getvalue()  # not a terminal: nothing written
    ''
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import Any

import attrs

from .._text import visible
from ..aligning.registry import Check
from ..core.network import ChannelNetwork
from ..model import Finding
from ._output import Writer, emit, has_rich

__all__ = ["Progress", "is_terminal", "terminal_console"]


def is_terminal(file: Writer) -> bool:
    """Whether `file` is an interactive terminal (a `StringIO` or a pipe is not)."""
    isatty = getattr(file, "isatty", None)
    try:
        return bool(isatty()) if isatty is not None else False
    except (OSError, ValueError):  # a closed stream
        return False


def terminal_console(file: Writer) -> Any:
    """The rich console progress is drawn on: `file` when it is a terminal, else None (no
    progress). Tests replace this function to force a terminal."""
    if not is_terminal(file) or not has_rich():
        return None
    from rich.console import Console

    return Console(file=file, stderr=file is sys.stderr, highlight=False, markup=False)  # type: ignore[arg-type]


class Progress:
    """A transient progress display on `err`; every method is a no-op when it is off.

    Use it as a context manager; [`step`][channelvalue.cli._progress.Progress.step] starts a
    task (a spinner when `total` is None), [`advance`][channelvalue.cli._progress.Progress.advance]
    moves it on, and [`checks`][channelvalue.cli._progress.Progress.checks] wraps audit checks so
    that each one advances the task when it has run.
    """

    def __init__(self, err: Writer, *, quiet: bool = False) -> None:
        self._console = None if quiet else terminal_console(err)
        self._progress: Any = None
        self._task: Any = None

    @property
    def enabled(self) -> bool:
        """Whether anything is drawn."""
        return self._console is not None

    def __enter__(self) -> Progress:
        if self._console is not None:
            from rich import progress as rp

            self._progress = rp.Progress(
                rp.SpinnerColumn(),
                rp.TextColumn("{task.description}", markup=False),
                rp.BarColumn(),
                rp.MofNCompleteColumn(),
                rp.TimeElapsedColumn(),
                console=self._console,
                transient=True,
                disable=False,
            )
            self._progress.__enter__()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.__exit__(kind, value, traceback)
            self._progress = None

    def step(self, description: str, *, total: int | None) -> None:
        """Start a new task (the previous one is finished and removed)."""
        if self._progress is None:
            return
        if self._task is not None:
            self._progress.remove_task(self._task)
        self._task = self._progress.add_task(visible(description), total=total)

    def note(self, text: str, err: Writer) -> None:
        """Print `text` (made visible) on standard error: above the display while it is
        drawn, so the two do not garble each other."""
        if self._progress is not None:
            from rich.text import Text

            self._progress.console.print(Text(visible(text, keep_newlines=True)))
        else:
            emit(text, err)

    def describe(self, description: str) -> None:
        """Say what the current task is doing now."""
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, description=visible(description))

    def advance(self) -> None:
        """One unit of the current task done."""
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task)

    def checks(self, checks: Iterable[Check]) -> tuple[Check, ...]:
        """`checks` with functions that advance the current task once each has run (the
        same checks when the display is off)."""
        chosen = tuple(checks)
        if self._progress is None:
            return chosen
        self.step(f"auditing: {len(chosen)} checks", total=len(chosen))
        return tuple(attrs.evolve(c, function=self._counted(c)) for c in chosen)

    def _counted(self, check: Check) -> Callable[[ChannelNetwork, Any], Iterator[Finding]]:
        function = check.function

        def run(net: ChannelNetwork, config: Any) -> Iterator[Finding]:
            self.describe(f"auditing: {check.title or check.id}")
            try:
                yield from function(net, config)
            finally:
                self.advance()

        return run
