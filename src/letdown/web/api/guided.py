"""What the running guided-session page needs over JSON: its draft, and the baby's media.

The page sends its state a second after each change (``PUT /drafts/guided/{key}``, the
key being the session's start as the page was given it), asks on load whether a session
was left unsaved (``GET /drafts/guided/latest``), and drops a draft the parent chose not
to resume. Bodies are checked strictly: every number bounded, every list and text
capped, no unknown fields; let-down marks are seconds from the start (the page shows
them as m:ss). Like every unsafe API request these need the app's own origin and a JSON
body (``letdown.web.security``). Drafts are not records: see ``letdown.journal.drafts``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Request, Response
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    ValidationError,
)

from letdown.journal.drafts import (
    MAX_KEY_CHARS,
    BadDraftKey,
    Draft,
    DraftTooLarge,
    GuidedDrafts,
    draft_key,
)
from letdown.journal.records import Technique
from letdown.journal.service import Journal
from letdown.web.services import journal

router = APIRouter(tags=["guided session"])

#: A day of let-down marks is far more than any session (one tap a second for 8 minutes).
MAX_MARKS = 500
MAX_FIELDS = 60
#: The longest typed value kept (the notes field's own limit).
MAX_FIELD_CHARS = 5000

Moment = Annotated[str, StringConstraints(max_length=MAX_KEY_CHARS)]
FieldName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
FieldValue = Annotated[str, StringConstraints(max_length=MAX_FIELD_CHARS)] | StrictBool
KeyPath = Annotated[str, Path(max_length=MAX_KEY_CHARS, description=(
    "The session's start, as the page was given it (ISO 8601 with its zone)."))]


class Mark(BaseModel):
    """One let-down tap: the side and the seconds from the start."""

    model_config = ConfigDict(extra="forbid")

    side: Literal["left", "right"]
    at: float = Field(ge=0, le=86_400, allow_inf_nan=False,
                      description="Seconds from the start (shown as m:ss).")


class GuidedState(BaseModel):
    """What the guided page has tapped and typed so far."""

    model_config = ConfigDict(extra="forbid")

    start: Moment = Field(description="The session's start, as in the key.")
    end: Moment = Field(default="", description="When End session was tapped ('' if not).")
    marks: list[Mark] = Field(default_factory=list, max_length=MAX_MARKS)
    techniques: list[Technique] = Field(default_factory=list, max_length=len(Technique))
    rate: StrictInt | None = Field(default=None, ge=3, le=12,
                                   description="Breaths per minute on the pacer.")
    fields: dict[FieldName, FieldValue] = Field(
        default_factory=dict, max_length=MAX_FIELDS,
        description="The end form as typed so far: field name -> text, or ticked.")


class SavedDraft(BaseModel):
    """A kept draft, as sent back to the page."""

    key: str = Field(description="The session's start in UTC.")
    updated: dt.datetime
    state: GuidedState


class MediaOut(BaseModel):
    """One of the baby's photos, videos or sounds."""

    name: str
    kind: str = Field(description="image, video or audio")
    url: str
    label: str


def drafts(store: Annotated[Journal, Depends(journal)]) -> GuidedDrafts:
    """Dependency: the drafts kept in the app's journal."""
    return GuidedDrafts(store)


DraftsDep = Annotated[GuidedDrafts, Depends(drafts)]
REFUSED: dict[int | str, dict[str, Any]] = {
    413: {"description": "The draft is over 64 kB; nothing was kept."},
    422: {"description": "The key or the body is not a guided session's state."},
}


def _key(key: str) -> str:
    try:
        return draft_key(key)
    except BadDraftKey as error:
        raise HTTPException(422, detail=str(error)) from None


def _out(draft: Draft | None) -> SavedDraft | None:
    """The draft as sent back; None for none, or for a row this API did not write (a
    hand-edited database) that is not a guided session's state."""
    if draft is None:
        return None
    try:
        state = GuidedState.model_validate(draft.state)
    except ValidationError:
        return None
    return SavedDraft(key=draft.key, updated=draft.updated, state=state)


@router.get("/drafts/guided/latest", summary="The most recent unsaved guided session")
def latest_draft(store: DraftsDep) -> SavedDraft | None:
    """The draft sent most recently in the last 24 hours, or null."""
    return _out(store.latest())


@router.put("/drafts/guided/{key}", responses=REFUSED, summary="Keep a guided session's draft")
def put_draft(store: DraftsDep, key: KeyPath, state: GuidedState) -> SavedDraft:
    """Replace the draft of the session started at ``key`` with ``state``."""
    wanted = _key(key)
    if _key(state.start) != wanted:
        raise HTTPException(422, detail="start: not the session named in the address; "
                                        "allowed: the same start as the key")
    if state.end:
        _moment(state.end, "end")
    try:
        saved = store.save(key, state.model_dump(mode="json"))
    except DraftTooLarge as error:
        raise HTTPException(413, detail=str(error)) from None
    return SavedDraft(key=saved.key, updated=saved.updated, state=state)


@router.get("/drafts/guided/{key}", responses={404: {"description": "No recent draft."}},
            summary="A guided session's draft")
def get_draft(store: DraftsDep, key: KeyPath) -> SavedDraft:
    found = _out(store.load(_key(key)))
    if found is None:
        raise HTTPException(404, detail="No unsaved draft of that session (it was saved, "
                                        "dropped, or is over 24 hours old).")
    return found


@router.delete("/drafts/guided/{key}", status_code=204, summary="Drop a guided session's draft")
def delete_draft(store: DraftsDep, key: KeyPath) -> Response:
    store.discard(_key(key))
    return Response(status_code=204)


@router.get("/media", summary="The baby's photos, videos and sounds")
def list_media(request: Request) -> list[MediaOut]:
    """What the guided page shows, so a photo added in another tab appears without a reload."""
    from letdown.web.media import list_media as stored

    return [MediaOut(name=item.name, kind=item.kind, url=item.url, label=item.label)
            for item in stored(request.app.state.settings.media_dir)]


def _moment(text: str, name: str) -> None:
    """422 unless ``text`` is a date and time with its zone."""
    try:
        draft_key(text)
    except BadDraftKey:
        raise HTTPException(422, detail=f"{name}: not a date and time with its zone; "
                                        "allowed: ISO 8601, e.g. 2026-11-29T23:30:00Z") from None
