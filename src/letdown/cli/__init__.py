"""The ``letdown`` command: a thin shell over the library.

Sub-commands live in their own modules and are imported only when used, so
``letdown --help`` stays instant. To add a command, add one line to
``COMMANDS``: name -> "module:attribute" (a click command or group).
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import os
import sys
from typing import Any

import click

from letdown import __version__

#: name -> (import path, one-line help shown by ``letdown --help``)
COMMANDS: dict[str, tuple[str, str]] = {
    "where": ("letdown.cli.settings:where", "Show the data directory, config file and database."),
    "overview": ("letdown.cli.overview:overview", "Recent sessions at a glance."),
    "log": ("letdown.cli.journal:log", "Record a feeding or pumping session."),
    "sessions": ("letdown.cli.journal:sessions", "List sessions."),
    "show": ("letdown.cli.journal:show", "Show one session in full."),
    "edit": ("letdown.cli.journal:edit", "Change fields of a session."),
    "delete": ("letdown.cli.journal:delete", "Delete a session (asks first)."),
    "profile": ("letdown.cli.family:profile", "Show or set the parent profile."),
    "baby": ("letdown.cli.family:baby", "Add, list, edit or delete babies."),
    "weight": ("letdown.cli.family:weight", "Add, list, edit or delete infant weights."),
    "diapers": ("letdown.cli.family:diapers", "Add, list, edit or delete daily diaper counts."),
    "export": ("letdown.cli.transfer:export",
               "Export the whole journal as JSON, CSV or a FHIR R4 Bundle."),
    "import": ("letdown.cli.transfer:import_",
               "Import a letdown export, a FHIR Bundle or Baby Buddy's records (all or nothing)."),
    "backup": ("letdown.cli.transfer:backup", "Copy the SQLite database safely and verify it."),
    "db": ("letdown.cli.database:db", "Database maintenance (upgrade)."),
    "doctor": ("letdown.cli.doctor:doctor", "Check the journal; rescue what is readable."),
    "simulate": ("letdown.cli.simulate:simulate", "Run the let-down reflex model on a scenario."),
    "calibrate": ("letdown.cli.simulate:calibrate", "Check the reflex model against studies."),
    "sensitivity": ("letdown.cli.sensitivity:sensitivity",
                    "Which reflex model parameters matter (Sobol indices)."),
    "advise": ("letdown.cli.advise:advise", "Causes, a plan, and when to get help."),
    "insights": ("letdown.cli.insights:insights", "What seems to help you, and how sure."),
    "experiment": ("letdown.cli.experiment:experiment",
                   "Test one technique on and off over your next sessions."),
    "growth": ("letdown.cli.growth:growth", "The baby's weight against the WHO standards."),
    "report": ("letdown.cli.report:report",
               "A PDF or HTML report of your records for your consultant."),
    "serve": ("letdown.cli.serve:serve", "Start the local web app."),
    "admin": ("letdown.cli.admin:admin", "Server mode: create and list accounts."),
    "token": ("letdown.cli.admin:token", "Server mode: create, list and revoke API tokens."),
}


#: Exit status for a fault letdown did not expect (EX_SOFTWARE): deliberately not 2,
#: which means "bad input, nothing written", so tests can tell the two apart.
UNEXPECTED_EXIT = 70
#: Exit status after Ctrl+C (128 + SIGINT), as shells report it.
INTERRUPTED_EXIT = 130
#: Exit status when the reader of our output went away: 128 + SIGPIPE, as a shell reports it.
BROKEN_PIPE_EXIT = 141
#: Set to 1 to see the full Python traceback of an unexpected problem (for developers).
DEBUG_VARIABLE = "LETDOWN_DEBUG"


class LazyGroup(click.Group):
    """A click group that imports each sub-command's module only when it runs.

    It is also the last line of defence: whatever a command did not expect ends in
    one plain line and exit status 70, never a Python traceback (a person cannot act
    on one, and it may show parts of their journal). Ctrl+C ends quietly with 130.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, EOFError):
            raise  # click reports these itself, in its own words
        except KeyboardInterrupt:
            sys.exit(INTERRUPTED_EXIT)
        except BrokenPipeError:
            # The reader went away (`letdown sessions | head`): nothing to report to anyone.
            # Point stdout at /dev/null so Python's final flush does not complain either.
            with contextlib.suppress(OSError, ValueError):
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
            sys.exit(BROKEN_PIPE_EXIT)
        except Exception as error:  # the whole point: nothing unexpected escapes as a traceback
            if os.environ.get(DEBUG_VARIABLE) == "1":
                raise
            click.echo(unexpected_message(error), err=True)
            sys.exit(UNEXPECTED_EXIT)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if _available(name)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS or not _available(cmd_name):
            return None
        module_name, attr = COMMANDS[cmd_name][0].split(":")
        command = getattr(importlib.import_module(module_name), attr)
        assert isinstance(command, click.Command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _available(name: str) -> bool:
    """True when the command's module exists (commands land issue by issue)."""
    module_name = COMMANDS[name][0].split(":")[0]
    return importlib.util.find_spec(module_name) is not None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="letdown")
def cli() -> None:
    """letdown: record, understand and help a slow milk let-down.

    Not a diagnosis: for fever with a painful breast, a baby who is not gaining
    weight or has few wet diapers, or heavy bleeding, contact a professional.
    """


def unexpected_message(error: BaseException) -> str:
    """The one line shown for a fault letdown did not expect."""
    detail = " ".join(str(error).split())
    if len(detail) > 200:
        detail = detail[:197] + "..."
    name = type(error).__name__
    return (
        f"letdown hit an unexpected problem ({name}{': ' + detail if detail else ''}). "
        "Nothing more was changed. Please report it."
    )


def main(argv: list[str] | None = None) -> Any:
    """Console-script entry point: Ctrl+C anywhere ends quietly with status 130."""
    try:
        return cli.main(args=argv if argv is not None else sys.argv[1:], prog_name="letdown")
    except KeyboardInterrupt:
        sys.exit(INTERRUPTED_EXIT)
