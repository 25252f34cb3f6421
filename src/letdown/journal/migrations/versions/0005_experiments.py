"""n-of-1 experiments: a technique or pump setting switched on and off by a stored plan.

One row per experiment: what is tested (``target``, e.g. ``technique:warm_compress`` or
``pump:suction_level=5``), how many sessions, the block size, the random seed and the
on/off plan it gave (stored as text of 0 and 1, so the plan never changes even if the
random generator does), when it started and when it was stopped (and why).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "experiment",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("target", sa.String(120), nullable=False),
        sa.Column("planned", sa.Integer(), nullable=False),
        sa.Column("block", sa.Integer(), nullable=False),
        sa.Column("seed", sa.BigInteger(), nullable=False),
        sa.Column("plan", sa.String(200), nullable=False),
        sa.Column("started_utc", sa.DateTime(timezone=False), nullable=False),
        sa.Column("stopped_utc", sa.DateTime(timezone=False), nullable=True),
        sa.Column("stop_reason", sa.String(40), nullable=True),
        sa.CheckConstraint("planned >= 2 AND planned <= 200", name="ck_experiment_planned"),
        sa.CheckConstraint("block IN (2, 4)", name="ck_experiment_block"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_experiment_started", "experiment", ["started_utc"])


def downgrade() -> None:
    op.drop_index("ix_experiment_started", table_name="experiment")
    op.drop_table("experiment")
