"""Server mode: accounts, sign-in attempts, API tokens, invitations, shares, audit log.

Six new tables, none touching the journal's own (owner columns on the records come with
the next migration). The audit log is append-only in the database itself: a trigger
refuses any UPDATE or DELETE of ``audit_entry`` on SQLite and on PostgreSQL.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_APPEND_ONLY = "the audit log is append-only"


def _when(name: str) -> sa.Column[dt.datetime]:
    return sa.Column(name, sa.DateTime(timezone=False), nullable=True)


def upgrade() -> None:
    op.create_table(
        "account",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("created_utc", sa.DateTime(timezone=False), nullable=False),
        _when("disabled_utc"),
        sa.CheckConstraint("role IN ('parent', 'consultant', 'admin')", name="ck_account_role"),
        sqlite_autoincrement=True,
    )
    op.create_index("ux_account_email", "account", ["email"], unique=True)

    op.create_table(
        "login_attempt",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("at_utc", sa.DateTime(timezone=False), nullable=False),
        sa.Column("succeeded", sa.Boolean(), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_login_attempt_email_at", "login_attempt", ["email", "at_utc"])

    op.create_table(
        "api_token",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("account_id", sa.Integer(),
                  sa.ForeignKey("account.id", ondelete="CASCADE"), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("scope", sa.String(10), nullable=False),
        sa.Column("created_utc", sa.DateTime(timezone=False), nullable=False),
        sa.Column("expires_utc", sa.DateTime(timezone=False), nullable=False),
        _when("revoked_utc"),
        _when("last_used_utc"),
        sa.CheckConstraint("scope IN ('read', 'write')", name="ck_api_token_scope"),
        sqlite_autoincrement=True,
    )
    op.create_index("ux_api_token_hash", "api_token", ["token_hash"], unique=True)
    op.create_index("ix_api_token_account", "api_token", ["account_id"])

    op.create_table(
        "invitation",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("parent_id", sa.Integer(),
                  sa.ForeignKey("account.id", ondelete="CASCADE"), nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("can_write", sa.Boolean(), nullable=False),
        sa.Column("created_utc", sa.DateTime(timezone=False), nullable=False),
        sa.Column("expires_utc", sa.DateTime(timezone=False), nullable=False),
        _when("accepted_utc"),
        sa.Column("accepted_by", sa.Integer(), sa.ForeignKey("account.id"), nullable=True),
        _when("revoked_utc"),
        sqlite_autoincrement=True,
    )
    op.create_index("ux_invitation_code_hash", "invitation", ["code_hash"], unique=True)
    op.create_index("ix_invitation_parent", "invitation", ["parent_id"])

    op.create_table(
        "share",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("parent_id", sa.Integer(),
                  sa.ForeignKey("account.id", ondelete="CASCADE"), nullable=False),
        sa.Column("consultant_id", sa.Integer(),
                  sa.ForeignKey("account.id", ondelete="CASCADE"), nullable=False),
        sa.Column("can_write", sa.Boolean(), nullable=False),
        sa.Column("created_utc", sa.DateTime(timezone=False), nullable=False),
        _when("revoked_utc"),
        sa.UniqueConstraint("parent_id", "consultant_id", name="uq_share_pair"),
        sa.CheckConstraint("parent_id <> consultant_id", name="ck_share_not_self"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_share_consultant", "share", ["consultant_id"])

    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at_utc", sa.DateTime(timezone=False), nullable=False),
        sa.Column("actor_id", sa.Integer(), sa.ForeignKey("account.id"), nullable=True),
        sa.Column("owner_id", sa.Integer(), sa.ForeignKey("account.id"), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("what", sa.String(200), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_audit_entry_owner_at", "audit_entry", ["owner_id", "at_utc"])
    _append_only_up()


def _append_only_up() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_entry_no_{event.lower()} BEFORE {event} ON audit_entry "
                f"BEGIN SELECT RAISE(ABORT, '{_APPEND_ONLY}'); END"
            )
        return
    op.execute(
        "CREATE FUNCTION letdown_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN RAISE EXCEPTION '{_APPEND_ONLY}'; END $$"
    )
    op.execute(
        "CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry "
        "FOR EACH ROW EXECUTE FUNCTION letdown_audit_append_only()"
    )


def downgrade() -> None:
    # Dropping a table drops its triggers; PostgreSQL's function goes after the table.
    op.drop_index("ix_audit_entry_owner_at", table_name="audit_entry")
    op.drop_table("audit_entry")
    if op.get_bind().dialect.name != "sqlite":
        op.execute("DROP FUNCTION IF EXISTS letdown_audit_append_only()")
    op.drop_index("ix_share_consultant", table_name="share")
    op.drop_table("share")
    op.drop_index("ix_invitation_parent", table_name="invitation")
    op.drop_index("ux_invitation_code_hash", table_name="invitation")
    op.drop_table("invitation")
    op.drop_index("ix_api_token_account", table_name="api_token")
    op.drop_index("ux_api_token_hash", table_name="api_token")
    op.drop_table("api_token")
    op.drop_index("ix_login_attempt_email_at", table_name="login_attempt")
    op.drop_table("login_attempt")
    op.drop_index("ux_account_email", table_name="account")
    op.drop_table("account")
