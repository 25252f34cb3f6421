"""The parent's own baby photos, videos and sounds, kept in the local media directory.

Seeing, hearing or thinking of the baby can start the let-down (a conditioned
cue), so the guided session shows them. Files are uploaded once, checked
(type by content, not just by name; size), stored under ``settings.media_dir``
with a name we choose, and served back only from there. Nothing leaves the device.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

#: Largest upload per kind of file.
MAX_BYTES = {"image": 15 * 1024 * 1024, "video": 100 * 1024 * 1024, "audio": 30 * 1024 * 1024}
NAME_PATTERN = re.compile(r"^[a-z0-9]{16}\.(jpg|png|webp|gif|mp4|webm|mp3|ogg|oga|wav|m4a)$")


Check = Callable[[bytes], bool]


def _riff(kind: bytes) -> Check:
    return lambda head: head[:4] == b"RIFF" and head[8:12] == kind


#: Allowed types: file extension -> (kind, MIME type, magic-byte check).
SIGNATURES: dict[str, tuple[str, str, Check]] = {
    "jpg": ("image", "image/jpeg", lambda h: h[:3] == b"\xff\xd8\xff"),
    "png": ("image", "image/png", lambda h: h[:8] == b"\x89PNG\r\n\x1a\n"),
    "gif": ("image", "image/gif", lambda h: h[:6] in (b"GIF87a", b"GIF89a")),
    "webp": ("image", "image/webp", _riff(b"WEBP")),
    "mp4": ("video", "video/mp4", lambda h: h[4:8] == b"ftyp"),
    "webm": ("video", "video/webm", lambda h: h[:4] == b"\x1a\x45\xdf\xa3"),
    "mp3": ("audio", "audio/mpeg",
            lambda h: h[:3] == b"ID3" or h[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2")),
    "ogg": ("audio", "audio/ogg", lambda h: h[:4] == b"OggS"),
    "wav": ("audio", "audio/wav", _riff(b"WAVE")),
    "m4a": ("audio", "audio/mp4", lambda h: h[4:8] == b"ftyp"),
}
ALIASES = {"jpeg": "jpg", "oga": "ogg", "opus": "ogg", "weba": "webm"}
ALLOWED_TEXT = "JPEG, PNG, WebP or GIF photos; MP4 or WebM videos; MP3, Ogg, WAV or M4A sounds"


class MediaError(ValueError):
    """An upload that is refused; the message says why and what is allowed."""


class MediaTooBig(MediaError):
    """An upload over its kind's size limit."""


@dataclass(frozen=True)
class MediaItem:
    """One stored file: its safe name, kind (image, video, audio) and URL."""

    name: str
    kind: str
    mime: str
    label: str

    @property
    def url(self) -> str:
        return f"/media/{self.name}"


def media_type(name: str) -> tuple[str, str] | None:
    """(kind, MIME type) for a stored file name, or None when the name is not one of ours."""
    if not NAME_PATTERN.match(name):
        return None
    kind, mime, _ = SIGNATURES[name.rsplit(".", 1)[1]]
    return kind, mime


def check_name(filename: str) -> tuple[str, str]:
    """(extension, kind) when the name is of a type we keep, else MediaError with the reason."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    ext = ALIASES.get(ext, ext)
    if ext not in SIGNATURES:
        raise MediaError(f"file: {filename[:80]!r} is not a type we keep; allowed: {ALLOWED_TEXT}")
    return ext, SIGNATURES[ext][0]


def too_big(kind: str, size: int | None = None) -> str:
    """The reason an upload of ``kind`` is refused for its size."""
    limit = MAX_BYTES[kind]
    sent = f"{size / 1e6:.1f} MB is" if size is not None else "the file is"
    return f"file: {sent} too big; allowed: {kind}s up to {limit // 2**20} MB"


def check_upload(filename: str, head: bytes, size: int) -> tuple[str, str]:
    """(extension, kind) if this upload is acceptable, else MediaError with the reason."""
    ext, kind = check_name(filename)
    if size == 0:
        raise MediaError("file: the file is empty")
    if not SIGNATURES[ext][2](head):
        raise MediaError(f"file: {filename[:80]!r} does not contain a real .{ext} file")
    if size > MAX_BYTES[kind]:
        raise MediaTooBig(too_big(kind, size))
    return ext, kind


class UploadSink:
    """One upload written to disk as it arrives, never held whole in memory.

    The bytes go to a hidden temporary file in the media directory (so the final
    rename stays on one file system); ``finish`` checks the content and renames it
    to a name we choose, ``discard`` removes it. Either way nothing half-written
    is ever listed or served.
    """

    def __init__(self, media_dir: Path, filename: str) -> None:
        self.ext, self.kind = check_name(filename)
        self.filename = filename
        self.media_dir = media_dir
        self.limit = MAX_BYTES[self.kind]
        self.name = f"{secrets.token_hex(8)}.{self.ext}"
        self.size = 0
        self.head = b""
        media_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        remove_stale_parts(media_dir)
        self.temporary = media_dir / f".{self.name}.part"
        descriptor = os.open(self.temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        self._handle = os.fdopen(descriptor, "wb")

    def write(self, chunk: bytes) -> None:
        """Append ``chunk``; MediaTooBig (and the file removed) once over the kind's limit."""
        self.size += len(chunk)
        if self.size > self.limit:
            self.discard()
            raise MediaTooBig(too_big(self.kind))
        if len(self.head) < 16:
            self.head += chunk[: 16 - len(self.head)]
        self._handle.write(chunk)

    def finish(self, label: str = "") -> MediaItem:
        """Check what arrived and keep it under its final name (MediaError: removed)."""
        try:
            check_upload(self.filename, self.head, self.size)
            self._handle.flush()
            os.fsync(self._handle.fileno())
            self._handle.close()
            os.replace(self.temporary, self.media_dir / self.name)
        except BaseException:
            self.discard()
            raise
        clean = " ".join(label.split())[:80]
        if clean:
            (self.media_dir / f"{self.name}.label").write_text(clean, encoding="utf-8")
        found = media_type(self.name)
        assert found is not None
        return MediaItem(self.name, found[0], found[1], clean)

    def discard(self) -> None:
        """Remove the partial file (a refused or aborted upload leaves nothing behind)."""
        self._handle.close()
        self.temporary.unlink(missing_ok=True)


#: A partial upload older than this was left by a server that was stopped mid-upload.
STALE_AFTER_S = 6 * 3600


def remove_stale_parts(media_dir: Path, now: float | None = None) -> None:
    """Remove partial uploads a killed server left behind (an upload in progress is
    written to at least every few seconds, so an old one is abandoned)."""
    cutoff = (time.time() if now is None else now) - STALE_AFTER_S
    for path in media_dir.glob(".*.part"):
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < cutoff:
                path.unlink()


def store(media_dir: Path, filename: str, data: bytes, label: str = "") -> MediaItem:
    """Check and save one upload given whole (small files, tests); return what was stored."""
    check_upload(filename, data[:16], len(data))
    sink = UploadSink(media_dir, filename)
    sink.write(data)
    return sink.finish(label)


def list_media(media_dir: Path) -> list[MediaItem]:
    """Stored files, oldest first (images, then videos, then sounds)."""
    if not media_dir.is_dir():
        return []
    items = []
    for path in sorted(media_dir.iterdir(), key=lambda p: (p.stat().st_mtime, p.name)):
        found = media_type(path.name)
        if found is None:
            continue
        label_file = media_dir / f"{path.name}.label"
        label = label_file.read_text(encoding="utf-8") if label_file.exists() else ""
        items.append(MediaItem(path.name, found[0], found[1], label))
    order = {"image": 0, "video": 1, "audio": 2}
    return sorted(items, key=lambda item: order[item.kind])


def remove(media_dir: Path, name: str) -> bool:
    """Delete a stored file (and its label); False when there is no such file."""
    if media_type(name) is None or not (media_dir / name).is_file():
        return False
    (media_dir / name).unlink()
    (media_dir / f"{name}.label").unlink(missing_ok=True)
    return True
