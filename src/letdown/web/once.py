"""Saving a form's render once: back-then-save must not add the same record twice.

Each render of the guided session's form (and of the plain log form, and the Babies
page's add forms) carries a random ``form_key``. The first
post that saves with a key remembers which record it made; a later post with the
same key (the browser's back button, then "Finish and save" again; a double tap
on a slow connection) lands on that record instead of adding a second one. Kept in
memory for a while: a restart forgets, which only reopens the narrow window of a
re-post across a restart.
"""

from __future__ import annotations

import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

#: What a key looks like (``secrets.token_urlsafe(18)``); anything else is no key.
KEY_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,64}")


class SavedRenders:
    """Form keys already saved -> the id of what each saved, for ``keep_s`` seconds."""

    def __init__(self, keep_s: float = 12 * 3600, most: int = 2000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._saved: OrderedDict[str, tuple[float, int]] = OrderedDict()
        self._lock = threading.Lock()
        self._keep_s = keep_s
        self._most = most
        self._clock = clock

    @staticmethod
    def new_key() -> str:
        """A fresh key for one render of a form."""
        return secrets.token_urlsafe(18)

    @staticmethod
    def valid(key: str) -> str | None:
        """The key when it has the right shape, else None (treated as no key)."""
        return key if KEY_SHAPE.fullmatch(key) else None

    @contextmanager
    def saving(self, key: str | None) -> Iterator[int | None]:
        """Hold the key while a save runs; yields what it already saved (or None).

        One save at a time, so two posts of one render racing each other cannot both
        add a record. Call ``remember`` inside the block once the record is made.
        """
        with self._lock:
            self._forget_old()
            found = self._saved.get(key) if key else None
            yield found[1] if found else None

    def remember(self, key: str | None, record_id: int | None) -> None:
        """Note that ``key`` saved ``record_id`` (call inside ``saving``)."""
        if key and record_id is not None:
            self._saved[key] = (self._clock(), record_id)
            self._saved.move_to_end(key)
            while len(self._saved) > self._most:
                self._saved.popitem(last=False)

    def _forget_old(self) -> None:
        cutoff = self._clock() - self._keep_s
        while self._saved and next(iter(self._saved.values()))[0] < cutoff:
            self._saved.popitem(last=False)


_MADE_LOCK = threading.Lock()


def saved_renders(state: Any) -> SavedRenders:
    """The app's one memory of form renders already saved (``app.state``; made on first use)."""
    with _MADE_LOCK:
        found: SavedRenders | None = getattr(state, "saved_renders", None)
        if found is None:
            found = SavedRenders()
            state.saved_renders = found
        return found
