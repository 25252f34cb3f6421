"""HTML pages: thin routes that read a form, call a service, and render a template."""

from __future__ import annotations

from fastapi import APIRouter

from letdown.web.pages.advisor import router as advisor_router
from letdown.web.pages.babies import router as babies_router
from letdown.web.pages.explorer import router as explorer_router
from letdown.web.pages.history import router as history_router
from letdown.web.pages.home import router as home_router
from letdown.web.pages.insights import router as insights_router
from letdown.web.pages.media import router as media_router
from letdown.web.pages.profile import router as profile_router
from letdown.web.pages.report import router as report_router
from letdown.web.pages.sessions import router as sessions_router

router = APIRouter(include_in_schema=False)
router.include_router(home_router)
router.include_router(sessions_router)
router.include_router(history_router)
router.include_router(babies_router)
router.include_router(profile_router)
router.include_router(media_router)
router.include_router(advisor_router)
router.include_router(explorer_router)
router.include_router(insights_router)
router.include_router(report_router)
