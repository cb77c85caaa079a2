"""The escaping functions of ``channelvalue._text`` (issue 14, item 3)."""

from __future__ import annotations

import html
import json
import re

from hypothesis import given
from hypothesis import strategies as st

from channelvalue._text import CONTROL, json_visible, markdown_code, markdown_text, visible

# what a Markdown renderer undoes: backslash escapes of ASCII punctuation, then entities
_BACKSLASH = re.compile(r"\\([!-/:-@\[-`{-~])")


def _rendered(markdown: str) -> str:
    return html.unescape(_BACKSLASH.sub(r"\1", markdown))


any_text = st.text(alphabet=st.characters(exclude_categories=()), max_size=40)


def test_markdown_text_escapes_each_metacharacter() -> None:
    assert markdown_text("&<>\"'") == "&amp;&lt;&gt;\"'"
    assert markdown_text("\\`*_[]#|!~") == "\\\\\\`\\*\\_\\[\\]\\#\\|\\!\\~"
    assert markdown_text("![a](javascript:x)") == "\\!\\[a\\](javascript:x)"
    assert markdown_text("a\nb\r\tc\x1b\x9b\ufeff\u2066\ud800") == (
        "a b\\x0d\\x09c\\x1b\\x9b\\ufeff\\u2066\\ud800"
    )


text_strategy = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=40)


@given(any_text)
def test_markdown_text_renders_as_the_text_itself(s: str) -> None:
    out = markdown_text(s)
    assert not CONTROL.search(out)
    assert "\n" not in out
    assert "<" not in out
    assert ">" not in out
    # a renderer shows exactly the text, its controls as visible escapes
    assert _rendered(out) == visible(s.replace("\n", " "))


def test_visible_escapes_controls_and_keeps_newlines_on_request() -> None:
    assert visible("a\x1b[2J\tb\n") == "a\\x1b[2J\\x09b\\x0a"
    assert visible("a\x1b\nb\r\n", keep_newlines=True) == "a\\x1b\nb\\x0d\n"
    assert visible("\u202eevil\u2028") == "\\u202eevil\\u2028"
    assert visible("plain — text é") == "plain — text é"


@given(any_text, st.booleans())
def test_visible_leaves_no_control_character(s: str, keep: bool) -> None:
    out = visible(s, keep_newlines=keep)
    assert not CONTROL.search(out.replace("\n", "") if keep else out)
    assert out.count("\n") == (s.count("\n") if keep else 0)


@given(st.recursive(st.none() | any_text, lambda c: st.lists(c) | st.dictionaries(any_text, c)))
def test_json_visible_keeps_the_value_and_leaves_no_control_character(value: object) -> None:
    try:
        text = json.dumps(value, ensure_ascii=False)
    except UnicodeEncodeError:  # pragma: no cover - json never encodes here
        return
    out = json_visible(text)
    assert not CONTROL.search(out)
    assert json.loads(out) == value


def test_markdown_code_spans_only_plain_text() -> None:
    assert markdown_code("reporting.coverage") == "`reporting.coverage`"
    assert markdown_code("a`b") == "a\\`b"
    assert markdown_code("<b>") == "&lt;b&gt;"
