"""``letdown import --from babybuddy URL`` and ``--from babybuddy-csv FILES``.

``letdown import`` (in ``transfer``) is an ``ImportCommand``: given ``--from``, the
arguments are parsed by ``babybuddy_import`` here instead, so the plain import of a
letdown export is untouched. The work is in ``letdown.interop.babybuddy``: read (API or
CSV), map, compare with the journal, write all or nothing.

The API key comes from --token or LETDOWN_BABYBUDDY_TOKEN (so it need not be typed
where the shell keeps history); it is never printed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from letdown.cli.common import fail, open_journal, refusing_import

if TYPE_CHECKING:
    from letdown.interop.babybuddy.mapping import Mapped
    from letdown.interop.babybuddy.merge import Plan
    from letdown.interop.babybuddy.source import Export
    from letdown.journal.transfer import ImportReport

SOURCES = ("babybuddy", "babybuddy-csv")
TOKEN_VARIABLE = "LETDOWN_BABYBUDDY_TOKEN"


def _wants_babybuddy(args: list[str]) -> bool:
    for arg in args:
        if arg == "--":
            return False
        if arg == "--from" or arg.startswith("--from="):
            return True
    return False


class ImportCommand(click.Command):
    """``letdown import``, which hands ``--from babybuddy[-csv]`` to ``babybuddy_import``."""

    def make_context(self, info_name: str | None, args: list[str],
                     parent: click.Context | None = None, **extra: Any) -> click.Context:
        if _wants_babybuddy(args):
            return babybuddy_import.make_context(info_name, args, parent=parent, **extra)
        return super().make_context(info_name, args, parent=parent, **extra)

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_epilog(ctx, formatter)
        with formatter.section("From Baby Buddy"):
            formatter.write_text(
                "letdown import --from babybuddy URL (its API; the key in --token or "
                f"{TOKEN_VARIABLE}) or --from babybuddy-csv FILES... (its admin CSV export). "
                "See: letdown import --from babybuddy --help")


@click.command("import")
@click.option("--from", "source", type=click.Choice(SOURCES), required=True,
              help="babybuddy: read Baby Buddy's REST API at URL; babybuddy-csv: read the "
              "CSV files of its admin Export (child, feeding, pumping, weight, diaper change).")
@click.argument("where", nargs=-1, metavar="URL | FILES...")
@click.option("--token", metavar="KEY", envvar=TOKEN_VARIABLE, show_envvar=True,
              help="Your Baby Buddy API key (user settings in Baby Buddy). Safer in the "
              f"environment variable {TOKEN_VARIABLE}, out of your shell history.")
@click.option("--timezone", "timezone", metavar="ZONE", default="UTC", show_default=True,
              help="Your Baby Buddy time zone (its user settings; UTC is its default): the "
              "CSV export's times are in it, and diaper changes are counted per day in it. "
              "E.g. Europe/Berlin.")
@click.option("--server", metavar="URL",
              help="With babybuddy-csv: the address of the Baby Buddy the files came from, "
              "so they match an import from its API (never doubled); without it, CSV imports "
              "match only other CSV imports.")
@click.option("--dry-run", is_flag=True,
              help="Read and check everything, say what would be imported; change nothing.")
def babybuddy_import(source: str, where: tuple[str, ...], token: str | None, timezone: str,
                     server: str | None, dry_run: bool) -> None:
    """Import children, breastfeeds, pumping, weights and diapers from Baby Buddy.

    \b
      letdown import --from babybuddy https://baby.example.org --token KEY
      letdown import --from babybuddy-csv Child.csv Feeding.csv Pumping.csv \\
          Weight.csv DiaperChange.csv --timezone Europe/Berlin

    All or nothing, and never the same record twice: importing again adds only what
    is new in Baby Buddy. Bottle feedings are skipped (counted); records you edited
    here are kept as you left them.
    """
    from letdown.interop.babybuddy.source import BabyBuddyProblem

    zone = _zone(timezone)
    try:
        export = _read(source, where, token, zone, server)
    except BabyBuddyProblem as error:
        fail(error.problems, "Nothing was imported.")
    _import(export, zone, timezone, dry_run=dry_run, csv=source == "babybuddy-csv")


def _zone(name: str) -> dt.tzinfo:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError, OSError):
        fail(f"--timezone: {name[:60]!r} is not a time zone; allowed: a name such as UTC, "
             "Europe/Berlin or America/New_York (as in Baby Buddy's settings)")


def _read(source: str, where: tuple[str, ...], token: str | None, zone: dt.tzinfo,
          server: str | None) -> Export:
    from letdown.interop.babybuddy.api import fetch, origin_of
    from letdown.interop.babybuddy.csvfiles import read_files

    if source == "babybuddy":
        if len(where) != 1:
            fail("give one address: letdown import --from babybuddy URL "
                 f"(e.g. https://baby.example.org), with the API key in {TOKEN_VARIABLE}")
        if server is not None:
            fail("--server is for --from babybuddy-csv; with the API, the URL names the server")
        origin = origin_of(where[0])
        if token is None:
            fail(f"no API key: set {TOKEN_VARIABLE} or give --token KEY (Baby Buddy shows "
                 "the key in your user settings)")
        if origin.startswith("http://") and not _local(origin):
            click.echo(f"note: {origin} is http://, not https://: the API key and your "
                       "records travel unencrypted", err=True)
        return fetch(where[0], token, zone=zone)
    if not where:
        fail("give the CSV files of Baby Buddy's admin export: letdown import --from "
             "babybuddy-csv Child.csv Feeding.csv ...")
    if token is not None and click.get_current_context().get_parameter_source(
            "token") is click.core.ParameterSource.COMMANDLINE:
        fail("--token is for --from babybuddy (the API); CSV files need no key")
    missing = [w for w in where if not Path(w).exists()]
    if missing:
        fail([f"{m[:200]}: no such file" for m in missing], "Nothing was imported.")
    origin = origin_of(server) if server else "babybuddy-csv"
    return read_files([Path(w) for w in where], origin=origin, zone=zone)


def _local(origin: str) -> bool:
    from urllib.parse import urlsplit

    host = urlsplit(origin).hostname or ""
    return host in ("localhost", "::1") or host.startswith("127.")


def _import(export: Export, zone: dt.tzinfo, zone_name: str, *, dry_run: bool,
            csv: bool) -> None:
    from letdown.interop.babybuddy.mapping import to_journal
    from letdown.interop.babybuddy.merge import Snapshot, plan, write

    mapped = to_journal(export, zone)
    with open_journal() as journal:
        planned = plan(mapped, Snapshot.of(journal), export.origin)
        with refusing_import("Baby Buddy and this journal"):
            report = write(journal, planned, dry_run=dry_run)
    click.echo(_read_line(export, csv, zone_name))
    click.echo("\n".join(summary(mapped, planned, report, dry_run=dry_run)))
    if dry_run:
        click.echo("Nothing was imported (--dry-run).")


def _read_line(export: Export, csv: bool, zone_name: str) -> str:
    where = "the CSV files" if csv else f"Baby Buddy at {export.origin}"
    counts = [(len(export.children), "child", "children"),
              (len(export.feedings), "feeding", "feedings"),
              (len(export.pumping), "pumping", "pumping"),
              (len(export.weights), "weight", "weights"),
              (len(export.changes), "diaper change", "diaper changes")]
    read = ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts)
    zone_note = (f"times read as {zone_name} (--timezone)" if csv
                 else f"diaper changes counted per day in {zone_name} (--timezone)")
    return f"read from {where}: {read}; {zone_note}"


def _counted(counts: dict[str, int]) -> str:
    singular = {"babies": "baby", "breastfeeds": "breastfeed", "pump sessions": "pump session",
                "weights": "weight", "diaper days": "diaper day"}
    return ", ".join(f"{n} {singular.get(k, k) if n == 1 else k}" for k, n in counts.items()
                     if n)


def _plural(what: str, n: int) -> str:
    if n == 1:
        return what
    return {"child": "children", "pumping": "pumping sessions",
            "breast feeding": "breast feedings"}.get(what, what + "s")


def summary(mapped: Mapped, planned: Plan, report: ImportReport, *, dry_run: bool) -> list[str]:
    """What the import did (or would do), in plain lines: imported, updated, skipped."""
    added = {"babies": report.added.get("babies", 0), **planned.new}
    verb = "would import" if dry_run else "imported"
    lines = []
    if sum(added.values()) == 0 and not planned.updates:
        total = sum(planned.same.values())
        lines.append(f"nothing new: all {total} records from Baby Buddy are already in this "
                     "journal" if total else "nothing new: Baby Buddy holds nothing to import")
    else:
        lines.append(f"{verb}: {_counted(added) or 'no new records'}")
        if planned.same:
            lines.append(f"already in this journal (skipped): {_counted(dict(planned.same))}")
    if planned.updates:
        lines.append(f"{'would update' if dry_run else 'updated'} {len(planned.updates)} "
                     "diaper day(s) that changed in Baby Buddy since the last import:")
        lines += [f"  {u.date} ({u.baby}): {u.old[0]} wet, {u.old[1]} dirty -> {u.new[0]} "
                  f"wet, {u.new[1]} dirty" for u in planned.updates[:10]]
    lines += [f"linked: {line}" for line in planned.linked]
    if planned.kept:
        lines.append(f"kept as they are in this journal ({len(planned.kept)}: changed here, "
                     "or imported before with other details):")
        lines += [f"  {line}" for line in planned.kept[:10]]
        if len(planned.kept) > 10:
            lines.append(f"  ... and {len(planned.kept) - 10} more")
    if mapped.skipped:
        lines.append("skipped (not imported):")
        lines += [f"  {n} {_plural(what, n)}: {reason}"
                  for (what, reason), n in sorted(mapped.skipped.items())]
        lines += [f"  {detail}" for detail in mapped.details[:10]]
        if len(mapped.details) > 10:
            lines.append(f"  ... and {len(mapped.details) - 10} more")
    if mapped.not_kept:
        lines.append("not kept (the journal has no place for them):")
        lines += [f"  {part} of {n} {_plural(what, n)}: {why}" for (what, part, why), n
                  in sorted(mapped.not_kept.items())]
    if report.doubtful:
        lines.append("check these imported records:")
        lines += [f"  {line}" for line in report.doubtful[:10]]
    return lines
