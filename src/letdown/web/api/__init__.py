"""The JSON REST API under ``/api/v1``: one router per area, all over the shared services."""

from __future__ import annotations

from fastapi import APIRouter

from letdown.web.api.advisor import router as advisor_router
from letdown.web.api.guided import router as guided_router
from letdown.web.api.insights import router as insights_router
from letdown.web.api.journal import router as journal_router
from letdown.web.api.reflex import router as reflex_router

router = APIRouter(prefix="/api/v1")
router.include_router(journal_router)
router.include_router(advisor_router)
router.include_router(reflex_router)
router.include_router(guided_router)
router.include_router(insights_router)
