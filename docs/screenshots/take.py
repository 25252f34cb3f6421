"""Take the README's screenshots: every page of the web app at phone size (390x844).

Run from the repository root: ``.venv/bin/python docs/screenshots/take.py``.
It starts the app on a free loopback port with a throwaway data directory, fills it
with a fortnight of example sessions (made up for the pictures), and drives Debian's
Chromium with Playwright, as the browser tests do.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import tempfile
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.web.helpers import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    PHONE,
    LiveServer,
    make_settings,
    post_form,
)

OUT = Path(__file__).parent


def example_picture() -> bytes:
    """A soft illustration standing in for a baby photo."""
    from matplotlib.figure import Figure
    from matplotlib.patches import Circle, Ellipse

    figure = Figure(figsize=(3, 3), dpi=80)
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.axis("off")
    ax.add_patch(Circle((0.5, 0.5), 0.5, color="#f6e6da"))
    ax.add_patch(Ellipse((0.5, 0.45), 0.5, 0.56, color="#f2c9a9"))
    for x in (0.4, 0.6):
        ax.add_patch(Ellipse((x, 0.5), 0.08, 0.03, color="#5a3b2a"))
    ax.add_patch(Ellipse((0.5, 0.33), 0.1, 0.04, color="#c77d63"))
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def seed(url: str) -> int:
    """A fortnight of example sessions, a baby with weights and diapers, and a picture."""
    client = httpx.Client(base_url=url, timeout=30)
    baby = client.post("/api/v1/babies", json={"name": "Robin", "birth_date": "2026-10-20",
                                               "sex": "female", "birth_weight_g": 3350}).json()
    for day, grams in ((2, 3180), (9, 3420), (20, 3860), (30, 4210)):
        client.post("/api/v1/weights", json={
            "baby_id": baby["id"], "grams": grams,
            "date": (dt.date(2026, 10, 20) + dt.timedelta(days=day)).isoformat()})
    for back, wet, dirty in ((3, 6, 3), (2, 7, 2), (1, 6, 4)):
        client.post("/api/v1/diapers", json={
            "baby_id": baby["id"], "wet": wet, "dirty": dirty,
            "date": (dt.date.today() - dt.timedelta(days=back)).isoformat()})
    now = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
    plan = [  # days ago, hour, context, seconds to let-down, volume, techniques, stress
        (13, 7, "work", 410, 55, [], 7), (12, 20, "home", 260, 80, ["warm_compress"], 4),
        (11, 8, "work", 380, 60, ["slow_breathing"], 6), (10, 21, "home", 200, 90,
                                                          ["warm_compress", "massage"], 3),
        (9, 9, "work", 330, 65, ["baby_photo_video"], 6), (8, 20, "home", 180, 95,
                                                           ["warm_compress", "massage"], 3),
        (7, 10, "public", 450, 40, [], 8), (6, 21, "home", 150, 100,
                                            ["slow_breathing", "baby_sounds"], 2),
        (5, 9, "work", 240, 75, ["baby_photo_video", "slow_breathing"], 5),
        (4, 20, "home", 140, 105, ["warm_compress", "baby_sounds"], 2),
        (3, 9, "work", 220, 80, ["baby_photo_video", "massage"], 4),
        (2, 21, "home", 120, 110, ["warm_compress", "slow_breathing", "massage"], 2),
        (1, 8, "work", 190, 85, ["baby_photo_video", "slow_breathing"], 4),
    ]
    last = 0
    for back, hour, context, letdown, volume, techniques, stress in plan:
        start = (now - dt.timedelta(days=back)).replace(hour=hour, minute=5)
        body = {
            "kind": "pump", "sides": "both", "side_mode": "simultaneous",
            "start": start.isoformat(), "end": (start + dt.timedelta(minutes=20)).isoformat(),
            "letdowns": [{"side": "left", "at_s": letdown},
                         {"side": "right", "at_s": letdown + 12}],
            "volume_left_ml": volume / 2 + 3, "volume_right_ml": volume / 2 - 3,
            "pump_name": "Spectra S1", "flange_mm": 24, "suction_level": "6", "cycle": "expression",
            "context": context, "techniques": techniques, "stress": stress, "pain": 1,
            "felt_rushed": context == "work",
        }
        last = client.post("/api/v1/sessions", json=body).json()["id"]
    client.put("/api/v1/profile", json={
        "pseudonym": "Sam", "delivery_date": "2026-10-20", "first_baby": True,
        "conditions": ["PCOS"], "regular_medicines": ["levothyroxine"]})
    post_form(url, "/media", files={"file": ("robin.png", example_picture())},
              data={"label": "Robin asleep (example picture)"}, headers={"origin": url})
    return last


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, \
            LiveServer(make_settings(Path(tmp) / "data")) as server, sync_playwright() as p:
        last = seed(server.url)
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=PHONE, device_scale_factor=1, is_mobile=True,
                                has_touch=True, color_scheme="light")

        def top(selector: str) -> None:
            page.locator(selector).first.evaluate("e => e.scrollIntoView({block: 'start'})")
            page.wait_for_timeout(500)  # let the scrolled-to part paint

        def shot(name: str, path: str, scroll_to: str | None = None) -> None:
            page.goto(server.url + path)
            if scroll_to:
                top(scroll_to)
            page.wait_for_timeout(300)
            page.screenshot(path=str(OUT / f"{name}.png"))
            print("wrote", OUT / f"{name}.png")

        shot("01-home", "/")
        page.goto(server.url + "/session/guided?kind=pump&sides=both")
        page.wait_for_timeout(2200)
        page.get_by_role("button", name="Let-down! left").click()
        page.wait_for_timeout(900)
        page.screenshot(path=str(OUT / "02-guided-session.png"))  # one screen, unscrolled
        page.get_by_role("button", name="Start breathing").click()
        page.get_by_role("button", name="Let-down! right").click()
        page.get_by_role("button", name="Start compress").click()
        page.get_by_role("button", name="Next prompt").click()
        page.wait_for_timeout(2300)
        page.screenshot(path=str(OUT / "03-guided-pacer-and-baby.png"))
        top("#end-h")
        page.screenshot(path=str(OUT / "04-guided-end-form.png"))
        shot("05-start-choose-sides", "/session")
        shot("06-session-saved", f"/sessions/{last}?saved=1")
        shot("07-log-a-session", "/sessions/new")
        shot("08-history-charts", "/history", "#letdown-time")
        shot("09-history-by-technique", "/history", "#letdown-technique")
        from letdown.web.advice import answers_path

        def fresh_advisor() -> None:  # no saved answers, nothing typed: the short path
            answers_path(server.settings.data_dir).unlink(missing_ok=True)
            page.goto(server.url + "/advisor")
            page.evaluate("localStorage.clear()")
            page.goto(server.url + "/advisor")
            # advice from the journal alone folds the first questions: open them
            page.evaluate("for (const d of document.querySelectorAll('#short-path')) d.open = true")

        fresh_advisor()
        top("#questions-h")
        page.screenshot(path=str(OUT / "17-advisor-short-path.png"))  # the first questions
        print("wrote", OUT / "17-advisor-short-path.png")
        page.locator('input[name="feeding_mode"][value="pumping"]').check()
        page.locator('input[name="stress_score"]').fill("6")
        page.locator("#advisor-form button[type=submit]").first.click()
        page.wait_for_load_state()
        top("#advice-h")
        page.screenshot(path=str(OUT / "10-advisor.png"))
        print("wrote", OUT / "10-advisor.png")
        # An urgent answer: a baby under 3 months with a fever
        fresh_advisor()
        page.locator('input[name="feeding_mode"][value="breastfeeding"]').check()
        page.locator('input[name="baby_age_days"]').fill("20")
        page.locator('input[name="infant.temperature_c"]').fill("38.5")
        page.locator("#advisor-form button[type=submit]").first.click()
        page.wait_for_load_state()
        top("#advice-h")
        page.screenshot(path=str(OUT / "18-advisor-urgent.png"))
        print("wrote", OUT / "18-advisor-urgent.png")
        shot("11-explorer", "/explorer?stress=6&warmth=on", "#explorer-result")
        shot("12-babies", "/babies")
        shot("13-media", "/media")
        shot("15-profile", "/profile")
        page.goto(server.url + "/babies")
        page.get_by_role("link", name="Edit the weight of").first.click()
        page.get_by_role("link", name="Delete this weight").click()
        page.wait_for_timeout(300)
        page.screenshot(path=str(OUT / "16-delete-asks-first.png"))
        print("wrote", OUT / "16-delete-asks-first.png")
        page.goto(server.url + "/api/v1/docs")
        page.wait_for_selector(".swagger-ui .info", timeout=15_000)
        page.wait_for_timeout(500)
        page.screenshot(path=str(OUT / "14-api-docs.png"))
        browser.close()


if __name__ == "__main__":
    main()
