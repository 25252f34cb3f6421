"""Every record belongs to one parent account: ``owner_id`` on each table of records.

A nullable ``owner_id`` (foreign key to ``account.id``) on profile, baby, session,
infant_weight, diaper_count, guided_draft and experiment (let-down events follow their
session). NULL is the single-user journal of a laptop, so every existing row stays
where it was and nothing else changes for it. Each table gets an index on
(owner_id, the order it is listed in). The profile's "one row" rule becomes one row per
owner: the single-user profile is still row 1, an owner's is unique by owner_id.

On SQLite the column and its foreign key are added in place (as in 0002): a batch
rebuild would copy the table, lose AUTOINCREMENT (ids never reused) and, with foreign
keys on, cascade into let-down events. Only the profile (one row, referred to by
nothing) is rebuilt in batch mode, to change its CHECK rule.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

#: table -> the columns after owner_id in its index (how that table is listed)
OWNED = {
    "profile": (),
    "baby": ("id",),
    "session": ("start_utc",),
    "infant_weight": ("date",),
    "diaper_count": ("date",),
    "guided_draft": ("updated_utc",),
    "experiment": ("started_utc",),
}
_INDEX = {"profile": "ux_profile_owner", "baby": "ix_baby_owner",
          "session": "ix_session_owner_start", "infant_weight": "ix_infant_weight_owner_date",
          "diaper_count": "ix_diaper_count_owner_date",
          "guided_draft": "ix_guided_draft_owner_updated",
          "experiment": "ix_experiment_owner_started"}


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, order in OWNED.items():
        if table == "profile":
            with op.batch_alter_table(table) as batch:
                batch.add_column(sa.Column("owner_id", sa.Integer(), nullable=True))
                batch.create_foreign_key(f"fk_{table}_owner", "account", ["owner_id"], ["id"])
                batch.drop_constraint("ck_profile_single", type_="check")
                batch.create_check_constraint("ck_profile_single",
                                              "owner_id IS NOT NULL OR id = 1")
        elif sqlite:
            op.execute(f"ALTER TABLE {table} ADD COLUMN owner_id INTEGER "
                       "REFERENCES account (id)")
        else:
            op.add_column(table, sa.Column("owner_id", sa.Integer(), nullable=True))
            op.create_foreign_key(f"fk_{table}_owner", table, "account", ["owner_id"], ["id"])
        op.create_index(_INDEX[table], table, ["owner_id", *order], unique=table == "profile")
    if not sqlite:
        # The profile's id was always 1: start an owner's profile ids after it.
        op.execute("SELECT setval(pg_get_serial_sequence('profile', 'id'), "
                   "GREATEST(COALESCE(MAX(id), 1), 1)) FROM profile")


def downgrade() -> None:
    # Records of accounts cannot go back to a journal without owners: they would mix
    # with the single-user journal's. Refuse rather than lose or merge them.
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    for table in OWNED:
        owned = bind.execute(sa.text(f"SELECT COUNT(*) FROM {table} "
                                     "WHERE owner_id IS NOT NULL")).scalar()
        if owned:
            raise RuntimeError(
                f"cannot go back before revision 0008: {table} holds {owned} record(s) of "
                "parent accounts; export each parent's journal first and delete them")
    for table in OWNED:
        op.drop_index(_INDEX[table], table_name=table)
        if table == "profile":
            with op.batch_alter_table(table) as batch:
                batch.drop_constraint("ck_profile_single", type_="check")
                batch.create_check_constraint("ck_profile_single", "id = 1")
                batch.drop_constraint(f"fk_{table}_owner", type_="foreignkey")
                batch.drop_column("owner_id")
        elif sqlite:
            op.execute(f"ALTER TABLE {table} DROP COLUMN owner_id")
        else:
            op.drop_constraint(f"fk_{table}_owner", table, type_="foreignkey")
            op.drop_column(table, "owner_id")
