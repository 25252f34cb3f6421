"""Server mode's accounts: who may sign in, and who may see whose records.

A parent owns a journal; a consultant sees a parent's journal only while that parent
shares it with them (read-only unless the parent allows changes); an administrator
manages accounts and never reads anyone's records. ``service.Accounts`` is the single
place that answers "may this person read / change that person's records" for the CLI,
the API and the pages alike.

The rules themselves are pure (``roles``, ``policy``, ``lockout``, ``passwords``,
``secrets``); ``service`` and its parts keep them in the database. argon2 (the
``server`` extra) is imported only when a password is hashed or checked.
"""
