"""The newest migration's id, readable without importing Alembic.

``store.ensure_schema`` compares the database's ``alembic_version`` with this to
decide, cheaply, whether an upgrade is needed. A test keeps it equal to the
script directory's head.
"""

HEAD_REVISION = "0009"
