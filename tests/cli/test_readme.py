"""The README's command-line tour mentions every command and sub-command the CLI has."""

from __future__ import annotations

import re
from pathlib import Path

import click

from letdown.cli import COMMANDS, cli

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_command_and_sub_command_is_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    context = click.Context(cli)
    missing = []
    for name in COMMANDS:
        command = cli.get_command(context, name)
        if command is None:  # its module has not landed yet
            continue
        if not re.search(rf"letdown {name}\b", text):
            missing.append(name)
        if isinstance(command, click.Group):
            missing += [f"{name} {sub}" for sub in command.commands
                        if not re.search(rf"letdown {name} {sub}\b", text)]
    assert missing == [], f"not in README.md: {missing}"
