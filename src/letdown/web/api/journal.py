"""Journal records over JSON: sessions, babies, weights, diaper counts and the profile.

Bodies are the journal's own pydantic records (unknown fields are refused), so
the API accepts exactly what ``letdown log`` and the pages accept. ``PUT``
replaces a record, ``PATCH`` changes the fields given (the whole record is
validated again either way).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query, Response

from letdown.journal.records import (
    MAX_ID,
    Baby,
    DiaperCount,
    InfantWeight,
    Kind,
    ParentProfile,
    Session,
)
from letdown.journal.service import Journal, NotFound
from letdown.web.api.errors import as_http_errors
from letdown.web.services import journal

router = APIRouter()

JournalDep = Annotated[Journal, Depends(journal)]
Changes = Annotated[
    dict[str, Any],
    Body(description="Fields to change and their new values (null clears an optional field)."),
]
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "No record with that id."}}
CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"description": "The change would leave the journal inconsistent."}
}


def _replace(record: Any) -> dict[str, Any]:
    """A full record as a change set (the id comes from the path, not the body)."""
    values: dict[str, Any] = record.model_dump()
    values.pop("id", None)
    return values


# ------------------------------------------------------------------ sessions


@router.get("/sessions", tags=["sessions"], summary="List sessions, newest first")
def list_sessions(
    store: JournalDep,
    since: Annotated[dt.datetime | None, Query(description="Started at or after (ISO 8601).")]
    = None,
    until: Annotated[dt.datetime | None, Query(description="Started before (ISO 8601).")] = None,
    kind: Kind | None = None,
    baby_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[Session]:
    with as_http_errors():
        return store.list_sessions(
            since=_aware(since, "since"), until=_aware(until, "until"), kind=kind,
            baby_id=baby_id, limit=limit, offset=offset,
        )


@router.post("/sessions", status_code=201, tags=["sessions"], responses=CONFLICT,
             summary="Record a session")
def create_session(store: JournalDep, session: Session, response: Response) -> Session:
    with as_http_errors(Session):
        saved = store.add_session(session)
    response.headers["Location"] = f"/api/v1/sessions/{saved.id}"
    return saved


@router.get("/sessions/{session_id}", tags=["sessions"], responses=NOT_FOUND)
def get_session(store: JournalDep, session_id: int) -> Session:
    with as_http_errors():
        return store.get_session(session_id)


@router.put("/sessions/{session_id}", tags=["sessions"], responses={**NOT_FOUND, **CONFLICT},
            summary="Replace a session")
def replace_session(store: JournalDep, session_id: int, session: Session) -> Session:
    with as_http_errors(Session):
        return store.update_session(session_id, _replace(session))


@router.patch("/sessions/{session_id}", tags=["sessions"], responses={**NOT_FOUND, **CONFLICT},
              summary="Change some fields of a session")
def patch_session(store: JournalDep, session_id: int, changes: Changes) -> Session:
    with as_http_errors(Session):
        return store.update_session(session_id, _without_id(changes))


@router.delete("/sessions/{session_id}", status_code=204, tags=["sessions"],
               responses=NOT_FOUND)
def delete_session(store: JournalDep, session_id: int) -> Response:
    with as_http_errors():
        store.delete_session(session_id)
    return Response(status_code=204)


# ------------------------------------------------------------------- babies


@router.get("/babies", tags=["babies"])
def list_babies(store: JournalDep) -> list[Baby]:
    return store.list_babies()


@router.post("/babies", status_code=201, tags=["babies"])
def create_baby(store: JournalDep, baby: Baby, response: Response) -> Baby:
    with as_http_errors(Baby):
        saved = store.add_baby(baby)
    response.headers["Location"] = f"/api/v1/babies/{saved.id}"
    return saved


@router.get("/babies/{baby_id}", tags=["babies"], responses=NOT_FOUND)
def get_baby(store: JournalDep, baby_id: int) -> Baby:
    with as_http_errors():
        return store.get_baby(baby_id)


@router.put("/babies/{baby_id}", tags=["babies"], responses=NOT_FOUND)
def replace_baby(store: JournalDep, baby_id: int, baby: Baby) -> Baby:
    with as_http_errors(Baby):
        return store.update_baby(baby_id, _replace(baby))


@router.patch("/babies/{baby_id}", tags=["babies"], responses=NOT_FOUND)
def patch_baby(store: JournalDep, baby_id: int, changes: Changes) -> Baby:
    with as_http_errors(Baby):
        return store.update_baby(baby_id, _without_id(changes))


@router.delete("/babies/{baby_id}", status_code=204, tags=["babies"],
               responses={**NOT_FOUND, **CONFLICT})
def delete_baby(store: JournalDep, baby_id: int) -> Response:
    with as_http_errors():
        store.delete_baby(baby_id)
    return Response(status_code=204)


# ------------------------------------------------------------------ weights


@router.get("/weights", tags=["weights"])
def list_weights(
    store: JournalDep, baby_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None
) -> list[InfantWeight]:
    return store.list_weights(baby_id)


@router.post("/weights", status_code=201, tags=["weights"], responses=CONFLICT)
def create_weight(store: JournalDep, weight: InfantWeight, response: Response) -> InfantWeight:
    with as_http_errors(InfantWeight):
        saved = store.add_weight(weight)
    response.headers["Location"] = f"/api/v1/weights/{saved.id}"
    return saved


@router.get("/weights/{weight_id}", tags=["weights"], responses=NOT_FOUND)
def get_weight(store: JournalDep, weight_id: int) -> InfantWeight:
    with as_http_errors():
        return store.get_weight(weight_id)


@router.put("/weights/{weight_id}", tags=["weights"], responses={**NOT_FOUND, **CONFLICT})
def replace_weight(store: JournalDep, weight_id: int, weight: InfantWeight) -> InfantWeight:
    with as_http_errors(InfantWeight):
        return store.update_weight(weight_id, _replace(weight))


@router.patch("/weights/{weight_id}", tags=["weights"], responses={**NOT_FOUND, **CONFLICT})
def patch_weight(store: JournalDep, weight_id: int, changes: Changes) -> InfantWeight:
    with as_http_errors(InfantWeight):
        return store.update_weight(weight_id, _without_id(changes))


@router.delete("/weights/{weight_id}", status_code=204, tags=["weights"], responses=NOT_FOUND)
def delete_weight(store: JournalDep, weight_id: int) -> Response:
    with as_http_errors():
        store.delete_weight(weight_id)
    return Response(status_code=204)


# ------------------------------------------------------------------ diapers


@router.get("/diapers", tags=["diapers"])
def list_diapers(
    store: JournalDep, baby_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None
) -> list[DiaperCount]:
    return store.list_diapers(baby_id)


@router.post("/diapers", status_code=201, tags=["diapers"], responses=CONFLICT)
def create_diapers(store: JournalDep, count: DiaperCount, response: Response) -> DiaperCount:
    with as_http_errors(DiaperCount):
        saved = store.add_diapers(count)
    response.headers["Location"] = f"/api/v1/diapers/{saved.id}"
    return saved


@router.get("/diapers/{count_id}", tags=["diapers"], responses=NOT_FOUND)
def get_diapers(store: JournalDep, count_id: int) -> DiaperCount:
    with as_http_errors():
        return store.get_diapers(count_id)


@router.put("/diapers/{count_id}", tags=["diapers"], responses={**NOT_FOUND, **CONFLICT})
def replace_diapers(store: JournalDep, count_id: int, count: DiaperCount) -> DiaperCount:
    with as_http_errors(DiaperCount):
        return store.update_diapers(count_id, _replace(count))


@router.patch("/diapers/{count_id}", tags=["diapers"], responses={**NOT_FOUND, **CONFLICT})
def patch_diapers(store: JournalDep, count_id: int, changes: Changes) -> DiaperCount:
    with as_http_errors(DiaperCount):
        return store.update_diapers(count_id, _without_id(changes))


@router.delete("/diapers/{count_id}", status_code=204, tags=["diapers"], responses=NOT_FOUND)
def delete_diapers(store: JournalDep, count_id: int) -> Response:
    with as_http_errors():
        store.delete_diapers(count_id)
    return Response(status_code=204)


# ------------------------------------------------------------------ profile


@router.get("/profile", tags=["profile"], responses={404: {"description": "No profile yet."}})
def get_profile(store: JournalDep) -> ParentProfile:
    with as_http_errors():
        profile = store.get_profile()
        if profile is None:
            raise NotFound("no profile yet: PUT one with a pseudonym first")
        return profile


@router.put("/profile", tags=["profile"], summary="Create or replace the parent profile")
def put_profile(store: JournalDep, profile: ParentProfile) -> ParentProfile:
    with as_http_errors(ParentProfile):
        return store.set_profile(profile)


@router.patch("/profile", tags=["profile"], responses={404: {"description": "No profile yet."}})
def patch_profile(store: JournalDep, changes: Changes) -> ParentProfile:
    with as_http_errors(ParentProfile):
        return store.update_profile(changes)


def _without_id(changes: dict[str, Any]) -> dict[str, Any]:
    """Ids come from the path; an ``id`` in the body is refused rather than ignored."""
    if "id" in changes:
        from fastapi import HTTPException

        raise HTTPException(422, detail="id: cannot be changed (the id is in the URL)")
    return changes


def _aware(moment: dt.datetime | None, name: str) -> dt.datetime | None:
    """Query times without a zone are refused: a bare time is ambiguous. So is one that,
    in UTC, falls outside the years 1 to 9999 (``0001-01-01T00:00+14:00``)."""
    from fastapi import HTTPException

    if moment is not None and moment.tzinfo is None:
        raise HTTPException(
            422, detail=f"{name}: give a time zone (e.g. 2026-01-31T08:00:00+00:00 or ...Z)"
        )
    if moment is None:
        return None
    try:
        return moment.astimezone(dt.UTC)
    except OverflowError:
        raise HTTPException(
            422, detail=f"{name}: {moment.isoformat()} is out of range; allowed: times "
                        "between the years 1 and 9999 in UTC") from None
