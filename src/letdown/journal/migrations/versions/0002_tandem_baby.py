"""Tandem feeding: a session may name a second baby (the other twin, fed at the same time).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

#: PostgreSQL's own name for the constraint (as for baby_id in 0001).
FK_NAME = "session_tandem_baby_id_fkey"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # SQLite adds a nullable column with its foreign key in place. Batch mode would
        # copy the table instead, and the copy loses AUTOINCREMENT (ids never reused).
        # No ON DELETE clause (here or on PostgreSQL): SQLite does not reflect it on an
        # added column, and the default (NO ACTION) refuses deleting a referenced baby
        # just as RESTRICT does.
        op.execute(
            "ALTER TABLE session ADD COLUMN tandem_baby_id INTEGER "
            "REFERENCES baby (id)"
        )
        return
    op.add_column("session", sa.Column("tandem_baby_id", sa.Integer(), nullable=True))
    op.create_foreign_key(
        FK_NAME, "session", "baby", ["tandem_baby_id"], ["id"])


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE session DROP COLUMN tandem_baby_id")
        return
    op.drop_constraint(FK_NAME, "session", type_="foreignkey")
    op.drop_column("session", "tandem_baby_id")
