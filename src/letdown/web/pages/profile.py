"""The parent profile: a pseudonym, the delivery date, first baby or not, conditions, medicines."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from letdown.journal.records import ParentProfile
from letdown.journal.service import Journal
from letdown.web.forms import FormData, errors_by_field, profile_values, record_form, validate
from letdown.web.pages.common import read_form, see_other
from letdown.web.services import journal
from letdown.web.templating import render

router = APIRouter()
JournalDep = Annotated[Journal, Depends(journal)]
FormDep = Annotated[FormData, Depends(read_form)]


def _page(
    request: Request, form: FormData, errors: list[str] | None = None, *, exists: bool,
    saved: bool = False, status: int = 200,
) -> Response:
    return render(
        request, "profile.html",
        {"f": form, "errors": errors or [], "field_errors": errors_by_field(errors or []),
         "exists": exists, "saved": saved},
        status_code=status,
    )


@router.get("/profile")
def profile_page(request: Request, store: JournalDep, saved: bool = False) -> Response:
    current = store.get_profile()
    return _page(request, record_form(current), exists=current is not None, saved=saved)


@router.post("/profile")
def profile_save(request: Request, store: JournalDep, form: FormDep) -> Response:
    """Replace the whole profile with the form (a field left blank is cleared)."""
    record, errors = validate(ParentProfile, profile_values(form))
    if record is None:
        exists = store.get_profile() is not None
        return _page(request, form, errors, exists=exists, status=422)
    store.set_profile(record)
    return see_other("/profile?saved=1")
