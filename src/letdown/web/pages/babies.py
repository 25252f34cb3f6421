"""Babies, their weights and daily diaper counts: few taps, same rules as the CLI and API."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import ValidationError
from starlette.responses import Response

from letdown.journal.records import (
    Baby,
    DiaperCount,
    InfantWeight,
    Record,
    Sex,
    describe_errors,
)
from letdown.journal.service import Conflict, Journal, NotFound
from letdown.web.forms import FormData, errors_by_field, record_form, validate
from letdown.web.once import SavedRenders, saved_renders
from letdown.web.pages.common import read_form, see_other
from letdown.web.record_flags import RecordFlag, record_flags
from letdown.web.services import journal
from letdown.web.templating import render

router = APIRouter()
JournalDep = Annotated[Journal, Depends(journal)]
FormDep = Annotated[FormData, Depends(read_form)]
#: The records listed under a baby that have their own edit and delete pages.
RECORD_KINDS = ("weights", "diapers")


def _page(
    request: Request, store: Journal, form: FormData | None = None, which: str = "",
    errors: list[str] | None = None, status: int = 200, saved: str = "", deleted: str = "",
) -> Response:
    babies = store.list_babies()
    weights = {b.id: store.list_weights(b.id) for b in babies}
    diapers = {b.id: store.list_diapers(b.id) for b in babies}
    return render(
        request, "babies.html",
        {"babies": babies, "weights": weights, "diapers": diapers, "sexes": list(Sex),
         "flagged": _flagged(request, store), "today": _today(request).isoformat(),
         "growth": _growth(request, store, babies, weights, diapers),
         "f": form or FormData([]), "which": which, "errors": errors or [], "saved": saved,
         "problems": {which: placed_errors(errors or [])} if errors else {},
         "deleted": deleted, "has_profile": store.get_profile() is not None,
         # one key per render, shared by its add forms (each remembered with its form's
         # name); a page re-shown with errors is the same render and keeps its key
         "form_key": SavedRenders.valid(form.get("form_key") if form else "")
         or SavedRenders.new_key()},
        status_code=status,
    )


def _today(request: Request) -> dt.date:
    """Today where the parent is (the default date of a new weight or diaper count)."""
    from letdown.journal.when import local_zone

    return dt.datetime.now(local_zone(request.app.state.settings.timezone)).date()


def _growth(request: Request, store: Journal, babies: list[Baby],
            weights: dict[Any, list[InfantWeight]], diapers: dict[Any, list[DiaperCount]],
            ) -> dict[Any, tuple[list[str], str]]:
    """Baby id -> the growth summary in words and the growth chart (inline SVG, or "").

    The chart is drawn only for a baby with a sex and a weight, and kept per write
    (``services.memo``), so reloading Babies does not redraw it.
    """
    from letdown.growth.assess import growth_of
    from letdown.growth.words import describe
    from letdown.web.services import services

    today = _today(request)
    own = services(request)
    out: dict[Any, tuple[list[str], str]] = {}
    for b in babies:
        g = growth_of(b, weights[b.id], diapers[b.id], today)
        chart = ""
        if g.sex is not None and g.weighed:
            sex = g.sex

            def draw(g: Any = g, sex: Any = sex, name: str = b.name) -> str:
                from letdown.growth.chart import growth_svg

                return growth_svg(g, sex, f"{name}: weight on WHO's percentile lines")

            chart = own.memo(f"growth-{b.id}", (own.writes, today, g.points), draw)
        out[b.id] = (describe(g), chart)
    return out


def _flagged(request: Request, store: Journal) -> dict[tuple[str, int], RecordFlag]:
    """(kind, record id) -> the red flag that record raises (the one Home's banner names)."""
    from letdown.evidence import load_evidence

    found = record_flags(store.list_babies(), store.list_weights(), store.list_diapers(),
                         _today(request), load_evidence())
    return {(f.kind, f.record_id): f for f in found}


def placed_errors(errors: list[str], clash_field: str = "date") -> dict[str, str]:
    """The problems keyed by the form field they are about (see ``errors_by_field``).

    A diaper count that clashes with the baby's count for that day ("diapers: that baby
    already has a count for that day") is about the ``clash_field``: the date, or the
    baby when the count is being moved to another baby.
    """
    found = errors_by_field(errors)
    clash = found.pop("diapers", None)
    if clash:
        found[clash_field] = f"{found[clash_field]} {clash}" if clash_field in found else clash
    return found


@router.get("/babies")
def babies(request: Request, store: JournalDep, saved: str = "", deleted: str = "") -> Response:
    return _page(request, store, saved=saved[:20], deleted=deleted[:20])


def _fields(form: FormData, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: form.get(name) for name in names if form.get(name)}


def _save(
    request: Request, store: Journal, form: FormData, which: str, model: type[Record],
    values: dict[str, Any], add: Any, get: Any,
) -> Response:
    """Add the record; a re-post of a render already saved (back, then add again) adds
    nothing and lands on the page as after the first save."""
    key = SavedRenders.valid(form.get("form_key"))
    scoped = f"{which}:{key}" if key else None
    renders = saved_renders(request.app.state)
    with renders.saving(scoped) as already:
        if already is not None and _still_there(get, already):
            return see_other(f"/babies?saved={which}")
        record, errors = validate(model, values)
        if record is not None:
            try:
                added = add(record)
            except Conflict as error:
                errors = [str(error)]
            else:
                renders.remember(scoped, added.id)
                return see_other(f"/babies?saved={which}")
    return _page(request, store, form, which, errors, status=422)


def _still_there(get: Any, record_id: int) -> bool:
    """Whether a record saved earlier is still there (one deleted since may be added again)."""
    try:
        get(record_id)
    except NotFound:
        return False
    return True


@router.post("/babies")
def add_baby(request: Request, store: JournalDep, form: FormDep) -> Response:
    values = _fields(form, ("name", "birth_date", "sex", "birth_weight_g", "gestation_weeks",
                            "gestation_days"))
    return _save(request, store, form, "baby", Baby, values, store.add_baby, store.get_baby)


@router.post("/babies/{baby_id}/weights")
def add_weight(request: Request, store: JournalDep, baby_id: int, form: FormDep) -> Response:
    values = {"baby_id": baby_id, **_fields(form, ("date", "grams"))}
    return _save(request, store, form, f"weight-{baby_id}", InfantWeight, values,
                 store.add_weight, store.get_weight)


@router.post("/babies/{baby_id}/diapers")
def add_diapers(request: Request, store: JournalDep, baby_id: int, form: FormDep) -> Response:
    values = {"baby_id": baby_id, **_fields(form, ("date", "wet", "dirty"))}
    return _save(request, store, form, f"diapers-{baby_id}", DiaperCount, values,
                 store.add_diapers, store.get_diapers)


# ------------------------------------------------------------ edit and delete
#
# Each record has an edit page (the form filled in, Save, and a link to delete) and a
# delete page that asks first; only its POST deletes. The URLs sit under the baby, so
# a weight or count is found only under its own baby.

#: Each kind of record in the URL -> what the pages call it, and its fields on the edit form
#: (``_ops`` gives the journal's get, update and delete for it).
KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "baby": ("baby", ("name", "birth_date", "sex", "birth_weight_g", "gestation_weeks",
                      "gestation_days")),
    "weights": ("weight", ("date", "grams")),
    "diapers": ("diaper count", ("date", "wet", "dirty")),
}


def _found(get: Any, record_id: int, baby_id: int | None = None) -> Any:
    """The record, or a 404 (also when it belongs to another baby)."""
    try:
        record = get(record_id)
    except NotFound as error:
        raise HTTPException(404, detail=str(error)) from error
    if baby_id is not None and record.baby_id != baby_id:
        raise HTTPException(404, detail=f"no such record for baby {baby_id}")
    return record


def _ops(store: Journal, kind: str) -> tuple[Any, Any, Any]:
    if kind == "baby":
        return store.get_baby, store.update_baby, store.delete_baby
    if kind == "weights":
        return store.get_weight, store.update_weight, store.delete_weight
    return store.get_diapers, store.update_diapers, store.delete_diapers


def _record_of(store: Journal, kind: str, baby_id: int, record_id: int | None) -> tuple[Baby, Any]:
    if record_id is not None and kind not in RECORD_KINDS:
        # a mistyped address is a page that is not there, not a form to correct
        raise HTTPException(404, detail=f"There is no “{kind[:40]}” under a baby: only "
                                        "weights and diapers have their own pages.")
    baby: Baby = _found(store.get_baby, baby_id)
    if record_id is None:
        return baby, baby
    return baby, _found(_ops(store, kind)[0], record_id, baby_id)


def _urls(kind: str, baby_id: int, record_id: int | None) -> dict[str, str]:
    base = f"/babies/{baby_id}" + ("" if record_id is None else f"/{kind}/{record_id}")
    return {"edit": base + "/edit", "delete": base + "/delete"}


def _edit_page(
    request: Request, kind: str, baby: Baby, record: Any, form: FormData,
    babies: list[Baby], errors: list[str] | None = None, status: int = 200,
) -> Response:
    """The edit form; for a weight or diaper count, with 2+ babies, also a choice of baby
    (so a record logged against the wrong twin can be moved to the other)."""
    record_id = None if kind == "baby" else record.id
    moving = kind != "baby" and form.get("baby_id") not in ("", str(baby.id))
    return render(
        request, "baby_record_edit.html",
        {"kind": kind, "what": KINDS[kind][0], "baby": baby, "record": record, "f": form,
         "errors": errors or [],
         "field_errors": placed_errors(errors or [], "baby_id" if moving else "date"),
         "babies": babies, "sexes": list(Sex), "urls": _urls(kind, baby.id or 0, record_id)},
        status_code=status,
    )


def _edit_get(request: Request, store: Journal, kind: str, baby_id: int,
              record_id: int | None) -> Response:
    baby, record = _record_of(store, kind, baby_id, record_id)
    return _edit_page(request, kind, baby, record, record_form(record), store.list_babies())


def _edit_post(request: Request, store: Journal, kind: str, baby_id: int,
               record_id: int | None, form: FormData) -> Response:
    """Replace the record's fields with the form's; a blank optional field is cleared.

    A weight or diaper count whose form names another baby (``baby_id``) moves to it.
    """
    baby, record = _record_of(store, kind, baby_id, record_id)
    model = type(record)
    changes: dict[str, Any] = {
        name: form.get(name) or (form.get(name) if model.model_fields[name].is_required() else None)
        for name in KINDS[kind][1]
    }
    if kind != "baby" and form.has("baby_id"):
        changes["baby_id"] = form.get("baby_id")
    errors: list[str] = []
    try:
        saved = _ops(store, kind)[1](record.id, changes)
    except ValidationError as error:
        errors = describe_errors(error, model)
    except Conflict as error:
        errors = [_moved_clash(store, str(error), record, changes)]
    if errors:
        return _edit_page(request, kind, baby, record, form, store.list_babies(), errors,
                          status=422)
    where = f"#baby-{saved.baby_id}" if kind != "baby" else ""
    return see_other(f"/babies?saved={KINDS[kind][0].split()[0]}{where}")


def _moved_clash(store: Journal, message: str, record: Any, changes: dict[str, Any]) -> str:
    """The journal's message, or for a diaper count moved onto a day the other baby
    already has, one that names that baby and the day."""
    new_baby = str(changes.get("baby_id", ""))
    if not (message.startswith("diapers:") and new_baby.isdigit()
            and int(new_baby) != record.baby_id):
        return message
    try:
        other = store.get_baby(int(new_baby)).name
        day = dt.date.fromisoformat(str(changes["date"])).strftime("%d %B %Y")
    except (NotFound, KeyError, ValueError):
        return message
    return (f"diapers: {other} already has a diaper count for {day}, so this one was not "
            f"moved; change {other}’s count instead, or delete one of them")


def _counted(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def still_naming(store: Journal, baby_id: int) -> list[str]:
    """What still refers to a baby, and so keeps it from being deleted: ``["3 sessions", ...]``.

    The journal refuses to delete a baby while a session (either twin of a tandem feed
    counts), a weight or a diaper count names it; this says so before anyone confirms.
    """
    found = []
    sessions = store.list_sessions(baby_id=baby_id)
    tandem = sum(1 for s in sessions if s.tandem_baby_id is not None)
    if len(sessions) > tandem:
        found.append(_counted(len(sessions) - tandem, "session", "sessions"))
    if tandem:
        found.append(_counted(tandem, "tandem feed", "tandem feeds"))
    for number, one, many in (
        (len(store.list_weights(baby_id)), "weight", "weights"),
        (len(store.list_diapers(baby_id)), "diaper count", "diaper counts"),
    ):
        if number:
            found.append(_counted(number, one, many))
    return found


def _delete_get(request: Request, store: Journal, kind: str, baby_id: int,
                record_id: int | None, errors: list[str] | None = None,
                status: int = 200) -> Response:
    baby, record = _record_of(store, kind, baby_id, record_id)
    blockers = still_naming(store, baby_id) if kind == "baby" else []
    blocked = ""
    if blockers:
        listed = blockers[0] if len(blockers) == 1 else (
            f"{', '.join(blockers[:-1])} and {blockers[-1]}")
        verb = "names" if len(blockers) == 1 and blockers[0].startswith("1 ") else "name"
        blocked = f"{listed} still {verb} {baby.name}: move or delete those first."
    return render(
        request, "baby_record_delete.html",
        {"kind": kind, "what": KINDS[kind][0], "baby": baby, "record": record,
         "errors": errors or [], "blocked": blocked, "urls": _urls(kind, baby_id, record_id)},
        status_code=status,
    )


def _delete_post(request: Request, store: Journal, kind: str, baby_id: int,
                 record_id: int | None) -> Response:
    _, record = _record_of(store, kind, baby_id, record_id)
    try:
        _ops(store, kind)[2](record.id)
    except Conflict as error:  # a baby with sessions, weights or diapers is kept
        return _delete_get(request, store, kind, baby_id, record_id, [str(error)], 409)
    return see_other(f"/babies?deleted={KINDS[kind][0].split()[0]}")


@router.get("/babies/{baby_id}/edit")
def baby_edit(request: Request, store: JournalDep, baby_id: int) -> Response:
    return _edit_get(request, store, "baby", baby_id, None)


@router.post("/babies/{baby_id}/edit")
def baby_update(request: Request, store: JournalDep, baby_id: int, form: FormDep) -> Response:
    return _edit_post(request, store, "baby", baby_id, None, form)


@router.get("/babies/{baby_id}/delete")
def baby_delete_confirm(request: Request, store: JournalDep, baby_id: int) -> Response:
    return _delete_get(request, store, "baby", baby_id, None)


@router.post("/babies/{baby_id}/delete")
def baby_delete(request: Request, store: JournalDep, baby_id: int) -> Response:
    return _delete_post(request, store, "baby", baby_id, None)


@router.get("/babies/{baby_id}/{kind}/{record_id}/edit")
def record_edit(
    request: Request, store: JournalDep, baby_id: int, kind: str, record_id: int
) -> Response:
    return _edit_get(request, store, kind, baby_id, record_id)


@router.post("/babies/{baby_id}/{kind}/{record_id}/edit")
def record_update(
    request: Request, store: JournalDep, baby_id: int, kind: str, record_id: int,
    form: FormDep,
) -> Response:
    return _edit_post(request, store, kind, baby_id, record_id, form)


@router.get("/babies/{baby_id}/{kind}/{record_id}/delete")
def record_delete_confirm(
    request: Request, store: JournalDep, baby_id: int, kind: str, record_id: int
) -> Response:
    return _delete_get(request, store, kind, baby_id, record_id)


@router.post("/babies/{baby_id}/{kind}/{record_id}/delete")
def record_delete(
    request: Request, store: JournalDep, baby_id: int, kind: str, record_id: int
) -> Response:
    return _delete_post(request, store, kind, baby_id, record_id)
