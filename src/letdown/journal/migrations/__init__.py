"""Alembic migrations for the journal, shipped inside the package.

Run them with ``letdown.journal.store.upgrade(engine)`` or ``letdown db upgrade``;
the same migrations serve SQLite and PostgreSQL. When adding a revision, also
update ``head.HEAD_REVISION`` (a test checks they agree).
"""
