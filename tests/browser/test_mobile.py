"""At 360 CSS pixels wide, no public page scrolls sideways and the main controls are
at least 24×24 CSS pixels (WCAG 2.2 target size, minimum)."""

import os

import pytest

from .conftest import MOBILE
from .pages import PUBLIC_PAGES, artefact_name, cases, save_screenshot

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
    new_page, servers, page_type, lang
):
    page = new_page(viewport=MOBILE)
    page_type.open(page, servers, lang)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= MOBILE["width"], f"{page.url}: scrollWidth {width} at 360px"
    small = page.evaluate(SMALL_TARGETS, 24)
    assert not small, f"{page.url}: targets under 24×24 px:\n" + "\n".join(small)
    save_screenshot(page, os.environ.get("SCREENSHOT_DIR"), artefact_name(page_type, lang, "360"))
