"""Bounded, escaped HTML for notebooks: the `_repr_html_` of result objects.

Jupyter shows an object through its `_repr_html_`. A result of a million rows must not
become a page of a million rows, and a name from the data must not become markup, so every
result renders through [`frame_html`][channelvalue._html.frame_html]: its one-line `repr` as a
heading, then the first [`HTML_ROWS`][channelvalue._html.HTML_ROWS] rows of its `to_frame()`,
then how many rows were left out. Every cell is escaped (HTML metacharacters as entities,
control characters as visible escapes) and cut to [`HTML_CELL_CHARS`][channelvalue._html.
HTML_CELL_CHARS] characters.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from typing import Any

from ._text import visible

__all__ = ["HTML_CELL_CHARS", "HTML_ROWS", "frame_html", "html_text"]

HTML_ROWS = 20
"""The most rows a result's HTML shows (`to_frame()` has them all)."""
HTML_CELL_CHARS = 80
"""The longest a cell's text gets in a result's HTML (longer text ends in `...`)."""


def html_text(value: Any, limit: int = HTML_CELL_CHARS) -> str:
    """`value` as escaped HTML text, cut to `limit` characters; floats in `g` format.

    Examples:
        >>> html_text("<b>Acme & Co</b>\\x1b")
        '&lt;b&gt;Acme &amp; Co&lt;/b&gt;\\\\x1b'
        >>> html_text(0.123456789), html_text(None), html_text(float("nan"))
        ('0.123457', '', '')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = format(value, ".6g") if isinstance(value, float) else visible(str(value))
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return html.escape(text)


def frame_html(obj: Any, *, frame: Callable[[], Any] | None = None, limit: int = HTML_ROWS) -> str:
    """The HTML of a result object: its `repr`, then the first `limit` rows of its table.

    `frame` makes the table (default `obj.to_frame`); without pandas the HTML is the
    escaped `repr` alone.

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue import mapping
        >>> cov = mapping.coverage(cv.datasets.example())
        >>> page = frame_html(cov, limit=3)
        >>> page.count("<tr>"), "more rows" in page
        (4, True)
    """
    head = f"<p><strong>{html_text(repr(obj), 400)}</strong></p>"
    try:
        table = (frame or obj.to_frame)()
    except ImportError:
        return f"<div>{head}</div>"
    n = len(table)
    shown = table.head(limit)
    cols = "".join(f"<th>{html_text(c)}</th>" for c in shown.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html_text(v)}</td>" for v in row) + "</tr>"
        for row in shown.itertuples(index=False, name=None)
    )
    more = f"<p>... and {n - limit:,} more rows (<code>to_frame()</code> has all {n:,})</p>"
    tail = more if n > limit else ""
    return (
        f"<div>{head}<table><thead><tr>{cols}</tr></thead><tbody>{body}</tbody></table>{tail}</div>"
    )
