"""The two font setups of the font-sensitive checks (tests/browser/fonts.py) are real.

Without CJK fonts, Chromium draws the site's Japanese with no CJK font at all; with the
machine's fonts, it draws it with a CJK font whenever one is installed (on CI, Noto
Sans CJK, which .ci/run installs). So test_mobile.py's second run tests a different
rendering, not the same one twice.
"""

import shutil

import pytest

from . import fonts
from .pages import go

pytestmark = pytest.mark.browser

# The site's own font stack and Japanese text: the page title and the schedule's tabs.
JAPANESE_TEXT = ["main h1", ".schedule-nav a"]


def open_schedule(browser, servers):
    page = browser.new_page(locale="ja-JP")
    go("/schedule/")(page, servers, "ja")
    return page


def test_the_fontconfig_without_cjk_offers_no_cjk_font(tmp_path):
    if shutil.which("fc-list") is None:
        pytest.skip("fc-list (fontconfig) not found")
    assert fonts.cjk_families(fonts.env_without_cjk(tmp_path)) == set()


def test_chromium_without_cjk_fonts_draws_japanese_with_no_cjk_font(
    browser_without_cjk_fonts, servers
):
    page = open_schedule(browser_without_cjk_fonts, servers)
    installed = fonts.cjk_families()
    for selector in JAPANESE_TEXT:
        used = fonts.rendering_fonts(page, selector)
        assert used, f"{selector}: no font reported"
        assert not set(used) & installed, f"{selector} drawn with a CJK font: {used}"
    page.close()


def test_chromium_with_the_machines_fonts_draws_japanese_with_a_cjk_font(browser, servers):
    installed = fonts.cjk_families()
    if not installed:
        pytest.skip("no CJK font installed here: both setups render alike (CI has Noto CJK)")
    page = open_schedule(browser, servers)
    for selector in JAPANESE_TEXT:
        used = fonts.rendering_fonts(page, selector)
        assert set(used) & installed, f"{selector} drawn without a CJK font: {used}"
    page.close()
