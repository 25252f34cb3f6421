"""Server mode: web sessions (one row per signed-in browser; only a hash of its id).

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "web_session",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("id_hash", sa.String(64), nullable=False),
        sa.Column("account_id", sa.Integer(),
                  sa.ForeignKey("account.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created_utc", sa.DateTime(timezone=False), nullable=False),
        sa.Column("last_seen_utc", sa.DateTime(timezone=False), nullable=False),
        sa.Column("expires_utc", sa.DateTime(timezone=False), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ux_web_session_id_hash", "web_session", ["id_hash"], unique=True)
    op.create_index("ix_web_session_account", "web_session", ["account_id"])


def downgrade() -> None:
    op.drop_index("ix_web_session_account", table_name="web_session")
    op.drop_index("ux_web_session_id_hash", table_name="web_session")
    op.drop_table("web_session")
