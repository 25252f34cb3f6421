"""Stable record identity: every baby, session, weight and diaper count gets a UUID.

Ids are per journal (two journals both have a session 1); a UUID names one record
wherever it goes, so an export re-imported into the journal it came from is
recognised instead of duplicated. Existing rows get fresh random (version 4) UUIDs.

The database fills in a UUID itself for rows inserted without one (by other tools
or old scripts): PostgreSQL with ``gen_random_uuid()``, SQLite with a trigger, since
SQLite cannot add a NOT NULL column whose default is an expression.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TABLES = ("baby", "session", "infant_weight", "diaper_count")

#: A random version-4 UUID as 32 lowercase hex digits (how SQLAlchemy's Uuid type
#: stores one on SQLite), computed by SQLite itself, afresh for every row (no
#: subquery: SQLite would compute that once for all rows).
SQLITE_UUID4 = (
    "(lower(hex(randomblob(6))) || '4' || substr(lower(hex(randomblob(2))), 2) "
    "|| substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(8))), 2))"
)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in TABLES:
        if sqlite:
            # In place: batch mode would copy the table and lose AUTOINCREMENT.
            op.execute(f"ALTER TABLE {table} ADD COLUMN uuid CHAR(32) NOT NULL DEFAULT ''")
            op.execute(f"UPDATE {table} SET uuid = {SQLITE_UUID4}")
            op.execute(
                f"CREATE TRIGGER {table}_fill_uuid AFTER INSERT ON {table} "
                f"WHEN NEW.uuid = '' BEGIN "
                f"UPDATE {table} SET uuid = {SQLITE_UUID4} WHERE id = NEW.id; END"
            )
        else:
            # A volatile default is evaluated once per existing row.
            op.execute(
                f"ALTER TABLE {table} ADD COLUMN uuid UUID NOT NULL DEFAULT gen_random_uuid()"
            )
        op.create_index(f"ux_{table}_uuid", table, ["uuid"], unique=True)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in TABLES:
        op.drop_index(f"ux_{table}_uuid", table_name=table)
        if sqlite:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_fill_uuid")
        op.execute(f"ALTER TABLE {table} DROP COLUMN uuid")
