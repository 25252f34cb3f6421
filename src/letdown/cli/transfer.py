"""``letdown export``, ``letdown import`` and ``letdown backup``: the journal in and out.

Export writes every record (JSON, or CSV files in a zip archive); import reads
such a file and adds everything in one transaction, or nothing at all when any
part is wrong. Backup (``letdown.journal.backup``) copies the SQLite database with
SQLite's online backup API and checks the copy's integrity; given a directory, it also
copies the parent's media and advisor answers.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from letdown.cli.common import fail, open_journal, refuse_live_journal


def _private_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, readable by this user only."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


@click.command()
@click.option("--format", "-f", "fmt", type=click.Choice(("json", "csv")), default="json",
              show_default=True, help="json: one file; csv: a zip of one CSV per record type.")
@click.option("--output", "-o", type=click.Path(path_type=Path),
              help="File to write (default: JSON to the screen, CSV to "
              "letdown-export-DATE.zip here).")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
def export(fmt: str, output: Path | None, force: bool) -> None:
    """Export the whole journal as JSON or CSV.

    \b
      letdown export -o journal.json
      letdown export --format csv -o journal.zip
    """
    refuse_live_journal(output, "--output")
    with open_journal() as journal:
        data = journal.export_all()
    if fmt == "json":
        from letdown.interop.jsonio import dump_json

        payload = dump_json(data).encode("utf-8")
        if output is None:
            sys.stdout.buffer.write(payload)
            return
    else:
        import io

        from letdown.interop.csvio import write_csv_zip

        buffer = io.BytesIO()
        write_csv_zip(data, buffer)
        payload = buffer.getvalue()
        if output is None:
            output = Path(f"letdown-export-{dt.date.today().isoformat()}.zip")
    if output.exists() and not force:
        fail(f"--output: {output} already exists; add --force to overwrite it")
    _private_write(output, payload)
    click.echo(
        f"exported {len(data.sessions)} sessions, {len(data.babies)} babies, "
        f"{len(data.weights)} weights, {len(data.diapers)} diaper counts to {output}",
        err=True,
    )


def read_journal_file(path: Path) -> object:
    """Read a JSON file, a CSV zip, or a directory of CSV files (see ``letdown.interop``)."""
    import zipfile

    from letdown.interop.csvio import read_csv_dir, read_csv_zip
    from letdown.interop.jsonio import load_json
    from letdown.interop.problems import BadJournalFile

    if path.is_dir():
        return read_csv_dir(path)
    if zipfile.is_zipfile(path):
        return read_csv_zip(path, name=path.name)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise BadJournalFile([f"{path.name}: neither JSON text nor a zip of CSV files"]) from None
    return load_json(text, name=path.name)


@click.command("import")
@click.argument("file", type=click.Path(exists=True, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Only check the file; change nothing.")
def import_(file: Path, dry_run: bool) -> None:
    """Import a JSON or CSV export (all or nothing).

    Into an empty journal the records keep their ids, so export-then-import
    gives back exactly the same journal. Any problem in the file is reported
    with its line and field, and nothing is imported.
    """
    from letdown.interop.problems import BadJournalFile
    from letdown.journal.records import JournalData

    try:
        data = read_journal_file(file)
    except BadJournalFile as error:
        fail(error.problems, "Nothing was imported.")
    assert isinstance(data, JournalData)
    summary = (f"{len(data.sessions)} sessions, {len(data.babies)} babies, "
               f"{len(data.weights)} weights, {len(data.diapers)} diaper counts"
               + (", a profile" if data.profile else ""))
    if dry_run:
        click.echo(f"{file.name} is fine: {summary}. Nothing was imported (--dry-run).")
        return
    with open_journal() as journal:
        was_empty = journal.is_empty()
        journal.import_all(data)
    click.echo(f"imported {summary}" + ("" if was_empty else
               " (added alongside the records already there, with new ids)"))


@click.command()
@click.argument("path", type=click.Path())
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
def backup(path: str, force: bool) -> None:
    """Copy the SQLite journal safely and verify it; with a directory, your files too.

    PATH a directory (or a new one, written with a trailing /): a new dated folder in it
    holds the journal, your baby photos, videos and sounds, and the advisor's saved
    answers, laid out like the data directory (open it with LETDOWN_DATA_DIR=<folder>;
    restore by copying it back). PATH a file: the journal alone. The journal is copied
    with SQLite's online backup (safe while letdown runs) and passes
    ``PRAGMA integrity_check`` before it is kept. PATH can never be the live journal.
    """
    from letdown.cli.common import current_settings, fail_fault
    from letdown.journal.backup import BackupError, backup_data, backup_journal, remember
    from letdown.journal.health import is_special_file, journal_file

    settings = current_settings()
    target = Path(path)
    as_folder = path.endswith(("/", os.sep))
    source = journal_file(settings)
    if source is None:
        fail("backup copies a SQLite database, but this journal is on a database server: "
             "use the server's tools (pg_dump) or `letdown export`")
    refuse_live_journal(target, "PATH")
    if not source.exists():
        fail(f"no database at {source} yet: nothing to back up")
    with open_journal():
        pass  # make sure the schema is current before copying
    stamp = f"letdown-backup-{dt.datetime.now():%Y%m%d-%H%M%S}"
    try:
        if as_folder and not target.exists():
            if not target.parent.is_dir():
                fail(f"PATH: there is no folder {target.parent}; create it first or choose "
                     "another")
            target.mkdir(mode=0o700)
        if target.is_dir():
            done = backup_data(source, settings.data_dir, target / stamp)
        elif as_folder:
            fail(f"PATH: {target} is a file, not a folder; choose a folder or drop the /")
        elif is_special_file(target) or str(target.absolute()).startswith("/proc/"):
            fail(f"PATH: {target} is not an ordinary file; choose a file name or a folder")
        elif target.exists() and not force:
            fail(f"PATH: {target} already exists; add --force to overwrite it")
        elif not target.parent.is_dir():
            fail(f"PATH: there is no folder {target.parent}; create it first or choose "
                 "another")
        else:
            done = backup_journal(source, target)
    except BackupError as error:
        fail(f"{error}; nothing was written at {target}")
    except OSError as error:
        from letdown.journal.faults import as_fault

        fault = as_fault(error, where=target)
        fail(f"{fault or error.strerror or error}; nothing was written at {target}")
    except Exception as error:
        fail_fault(error, settings)
    remember(settings.data_dir, done)
    extras = [f"{done.media_files} photo, video or sound file"
              + ("" if done.media_files == 1 else "s")] if done.media_files else []
    extras += ["the advisor's answers"] if done.advisor_answers else []
    sessions = f"{done.sessions} session" + ("" if done.sessions == 1 else "s")
    click.echo(f"backed up {sessions}" + "".join(f", {e}" for e in extras)
               + f" to {done.path} (integrity check: ok)")
