"""Real-browser tests: Playwright driving the system's Chromium (never a downloaded one).

Without a Chromium these tests are skipped, and the run says so plainly at the end.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from keten.config import env

CHROMIUM = env.get("KETEN_CHROMIUM")
AXE = Path(__file__).with_name("axe.min.js").read_text(encoding="utf-8")
HAVE_CHROMIUM = Path(CHROMIUM).exists()
# Playwright's sync API runs an event loop in this thread; the Django calls the tests make
# themselves (creating demo data) are ordinary synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).parent == here:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group("browser"))
            if not HAVE_CHROMIUM:
                item.add_marker(pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}: browser tests skipped"))


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.csp_violations = []
    page.on("console", lambda msg: "Content Security Policy" in msg.text and page.csp_violations.append(msg.text))
    yield page
    context.close()


def axe_violations(page, impacts=("serious", "critical")) -> list[str]:
    """Run axe-core (WCAG 2.1 A and AA rules) on the page; describe violations of the given impact."""
    # A click that navigates returns before the new document has loaded; axe needs the whole page.
    page.wait_for_load_state("load")
    page.evaluate(AXE + "\n;0")
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
               values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in impacts
    ]
