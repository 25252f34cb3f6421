"""Babies, their weights and daily diaper counts: few taps, same rules as the CLI and API."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from letdown.journal.records import Baby, DiaperCount, InfantWeight, Record, Sex
from letdown.journal.service import Conflict, Journal
from letdown.web.forms import FormData, validate
from letdown.web.pages.common import read_form, see_other
from letdown.web.services import journal
from letdown.web.templating import render

router = APIRouter()
JournalDep = Annotated[Journal, Depends(journal)]
FormDep = Annotated[FormData, Depends(read_form)]


def _page(
    request: Request, store: Journal, form: FormData | None = None, which: str = "",
    errors: list[str] | None = None, status: int = 200, saved: str = "",
) -> Response:
    babies = store.list_babies()
    weights = {b.id: store.list_weights(b.id) for b in babies}
    diapers = {b.id: store.list_diapers(b.id) for b in babies}
    return render(
        request, "babies.html",
        {"babies": babies, "weights": weights, "diapers": diapers, "sexes": list(Sex),
         "f": form or FormData([]), "which": which, "errors": errors or [], "saved": saved},
        status_code=status,
    )


@router.get("/babies")
def babies(request: Request, store: JournalDep, saved: str = "") -> Response:
    return _page(request, store, saved=saved[:20])


def _fields(form: FormData, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: form.get(name) for name in names if form.get(name)}


def _save(
    request: Request, store: Journal, form: FormData, which: str, model: type[Record],
    values: dict[str, Any], add: Any,
) -> Response:
    record, errors = validate(model, values)
    if record is not None:
        try:
            add(record)
        except Conflict as error:
            errors = [str(error)]
        else:
            return see_other(f"/babies?saved={which}")
    return _page(request, store, form, which, errors, status=422)


@router.post("/babies")
def add_baby(request: Request, store: JournalDep, form: FormDep) -> Response:
    values = _fields(form, ("name", "birth_date", "sex", "birth_weight_g"))
    return _save(request, store, form, "baby", Baby, values, store.add_baby)


@router.post("/babies/{baby_id}/weights")
def add_weight(request: Request, store: JournalDep, baby_id: int, form: FormDep) -> Response:
    values = {"baby_id": baby_id, **_fields(form, ("date", "grams"))}
    return _save(request, store, form, f"weight-{baby_id}", InfantWeight, values,
                 store.add_weight)


@router.post("/babies/{baby_id}/diapers")
def add_diapers(request: Request, store: JournalDep, baby_id: int, form: FormDep) -> Response:
    values = {"baby_id": baby_id, **_fields(form, ("date", "wet", "dirty"))}
    return _save(request, store, form, f"diapers-{baby_id}", DiaperCount, values,
                 store.add_diapers)
