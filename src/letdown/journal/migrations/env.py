"""Alembic environment: runs migrations on the engine handed in by ``store.upgrade``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from letdown.journal.tables import Base

engine = context.config.attributes.get("engine")
if not isinstance(engine, Engine):
    raise RuntimeError("run letdown's migrations through letdown.journal.store.upgrade(engine)")

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    context.run_migrations()
