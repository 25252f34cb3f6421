"""``letdown doctor``: what is wrong with the journal, and what can still be saved.

Reads, never repairs: it checks the settings, the data folder (permissions, free space),
the journal's schema revision and its integrity (SQLite's full ``integrity_check``). When
the journal is damaged it saves everything still readable as a JSON export (which
``letdown import`` takes into a fresh journal), and it points to the newest backup it can
find. Exit status: 0 when all is well, 1 when something is wrong, 2 for bad input.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from letdown.cli.paths import SafePath
from letdown.cli.paths import private_write as _private_write

if TYPE_CHECKING:
    from letdown.config import Settings


class Report:
    """Lines of the report and whether anything is wrong."""

    def __init__(self) -> None:
        self.problems = 0
        self.advice: list[str] = []

    def line(self, label: str, text: str, *, problem: bool = False) -> None:
        self.problems += problem
        click.echo(f"{label:<12} {'PROBLEM: ' if problem else ''}{text}")


@click.command()
@click.option("--output", "-o", type=SafePath(path_type=Path), default=None,
              help="Save everything readable to this JSON file, even when the journal is "
              "sound (default: only when it is damaged, into the data folder).")
def doctor(output: Path | None) -> None:
    """Check the journal and its folder; save what is readable when it is damaged.

    \b
      letdown doctor               # what is wrong, and what to do
      letdown doctor -o rescue.json
    """
    from letdown.cli.common import refuse_live_journal
    from letdown.config import SettingsError, load_settings
    from letdown.journal.health import is_special_file

    report = Report()
    try:
        settings = load_settings()
    except SettingsError as error:
        report.line("settings", str(error), problem=True)
        report.advice.append("fix the setting named above (see the README's Settings), "
                             "then run `letdown doctor` again")
        _finish(report)
    report.line("settings", "ok")
    refuse_live_journal(output, "--output")
    if output is not None and (output.is_dir() or is_special_file(output)):
        from letdown.cli.common import fail

        fail(f"--output: {output} is not an ordinary file; give a file name such as "
             "rescue.json")
    if output is not None and not output.parent.is_dir():
        from letdown.cli.common import fail

        fail(f"--output: the folder {output.parent} does not exist; create it first or "
             "give a file in an existing folder")
    _folder(report, settings)
    from letdown.journal.health import journal_file

    path = journal_file(settings)
    if path is None:
        _server(report, settings)
    elif not path.exists():
        report.line("journal", f"{path} does not exist yet (it is made on the first "
                    "`letdown log`)")
    else:
        _journal(report, settings, path, output)
    _backups(report, settings)
    _finish(report)


def _folder(report: Report, settings: Settings) -> None:
    from letdown.journal.health import folder_report

    folder = folder_report(settings.data_dir)
    free = "" if folder.free_bytes is None else f", {_size(folder.free_bytes)} free"
    if not folder.exists:
        report.line("data folder", f"{folder.path} does not exist yet{free}")
    else:
        access = "writable" if folder.writable else "read-only: writes are off"
        report.line("data folder", f"{folder.path} (permissions {folder.mode or 0:o}, "
                    f"{access}){free}")
        if not folder.owned_by_me:
            report.line("", "it belongs to another user: letdown may not be able to save",
                        problem=not folder.writable)
        if folder.others_can_look:
            report.line("", "other users of this computer can look into it; "
                        f"`chmod 700 {folder.path}` makes it private")
    if folder.low_on_space:
        report.line("disk", f"only {_size(folder.free_bytes or 0)} free", problem=True)
        report.advice.append("free some disk space: a full disk stops letdown saving")


def _journal(report: Report, settings: Settings, path: Path, output: Path | None) -> None:
    from letdown.journal.health import integrity_problems, stored_revision
    from letdown.journal.migrations.head import HEAD_REVISION
    from letdown.journal.store import revision_status

    report.line("journal", f"{path} ({_size(path.stat().st_size)})")
    revision = stored_revision(path)
    status = revision_status(revision)
    if status == "ahead":
        report.line("schema", f"revision {revision}: this journal was made by a newer "
                    f"letdown (revision {revision}); upgrade letdown", problem=True)
        report.advice.append("upgrade letdown; until then `letdown export` and "
                             "`letdown backup` still copy your records out")
    elif status == "behind":
        report.line("schema", f"revision {revision}, older than {HEAD_REVISION}: letdown "
                    "upgrades it the next time it writes")
    elif status == "current":
        report.line("schema", f"revision {revision}, up to date")
    else:
        report.line("schema", "unreadable (the journal may be damaged)", problem=True)
    found = integrity_problems(path)
    if found:
        report.line("integrity", f"the journal is damaged: {'; '.join(found[:3])}",
                    problem=True)
        report.advice.append("letdown refuses to write into it. Restore the newest backup "
                             "(copy it back as the data folder), or start a fresh journal "
                             "and `letdown import` the rescued JSON file")
    else:
        report.line("integrity", "ok")
    if found or output is not None:
        _rescue(report, settings, path, output)


def _rescue(report: Report, settings: Settings, path: Path, output: Path | None) -> None:
    import json
    import os

    from letdown.journal.salvage import salvage

    rescued = salvage(path)
    stamp = f"letdown-rescue-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    chosen = output is not None  # a place the person named: failing to write there is bad input
    if output is None:
        output = settings.data_dir / stamp
        if not os.access(settings.data_dir, os.W_OK):
            output = Path.cwd() / stamp
    if rescued.data is not None:
        from letdown.interop.jsonio import dump_json

        text = dump_json(rescued.data)
        data = rescued.data
        what = ", ".join([_count(len(data.sessions), "session"),
                          _count(len(data.babies), "baby", "babies"),
                          _count(len(data.weights), "weight"),
                          _count(len(data.diapers), "diaper count")]
                         + (["the profile"] if data.profile else []))
        how = "import it into a fresh journal with `letdown import`"
    else:
        text = json.dumps({"format": "letdown-rescue-raw", "tables": rescued.plain_rows()},
                          indent=1, ensure_ascii=False, default=str)
        what = ", ".join(f"{len(rows)} {table} rows" for table, rows in
                         rescued.rows.items() if table != "alembic_version") or "nothing"
        how = "raw rows, table by table (not importable as is)"
    try:
        _private_write(output, text.encode("utf-8"))
    except OSError as error:
        if chosen:
            from letdown.cli.common import fail

            fail(f"--output: cannot write {output}: {error.strerror}; give a file in a "
                 "folder you can write to")
        report.line("rescue", f"could not write {output}: {error.strerror}; try "
                    "`letdown doctor -o FILE` somewhere with space", problem=True)
        return
    lost = sum(rescued.unreadable.values())
    report.line("rescue", f"saved {what} to {output}; {how}")
    if lost:
        report.line("", f"about {lost} rows could not be read: "
                    + ", ".join(f"{t} {n}" for t, n in rescued.unreadable.items()))
    for problem in rescued.problems[:5]:
        report.line("", problem)



def _server(report: Report, settings: Settings) -> None:
    from letdown.cli.settings import redact
    from letdown.journal.faults import as_fault
    from letdown.journal.store import current_revision, open_engine, revision_status

    where = redact(settings.effective_database_url)
    try:
        engine = open_engine(settings, auto_upgrade=False)
        revision = current_revision(engine)
        engine.dispose()
    except Exception as error:
        fault = as_fault(error, database=where)
        if fault is None:
            raise
        report.line("database", str(fault), problem=True)
        return
    status = revision_status(revision)
    report.line("database", f"{where}: revision {revision or 'none'} ({status}); "
                "check its integrity with the server's own tools", problem=status == "ahead")


def _backups(report: Report, settings: Settings) -> None:
    from letdown.journal.backup import newest_backup

    home = Path.home()
    places = [settings.data_dir.parent, home, home / "backups", Path.cwd()]
    newest = newest_backup(settings.data_dir, places)
    if newest is None:
        report.line("backups", "none found; make one with `letdown backup ~/backups/`")
        return
    when = dt.datetime.fromtimestamp(newest.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    report.line("backups", f"newest found: {newest} ({when})")


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else many or one + 's'}"


def _size(count: int) -> str:
    size = float(count)
    for unit in ("bytes", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{size:.1f} TB"


def _finish(report: Report) -> None:
    if report.problems:
        click.echo("\nWhat to do:")
        for line in report.advice or ["see the problems above"]:
            click.echo(f"  - {line}")
    else:
        click.echo("\nAll is well.")
    sys.exit(1 if report.problems else 0)
