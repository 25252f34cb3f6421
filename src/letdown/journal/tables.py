"""Database tables for the journal (SQLAlchemy 2 typed ORM).

The schema itself is created and changed only by the Alembic migrations in
``letdown.journal.migrations``; these classes must match them (a test compares
them). Times are stored as naive UTC timestamps, the same way on SQLite and
PostgreSQL, through ``UTCDateTime``; enums are stored as their string values
with CHECK constraints so a bad value cannot get in by any route.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuid_module

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from letdown.journal.account_tables import AccountRow as AccountRow
from letdown.journal.account_tables import ApiTokenRow as ApiTokenRow
from letdown.journal.account_tables import AuditEntryRow as AuditEntryRow
from letdown.journal.account_tables import InvitationRow as InvitationRow
from letdown.journal.account_tables import LoginAttemptRow as LoginAttemptRow
from letdown.journal.account_tables import ShareRow as ShareRow
from letdown.journal.table_base import Base as Base
from letdown.journal.table_base import UTCDateTime as UTCDateTime
from letdown.journal.web_session_table import WebSessionRow as WebSessionRow


def _uuid_column() -> Mapped[uuid_module.UUID]:
    """A record's stable identity across journals (migration 0003): unique, never null.

    New rows get a random UUID from Python; the database fills one in for rows
    inserted by other means (see the migration).
    """
    return mapped_column(Uuid(), default=uuid_module.uuid4)


def _owner_column(table: str) -> Mapped[int | None]:
    """The parent account the row belongs to (migration 0008); NULL on the single-user
    journal. Every query filters by it (``letdown.journal.access``)."""
    return mapped_column(ForeignKey("account.id", name=f"fk_{table}_owner"))


class ProfileRow(Base):
    __tablename__ = "profile"
    __table_args__ = (
        # one profile per owner; the single-user journal's own is row 1 (so only one)
        CheckConstraint("owner_id IS NOT NULL OR id = 1", name="ck_profile_single"),
        Index("ux_profile_owner", "owner_id", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner_id: Mapped[int | None] = _owner_column("profile")
    pseudonym: Mapped[str] = mapped_column(String(100))
    delivery_date: Mapped[dt.date | None] = mapped_column(Date)
    first_baby: Mapped[bool | None] = mapped_column(Boolean)
    conditions: Mapped[list[str]] = mapped_column(JSON)
    regular_medicines: Mapped[list[str]] = mapped_column(JSON)


class BabyRow(Base):
    __tablename__ = "baby"
    __table_args__ = (
        Index("ux_baby_uuid", "uuid", unique=True),
        CheckConstraint("sex IN ('female', 'male')", name="ck_baby_sex"),
        Index("ix_baby_owner", "owner_id", "id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    uuid: Mapped[uuid_module.UUID] = _uuid_column()
    owner_id: Mapped[int | None] = _owner_column("baby")
    name: Mapped[str] = mapped_column(String(100))
    birth_date: Mapped[dt.date] = mapped_column(Date)
    sex: Mapped[str | None] = mapped_column(String(10))
    birth_weight_g: Mapped[int | None] = mapped_column(Integer)
    gestation_weeks: Mapped[int | None] = mapped_column(Integer)
    gestation_days: Mapped[int | None] = mapped_column(Integer)


class SessionRow(Base):
    __tablename__ = "session"
    __table_args__ = (
        Index("ux_session_uuid", "uuid", unique=True),
        CheckConstraint(
            "kind IN ('breastfeed', 'pump', 'hand_expression')", name="ck_session_kind"
        ),
        CheckConstraint("sides IN ('left', 'right', 'both')", name="ck_session_sides"),
        CheckConstraint("end_utc > start_utc", name="ck_session_end_after_start"),
        Index("ix_session_start", "start_utc"),
        Index("ix_session_owner_start", "owner_id", "start_utc"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    uuid: Mapped[uuid_module.UUID] = _uuid_column()
    owner_id: Mapped[int | None] = _owner_column("session")
    baby_id: Mapped[int | None] = mapped_column(ForeignKey("baby.id", ondelete="RESTRICT"))
    tandem_baby_id: Mapped[int | None] = mapped_column(ForeignKey("baby.id"))
    kind: Mapped[str] = mapped_column(String(20))
    sides: Mapped[str] = mapped_column(String(10))
    side_mode: Mapped[str | None] = mapped_column(String(20))
    start_utc: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    end_utc: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    volume_left_ml: Mapped[float | None] = mapped_column(Float(53))
    volume_right_ml: Mapped[float | None] = mapped_column(Float(53))
    pump_name: Mapped[str | None] = mapped_column(String(100))
    flange_mm: Mapped[float | None] = mapped_column(Float(53))
    suction_level: Mapped[str | None] = mapped_column(String(100))
    suction_mmhg: Mapped[int | None] = mapped_column(Integer)
    cycle: Mapped[str | None] = mapped_column(String(100))
    pain: Mapped[int | None] = mapped_column(Integer)
    stress: Mapped[int | None] = mapped_column(Integer)
    context: Mapped[str | None] = mapped_column(String(10))
    felt_cold: Mapped[bool | None] = mapped_column(Boolean)
    felt_rushed: Mapped[bool | None] = mapped_column(Boolean)
    felt_self_conscious: Mapped[bool | None] = mapped_column(Boolean)
    sleep_hours: Mapped[float | None] = mapped_column(Float(53))
    alcohol_drinks: Mapped[float | None] = mapped_column(Float(53))
    alcohol_hours_before: Mapped[float | None] = mapped_column(Float(53))
    cigarettes_today: Mapped[int | None] = mapped_column(Integer)
    medicines: Mapped[list[str]] = mapped_column(JSON)
    techniques: Mapped[list[str]] = mapped_column(JSON)
    notes: Mapped[str] = mapped_column(Text)

    letdowns: Mapped[list[LetDownRow]] = relationship(
        back_populates="session",
        cascade="all, delete-orphan",
        order_by="(LetDownRow.at_s, LetDownRow.side)",
        lazy="selectin",
    )


class LetDownRow(Base):
    __tablename__ = "letdown"
    __table_args__ = (
        CheckConstraint("side IN ('left', 'right')", name="ck_letdown_side"),
        CheckConstraint("at_s >= 0", name="ck_letdown_at_s"),
        Index("ix_letdown_session", "session_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("session.id", ondelete="CASCADE"))
    side: Mapped[str] = mapped_column(String(10))
    at_s: Mapped[float] = mapped_column(Float(53))

    session: Mapped[SessionRow] = relationship(back_populates="letdowns")


class WeightRow(Base):
    __tablename__ = "infant_weight"
    __table_args__ = (
        Index("ux_infant_weight_uuid", "uuid", unique=True),
        Index("ix_infant_weight_baby_date", "baby_id", "date"),
        Index("ix_infant_weight_owner_date", "owner_id", "date"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    uuid: Mapped[uuid_module.UUID] = _uuid_column()
    owner_id: Mapped[int | None] = _owner_column("infant_weight")
    baby_id: Mapped[int] = mapped_column(ForeignKey("baby.id", ondelete="RESTRICT"))
    date: Mapped[dt.date] = mapped_column(Date)
    grams: Mapped[int] = mapped_column(Integer)


class DiaperRow(Base):
    __tablename__ = "diaper_count"
    __table_args__ = (
        Index("ux_diaper_count_uuid", "uuid", unique=True),
        UniqueConstraint("baby_id", "date", name="uq_diaper_count_baby_date"),
        Index("ix_diaper_count_owner_date", "owner_id", "date"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    uuid: Mapped[uuid_module.UUID] = _uuid_column()
    owner_id: Mapped[int | None] = _owner_column("diaper_count")
    baby_id: Mapped[int] = mapped_column(ForeignKey("baby.id", ondelete="RESTRICT"))
    date: Mapped[dt.date] = mapped_column(Date)
    wet: Mapped[int] = mapped_column(Integer)
    dirty: Mapped[int] = mapped_column(Integer)


class DraftRow(Base):
    """A guided session not saved yet, as the page last sent it (``letdown.journal.drafts``).

    Not a record: never exported, imported or counted; removed when its session is saved.
    """

    __tablename__ = "guided_draft"
    __table_args__ = (
        Index("ix_guided_draft_updated", "updated_utc"),
        Index("ix_guided_draft_owner_updated", "owner_id", "updated_utc"),
    )

    # The session's start in UTC; an owner's drafts are stored as "<owner id>/<start>"
    # (a primary key cannot hold the single-user journal's NULL owner), see ``drafts``.
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    owner_id: Mapped[int | None] = _owner_column("guided_draft")
    state: Mapped[str] = mapped_column(Text)
    updated_utc: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class ExperimentRow(Base):
    """An n-of-1 experiment's plan (``letdown.journal.experiments``; migration 0005).

    Not a record: its sessions are ordinary sessions; this row only says what was tested,
    the stored on/off plan and when it ran. Not exported (yet).
    """

    __tablename__ = "experiment"
    __table_args__ = (
        CheckConstraint("planned >= 2 AND planned <= 200", name="ck_experiment_planned"),
        CheckConstraint("block IN (2, 4)", name="ck_experiment_block"),
        Index("ix_experiment_started", "started_utc"),
        Index("ix_experiment_owner_started", "owner_id", "started_utc"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    owner_id: Mapped[int | None] = _owner_column("experiment")
    target: Mapped[str] = mapped_column(String(120))
    planned: Mapped[int] = mapped_column(Integer)
    block: Mapped[int] = mapped_column(Integer)
    seed: Mapped[int] = mapped_column(BigInteger)
    plan: Mapped[str] = mapped_column(String(200))
    started_utc: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    stopped_utc: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    stop_reason: Mapped[str | None] = mapped_column(String(40))
