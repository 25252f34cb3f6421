"""Session pages: the guided session, quick log, one session, edit, delete (with confirmation)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import ValidationError
from starlette.responses import Response

from letdown.journal.records import (
    Kind,
    Session,
    SideMode,
    Sides,
    Technique,
    describe_errors,
)
from letdown.journal.service import Conflict, Journal, NotFound
from letdown.web.forms import (
    FormData,
    in_clock_time,
    on_letdown_field,
    read_session,
    session_errors_by_field,
    session_form,
    session_values,
)
from letdown.web.once import SavedRenders, saved_renders
from letdown.web.pages.common import now, read_form, see_other, zone
from letdown.web.services import journal
from letdown.web.summary import last_pump_settings
from letdown.web.templating import render

router = APIRouter()
JournalDep = Annotated[Journal, Depends(journal)]
FormDep = Annotated[FormData, Depends(read_form)]

#: Massage and compression prompts shown in turn during a guided session (our own words;
#: the evidence for each technique is cited by the advisor's evidence base).
MASSAGE_PROMPTS = (
    "Drop your shoulders and unclench your jaw.",
    "Stroke gently from the outer breast towards the nipple, all the way round.",
    "Make small circles with your fingertips, a few at each spot.",
    "Cup the breast and squeeze gently; hold while milk flows, then release.",
    "Think of your baby: the smell of their head, the weight of them in your arms.",
    "Lean forward a little and shake the breasts gently.",
)


def _common(store: Journal, request: Request) -> dict[str, Any]:
    """What every session form needs: choices, babies, the zone."""
    return {
        "kinds": list(Kind),
        "sides_choices": list(Sides),
        "side_modes": list(SideMode),
        "techniques": list(Technique),
        "babies": store.list_babies(),
        "zone": zone(request),
    }


def _renders(request: Request) -> SavedRenders:
    """The app's memory of form renders already saved."""
    return saved_renders(request.app.state)


def _pump_defaults(store: Journal) -> dict[str, object]:
    recent = store.list_sessions(kind=Kind.pump, limit=20)
    return last_pump_settings(recent)


# ----------------------------------------------------------------- guided


@router.get("/session")
def session_setup(request: Request, store: JournalDep) -> Response:
    """Choose breastfeed or pump and sides, then start (or start straight from home)."""
    return render(request, "session_setup.html", _common(store, request))


@router.get("/session/guided")
def session_guided(
    request: Request, store: JournalDep, kind: Kind = Kind.pump, sides: Sides = Sides.both
) -> Response:
    """The running session: timer, pacer, media, compress timer, let-down buttons, end form."""
    start = now()
    form = session_form(
        None, zone(request), kind=kind, sides=sides,
        start=start.isoformat(timespec="seconds"), **_pump_defaults(store),
    )
    return _guided(request, store, form, [], start)


def _guided(
    request: Request, store: Journal, form: FormData, errors: list[str],
    start: dt.datetime | None, status: int = 200, values: dict[str, Any] | None = None,
) -> Response:
    from letdown.web.forms import FormError, parse_local_time
    from letdown.web.media import list_media
    from letdown.web.pages.insights import guided_assignment

    start_iso = start.isoformat(timespec="seconds") if start else form.get("start")
    try:
        start_local = parse_local_time(start_iso, "start", zone(request)).astimezone(
            zone(request)).strftime("%H:%M")
    except (FormError, OverflowError, ValueError):
        start_local = "the start"
    return render(
        request,
        "session_guided.html",
        {
            **_common(store, request),
            "f": form,
            "errors": errors,
            "field_errors": session_errors_by_field(errors, values or {}),
            "start_iso": start_iso,
            "start_local": start_local,
            "now_iso": now().isoformat(timespec="milliseconds"),  # sets the phone's clock right
            "prompts": MASSAGE_PROMPTS,
            "media": list_media(request.app.state.settings.media_dir),
            "experiment_assignment": guided_assignment(store, form.get("kind")),
            # a page re-shown with errors is the same render: it keeps its key
            "form_key": SavedRenders.valid(form.get("form_key")) or SavedRenders.new_key(),
        },
        status_code=status,
    )


@router.post("/session/guided")
def session_guided_save(request: Request, store: JournalDep, form: FormDep) -> Response:
    """Save the guided session; on bad input show the page again with the reasons.

    A render already saved (back, then save again) lands on the session it saved.
    """
    saved, values, errors = _save_once(request, store, form)
    if saved is not None:
        return see_other(f"/sessions/{saved}?saved=1")
    return _guided(request, store, form, errors, None, status=422, values=values)


def _save_once(
    request: Request, store: Journal, form: FormData
) -> tuple[int | None, dict[str, Any], list[str]]:
    """(id of the session saved, values read, errors) for a posted session form.

    A post of a render already saved (its ``form_key``) gives the session that render
    saved, and adds nothing.
    """
    key = SavedRenders.valid(form.get("form_key"))
    renders = _renders(request)
    with renders.saving(key) as already:
        if already is not None and _exists(store, already):
            return already, {}, []
        record, values, errors = read_session(form, zone(request), now())
        if record is not None:
            try:
                saved = store.add_session(record)
            except Conflict as error:
                errors = [str(error)]
            else:
                renders.remember(key, saved.id)
                _drop_draft(store, form.get("start"))
                return saved.id, values, []
    return None, values, errors


def _drop_draft(store: Journal, start: str | None) -> None:
    """A saved session's draft is no longer needed (the page drops its own copy too)."""
    from contextlib import suppress

    from letdown.journal.drafts import BadDraftKey, GuidedDrafts

    if start:
        with suppress(BadDraftKey):  # the plain log form's local times name no draft
            GuidedDrafts(store).discard(start)


# -------------------------------------------------------------- quick log


@router.get("/sessions/new")
def session_new(request: Request, store: JournalDep, kind: Kind = Kind.pump) -> Response:
    """Log a session after the fact, without the guided flow."""
    end = now().replace(second=0, microsecond=0)
    form = session_form(
        None, zone(request), kind=kind, sides=Sides.both,
        start=(end - dt.timedelta(minutes=20)).astimezone(zone(request)).strftime(
            "%Y-%m-%dT%H:%M"),
        end=end.astimezone(zone(request)).strftime("%Y-%m-%dT%H:%M"),
        **(_pump_defaults(store) if kind is Kind.pump else {}),
    )
    return _edit_page(request, store, form, [], None)


@router.post("/sessions/new")
def session_create(request: Request, store: JournalDep, form: FormDep) -> Response:
    """Save a logged session; back-then-save lands on the one already saved."""
    saved, values, errors = _save_once(request, store, form)
    if saved is not None:
        return see_other(f"/sessions/{saved}?saved=1")
    return _edit_page(request, store, form, errors, None, status=422, values=values)


def _edit_page(
    request: Request, store: Journal, form: FormData, errors: list[str],
    session_id: int | None, status: int = 200, values: dict[str, Any] | None = None,
) -> Response:
    """The log or edit form; each problem in the summary and next to its field."""
    return render(
        request, "session_form.html",
        {**_common(store, request), "f": form, "errors": errors,
         "field_errors": session_errors_by_field(errors, values or {}),
         "session_id": session_id,
         # a new session's form: a page re-shown with errors is the same render, same key
         "form_key": None if session_id is not None else (
             SavedRenders.valid(form.get("form_key")) or SavedRenders.new_key())},
        status_code=status,
    )


# ------------------------------------------------------- one session, edit, delete


def _exists(store: Journal, session_id: int) -> bool:
    """Whether the session is still there (one deleted since may be saved again)."""
    try:
        store.get_session(session_id)
    except NotFound:
        return False
    return True


def _get(store: Journal, session_id: int) -> Any:
    try:
        return store.get_session(session_id)
    except NotFound as error:
        raise HTTPException(404, detail=str(error)) from error


@router.get("/sessions/{session_id}")
def session_detail(
    request: Request, store: JournalDep, session_id: int, saved: bool = False
) -> Response:
    session = _get(store, session_id)
    baby = twin = None
    if session.baby_id is not None:
        babies = store.list_babies()
        baby = next((b for b in babies if b.id == session.baby_id), None)
        twin = next((b for b in babies if b.id == session.tandem_baby_id), None)
    return render(request, "session_detail.html",
                  {"s": session, "saved": saved, "baby": baby, "twin": twin})


@router.get("/sessions/{session_id}/edit")
def session_edit(request: Request, store: JournalDep, session_id: int) -> Response:
    session = _get(store, session_id)
    return _edit_page(request, store, session_form(session, zone(request)), [], session_id)


@router.post("/sessions/{session_id}/edit")
def session_update(
    request: Request, store: JournalDep, session_id: int, form: FormDep
) -> Response:
    _get(store, session_id)
    values, errors = session_values(form, zone(request), now())
    for name in ("start", "end"):
        if name not in values and not any(e.startswith(name) for e in errors):
            errors.append(f"{name}: required; allowed: a date and time")
    if not errors:
        try:
            store.update_session(session_id, _clear_blanks(values))
        except ValidationError as error:
            errors = [on_letdown_field(in_clock_time(e), values)
                      for e in describe_errors(error, Session)]
        except Conflict as error:
            errors = [str(error)]
    if errors:
        return _edit_page(request, store, form, errors, session_id, status=422, values=values)
    return see_other(f"/sessions/{session_id}?saved=1")


def _clear_blanks(values: dict[str, Any]) -> dict[str, Any]:
    """An edit form replaces the whole session: a field left blank is cleared."""
    cleared: dict[str, Any] = {}
    for name, field in Session.model_fields.items():
        if name in ("id", "start", "end", "kind", "sides"):
            continue
        if field.default_factory is not None:
            cleared[name] = field.default_factory()  # type: ignore[call-arg]
        else:
            cleared[name] = field.default
    cleared.update(values)
    return cleared


@router.get("/sessions/{session_id}/delete")
def session_delete_confirm(request: Request, store: JournalDep, session_id: int) -> Response:
    return render(request, "session_delete.html", {"s": _get(store, session_id)})


@router.post("/sessions/{session_id}/delete")
def session_delete(store: JournalDep, session_id: int) -> Response:
    try:
        store.delete_session(session_id)
    except NotFound as error:
        raise HTTPException(404, detail=str(error)) from error
    return see_other("/history?deleted=1")
