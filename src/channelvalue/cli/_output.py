"""Writing to the terminal: safe text, the output width, rich tables rendered to text.

Every byte the command line prints goes through [`emit`][channelvalue.cli._output.emit]:
control characters from the data become visible escapes and characters the stream's
encoding cannot carry become backslash escapes. Tables are laid out by rich (the
`terminal` extra) at the output width and rendered to plain text (no colour codes); without
rich the plain-text report is wrapped with `textwrap` instead.
"""

from __future__ import annotations

import codecs
import importlib
import io as _io
import shutil
import textwrap
from typing import TYPE_CHECKING, Protocol

from .._text import visible

if TYPE_CHECKING:
    from rich.console import RenderableType

__all__ = ["Writer", "emit", "fit", "has_rich", "output_width", "render", "unicode_ok"]

MIN_WIDTH = 40
"""The narrowest layout: a terminal narrower than this still gets 40-column tables."""


class Writer(Protocol):
    def write(self, text: str, /) -> object: ...


def emit(text: str, file: Writer, *, end: str = "\n") -> None:
    """Print `text` to `file`: the one way the command line writes.

    Control characters other than newlines become visible escapes (`_text.visible`),
    and characters the stream's encoding cannot carry become backslash escapes, so
    neither data nor a non-UTF-8 terminal can corrupt the output or raise.

    Examples:
        >>> import io
        >>> buf = io.StringIO()
        >>> emit("a\\x1b[2Jb", buf)
        >>> buf.getvalue()
        'a\\\\x1b[2Jb\\n'
    """
    text = visible(text + end, keep_newlines=True)
    encoding = getattr(file, "encoding", None)
    if encoding:
        try:
            text.encode(encoding)
        except (UnicodeEncodeError, LookupError):
            try:
                text = text.encode(encoding, "backslashreplace").decode(encoding)
            except LookupError:  # pragma: no cover - an encoding Python does not know
                text = text.encode("ascii", "backslashreplace").decode("ascii")
    file.write(text)
    flush = getattr(file, "flush", None)
    if flush is not None:
        flush()


def output_width() -> int:
    """The width to lay text out in: `COLUMNS`, else the terminal's width, else 80 (in a
    pipe); never below [`MIN_WIDTH`][channelvalue.cli._output.MIN_WIDTH].

    Examples:
        >>> import os; os.environ["COLUMNS"] = "100"
        >>> output_width()
        100
        >>> del os.environ["COLUMNS"]
    """
    return max(shutil.get_terminal_size((80, 24)).columns, MIN_WIDTH)


def unicode_ok(file: Writer) -> bool:
    """Whether `file` takes any character (a UTF encoding, or a text buffer): else tables
    are drawn with ASCII lines.

    Examples:
        >>> import io
        >>> unicode_ok(io.StringIO())
        True
    """
    encoding = getattr(file, "encoding", None)
    if not encoding:
        return True
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


def has_rich() -> bool:
    """Whether rich (the `terminal` extra) can be imported."""
    try:
        importlib.import_module("rich")
    except ImportError:
        return False
    return True


def render(items: list[RenderableType], width: int) -> str:
    """rich renderables laid out at `width` columns, as plain text (no colour, no
    trailing spaces).

    Examples:
        >>> from rich.text import Text
        >>> render([Text("a long line of words")], 10)
        'a long\\nline of\\nwords'
    """
    from rich.console import Console

    buffer = _io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        color_system=None,
        force_terminal=False,
        force_jupyter=False,
        no_color=True,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
        soft_wrap=False,
    )
    for item in items:
        console.print(item)
    return "\n".join(line.rstrip() for line in buffer.getvalue().rstrip("\n").split("\n"))


def fit(text: str, width: int | None = None) -> str:
    """`text` with every line longer than `width` (default: the output width) wrapped, its
    continuation indented under it (the layout used when rich is not installed).

    Examples:
        >>> print(fit("  a finding whose message is long", 20))
          a finding whose
            message is long
    """
    width = output_width() if width is None else width
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip(" "))]
        out.extend(
            textwrap.wrap(
                line,
                width,
                subsequent_indent=indent + "  ",
                break_on_hyphens=False,
                drop_whitespace=True,
            )
            or [line[:width]]
        )
    return "\n".join(out)
