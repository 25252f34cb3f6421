"""The journal: sessions, let-downs, babies, weights and diapers, stored safely.

``records`` holds the validated domain records, ``service.Journal`` is the API
every interface uses, ``store`` opens the database (SQLite or PostgreSQL) and
``migrations`` keeps its schema. Importing this package is cheap; the database
libraries load only when a journal is opened.
"""
