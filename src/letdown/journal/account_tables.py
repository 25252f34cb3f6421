"""Server mode's tables: accounts, sign-in attempts, API tokens, invitations, shares and
the audit log (migration 0007; used through ``letdown.accounts.service``).

They live with the journal's tables because they are one schema: next, every journal
record gets an owner column pointing at ``account.id``. On a parent's own laptop these
tables exist and stay empty.

Secrets are never stored: a password only as its argon2 hash, an API token and an
invitation code only as their SHA-256. Nothing here is ever deleted by letdown: a token,
an invitation or a share is revoked by setting its ``revoked_utc``; the audit log only
grows.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from letdown.journal.table_base import Base, UTCDateTime


class AccountRow(Base):
    """A person who signs in: a parent, a consultant or an administrator."""

    __tablename__ = "account"
    __table_args__ = (
        Index("ux_account_email", "email", unique=True),
        CheckConstraint("role IN ('parent', 'consultant', 'admin')", name="ck_account_role"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(254))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(255))
    created_utc: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    disabled_utc: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class LoginAttemptRow(Base):
    """One sign-in attempt, by the address typed (known or not), for the lockout."""

    __tablename__ = "login_attempt"
    __table_args__ = (
        Index("ix_login_attempt_email_at", "email", "at_utc"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(254))
    at_utc: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    succeeded: Mapped[bool] = mapped_column(Boolean)


class ApiTokenRow(Base):
    """An API token: only its SHA-256 is kept, with what it may do and until when."""

    __tablename__ = "api_token"
    __table_args__ = (
        Index("ux_api_token_hash", "token_hash", unique=True),
        Index("ix_api_token_account", "account_id"),
        CheckConstraint("scope IN ('read', 'write')", name="ck_api_token_scope"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64))
    prefix: Mapped[str] = mapped_column(String(16))
    scope: Mapped[str] = mapped_column(String(10))
    created_utc: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    expires_utc: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    revoked_utc: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_used_utc: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class InvitationRow(Base):
    """A parent's invitation to a consultant: a code (kept as its SHA-256), used once."""

    __tablename__ = "invitation"
    __table_args__ = (
        Index("ux_invitation_code_hash", "code_hash", unique=True),
        Index("ix_invitation_parent", "parent_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    parent_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    code_hash: Mapped[str] = mapped_column(String(64))
    can_write: Mapped[bool] = mapped_column(Boolean)
    created_utc: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    expires_utc: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    accepted_utc: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    accepted_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    revoked_utc: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class ShareRow(Base):
    """A parent's consent for one consultant to see (and maybe change) their records.

    One row per pair: sharing again after a revocation reopens the same row."""

    __tablename__ = "share"
    __table_args__ = (
        UniqueConstraint("parent_id", "consultant_id", name="uq_share_pair"),
        Index("ix_share_consultant", "consultant_id"),
        CheckConstraint("parent_id <> consultant_id", name="ck_share_not_self"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    parent_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    consultant_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    can_write: Mapped[bool] = mapped_column(Boolean)
    created_utc: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    revoked_utc: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class AuditEntryRow(Base):
    """Who touched whose records, how, and when: one row per access, never changed."""

    __tablename__ = "audit_entry"
    __table_args__ = (
        Index("ix_audit_entry_owner_at", "owner_id", "at_utc"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at_utc: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    owner_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    action: Mapped[str] = mapped_column(String(40))
    what: Mapped[str] = mapped_column(String(200))
