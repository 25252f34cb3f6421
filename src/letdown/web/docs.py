"""Browsable API docs served offline.

FastAPI's default ``/docs`` loads Swagger UI from a CDN; letdown must never
touch the network, so the docs page here uses the Swagger UI files shipped by
the PyPI package ``swagger-ui-bundle-v2`` (import name ``swagger_ui_bundle``),
served from our own origin. Without that package the page says how to get it.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

DOCS_PATH = "/api/v1/docs"
ASSETS_PATH = "/api/v1/docs-assets"
OPENAPI_PATH = "/api/v1/openapi.json"


def swagger_ui_dir() -> Path | None:
    """Where the installed Swagger UI files are, or None when the package is missing."""
    try:
        module = importlib.import_module("swagger_ui_bundle")
    except ImportError:
        return None
    path = Path(str(module.swagger_ui_path))
    return path if (path / "swagger-ui-bundle.js").is_file() else None


DOCS_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>letdown API</title>
<link rel="stylesheet" href="{assets}/swagger-ui.css">
</head>
<body>
<main><h1>letdown API</h1><div id="swagger-ui"></div></main>
<script src="{assets}/swagger-ui-bundle.js"></script>
<script src="/static/docs-init.js" data-openapi="{openapi}"></script>
</body>
</html>
"""

MISSING_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>letdown API</title></head>
<body><main><h1>letdown API</h1>
<p>The browsable docs need the Python package <code>swagger-ui-bundle-v2</code>
(<code>pip install swagger-ui-bundle-v2</code>). The schema itself is at
<a href="{openapi}">{openapi}</a>.</p></main></body></html>
"""


def install_docs(app: FastAPI) -> None:
    """Serve ``/api/v1/docs`` and its assets from the local Swagger UI package."""
    assets = swagger_ui_dir()
    if assets is not None:
        app.mount(ASSETS_PATH, StaticFiles(directory=assets), name="docs-assets")

    @app.get(DOCS_PATH, include_in_schema=False, response_class=HTMLResponse)
    async def api_docs() -> HTMLResponse:
        if assets is None:
            return HTMLResponse(MISSING_PAGE.format(openapi=OPENAPI_PATH), status_code=503)
        return HTMLResponse(DOCS_PAGE.format(assets=ASSETS_PATH, openapi=OPENAPI_PATH))
