"""Upload, list, serve and remove the parent's baby photos, videos and sounds (local only)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse
from starlette.datastructures import UploadFile
from starlette.responses import Response

from letdown.web import media
from letdown.web.forms import errors_by_field
from letdown.web.pages.common import see_other
from letdown.web.templating import render

router = APIRouter()


def _page(request: Request, errors: list[str] | None = None, status: int = 200,
          saved: bool = False, removed: bool = False, label: str = "") -> Response:
    """The page; after a refused upload, its problems (also next to their field) and the
    description typed (a browser never keeps a chosen file, so that is chosen again)."""
    items = media.list_media(request.app.state.settings.media_dir)
    return render(request, "media.html",
                  {"items": items, "errors": errors or [], "saved": saved, "removed": removed,
                   "field_errors": errors_by_field(errors or []), "label": label,
                   "allowed": media.ALLOWED_TEXT,
                   "limits": {k: v // 2**20 for k, v in media.MAX_BYTES.items()}},
                  status_code=status)


@router.get("/media")
def media_page(request: Request, saved: bool = False, removed: bool = False) -> Response:
    return _page(request, saved=saved, removed=removed)


@router.post("/media")
async def upload(request: Request) -> Response:
    """Store one uploaded file after checking its type (by content) and size."""
    limit = max(media.MAX_BYTES.values())
    form = await request.form(max_files=1, max_fields=5, max_part_size=1024 * 1024)
    upload = form.get("file")
    given = form.get("label")
    label = given[:80] if isinstance(given, str) else ""
    if not isinstance(upload, UploadFile) or not upload.filename:
        return _page(request, ["file: choose a photo, video or sound to add"], status=422,
                     label=label)
    if upload.size is not None and upload.size > limit:
        return _page(request, [f"file: too big; allowed: up to {limit // 2**20} MB"], 413,
                     label=label)
    data = await upload.read(limit + 1)
    try:
        media.store(request.app.state.settings.media_dir, upload.filename, data, label)
    except media.MediaError as error:
        return _page(request, [str(error)], status=422, label=label)
    return see_other("/media?saved=1")


@router.get("/media/{name}")
def media_file(request: Request, name: str) -> Response:
    """Serve a stored file, only from the media directory and only by our own names."""
    found = media.media_type(name)
    path = request.app.state.settings.media_dir / name
    if found is None or not path.is_file():
        raise HTTPException(404, detail="no such media file")
    return FileResponse(path, media_type=found[1],
                        headers={"Cache-Control": "private, max-age=86400"})


@router.get("/media/{name}/delete")
def media_delete_confirm(request: Request, name: str) -> Response:
    """Ask before removing: the file is shown with a button that removes it (POST)."""
    items = media.list_media(request.app.state.settings.media_dir)
    item = next((i for i in items if i.name == name), None)
    if item is None:
        raise HTTPException(404, detail="no such media file")
    return render(request, "media_delete.html", {"item": item})


@router.post("/media/{name}/delete")
def media_delete(request: Request, name: str) -> Response:
    if not media.remove(request.app.state.settings.media_dir, name):
        raise HTTPException(404, detail="no such media file")
    return see_other("/media?removed=1")
