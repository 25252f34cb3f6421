"""The first journal tables: profile, babies, sessions with let-downs, weights, diapers.

Ids are never reused (AUTOINCREMENT on SQLite, sequences on PostgreSQL), so an id
seen in a link or an export always means the same record.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "profile",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("pseudonym", sa.String(100), nullable=False),
        sa.Column("delivery_date", sa.Date(), nullable=True),
        sa.Column("first_baby", sa.Boolean(), nullable=True),
        sa.Column("conditions", sa.JSON(), nullable=False),
        sa.Column("regular_medicines", sa.JSON(), nullable=False),
        sa.CheckConstraint("id = 1", name="ck_profile_single"),
    )
    op.create_table(
        "baby",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("sex", sa.String(10), nullable=True),
        sa.Column("birth_weight_g", sa.Integer(), nullable=True),
        sa.CheckConstraint("sex IN ('female', 'male')", name="ck_baby_sex"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "session",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "baby_id", sa.Integer(), sa.ForeignKey("baby.id", ondelete="RESTRICT"), nullable=True
        ),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("sides", sa.String(10), nullable=False),
        sa.Column("side_mode", sa.String(20), nullable=True),
        sa.Column("start_utc", sa.DateTime(timezone=False), nullable=False),
        sa.Column("end_utc", sa.DateTime(timezone=False), nullable=False),
        sa.Column("volume_left_ml", sa.Float(53), nullable=True),
        sa.Column("volume_right_ml", sa.Float(53), nullable=True),
        sa.Column("pump_name", sa.String(100), nullable=True),
        sa.Column("flange_mm", sa.Float(53), nullable=True),
        sa.Column("suction_level", sa.String(100), nullable=True),
        sa.Column("suction_mmhg", sa.Integer(), nullable=True),
        sa.Column("cycle", sa.String(100), nullable=True),
        sa.Column("pain", sa.Integer(), nullable=True),
        sa.Column("stress", sa.Integer(), nullable=True),
        sa.Column("context", sa.String(10), nullable=True),
        sa.Column("felt_cold", sa.Boolean(), nullable=True),
        sa.Column("felt_rushed", sa.Boolean(), nullable=True),
        sa.Column("felt_self_conscious", sa.Boolean(), nullable=True),
        sa.Column("sleep_hours", sa.Float(53), nullable=True),
        sa.Column("alcohol_drinks", sa.Float(53), nullable=True),
        sa.Column("alcohol_hours_before", sa.Float(53), nullable=True),
        sa.Column("cigarettes_today", sa.Integer(), nullable=True),
        sa.Column("medicines", sa.JSON(), nullable=False),
        sa.Column("techniques", sa.JSON(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('breastfeed', 'pump', 'hand_expression')", name="ck_session_kind"
        ),
        sa.CheckConstraint("sides IN ('left', 'right', 'both')", name="ck_session_sides"),
        sa.CheckConstraint("end_utc > start_utc", name="ck_session_end_after_start"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_session_start", "session", ["start_utc"])
    op.create_table(
        "letdown",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "session_id",
            sa.Integer(),
            sa.ForeignKey("session.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("side", sa.String(10), nullable=False),
        sa.Column("at_s", sa.Float(53), nullable=False),
        sa.CheckConstraint("side IN ('left', 'right')", name="ck_letdown_side"),
        sa.CheckConstraint("at_s >= 0", name="ck_letdown_at_s"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_letdown_session", "letdown", ["session_id"])
    op.create_table(
        "infant_weight",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "baby_id", sa.Integer(), sa.ForeignKey("baby.id", ondelete="RESTRICT"), nullable=False
        ),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("grams", sa.Integer(), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_infant_weight_baby_date", "infant_weight", ["baby_id", "date"])
    op.create_table(
        "diaper_count",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "baby_id", sa.Integer(), sa.ForeignKey("baby.id", ondelete="RESTRICT"), nullable=False
        ),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("wet", sa.Integer(), nullable=False),
        sa.Column("dirty", sa.Integer(), nullable=False),
        sa.UniqueConstraint("baby_id", "date", name="uq_diaper_count_baby_date"),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table("diaper_count")
    op.drop_index("ix_infant_weight_baby_date", table_name="infant_weight")
    op.drop_table("infant_weight")
    op.drop_index("ix_letdown_session", table_name="letdown")
    op.drop_table("letdown")
    op.drop_index("ix_session_start", table_name="session")
    op.drop_table("session")
    op.drop_table("baby")
    op.drop_table("profile")
