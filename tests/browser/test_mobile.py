"""At 360 CSS pixels wide, no public page scrolls sideways and the main controls are
at least 24×24 CSS pixels (WCAG 2.2 target size, minimum)."""

import os

import pytest

from .conftest import MOBILE
from .pages import PUBLIC_PAGES, artefact_name, cases, go, save_screenshot

pytestmark = pytest.mark.browser

# Controls rather than links inside running text (which WCAG 2.5.8 exempts): buttons,
# form fields, button-styled links, and the links of the header, navigation and footer.
SMALL_TARGETS = """(minimum) => {
  const selector = [
    "button", "input:not([type=hidden])", "select", "textarea", "summary",
    "a.button", "[role=button]", ".site-header a", "nav a", ".site-footer a",
  ].join(", ");
  return Array.from(document.querySelectorAll(selector))
    .filter((el) => el.checkVisibility() && !el.closest("[aria-hidden=true]"))
    .map((el) => [el, el.getBoundingClientRect()])
    // Visually hidden until focused (skip links, screen-reader text): 1px boxes.
    .filter(([el, r]) => r.width > 1 && r.height > 1)
    .filter(([el, r]) => r.width < minimum || r.height < minimum)
    .map(([el, r]) => `${Math.round(r.width)}x${Math.round(r.height)} `
      + el.outerHTML.slice(0, 120));
}"""


@pytest.mark.parametrize(("page_type", "lang"), cases(PUBLIC_PAGES))
def test_page_fits_360px_without_horizontal_scrolling_and_targets_are_24px(
    new_page_any_fonts, servers, page_type, lang
):
    # Twice: with the machine's fonts and with no CJK font (tests/browser/fonts.py).
    page = new_page_any_fonts(viewport=MOBILE)
    page_type.open(page, servers, lang)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= MOBILE["width"], f"{page.url}: scrollWidth {width} at 360px"
    small = page.evaluate(SMALL_TARGETS, 24)
    assert not small, f"{page.url}: targets under 24×24 px:\n" + "\n".join(small)
    suffix = "360" if new_page_any_fonts.font_setup == "system-fonts" else "360-no-cjk-fonts"
    save_screenshot(page, os.environ.get("SCREENSHOT_DIR"), artefact_name(page_type, lang, suffix))


# The glyphs of 一覧 are 32px wide in Noto Sans CJK and 19px in a fallback font: the tabs'
# box must reach the target size on its own. Shrinking the text to nothing stands in for
# the narrowest font there is, so the test holds whichever fonts are installed.
# (Set through the CSSOM: the Content-Security-Policy refuses an injected <style>.)
TAB_SIZES_WITHOUT_TEXT_WIDTH = """() => Array
  .from(document.querySelectorAll(".schedule-nav a, .month-nav a"))
  .map((el) => { el.style.setProperty("font-size", "1px", "important"); return el; })
  .map((el) => [el.textContent.trim(), el.getBoundingClientRect()])
  .map(([text, r]) => [text, Math.floor(r.width), Math.floor(r.height)])"""


@pytest.mark.parametrize("path", ["/schedule/", "/schedule/calendar/"])
def test_schedule_tabs_are_24px_whatever_font_renders_them(new_page, servers, path):
    page = new_page(viewport=MOBILE)
    go(path)(page, servers, "ja")
    sizes = page.evaluate(TAB_SIZES_WITHOUT_TEXT_WIDTH)
    assert any(text == "一覧" for text, _w, _h in sizes)
    small = [(text, w, h) for text, w, h in sizes if w < 24 or h < 24]
    assert small == []
