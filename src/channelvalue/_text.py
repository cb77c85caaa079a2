"""Text from the data made safe for its reader: Markdown and terminal escaping.

Every string that comes from a network (ids, names, messages, evidence, unknown keys of a
document, paths) passes through one of these functions before it reaches a Markdown report
or a terminal, so data cannot inject markup, script or terminal control sequences:

- `visible` writes control characters as escapes (`ESC` as the four characters
  `\\x1b`), the form Python's `repr` uses;
- `markdown_text` does that too (a line feed becomes a space), and writes the HTML
  metacharacters `& < >` as entities and Markdown metacharacters with a backslash, so
  the text renders as itself.

"Control characters" are the C0 and C1 controls (U+0000-U+001F, U+007F-U+009F), the line
and paragraph separators U+2028 and U+2029, the bidirectional formatting characters
(U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069), the byte order mark U+FEFF and
lone surrogates.
"""

from __future__ import annotations

import re

__all__ = ["CONTROL", "json_visible", "markdown_code", "markdown_text", "visible"]

_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff{_BIDI}\ud800-\udfff]")
"""A pattern matching one control character (see the module docstring for the set)."""

_NOT_NEWLINE = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff{_BIDI}\ud800-\udfff]")
# controls that JSON (``json.dumps(..., ensure_ascii=False)``) leaves raw inside strings
_JSON_RAW = re.compile(f"[\x7f-\x9f\u2028\u2029\ufeff{_BIDI}\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """`text` with every control character written as a `\\xNN` / `\\uNNNN` escape.

    Use it on anything printed to a terminal. With `keep_newlines=True` a `\\n` is
    kept (for whole multi-line messages); every other control character, tabs and carriage
    returns included, is still escaped.

    Examples:
        >>> print(visible("\\x1b[2Jall good\\r\\n"))
        \\x1b[2Jall good\\x0d\\x0a
        >>> visible("a\\nb\\u202e", keep_newlines=True)
        'a\\nb\\\\u202e'
    """
    pattern = _NOT_NEWLINE if keep_newlines else CONTROL
    return pattern.sub(_escape, text)


def json_visible(text: str) -> str:
    """JSON text with the control characters that JSON leaves raw written as `\\uNNNN`.

    `json.dumps(..., ensure_ascii=False)` escapes U+0000-U+001F but not the C1 controls,
    the bidirectional formatting characters nor U+2028/U+2029; those only occur inside
    strings, where `\\uNNNN` is an escape meaning the same character, so the JSON still
    loads to the same value.

    Examples:
        >>> import json
        >>> text = json_visible(json.dumps(["\\x9b2J"], ensure_ascii=False))
        >>> text, json.loads(text) == ["\\x9b2J"]
        ('["\\\\u009b2J"]', True)
    """
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_MARKDOWN = str.maketrans(
    {
        # HTML metacharacters as entities: no tag or entity comes from the data. Quotes stay:
        # they only matter inside an attribute, and data never reaches one (no link or
        # image can be written: ``[``, ``]``, ``!`` and ``<`` are escaped)
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        # Markdown metacharacters with a backslash: no emphasis, code, link, image,
        # heading, table cell, strikethrough or escape comes from the data
        "\\": "\\\\",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "[": "\\[",
        "]": "\\]",
        "#": "\\#",
        "|": "\\|",
        "!": "\\!",
        "~": "\\~",
        # a line break would end the table row or list item: a space, as always
        "\n": " ",
    }
)


def markdown_text(text: str) -> str:
    """`text` escaped to render as itself anywhere inline in Markdown (a table cell, a
    heading, a list item) and in the HTML that Markdown becomes.

    `& < >` become HTML entities; ``\\ ` * _ [ ] # | ! ~`` get a backslash; a line
    feed becomes a space and every other control character (carriage returns included) a
    visible escape as in `visible`, so the text always stays on its line.

    Examples:
        >>> print(markdown_text("<img src=x onerror=alert(1)> *a_b* | c\\r\\r# Audit passed"))
        &lt;img src=x onerror=alert(1)&gt; \\*a\\_b\\* \\| c\\x0d\\x0d\\# Audit passed
    """
    return visible(text.translate(_MARKDOWN))


_CODE_SAFE = re.compile(r"[A-Za-z0-9_.:/+\- ]+")


def markdown_code(text: str) -> str:
    """`text` as an inline code span when it is plain (letters, digits, `_ . : / + -`
    and spaces), else as `markdown_text` (a code span cannot escape anything).

    Examples:
        >>> markdown_code("reporting.coverage"), markdown_code("a`b")
        ('`reporting.coverage`', 'a\\\\`b')
    """
    if _CODE_SAFE.fullmatch(text):
        return f"`{text}`"
    return markdown_text(text)
