"""``letdown export``, ``letdown import`` and ``letdown backup``: the journal in and out.

Export writes every record (JSON, or CSV files in a zip archive), each with its
uuid; import reads such a file and adds, in one transaction, the records this
journal does not hold yet, or nothing at all when any part is wrong or disagrees
with the journal (see ``letdown.journal.transfer``).
Backup (``letdown.journal.backup``) copies the SQLite database with
SQLite's online backup API and checks the copy's integrity; given a directory, it also
copies the parent's media and advisor answers.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from letdown.cli.babybuddy import ImportCommand
from letdown.cli.common import fail, open_journal, refuse_live_journal, refusing_import
from letdown.cli.paths import SafePath
from letdown.cli.paths import private_write as _private_write

if TYPE_CHECKING:
    from letdown.journal.transfer import ImportReport



#: Devices an export may be written to as a stream (the terminal, /dev/null, /dev/full).
STREAM_DEVICES = ("/dev/null", "/dev/full", "/dev/zero", "/dev/tty", "/dev/pts/", "/dev/console")


def os_problem(error: OSError) -> str:
    """An OS error in plain words (what went wrong, not errno jargon)."""
    import errno

    plain = {
        errno.ENOSPC: "the disk is full; free some space and try again",
        errno.EDQUOT: "you are over your disk quota; free some space and try again",
        errno.EACCES: "permission denied; choose a folder you can write to",
        errno.EPERM: "permission denied; choose a folder you can write to",
        errno.EROFS: "the disk is read-only; choose another place",
        errno.EISDIR: "it is a folder; give a file name",
        errno.ENOENT: "that folder does not take new files; choose another place",
        errno.ENOTDIR: "part of the path is a file, not a folder",
        errno.ENAMETOOLONG: "the name is too long",
    }
    return plain.get(error.errno or 0, error.strerror or str(error))


def write_output(output: Path, payload: bytes, *, force: bool, example: str) -> None:
    """Write an export to ``output``: a new private file, atomically; or a stream device.

    Every failure is a one-line message and exit 2, with no partial or temporary
    file left behind.
    """
    import stat

    try:
        mode = output.stat().st_mode if output.exists() else None
    except OSError as error:
        fail(f"--output: cannot use {output}: {os_problem(error)}")
    if mode is not None and stat.S_ISDIR(mode):
        fail(f"--output: {output} is a folder; give a file name in it, for example "
             f"{output / example}")
    if mode is not None and not stat.S_ISREG(mode):
        target = os.path.realpath(output)
        stream = stat.S_ISFIFO(mode) or (
            stat.S_ISCHR(mode) and target.startswith(STREAM_DEVICES))
        if not stream:
            fail(f"--output: {output} is a device, not a file; give a file name")
        try:
            with open(output, "wb") as handle:
                handle.write(payload)
                handle.flush()
        except OSError as error:
            fail(f"--output: could not write to {output}: {os_problem(error)}")
        return
    if mode is not None and not force:
        fail(f"--output: {output} already exists; add --force to overwrite it")
    if not output.parent.is_dir():
        fail(f"--output: there is no folder {output.parent}; create it first or choose "
             "another")
    try:
        _private_write(output, payload)
    except OSError as error:
        fail(f"--output: could not write {output}: {os_problem(error)}; nothing was written")


@click.command()
@click.option("--format", "-f", "fmt", type=click.Choice(("json", "csv", "fhir")),
              default="json", show_default=True,
              help="json: one file; csv: a zip of one CSV per record type; fhir: a FHIR R4 "
              "Bundle (JSON) for a clinic's health record system.")
@click.option("--output", "-o", type=SafePath(path_type=Path),
              help="File to write (default: JSON to the screen, CSV to "
              "letdown-export-DATE.zip here).")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
def export(fmt: str, output: Path | None, force: bool) -> None:
    """Export the whole journal as JSON, CSV or a FHIR R4 Bundle.

    \b
      letdown export -o journal.json
      letdown export --format csv -o journal.zip
      letdown export --format fhir -o journal.fhir.json
    """
    refuse_live_journal(output, "--output")
    with open_journal() as journal:
        data = journal.export_all()
    if fmt in ("json", "fhir"):
        if fmt == "json":
            from letdown.interop.jsonio import dump_json

            payload = dump_json(data).encode("utf-8")
        else:
            from letdown.cli.transfer_fhir import fhir_payload

            payload = fhir_payload(data)
        if output is None:
            try:
                sys.stdout.buffer.write(payload)
                sys.stdout.buffer.flush()
            except OSError as error:
                fail(f"could not write the export to the screen or pipe: {os_problem(error)}")
            return
    else:
        import io

        from letdown.interop.csvio import write_csv_zip

        buffer = io.BytesIO()
        write_csv_zip(data, buffer)
        payload = buffer.getvalue()
        if output is None:
            output = Path(f"letdown-export-{dt.date.today().isoformat()}.zip")
    write_output(output, payload, force=force, example=f"letdown-export.{fmt}".replace(
        ".csv", ".zip").replace(".fhir", ".fhir.json"))
    click.echo(
        f"exported {len(data.sessions)} sessions, {len(data.babies)} babies, "
        f"{len(data.weights)} weights, {len(data.diapers)} diaper counts to {output}",
        err=True,
    )


#: Largest file import reads: a journal of many years is a few MB.
MAX_IMPORT_BYTES = 200 * 2**20


def read_journal_file(path: Path) -> object:
    """Read a JSON file, a FHIR Bundle, a CSV zip, or a directory of CSV files.

    A FHIR Bundle gives a ``letdown.interop.fhir.FhirImport`` (records and what was
    skipped); the others give ``JournalData`` (see ``letdown.interop``).

    Anything else (a device, a huge file, binary data, an unreadable file) is a
    ``BadJournalFile`` with a one-line reason.
    """
    import io
    import zipfile

    from letdown.interop.csvio import read_csv_dir, read_csv_zip
    from letdown.interop.jsonio import load_json
    from letdown.interop.problems import BadJournalFile

    try:
        if path.is_dir():
            return read_csv_dir(path)
        if not path.is_file():
            raise BadJournalFile([f"{path}: not a file (a device, pipe or socket); give an "
                                  "export file or a folder of CSV files"])
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise BadJournalFile([f"{path.name}: larger than {MAX_IMPORT_BYTES // 2**20} MB: "
                                  "not a letdown export"])
        raw = path.read_bytes()
    except OSError as error:
        raise BadJournalFile([f"{path}: cannot read it: {os_problem(error)}"]) from None
    if raw.startswith(b"PK\x03\x04") or zipfile.is_zipfile(io.BytesIO(raw)):
        return read_csv_zip(io.BytesIO(raw), name=path.name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadJournalFile([f"{path.name}: not a letdown export: neither JSON text nor a zip "
                              f"of CSV files (byte {error.start} is not UTF-8 text)"]) from None
    from letdown.interop.fhir import bundle_in, load_bundle

    bundle = bundle_in(text)
    if bundle is not None:
        return load_bundle(bundle, name=path.name)
    return load_json(text, name=path.name)


@click.command("import", cls=ImportCommand)  # --from babybuddy[-csv]: see cli.babybuddy
@click.argument("file", type=SafePath(exists=True, path_type=Path))
@click.option("--dry-run", is_flag=True,
              help="Check the file against this journal and say what would be imported; "
              "change nothing.")
@click.option("--replace-profile", is_flag=True,
              help="Use the file's profile instead of the one already in this journal.")
def import_(file: Path, dry_run: bool, replace_profile: bool) -> None:
    """Import a JSON, CSV or FHIR export (all or nothing; never the same record twice).

    Into an empty journal the records keep their ids, so export-then-import
    gives back exactly the same journal. Records already in this journal (same
    uuid, same values) are skipped, so importing a file twice changes nothing; a
    record that is here with other values is a conflict, and nothing is imported.
    Your profile is kept unless you add --replace-profile. Any problem in the file
    is reported with its line (or FHIR entry) and field, and nothing is imported. From
    a FHIR Bundle, what letdown has no place for is skipped and counted.
    """
    from letdown.cli.transfer_fhir import skipped_message
    from letdown.interop.fhir import FhirImport
    from letdown.interop.problems import BadJournalFile
    from letdown.journal.records import JournalData

    try:
        data = read_journal_file(file)
    except BadJournalFile as error:
        fail(error.problems, "Nothing was imported.")
    skipped = None
    if isinstance(data, FhirImport):
        skipped, data = skipped_message(data.skipped), data.data
    assert isinstance(data, JournalData)
    summary = (f"{len(data.sessions)} sessions, {len(data.babies)} babies, "
               f"{len(data.weights)} weights, {len(data.diapers)} diaper counts"
               + (", a profile" if data.profile else ""))
    with open_journal() as journal:
        was_empty = journal.is_empty()
        with refusing_import("the file (changed since the export?) and this journal"):
            report = journal.import_all(data, replace_profile=replace_profile, dry_run=dry_run)
    if dry_run:
        click.echo(f"{file.name} is fine: {summary}. Importing it would say:")
        click.echo("  " + _import_message(report, was_empty).replace("\n", "\n  "))
        if skipped:
            click.echo(f"  {skipped}")
        click.echo("Nothing was imported (--dry-run).")
        return
    click.echo(_import_message(report, was_empty))
    if skipped:
        click.echo(skipped)


def _import_message(report: ImportReport, was_empty: bool) -> str:
    """What an import did, in one or two lines."""
    added = report.added
    lines = []
    if report.added_total == 0 and report.known_total == 0 and report.profile != "kept":
        lines.append("nothing imported: the file holds no records")
    elif report.added_total == 0:
        lines.append(f"nothing new: all {report.known_total} records are already in this "
                     "journal")
    else:
        lines.append(
            f"imported {added['sessions']} sessions, {added['babies']} babies, "
            f"{added['weights']} weights, {added['diapers']} diaper counts"
            + (", a profile" if report.profile == "added" else "")
            + ("" if was_empty else " (added alongside the records already there, with new ids)")
            + (f"; {report.known_total} records were already in this journal and were skipped"
               if report.known_total else ""))
    if report.doubtful:
        shown = report.doubtful[:10]
        lines.append(f"check {len(report.doubtful)} imported record(s): kept as they are in "
                     "the file, but letdown would not accept them typed in (fix them with "
                     "`edit`):")
        lines.extend(f"  {problem}" for problem in shown)
        if len(report.doubtful) > len(shown):
            lines.append(f"  ... and {len(report.doubtful) - len(shown)} more")
    if report.profile == "kept":
        lines.append(f"kept your profile ({report.journal_pseudonym}); the file's profile "
                     f"({report.file_pseudonym}) was not imported: add --replace-profile to "
                     "use it")
    elif report.profile == "replaced":
        lines.append(f"replaced your profile ({report.journal_pseudonym}) with the file's "
                     f"({report.file_pseudonym}), as --replace-profile asked")
    return "\n".join(lines)


@click.command()
@click.argument("path", type=SafePath())
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
