"""A baby's gestational age at birth (weeks + days, optional), for corrected-age growth.

Two nullable integers on ``baby``: weeks (22-44) and extra days (0-6). Old journals
keep working: a baby without them is charted by its age from birth, as before.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A nullable column without a default is added in place on SQLite and PostgreSQL.
    op.add_column("baby", sa.Column("gestation_weeks", sa.Integer(), nullable=True))
    op.add_column("baby", sa.Column("gestation_days", sa.Integer(), nullable=True))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE baby DROP COLUMN gestation_days")
        op.execute("ALTER TABLE baby DROP COLUMN gestation_weeks")
        return
    op.drop_column("baby", "gestation_days")
    op.drop_column("baby", "gestation_weeks")
