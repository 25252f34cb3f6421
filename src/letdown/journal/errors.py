"""Errors the journal raises for interfaces to show: plain messages, nothing written."""

from __future__ import annotations


class JournalError(Exception):
    """Base class for journal errors that interfaces show to the user."""


class NotFound(JournalError, LookupError):
    """No record with that id."""


class Conflict(JournalError):
    """The write would leave the journal inconsistent; nothing was written."""


class ReadOnly(JournalError, PermissionError):
    """The journal was opened with read-only access (a consultant without a write grant,
    or a read-scoped token): nothing was written."""
