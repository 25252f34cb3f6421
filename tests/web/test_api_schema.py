"""Schemathesis over the OpenAPI schema, against the ASGI app: no input gives a 5xx.

Examples per operation are bounded so the run stays short; the journal starts
empty and fills as POSTs succeed, so reads and changes of existing ids run too.
The app opens its journal on first request, in a temporary directory removed at the end.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from tests.web.helpers import make_settings

from letdown.web.app import create_app

_DATA = Path(tempfile.gettempdir()) / f"letdown-schemathesis-{uuid.uuid4().hex}"  # made on use
schema = schemathesis.openapi.from_asgi(
    "/api/v1/openapi.json", create_app(make_settings(_DATA / "data"), allowed_hosts=["*"])
)


@pytest.fixture(scope="module", autouse=True)
def _remove_data() -> Iterator[None]:
    yield
    shutil.rmtree(_DATA, ignore_errors=True)


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=20, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_input_makes_the_api_fail(case: schemathesis.Case) -> None:
    response = case.call()
    case.validate_response(response, checks=[not_a_server_error])
