"""Drafts of guided sessions: what the page had tapped and typed, kept until it is saved.

One row per running session, keyed by the session's start (UTC, to the second); the
page's state as JSON text (the web API caps it at 64 kB); when it was last sent. Drafts
are not records: export, import and backups of records leave them out.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "guided_draft",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("updated_utc", sa.DateTime(timezone=False), nullable=False),
    )
    op.create_index("ix_guided_draft_updated", "guided_draft", ["updated_utc"])


def downgrade() -> None:
    op.drop_index("ix_guided_draft_updated", table_name="guided_draft")
    op.drop_table("guided_draft")
