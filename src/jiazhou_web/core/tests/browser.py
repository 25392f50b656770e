"""Helpers for the browser tests (Playwright, headless Chromium)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jiazhou_web.core.seeding import DEMO_PASSWORD

SCREENSHOTS = Path(__file__).resolve().parents[4] / "artifacts" / "screenshots"
# Screenshots the user guide shows (docs/user-guide/images/): browser-test name → image name.
GUIDE_IMAGES = Path(__file__).resolve().parents[4] / "docs" / "user-guide" / "images"
GUIDE_SHOTS = {
    "monitoring-dashboard-city-admin": "monitoring-dashboard",
    "monitoring-progress-report": "monitoring-report",
    "pools-enterprise-plan": "pools-enterprise-plan",
    "supervision-detail": "supervision-item",
    "projects-expert-draw": "projects-expert-draw",
}


def login(page: Any, username: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the login page and wait for the home page."""
    page.goto(page.base_url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(page.base_url + "/")


def screenshot(page: Any, name: str) -> Path:
    """Save a full-page screenshot under ``artifacts/screenshots/`` (for people to look at);
    pages the user guide shows are also saved there (``GUIDE_SHOTS``)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    if name in GUIDE_SHOTS:  # the first screen, as a reader of the guide sees it
        GUIDE_IMAGES.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(GUIDE_IMAGES / f"{GUIDE_SHOTS[name]}.png"))
    return path
