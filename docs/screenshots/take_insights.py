"""Take the README's "What works for me" screenshots at phone size (390x844).

Run from the repository root: ``.venv/bin/python docs/screenshots/take_insights.py``.
It starts the app on a free loopback port with a throwaway data directory, fills it with
six weeks of made-up pump sessions (a warm compress takes about a third off the time),
and drives Debian's Chromium with Playwright: the Insights page, an experiment running,
and the guided session showing that session's assignment.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from tests.web.helpers import CHROMIUM, CHROMIUM_ARGS, PHONE, LiveServer, make_settings  # noqa: E402
from tests.web.test_insights_api import fill  # noqa: E402

OUT = Path(__file__).parent


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, \
            LiveServer(make_settings(Path(tmp) / "data")) as server, sync_playwright() as p:
        with httpx.Client(base_url=server.url, headers={"origin": server.url}) as api:
            fill(api, n=90, seed=4)  # type: ignore[arg-type]
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=PHONE, device_scale_factor=1, is_mobile=True,
                                has_touch=True, color_scheme="light")
        page.goto(server.url + "/insights")
        page.wait_for_timeout(300)
        page.screenshot(path=str(OUT / "19-insights.png"))
        page.select_option("#f-target", "massage")
        page.get_by_role("button", name="Start the experiment").click()
        page.wait_for_timeout(300)
        page.screenshot(path=str(OUT / "20-insights-experiment.png"))
        page.goto(server.url + "/session/guided?kind=pump&sides=both")
        page.wait_for_timeout(1500)
        page.screenshot(path=str(OUT / "21-guided-experiment.png"))
        browser.close()
        for name in ("19-insights", "20-insights-experiment", "21-guided-experiment"):
            print("wrote", OUT / f"{name}.png")


if __name__ == "__main__":
    main()
