"""Server mode's web sessions: one row per signed-in browser (migration 0009).

It sits beside ``account_tables`` because it is the same schema (one Alembic history, one
``Base``: the migration test compares them), and it belongs to no journal record. Used
only through ``letdown.accounts.web_sessions``.

The browser's cookie holds a random id; only its SHA-256 is kept here, so a copy of the
database (a backup, a leak) lets nobody take over a session. Signing out deletes the row.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from letdown.journal.table_base import Base, UTCDateTime


class WebSessionRow(Base):
    """A signed-in browser: whose it is, when it began, when it was last used."""

    __tablename__ = "web_session"
    __table_args__ = (
        Index("ux_web_session_id_hash", "id_hash", unique=True),
        Index("ix_web_session_account", "account_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id_hash: Mapped[str] = mapped_column(String(64))
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    created_utc: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    last_seen_utc: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    expires_utc: Mapped[dt.datetime] = mapped_column(UTCDateTime)
