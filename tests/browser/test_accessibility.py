"""Accessibility of every public page type (and the staff login pages) in a real browser.

axe-core finds no WCAG 2.x A/AA violation; each page has one clear heading structure;
no page reports a Content-Security-Policy violation. The axe results of a complete run
are written to docs/accessibility-results.json, which the ウェブアクセシビリティ方針
page shows (docs/accessibility.md).
"""

import itertools
import os
from datetime import date
from urllib.parse import urlsplit

import pytest

from . import axe
from .conftest import DESKTOP
from .pages import LANGS, PUBLIC_PAGES, STAFF_PAGES, artefact_name, cases, save_screenshot

pytestmark = pytest.mark.browser

HEADING_LEVELS = """() => Array.from(document.querySelectorAll("h1, h2, h3, h4, h5, h6"))
  .filter((h) => h.checkVisibility())
  .map((h) => [Number(h.tagName[1]), h.textContent.trim().slice(0, 60)])"""


@pytest.fixture(scope="package")
def axe_record(chromium_path, axe_js):
    """Collects each page's axe result; a complete, clean run updates the results file."""
    record = {}
    yield record
    # Every page type on this branch, in both languages; the record lists which ran.
    expected = {(p.key, lang) for p in PUBLIC_PAGES + STAFF_PAGES if p.merged for lang in LANGS}
    if set(record) == expected:
        pages = [record[key] for key in sorted(expected)]
        axe.write_results(pages, axe_js, chromium_path, date.today())


def check_axe(new_page, servers, axe_js, axe_record, page_type, lang):
    page = new_page(bypass_csp=True)
    page_type.open(page, servers, lang)
    found = axe.violations(page, axe_js)
    axe_record[(page_type.key, lang)] = {
        "page": page_type.key,
        "label": page_type.label,
        "label_en": page_type.label_en,
        "lang": lang,
        "path": urlsplit(page.url).path,
        "violations": len(found),
    }
    assert not found, f"{page_type.key} ({lang}) {page.url}:\n{axe.describe(found)}"


@pytest.mark.parametrize(("page_type", "lang"), cases(PUBLIC_PAGES))
def test_public_page_has_no_wcag_a_or_aa_violations(
    new_page, servers, axe_js, axe_record, page_type, lang
):
    check_axe(new_page, servers, axe_js, axe_record, page_type, lang)


@pytest.mark.parametrize(("page_type", "lang"), cases(STAFF_PAGES))
def test_staff_login_page_has_no_wcag_a_or_aa_violations(
    new_page, servers, axe_js, axe_record, page_type, lang
):
    check_axe(new_page, servers, axe_js, axe_record, page_type, lang)


@pytest.mark.parametrize(("page_type", "lang"), cases(PUBLIC_PAGES + STAFF_PAGES))
def test_page_has_one_h1_and_no_skipped_heading_levels(new_page, servers, page_type, lang):
    # A normal context: the page runs under its real CSP, and new_page fails on a violation.
    page = new_page(viewport=DESKTOP)
    page_type.open(page, servers, lang)
    headings = page.evaluate(HEADING_LEVELS)
    levels = [level for level, _text in headings]
    assert levels.count(1) == 1, f"{page.url}: h1 count {levels.count(1)}: {headings}"
    assert levels[0] == 1, f"{page.url}: the first heading is not the h1: {headings}"
    skips = [
        (before, after)
        for before, after in itertools.pairwise(headings)
        if after[0] > before[0] + 1
    ]
    assert not skips, f"{page.url}: skipped heading levels: {skips}"
    save_screenshot(page, os.environ.get("SCREENSHOT_DIR"), artefact_name(page_type, lang, "1280"))
