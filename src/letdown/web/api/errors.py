"""Turn journal and validation errors into HTTP errors that carry the reason."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import HTTPException
from pydantic import BaseModel, ValidationError

from letdown.journal.records import describe_errors
from letdown.journal.service import Conflict, NotFound


@contextmanager
def as_http_errors(model: type[BaseModel] | None = None) -> Iterator[None]:
    """``NotFound`` -> 404, ``Conflict`` -> 409, invalid values -> 422, each with its reason."""
    try:
        yield
    except NotFound as error:
        raise HTTPException(status_code=404, detail=str(error)) from error
    except Conflict as error:
        raise HTTPException(status_code=409, detail=str(error)) from error
    except ValidationError as error:
        raise HTTPException(
            status_code=422, detail="; ".join(describe_errors(error, model))
        ) from error
