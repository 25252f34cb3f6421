"""The family's records: ``profile``, ``baby``, ``weight`` and ``diapers`` (add, list,
edit, delete). Same rules as the session commands: bad input names the flag and writes
nothing; deleting asks first.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NoReturn

import click

from letdown.cli.common import (
    day_value,
    fail,
    open_journal,
    print_json,
    print_table,
    resolve_baby,
)

if TYPE_CHECKING:
    from letdown.journal.service import Journal

_BABY_FIELDS = {"birth_date": "--born", "sex": "--sex", "birth_weight_g": "--birth-weight-g",
                "gestation_weeks": "--gestation", "gestation_days": "--gestation"}
_DIAPER_FIELDS = {"wet": "--wet", "dirty": "--dirty", "date": "--date", "baby_id": "--baby"}
#: Per command: record field -> what the person typed to set it (an option, or an argument
#: such as GRAMS), so a bad value is reported under a name that command really has.
FIELD_NAMES: dict[str, dict[str, str]] = {
    "profile": {"pseudonym": "--pseudonym", "delivery_date": "--delivery-date",
                "first_baby": "--first-baby", "conditions": "--condition",
                "regular_medicines": "--medicine"},
    "baby add": {"name": "NAME", **_BABY_FIELDS},
    "baby edit": {"name": "--name", **_BABY_FIELDS},
    "weight add": {"grams": "GRAMS", "date": "--date", "baby_id": "--baby"},
    "weight edit": {"grams": "--grams", "date": "--date", "baby_id": "--baby"},
    "diapers add": _DIAPER_FIELDS,
    "diapers edit": _DIAPER_FIELDS,
}


@contextmanager
def named_fields(command: str) -> Iterator[None]:
    """Report a bad value under the name ``command`` knows it by; nothing is saved."""
    from pydantic import ValidationError

    from letdown.cli.common import model_of
    from letdown.journal.records import describe_errors

    names = FIELD_NAMES[command]
    try:
        yield
    except ValidationError as error:
        lines = []
        for line in describe_errors(error, model_of(error)):
            field = line.split(":", 1)[0].split(".", 1)[0]
            lines.append(f"{line} [{names[field]}]" if ":" in line and field in names else line)
        fail(lines, "Nothing was saved.")


@click.command()
@click.option("--pseudonym", help="What to call you (no real name needed).")
@click.option("--delivery-date", help="Date your baby was born (YYYY-MM-DD).")
@click.option("--first-baby/--not-first-baby", default=None, help="Is this your first baby?")
@click.option("--condition", multiple=True, help="A relevant condition (repeat; replaces list).")
@click.option("--medicine", multiple=True, help="A regular medicine (repeat; replaces list).")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def profile(
    pseudonym: str | None, delivery_date: str | None, first_baby: bool | None,
    condition: tuple[str, ...], medicine: tuple[str, ...], as_json: bool,
) -> None:
    """Show the parent profile, or set fields of it."""
    from letdown.journal.records import ParentProfile

    changes: dict[str, Any] = {}
    if pseudonym is not None:
        changes["pseudonym"] = pseudonym
    if delivery_date is not None:
        changes["delivery_date"] = day_value(delivery_date, "--delivery-date")
    if first_baby is not None:
        changes["first_baby"] = first_baby
    if condition:
        changes["conditions"] = list(condition)
    if medicine:
        changes["regular_medicines"] = list(medicine)
    with open_journal() as journal, named_fields("profile"):
        current = journal.get_profile()
        if changes:
            if current is None:
                if "pseudonym" not in changes:
                    fail("--pseudonym: required for a new profile (any name or nickname)")
                current = journal.set_profile(ParentProfile.model_validate(changes))
            else:
                current = journal.update_profile(changes)
            click.echo("profile saved")
    if current is None:
        click.echo("No profile yet. Set one with `letdown profile --pseudonym NAME`.")
        return
    if as_json:
        print_json(current.model_dump(mode="json"))
        return
    click.echo(f"pseudonym      {current.pseudonym}")
    click.echo(f"delivery date  {current.delivery_date or '-'}")
    click.echo("first baby     " + ("-" if current.first_baby is None else
                                    "yes" if current.first_baby else "no"))
    click.echo(f"conditions     {', '.join(current.conditions) or '-'}")
    click.echo(f"medicines      {', '.join(current.regular_medicines) or '-'}")


def _gestation(text: str | None) -> dict[str, int | None]:
    """``--gestation 34+5`` (weeks, then days) or ``34`` as the record's two fields; the
    record itself checks the ranges (22-44 weeks, 0-6 days)."""
    if text is None:
        return {}
    import re

    found = re.fullmatch(r"\s*(\d{1,2})\s*(?:\+\s*(\d{1,2}))?\s*", text)
    if found is None:
        fail(f"--gestation {text!r} is not weeks or weeks+days; allowed: for example 39, "
             "34+5 (34 weeks and 5 days), 22-44 weeks")
    weeks, days = found.groups()
    return {"gestation_weeks": int(weeks), "gestation_days": int(days) if days else None}


@click.group()
def baby() -> None:
    """Add, list, edit or delete babies (twins: add each)."""


@baby.command("add")
@click.argument("name")
@click.option("--born", required=True, help="Date of birth (YYYY-MM-DD).")
@click.option("--sex", type=click.Choice(("female", "male")), help="For growth charts.")
@click.option("--birth-weight-g", help="Birth weight in grams.")
@click.option("--gestation", help="Weeks of pregnancy at birth, e.g. 39 or 34+5 (born early: "
              "growth is charted by corrected age).")
def baby_add(name: str, born: str, sex: str | None, birth_weight_g: str | None,
             gestation: str | None) -> None:
    """Add a baby: letdown baby add Ada --born 2026-10-01 --sex female --birth-weight-g 3400"""
    from letdown.journal.records import Baby

    values = {"name": name, "birth_date": day_value(born, "--born"), "sex": sex,
              "birth_weight_g": birth_weight_g, **_gestation(gestation)}
    with open_journal() as journal, named_fields("baby add"):
        saved = journal.add_baby(Baby.model_validate(values))
    click.echo(f"added baby {saved.id}: {saved.name}, born {saved.birth_date}")


@baby.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def baby_list(as_json: bool) -> None:
    """List babies."""
    with open_journal() as journal:
        babies = journal.list_babies()
    if as_json:
        print_json([b.model_dump(mode="json") for b in babies])
    elif not babies:
        click.echo("No babies yet. Add one with `letdown baby add NAME --born YYYY-MM-DD`.")
    else:
        print_table(["id", "name", "born", "sex", "birth g"], [
            [str(b.id), b.name, str(b.birth_date), b.sex.value if b.sex else "-",
             str(b.birth_weight_g or "-")] for b in babies], right={0, 4})


@click.group()
def weight() -> None:
    """Add, list, edit or delete infant weights."""


@weight.command("add")
@click.argument("grams")
@click.option("--baby", help="Which baby (id or name; optional with one baby).")
@click.option("--date", "day", default="today", show_default=True, help="Day weighed.")
def weight_add(grams: str, baby: str | None, day: str) -> None:
    """Add a weight in grams: letdown weight add 4120 --baby Ada"""
    from letdown.journal.records import InfantWeight

    with open_journal() as journal, named_fields("weight add"):
        values = {"baby_id": resolve_baby(journal, baby, required=True),
                  "date": day_value(day, "--date"), "grams": grams}
        saved = journal.add_weight(InfantWeight.model_validate(values))
    click.echo(f"saved weight {saved.id}: {saved.grams} g on {saved.date}")


@weight.command("list")
@click.option("--baby", help="Only this baby (id or name).")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def weight_list(baby: str | None, as_json: bool) -> None:
    """List weights, oldest first."""
    with open_journal() as journal:
        baby_id = resolve_baby(journal, baby, required=False) if baby else None
        weights = journal.list_weights(baby_id)
        names = {b.id: b.name for b in journal.list_babies()}
    if as_json:
        print_json([w.model_dump(mode="json") for w in weights])
    elif not weights:
        click.echo("No weights yet. Add one with `letdown weight add GRAMS`.")
    else:
        print_table(["id", "baby", "date", "grams"], [
            [str(w.id), names.get(w.baby_id, "?"), str(w.date), str(w.grams)]
            for w in weights], right={0, 3})


@click.group()
def diapers() -> None:
    """Add, list, edit or delete daily diaper counts."""


@diapers.command("add")
@click.option("--wet", required=True, help="Wet diapers that day.")
@click.option("--dirty", required=True, help="Dirty diapers that day.")
@click.option("--baby", help="Which baby (id or name; optional with one baby).")
@click.option("--date", "day", default="today", show_default=True, help="The day counted.")
@click.option("--replace", is_flag=True, help="Replace that day's count if there is one.")
def diapers_add(wet: str, dirty: str, baby: str | None, day: str, replace: bool) -> None:
    """Add a day's count: letdown diapers add --wet 6 --dirty 3"""
    from letdown.journal.records import DiaperCount

    with open_journal() as journal, named_fields("diapers add"):
        values = {"baby_id": resolve_baby(journal, baby, required=True),
                  "date": day_value(day, "--date"), "wet": wet, "dirty": dirty}
        count = DiaperCount.model_validate(values)
        existing = [c for c in journal.list_diapers(count.baby_id) if c.date == count.date]
        if existing and replace:
            saved = journal.update_diapers(existing[0].id or 0, {"wet": count.wet,
                                                                 "dirty": count.dirty})
        elif existing:
            fail(f"--date: {count.date} already has a count ({existing[0].wet} wet, "
                 f"{existing[0].dirty} dirty); add --replace to change it")
        else:
            saved = journal.add_diapers(count)
    click.echo(f"saved diapers for {saved.date}: {saved.wet} wet, {saved.dirty} dirty")


@diapers.command("list")
@click.option("--baby", help="Only this baby (id or name).")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def diapers_list(baby: str | None, as_json: bool) -> None:
    """List daily diaper counts, oldest first."""
    with open_journal() as journal:
        baby_id = resolve_baby(journal, baby, required=False) if baby else None
        counts = journal.list_diapers(baby_id)
        names = {b.id: b.name for b in journal.list_babies()}
    if as_json:
        print_json([c.model_dump(mode="json") for c in counts])
    elif not counts:
        click.echo("No diaper counts yet. Add one with `letdown diapers add --wet N --dirty N`.")
    else:
        print_table(["id", "baby", "date", "wet", "dirty"], [
            [str(c.id), names.get(c.baby_id, "?"), str(c.date), str(c.wet), str(c.dirty)]
            for c in counts], right={0, 3, 4})


# ------------------------------------------- edit and delete babies, weights, diapers
#
# Like `letdown edit` and `letdown delete` for sessions: edit changes only the flags
# given (the whole record is checked again, and nothing is written if it is wrong);
# delete shows the record and asks first unless --yes.


def _confirm_delete(yes: bool, what: str) -> None:
    if not yes:
        click.confirm(f"Delete {what}?", abort=True)


def _baby_text(record: Any) -> str:
    weeks = getattr(record, "gestation_weeks", None)
    days = getattr(record, "gestation_days", None)
    born_at = f"born at {weeks}+{days or 0} weeks" if weeks else None
    extra = "".join(
        f", {part}" for part in (record.sex.value if record.sex else None,
                                 f"{record.birth_weight_g} g at birth"
                                 if record.birth_weight_g else None, born_at) if part)
    return f"{record.name}, born {record.birth_date}{extra}"


def _baby_name(journal: Journal, baby_id: int) -> str:
    return next((b.name for b in journal.list_babies() if b.id == baby_id), "?")


def _nothing_to_change(command: str) -> NoReturn:
    fail(f"nothing to change: give the flags to change (see `letdown {command} --help`)")


@baby.command("edit")
@click.argument("baby_id", type=int)
@click.option("--name", help="The baby's name or nickname.")
@click.option("--born", help="Date of birth (YYYY-MM-DD).")
@click.option("--sex", type=click.Choice(("female", "male")), help="For growth charts.")
@click.option("--birth-weight-g", help="Birth weight in grams.")
@click.option("--gestation", help="Weeks of pregnancy at birth, e.g. 39 or 34+5.")
@click.option("--clear", "clear", multiple=True,
              type=click.Choice(("sex", "birth-weight-g", "gestation")),
              help="Empty an optional field.")
def baby_edit(baby_id: int, name: str | None, born: str | None, sex: str | None,
              birth_weight_g: str | None, gestation: str | None,
              clear: tuple[str, ...]) -> None:
    """Change a baby: letdown baby edit 1 --name "Ada Rose" --gestation 36+2"""
    changes: dict[str, Any] = {"name": name, "sex": sex, "birth_weight_g": birth_weight_g}
    changes = {k: v for k, v in changes.items() if v is not None}
    if gestation is not None:
        changes |= {"gestation_days": None, **_gestation(gestation)}
    if born is not None:
        changes["birth_date"] = day_value(born, "--born")
    for field in clear:
        if field == "gestation":
            changes |= {"gestation_weeks": None, "gestation_days": None}
        else:
            changes[field.replace("-", "_")] = None
    if not changes:
        _nothing_to_change("baby edit")
    with open_journal() as journal, named_fields("baby edit"):
        updated = journal.update_baby(baby_id, changes)
    click.echo(f"updated baby {updated.id}: {_baby_text(updated)}")


@baby.command("delete")
@click.argument("baby_id", type=int)
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
def baby_delete(baby_id: int, yes: bool) -> None:
    """Delete a baby (asks first). A baby with sessions, weights or diapers is kept."""
    with open_journal() as journal:
        found = journal.get_baby(baby_id)
        _confirm_delete(yes, f"baby {baby_id} ({_baby_text(found)})")
        journal.delete_baby(baby_id)
    click.echo(f"deleted baby {baby_id}")


@weight.command("edit")
@click.argument("weight_id", type=int)
@click.option("--grams", help="Weight in grams.")
@click.option("--date", "day", help="Day weighed.")
@click.option("--baby", help="Move it to this baby (id or name).")
def weight_edit(weight_id: int, grams: str | None, day: str | None, baby: str | None) -> None:
    """Change a weight: letdown weight edit 3 --grams 4150"""
    changes: dict[str, Any] = {} if grams is None else {"grams": grams}
    if day is not None:
        changes["date"] = day_value(day, "--date")
    with open_journal() as journal, named_fields("weight edit"):
        if baby is not None:
            changes["baby_id"] = resolve_baby(journal, baby, required=True)
        if not changes:
            _nothing_to_change("weight edit")
        updated = journal.update_weight(weight_id, changes)
        name = _baby_name(journal, updated.baby_id)
    click.echo(f"updated weight {updated.id}: {updated.grams} g on {updated.date} ({name})")


@weight.command("delete")
@click.argument("weight_id", type=int)
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
def weight_delete(weight_id: int, yes: bool) -> None:
    """Delete a weight (asks first)."""
    with open_journal() as journal:
        found = journal.get_weight(weight_id)
        name = _baby_name(journal, found.baby_id)
        _confirm_delete(yes, f"weight {weight_id} ({found.grams} g on {found.date}, {name})")
        journal.delete_weight(weight_id)
    click.echo(f"deleted weight {weight_id}")


@diapers.command("edit")
@click.argument("count_id", type=int)
@click.option("--wet", help="Wet diapers that day.")
@click.option("--dirty", help="Dirty diapers that day.")
@click.option("--date", "day", help="The day counted.")
@click.option("--baby", help="Move it to this baby (id or name).")
def diapers_edit(count_id: int, wet: str | None, dirty: str | None, day: str | None,
                 baby: str | None) -> None:
    """Change a day's count: letdown diapers edit 4 --wet 7"""
    changes: dict[str, Any] = {k: v for k, v in (("wet", wet), ("dirty", dirty)) if v is not None}
    if day is not None:
        changes["date"] = day_value(day, "--date")
    with open_journal() as journal, named_fields("diapers edit"):
        if baby is not None:
            changes["baby_id"] = resolve_baby(journal, baby, required=True)
        if not changes:
            _nothing_to_change("diapers edit")
        updated = journal.update_diapers(count_id, changes)
        name = _baby_name(journal, updated.baby_id)
    click.echo(f"updated diapers {updated.id}: {updated.wet} wet, {updated.dirty} dirty on "
               f"{updated.date} ({name})")


@diapers.command("delete")
@click.argument("count_id", type=int)
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
def diapers_delete(count_id: int, yes: bool) -> None:
    """Delete a day's diaper count (asks first)."""
    with open_journal() as journal:
        found = journal.get_diapers(count_id)
        name = _baby_name(journal, found.baby_id)
        _confirm_delete(yes, f"diapers {count_id} ({found.wet} wet, {found.dirty} dirty on "
                             f"{found.date}, {name})")
        journal.delete_diapers(count_id)
    click.echo(f"deleted diapers {count_id}")
