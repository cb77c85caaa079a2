"""`--help` describes every argument of every command, and the reference page lists them."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from channelvalue.cli import build_parser

from .helpers import run

DOCS = Path(__file__).resolve().parents[2] / "docs" / "reference" / "cli.md"


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def test_every_argument_has_a_help_text() -> None:
    for name, parser in _commands().items():
        for action in parser._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            assert action.help, f"{name} {action.option_strings or action.dest}: no help"


@pytest.mark.parametrize("command", sorted(_commands()))
def test_help_shows_every_option_and_the_file_argument(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(command, "--help")[0] == 0
    text = capsys.readouterr().out
    for action in _commands()[command]._actions:
        for option in action.option_strings:
            assert option in text, f"{command} --help: {option} missing"
        if not action.option_strings:  # the positional FILE argument, described
            assert f"  {action.metavar}  " in text or f"  {action.metavar}\n" in text
            assert action.help
            assert action.help.split()[0] in text
    if any(a.dest == "fmt" for a in _commands()[command]._actions):
        assert "output format:" in " ".join(text.split())


def test_the_reference_page_names_every_command_and_option() -> None:
    page = DOCS.read_text(encoding="utf-8")
    for name, parser in _commands().items():
        assert f"channelvalue {name}" in page, name
        for action in parser._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            for option in action.option_strings:
                if option.startswith("--"):
                    assert f"`{option}" in page, f"{name} {option} is not documented"
