"""Fixtures for the browser tests: live servers of both tiers and Chromium pages.

Chromium is Debian's (/usr/bin/chromium), driven by Playwright's sync API; no browser is
ever downloaded. Without Chromium the tests skip with the reason, except under CI (the
CI variable set), where they fail: CI must not skip them. .ci/run sets
PORTAL_SKIP_BROWSER_TESTS for its PostgreSQL pass, since the live servers run on SQLite
anyway and the SQLite pass already ran them.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from . import fonts
from .servers import LiveServers

CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 360, "height": 740}
CSP_MESSAGE = re.compile(r"Content[ -]Security[ -]Policy", re.IGNORECASE)


def unavailable(reason: str):
    """Skip, or fail under CI, where the browser tests must run."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must run the browser tests)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="package")
def chromium_path() -> str:
    if os.environ.get("PORTAL_SKIP_BROWSER_TESTS"):
        pytest.skip("PORTAL_SKIP_BROWSER_TESTS is set (the SQLite pass of .ci/run runs them)")
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)")
    return str(CHROMIUM)


@pytest.fixture(scope="package")
def axe_js(chromium_path) -> Path:
    if not AXE_JS.exists():
        unavailable(f"{AXE_JS} missing: run `npm ci --prefix tests/browser` (make test does)")
    return AXE_JS


@pytest.fixture(scope="package")
def servers(chromium_path, tmp_path_factory):
    if os.environ.get("BROWSER_TESTS_SERVERS"):
        # Servers kept running by `python -m tests.browser.servers FILE`, for quick reruns.
        yield LiveServers.attach(Path(os.environ["BROWSER_TESTS_SERVERS"]))
        return
    live = LiveServers(tmp_path_factory.mktemp("live"))
    try:
        live.start()
        yield live
    finally:
        live.stop()


@pytest.fixture(scope="package")
def playwright(chromium_path):
    from playwright.sync_api import sync_playwright

    # Package scope: Playwright's event loop is gone before the rest of the suite runs.
    with sync_playwright() as playwright:
        yield playwright


def launch(playwright, chromium_path, env=None):
    return playwright.chromium.launch(
        executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS, env=env
    )


@pytest.fixture(scope="package")
def browser(playwright, chromium_path):
    """Chromium with the machine's fonts."""
    browser = launch(playwright, chromium_path)
    yield browser
    browser.close()


@pytest.fixture(scope="package")
def browser_without_cjk_fonts(playwright, chromium_path, tmp_path_factory):
    """Chromium that finds no CJK font, whatever is installed (tests/browser/fonts.py)."""
    env = fonts.env_without_cjk(tmp_path_factory.mktemp("fontconfig"))
    browser = launch(playwright, chromium_path, env=env)
    yield browser
    browser.close()


class PageFactory:
    """Opens pages in fresh browser contexts and remembers CSP violations they report.

    ``bypass_csp=True`` is for the axe checks only (axe is injected as a script);
    every other page runs under the site's real policy.
    """

    def __init__(self, browser, font_setup="system-fonts"):
        self.browser = browser
        self.font_setup = font_setup  # a key of FONT_SETUPS
        self.contexts = []
        self.csp_errors: list[str] = []

    def __call__(self, viewport=DESKTOP, bypass_csp=False, **options):
        context = self.browser.new_context(
            viewport=viewport, bypass_csp=bypass_csp, locale="ja-JP", **options
        )
        context.set_default_timeout(15_000)
        self.contexts.append(context)
        page = context.new_page()
        if not bypass_csp:
            page.on("console", self._console)
        return page

    def _console(self, message):
        if message.type in ("error", "warning") and CSP_MESSAGE.search(message.text):
            self.csp_errors.append(f"{message.location.get('url', '')}: {message.text}")

    def close(self):
        for context in self.contexts:
            context.close()


def page_factory(browser, font_setup="system-fonts"):
    factory = PageFactory(browser, font_setup)
    yield factory
    factory.close()
    assert not factory.csp_errors, "Content Security Policy violations:\n" + "\n".join(
        factory.csp_errors
    )


@pytest.fixture
def new_page(browser):
    yield from page_factory(browser)


# The checks whose outcome could depend on glyph metrics (layout widths, target sizes)
# take new_page_any_fonts: they run with the machine's fonts and without any CJK font.
FONT_SETUPS = {"system-fonts": "browser", "no-cjk-fonts": "browser_without_cjk_fonts"}


@pytest.fixture(params=list(FONT_SETUPS))
def new_page_any_fonts(request):
    yield from page_factory(request.getfixturevalue(FONT_SETUPS[request.param]), request.param)


@pytest.fixture
def page(new_page):
    return new_page()
