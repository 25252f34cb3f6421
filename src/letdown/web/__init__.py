"""The local web app: pages for a phone, a JSON API under ``/api/v1``, static assets.

A thin shell: every page and API call goes through the same services as the CLI
(the journal service, the advisor, the reflex model). Build the app with
:func:`letdown.web.app.create_app`; ``letdown serve`` runs it with uvicorn.
Nothing here is imported by the core.
"""
