"""A second lock on sign-in, per client address, kept in memory.

The accounts service already locks an email address after five failures
(``letdown.accounts.lockout``). That does not stop one machine trying one password
against many addresses; this does: ``MAX_FAILURES`` failed sign-ins from one address
within ``WINDOW`` pause sign-in from that address until the oldest of them is
``WINDOW`` old. Kept in memory, per worker process: a restart forgets it, which is
acceptable for a second line (the per-email lockout is in the database).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

#: Failed sign-ins allowed from one address within ``WINDOW`` (a practice behind one
#: router can still have a few people mistype at once).
MAX_FAILURES = 20
WINDOW = 15 * 60.0
#: Addresses remembered at most (the oldest are forgotten first), to bound memory.
MAX_CLIENTS = 10_000


class ClientLimit:
    """Failed sign-ins per client address in a sliding window."""

    def __init__(self, max_failures: int = MAX_FAILURES, window: float = WINDOW,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.max_failures = max_failures
        self.window = window
        self.clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, client: str, now: float) -> deque[float]:
        found = self._failures.get(client)
        if found is None:
            return deque()
        while found and found[0] <= now - self.window:
            found.popleft()
        if not found:
            del self._failures[client]
        return found

    def wait(self, client: str) -> float:
        """Seconds until ``client`` may try again (0 when it may now)."""
        with self._lock:
            now = self.clock()
            recent = self._recent(client, now)
            if len(recent) < self.max_failures:
                return 0.0
            return max(recent[-self.max_failures] + self.window - now, 1.0)

    def failed(self, client: str) -> None:
        """Note a failed sign-in from ``client``."""
        with self._lock:
            now = self.clock()
            recent = self._recent(client, now)
            if not recent:
                if len(self._failures) >= MAX_CLIENTS:
                    del self._failures[next(iter(self._failures))]
                self._failures[client] = recent
            recent.append(now)
