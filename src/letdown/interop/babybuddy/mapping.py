"""Baby Buddy's records as the journal's records: a pure translation, with what is skipped.

What maps, and how (the README says the same for parents):

* a child is a baby (name, birth date); the journal has no birth time, so it is
  reported as not kept;
* a breast feeding (left, right or both breasts) is a breastfeed session with those
  sides and times; its notes and tags go in the session's notes, so do a feeding type
  other than breast milk and an amount;
* a bottle feeding (and parent- or self-fed) is skipped and counted: it is what the baby
  drank, not milk let down at the breast, and the journal has no feeding log to hold it;
* a pumping is a pump session on both sides. Baby Buddy has one amount, not one per
  side, and the journal keeps milk per side (its total is left plus right), so the
  amount is shown as half on each side: totals, trends and insights stay right, and
  the session's notes say it was not split, so nobody reads a side difference into it;
* a weight (kg, Baby Buddy's usual unit) is an infant weight in grams, skipped when it
  is impossible for the baby's age (the journal's own WHO-based check);
* diaper changes become one count per baby per day (in ``zone``): wet counts the wet
  ones, dirty the solid ones, a change with both counts in both. Notes, tags, colour
  and amount of a change have no place in a daily count and are reported as not kept.

Every imported record gets a uuid from the server's address, the model and Baby Buddy's
id (``record_uuid``), so importing again finds it. A day's diaper count is identified by
the day and its counts (``diaper_uuid``): see ``merge`` for why.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from dataclasses import dataclass, field

from pydantic import ValidationError

from letdown.interop.babybuddy.source import Change, Export, Feeding, Pumping, Weight
from letdown.journal.consistency import diapers_problem, session_problem, weight_problem
from letdown.journal.records import (
    Baby,
    DiaperCount,
    InfantWeight,
    Session,
    describe_errors,
)

#: Namespace of every uuid letdown gives a Baby Buddy record (never change it: re-imports
#: find their records by these uuids).
NAMESPACE = uuid.UUID("5b0b2a43-54a6-4f0e-9a53-4c7f6d1e0b0d")
#: Baby Buddy feeding methods at the breast -> the journal's sides.
BREAST_SIDES = {"left breast": "left", "right breast": "right", "both breasts": "both"}
#: The longest notes the journal keeps (see ``fields.Notes``).
MAX_NOTES = 5000


def record_uuid(origin: str, model: str, record_id: int) -> uuid.UUID:
    """The uuid of Baby Buddy's ``model`` record ``record_id`` on the server ``origin``."""
    return uuid.uuid5(NAMESPACE, f"{origin}|{model}|{record_id}")


def diaper_uuid(origin: str, child_id: int, day: dt.date, wet: int, dirty: int) -> uuid.UUID:
    """The uuid of a day's diaper count as imported: the day AND the counts.

    When Baby Buddy gains a change on that day, the counts and so the uuid differ; a
    count whose uuid still matches its own numbers was not edited since it was imported.
    """
    return uuid.uuid5(NAMESPACE, f"{origin}|diapers|{child_id}|{day}|{wet}|{dirty}")


@dataclass
class Mapped:
    """The journal's records made from one Baby Buddy export, and what did not map.

    Babies carry Baby Buddy's child id as their id, so records can refer to them before
    they are in the journal. ``skipped`` is (what, reason) -> count; ``not_kept`` is
    (what, which part, why) -> count for parts of records the journal has no place for.
    """

    babies: list[Baby] = field(default_factory=list)
    #: Baby Buddy child id of each diaper count in ``diapers`` (same order).
    diaper_children: list[int] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    weights: list[InfantWeight] = field(default_factory=list)
    diapers: list[DiaperCount] = field(default_factory=list)
    skipped: Counter[tuple[str, str]] = field(default_factory=Counter)
    not_kept: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    #: one line per skipped record that a parent may want to fix in Baby Buddy
    details: list[str] = field(default_factory=list)

    def skip(self, what: str, reason: str, detail: str | None = None) -> None:
        self.skipped[(what, reason)] += 1
        if detail is not None:
            self.details.append(detail)


def to_journal(export: Export, zone: dt.tzinfo) -> Mapped:
    """Translate ``export`` into journal records; ``zone`` decides which day a change is on."""
    out = Mapped()
    babies: dict[int, Baby] = {}
    for child in export.children:
        try:
            baby = Baby(id=child.id, uuid=record_uuid(export.origin, "child", child.id),
                        name=child.name, birth_date=child.birth_date)
        except ValidationError as error:
            out.skip("child", "not accepted by the journal",
                     f"child {child.id} ({child.name!r}): {'; '.join(describe_errors(error))}")
            continue
        babies[child.id] = baby
        out.babies.append(baby)
        if child.birth_time is not None:
            out.not_kept[("child", "birth time", "the journal keeps the birth date")] += 1
    for feeding in export.feedings:
        _feeding(out, export, feeding, babies)
    for pumping in export.pumping:
        _pumping(out, export, pumping, babies)
    for weight in export.weights:
        _weight(out, export, weight, babies)
    _diapers(out, export, babies, zone)
    return out


def notes(text: str, *extra: str) -> str:
    """Baby Buddy's notes plus the lines letdown adds, as the journal keeps notes.

    Control characters (other than line breaks and tabs) become spaces; notes longer
    than the journal keeps are cut, with "…" at the cut.
    """
    parts = [p for p in (text.strip(), *extra) if p]
    joined = "\n".join(parts)
    clean = "".join(
        " " if (ord(c) < 32 and c not in "\n\r\t") or 0x7F <= ord(c) < 0xA0 else c
        for c in joined)
    return clean if len(clean) <= MAX_NOTES else clean[:MAX_NOTES - 1] + "…"


def _tag_line(export: Export, tags: tuple[str, ...], mapped: Mapped, what: str) -> str:
    if not tags:
        return ""
    if not export.tag_names:
        mapped.not_kept[(what, "tags", "the CSV export names tags by number only; "
                         "import from the API to keep them")] += 1
        return ""
    return "Baby Buddy tags: " + ", ".join(tags)


def _session(out: Mapped, what: str, ident: str, values: dict[str, object],
             babies: list[Baby]) -> None:
    try:
        session = Session.model_validate(values)
    except ValidationError as error:
        reason = describe_errors(error)[0]
        out.skip(what, _reason(reason), f"{ident}: {reason}")
        return
    problem = session_problem(session, babies)
    if problem is not None:
        out.skip(what, "before the baby's birth", f"{ident}: {problem}")
        return
    out.sessions.append(session)


def _reason(line: str) -> str:
    """A validation message as a short reason to count by (without the record's values)."""
    if "6 hours" in line:
        return "longer than 6 hours (the journal's longest session)"
    if "future" in line:
        return "in the future"
    if "end must be after start" in line:
        return "ends before it starts"
    if "volume" in line:
        return "amount outside 0 to 2000 mL"
    return "not accepted by the journal"


def _feeding(out: Mapped, export: Export, feeding: Feeding, babies: dict[int, Baby]) -> None:
    ident = f"feeding {feeding.id} ({feeding.start:%Y-%m-%d %H:%M} UTC)"
    sides = BREAST_SIDES.get(feeding.method)
    if sides is None:
        if feeding.method == "bottle":
            out.skip("feeding", "bottle feeding (what the baby drank, not a let-down)")
        elif feeding.method in ("parent fed", "self fed"):
            out.skip("feeding", f"{feeding.method} (not at the breast)")
        else:
            out.skip("feeding", "a feeding method letdown does not know",
                     f"{ident}: method {feeding.method!r}")
        return
    baby = babies.get(feeding.child)
    if baby is None:
        out.skip("feeding", "its child was not imported", f"{ident}: child {feeding.child}")
        return
    extra = [_tag_line(export, feeding.tags, out, "feeding")]
    if feeding.type != "breast milk":
        extra.append(f"Baby Buddy type: {feeding.type}")
    if feeding.amount is not None:
        extra.append(f"Baby Buddy amount: {feeding.amount:g}")
    values: dict[str, object] = {
        "uuid": record_uuid(export.origin, "feeding", feeding.id), "baby_id": baby.id,
        "kind": "breastfeed", "sides": sides, "start": feeding.start, "end": feeding.end,
        "notes": notes(feeding.notes, *extra)}
    _session(out, "breast feeding", ident, values, [baby])


def _pumping(out: Mapped, export: Export, pumping: Pumping, babies: dict[int, Baby]) -> None:
    ident = f"pumping {pumping.id} ({pumping.start:%Y-%m-%d %H:%M} UTC)"
    extra = [_tag_line(export, pumping.tags, out, "pumping")]
    values: dict[str, object] = {
        "uuid": record_uuid(export.origin, "pumping", pumping.id), "kind": "pump",
        "sides": "both", "start": pumping.start, "end": pumping.end}
    if pumping.amount is not None:
        if not 0 <= pumping.amount <= 2000:
            out.skip("pumping", "amount outside 0 to 2000 mL",
                     f"{ident}: amount {pumping.amount:g}")
            return
        half = pumping.amount / 2
        values.update(volume_left_ml=half, volume_right_ml=half)
        extra.append(f"Baby Buddy amount: {pumping.amount:g} mL in all, not split by side "
                     "(shown as half on each side)")
    values["notes"] = notes(pumping.notes, *extra)
    _session(out, "pumping", ident, values, [])


def _weight(out: Mapped, export: Export, weight: Weight, babies: dict[int, Baby]) -> None:
    ident = f"weight {weight.id} ({weight.date})"
    baby = babies.get(weight.child)
    if baby is None:
        out.skip("weight", "its child was not imported", f"{ident}: child {weight.child}")
        return
    try:
        record = InfantWeight(uuid=record_uuid(export.origin, "weight", weight.id),
                              baby_id=baby.id or 0, date=weight.date,
                              grams=round(weight.weight * 1000))
        problem = weight_problem(record, baby)
    except (ValidationError, OverflowError, ValueError):
        problem = "not a weight the journal accepts"
    if problem is not None:
        out.skip("weight", "not possible for the baby's age (read as kg)",
                 f"{ident}: {weight.weight:g} kg: {problem}")
        return
    out.weights.append(record)
    if weight.notes.strip():
        out.not_kept[("weight", "notes", "an infant weight has no notes")] += 1
    if weight.tags:
        out.not_kept[("weight", "tags", "an infant weight has no notes")] += 1


def _diapers(out: Mapped, export: Export, babies: dict[int, Baby], zone: dt.tzinfo) -> None:
    days: dict[tuple[int, dt.date], list[Change]] = {}
    for change in export.changes:
        if change.child not in babies:
            out.skip("diaper change", "its child was not imported",
                     f"diaper change {change.id}: child {change.child}")
            continue
        if not (change.wet or change.solid):
            out.skip("diaper change", "neither wet nor solid")
            continue
        days.setdefault((change.child, change.time.astimezone(zone).date()), []).append(change)
        for present, what in ((change.notes.strip(), "notes"), (change.tags, "tags"),
                              (change.color, "colour"), (change.amount is not None, "amount")):
            if present:
                out.not_kept[("diaper change", what, "a daily count has no place for it")] += 1
    for (child_id, day), changes in sorted(days.items()):
        baby = babies[child_id]
        wet = sum(c.wet for c in changes)
        dirty = sum(c.solid for c in changes)
        ident = f"diaper changes of {day}"
        try:
            count = DiaperCount(uuid=diaper_uuid(export.origin, child_id, day, wet, dirty),
                                baby_id=baby.id or 0, date=day, wet=wet, dirty=dirty)
        except ValidationError as error:
            reason = describe_errors(error)[0]
            out.skipped[("diaper change", "a day the journal cannot count "
                         "(over 40, or in the future)")] += len(changes)
            out.details.append(f"{ident}: {reason}")
            continue
        problem = diapers_problem(count, baby)
        if problem is not None:
            out.skipped[("diaper change", "before the baby's birth")] += len(changes)
            out.details.append(f"{ident}: {problem}")
            continue
        out.diapers.append(count)
        out.diaper_children.append(child_id)
