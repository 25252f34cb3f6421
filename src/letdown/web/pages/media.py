"""Upload, list, serve and remove the parent's baby photos, videos and sounds (local only)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import FileResponse
from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.responses import Response

from letdown.web import media
from letdown.web.forms import errors_by_field
from letdown.web.limits import BodyTooLarge
from letdown.web.pages.common import see_other
from letdown.web.templating import render

router = APIRouter()


#: The longest return address kept (a session page with its start is well under this).
MAX_RETURN = 300


def safe_return(value: str | None) -> str | None:
    """``value`` if it is a path on this site to go back to after an upload, else None.

    Only a plain relative path is accepted (``/session/guided?resume=...``): never a
    scheme, a host, ``//host`` or ``/\\host`` (browsers read both as another site),
    a backslash, whitespace or control characters anywhere, or an over-long address.
    So the return address can never send the parent to another site.
    """
    if not value or len(value) > MAX_RETURN or not value.startswith("/"):
        return None
    if value.startswith(("//", "/\\")) or "\\" in value:
        return None
    if any(ord(c) <= 0x20 or ord(c) >= 0x7F for c in value):
        return None
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    return value


def _page(request: Request, errors: list[str] | None = None, status: int = 200,
          saved: bool = False, removed: bool = False, label: str = "",
          back: str | None = None) -> Response:
    """The page; after a refused upload, its problems (also next to their field) and the
    description typed (a browser never keeps a chosen file, so that is chosen again).
    ``back``: where the parent came from (a running session), to return to."""
    items = media.list_media(request.app.state.settings.media_dir)
    return render(request, "media.html",
                  {"items": items, "errors": errors or [], "saved": saved, "removed": removed,
                   "field_errors": errors_by_field(errors or []), "label": label,
                   "back": back,
                   "allowed": media.ALLOWED_TEXT,
                   "limits": {k: v // 2**20 for k, v in media.MAX_BYTES.items()}},
                  status_code=status)


@router.get("/media")
def media_page(request: Request, saved: bool = False, removed: bool = False,
               return_to: Annotated[str | None, Query(alias="return")] = None) -> Response:
    """The page; ``return``: the running session to go back to (ignored unless safe)."""
    return _page(request, saved=saved, removed=removed, back=safe_return(return_to))


@router.post("/media")
async def upload(request: Request) -> Response:
    """Store one uploaded file after checking its type (by content) and size.

    The file is streamed to disk as it arrives (never held whole in memory) and
    refused as soon as its name or size shows it cannot be kept.
    """
    reader = UploadReader(request.app.state.settings.media_dir)
    back: str | None = None
    try:
        await reader.read(request)
        back = safe_return(reader.fields.get("return"))
        if reader.sink is None:
            raise Refused("file: choose a photo, video or sound to add", 422)
        reader.sink.finish(reader.label)
    except Refused as refused:
        back = back or safe_return(reader.fields.get("return"))
        return _page(request, [str(refused)], status=refused.status, label=reader.label,
                     back=back)
    except media.MediaTooBig as error:
        return _page(request, [str(error)], status=413, label=reader.label, back=back)
    except media.MediaError as error:
        return _page(request, [str(error)], status=422, label=reader.label, back=back)
    finally:
        reader.close()
    # back to the running session when the parent came from one (it resumes there)
    return see_other(back or "/media?saved=1")


class Refused(Exception):
    """An upload form that cannot be used: the message and the status to answer with."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


#: Most text fields (the description, a form token...) and bytes of each, on the upload form.
MAX_TEXT_FIELDS = 8
MAX_TEXT_BYTES = 64 * 1024


class UploadReader:
    """Reads a multipart upload form as it streams in: the one file into an
    ``UploadSink`` on disk, the few small text fields into memory."""

    def __init__(self, media_dir: Path) -> None:
        self.media_dir = media_dir
        self.sink: media.UploadSink | None = None
        self.fields: dict[str, str] = {}
        self.events: list[tuple[str, bytes]] = []
        self._header = [b"", b""]
        self._disposition = b""
        self._part: str | None = None  # "file", "skip" or the text field's name
        self._text = bytearray()
        self._complete = False

    @property
    def label(self) -> str:
        return self.fields.get("label", "")[:80]

    async def read(self, request: Request) -> None:
        kind, options = parse_options_header(request.headers.get("content-type", ""))
        if kind != b"multipart/form-data" or not options.get(b"boundary"):
            raise Refused("file: choose a photo, video or sound to add (the form was not "
                          "sent as a file upload)", 422)
        parser = MultipartParser(options[b"boundary"], self._callbacks())
        try:
            async for chunk in request.stream():
                parser.write(chunk)
                self._handle_events()
            parser.finalize()
            self._handle_events()
            if not self._complete:
                raise MultipartParseError("the body ended before the form did")
        except BodyTooLarge as error:
            raise Refused(f"file: {error.detail}", 413) from None
        except MultipartParseError:
            raise Refused("file: the upload arrived garbled or cut short; try again", 400) \
                from None

    def _callbacks(self) -> Any:
        events = self.events

        def mark(name: str) -> Callable[[], None]:
            return lambda: events.append((name, b""))

        def data(name: str) -> Callable[[bytes, int, int], None]:
            return lambda buffer, start, end: events.append((name, bytes(buffer[start:end])))

        return {"on_part_begin": mark("begin"), "on_header_field": data("field"),
                "on_header_value": data("value"), "on_header_end": mark("header"),
                "on_headers_finished": mark("headers"), "on_part_data": data("data"),
                "on_part_end": mark("end"), "on_end": mark("done")}

    def _handle_events(self) -> None:
        for event, chunk in self.events:
            if event == "field":
                self._header[0] += chunk
            elif event == "value":
                self._header[1] += chunk
            elif event == "header":
                if self._header[0].lower() == b"content-disposition":
                    self._disposition = self._header[1]
                self._header = [b"", b""]
            elif event == "headers":
                self._start_part()
            elif event == "data":
                self._data(chunk)
            elif event == "end" and self._part not in (None, "file", "skip"):
                self.fields.setdefault(self._part, self._text.decode("utf-8", "replace"))
            self._complete = self._complete or event == "done"
            if event in ("begin", "end"):
                self._part, self._text, self._disposition = None, bytearray(), b""
        self.events.clear()

    def _start_part(self) -> None:
        _, options = parse_options_header(self._disposition)
        name = options.get(b"name", b"").decode("utf-8", "replace")
        if b"filename" not in options:
            if len(self.fields) >= MAX_TEXT_FIELDS:
                raise Refused("file: the form has too many fields", 400)
            self._part = name
            return
        filename = options[b"filename"].decode("utf-8", "replace")
        if name != "file" or not filename:  # no file chosen, or not our field
            self._part = "skip"
            return
        if self.sink is not None:
            raise Refused("file: add one file at a time", 422)
        self.sink = media.UploadSink(self.media_dir, filename)
        self._part = "file"

    def _data(self, chunk: bytes) -> None:
        if self._part == "file" and self.sink is not None:
            self.sink.write(chunk)
        elif self._part not in (None, "skip"):
            self._text += chunk
            if len(self._text) > MAX_TEXT_BYTES:
                raise Refused(f"{self._part}: too long; allowed: a few words", 413)

    def close(self) -> None:
        """Remove a file that was not kept (refused, cut short, or the client went away)."""
        if self.sink is not None:
            self.sink.discard()


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
