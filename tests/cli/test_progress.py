"""Progress is drawn on standard error only when it is a terminal, and never with --quiet."""

from __future__ import annotations

import io as _io
import os
import select
import subprocess
import sys
from typing import Any

import pytest

import channelvalue as cv
from channelvalue.cli import _progress, main
from channelvalue.cli._progress import Progress, is_terminal

from .helpers import EXAMPLE


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> _io.StringIO:
    """Standard error as a terminal: progress is drawn into the returned buffer."""
    from rich.console import Console

    screen = _io.StringIO()

    def console(_file: Any) -> Console:
        return Console(file=screen, force_terminal=True, width=100)

    monkeypatch.setattr(_progress, "terminal_console", console)
    return screen


@pytest.mark.parametrize(
    "argv",
    [
        ["audit", EXAMPLE],
        ["audit", EXAMPLE, "--summary"],
        ["summary", EXAMPLE],
        ["validate", EXAMPLE],
        ["demo"],
    ],
)
def test_no_progress_when_stderr_is_not_a_terminal(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code = main(argv)
    assert code in (0, 1)
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "\x1b" not in captured.out


def test_progress_is_drawn_on_a_terminal(terminal: _io.StringIO) -> None:
    out, err = _io.StringIO(), _io.StringIO()
    assert main(["audit", EXAMPLE, "--summary"], out=out, err=err) == 1
    drawn = terminal.getvalue()
    assert "reading " in drawn
    assert "auditing: " in drawn
    assert err.getvalue() == ""  # the display went to the terminal, nothing else did
    assert "\x1b" not in out.getvalue()  # and none of it reached standard output


def test_quiet_draws_no_progress(terminal: _io.StringIO) -> None:
    assert main(["audit", EXAMPLE, "--quiet"], out=_io.StringIO(), err=_io.StringIO()) == 1
    assert terminal.getvalue() == ""


def test_progress_leaves_the_report_unchanged(terminal: _io.StringIO) -> None:
    plain = cv.aligning.audit(cv.datasets.example())
    with Progress(_io.StringIO()) as progress:
        assert progress.enabled
        checks = progress.checks(cv.aligning.registry.REGISTRY.select(None))
        report = cv.aligning.audit(cv.datasets.example(), checks=checks)
    assert report == plain


def test_each_check_advances_the_display_once(terminal: _io.StringIO) -> None:
    with Progress(_io.StringIO()) as progress:
        checks = progress.checks(cv.aligning.registry.REGISTRY.select(["reporting"]))
        cv.aligning.audit(cv.datasets.example(), checks=checks)
        task = progress._progress.tasks[-1]
        assert (task.completed, task.total) == (2, 2)


def test_a_stream_without_isatty_is_no_terminal() -> None:
    assert not is_terminal(_io.StringIO())

    class Closed:
        def write(self, text: str) -> int:
            return len(text)

        def isatty(self) -> bool:
            raise ValueError("I/O operation on closed file")

    assert not is_terminal(Closed())


def test_a_pipe_gets_no_progress_and_a_terminal_does() -> None:
    """The real thing: `python -m channelvalue` with stderr a pipe, then a pseudo-terminal."""
    pty = pytest.importorskip("pty")
    argv = [sys.executable, "-m", "channelvalue", "audit", EXAMPLE, "--summary"]
    env = {**os.environ, "COLUMNS": "80"}
    piped = subprocess.run(argv, capture_output=True, env=env, timeout=120, check=False)
    assert piped.returncode == 1
    assert piped.stderr == b""
    assert b"\x1b" not in piped.stdout
    leader, follower = pty.openpty()
    screen = b""
    try:  # read the terminal while the command runs, so a full terminal never blocks it
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=follower, env=env)
        os.close(follower)
        for _ in range(1200):  # at most 2 minutes (a guard, not a measurement)
            ready, _, _ = select.select([leader], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:  # the terminal closed: everything has been read
                    break
                if not chunk:
                    break
                screen += chunk
            elif proc.poll() is not None:
                break
        assert proc.stdout is not None
        stdout = proc.stdout.read()
        proc.stdout.close()
        code = proc.wait(timeout=120)
    finally:
        os.close(leader)
    assert code == 1
    assert b"auditing" in screen or b"reading" in screen
    assert b"\x1b" not in stdout  # stdout, a pipe, gets the plain report
    assert stdout.startswith(b"Audit of Acme Networks channel")
