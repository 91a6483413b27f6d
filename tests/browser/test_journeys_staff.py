"""What staff do on the staff tier, and what the public then sees.

4. A staff login with password and TOTP, the booking opened in the intake console, and
   the audit entry of that opening.
5. An editor drafts a measure, an approver publishes it through the Wagtail workflow, and
   it appears in the finder and in search on the public tier.
"""

import itertools
import re
import time

import pytest
from playwright.sync_api import expect

from .pages import BOOK_LINK, fill_booking_form, new_booker_email, url
from .servers import ROOT
from .staff import log_in

pytestmark = pytest.mark.browser

CONSOLE = ROOT / "intake" / "console" / "views.py"
SEARCH = ROOT / "search" / "views.py"
_titles = itertools.count(1)

MEASURE_INDEX_ID = (
    "from measures.models import MeasureIndexPage; "
    "print(MeasureIndexPage.objects.get(locale__language_code='ja').pk)"
)


def submit_hidden_action(page, name):
    """Wagtail keeps secondary actions in a dropdown; a click event submits them as a user's."""
    page.locator(f"button[name='{name}']").dispatch_event("click")
    page.wait_for_load_state()


@pytest.fixture(scope="module")
def published_measure(browser, servers):
    """An editor drafts a measure and submits it; an approver approves it (published)."""
    title = f"ブラウザ試験応援金{next(_titles)}号{int(time.time()) % 100000}"
    index_id = servers.manage("shell", "-v", "0", "-c", MEASURE_INDEX_ID).strip()

    editor = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP")
    page = editor.new_page()
    log_in(page, servers, "editor")
    page.goto(f"{servers.staff}/admin/pages/add/measures/measurepage/{index_id}/")
    page.locator("#id_title").fill(title)
    page.locator("#id_provider").fill("若葉市 産業振興課")
    for select in ("provider_level", "kind", "target_size"):
        field = page.locator(f"select#id_{select}")
        if field.count():
            field.select_option(index=1)
    page.locator("#id_summary").fill("ブラウザの試験で作った支援策の概要です。")
    page.locator("#id_eligibility").fill("市内の中小企業。")
    page.locator("#id_how_to_apply").fill("窓口で申請します。")
    page.locator("#id_slug").evaluate(
        "(el) => { el.value = el.value || 'browser-test-' + Date.now(); }"
    )
    submit_hidden_action(page, "action-submit")
    messages = page.locator(".messages")
    expect(messages).to_contain_text(title)
    editor.close()

    approver = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP")
    page = approver.new_page()
    log_in(page, servers, "approver")
    page.goto(f"{servers.staff}/admin/")
    review = page.get_by_role("link", name=title).first
    expect(review).to_be_visible()  # the dashboard lists it under pages awaiting review
    review.click()
    page.wait_for_load_state()
    approve = page.locator("button[data-workflow-action-name='approve']").first
    approve.dispatch_event("click")
    page.wait_for_load_state()
    expect(page.locator(".messages")).to_contain_text(title)
    approver.close()
    return title


def test_admin_widgets_start_under_the_staff_csp(page, servers):
    """Wagtail starts date pickers, inline panels and choosers with inline scripts, which the
    staff CSP blocks; portal/admin_init.py starts them instead.

    The `page` fixture fails the test on any CSP violation the page reports.
    """
    index_id = servers.manage("shell", "-v", "0", "-c", MEASURE_INDEX_ID).strip()
    log_in(page, servers, "editor")
    page.goto(f"{servers.staff}/admin/pages/add/measures/measurepage/{index_id}/")

    picker = page.locator(".xdsoft_datetimepicker:visible")
    expect(picker).to_have_count(0)
    page.locator("#id_application_start").click()
    expect(picker).to_have_count(1)
    picker.locator(".xdsoft_date:not(.xdsoft_disabled)").first.click()
    expect(page.locator("#id_application_start")).to_have_value(re.compile(r"\d{4}-\d{2}-\d{2}"))

    page.locator("#id_purpose_links-ADD").click()
    expect(page.locator("#id_purpose_links-TOTAL_FORMS")).to_have_value("1")
    page.locator("#id_purpose_links-0-purpose-chooser [data-chooser-action-choose]").first.click()
    modal = page.locator(".modal:visible")
    expect(modal).to_have_count(1)
    modal.locator("a[data-chooser-modal-choice]").first.click()
    expect(page.locator("#id_purpose_links-0-purpose")).not_to_have_value("")


def test_approved_measure_appears_in_the_public_finder(page, servers, published_measure):
    page.goto(url(servers, "ja", "/measures/") + "?q=" + published_measure)
    link = page.get_by_role("link", name=published_measure)
    expect(link).to_be_visible()
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(published_measure)


@pytest.mark.skipif(not SEARCH.exists(), reason="page type not merged yet")
def test_approved_measure_appears_in_public_search(page, servers, published_measure):
    page.goto(url(servers, "ja", "/"))
    page.locator("#site-search-q").fill(published_measure)
    page.locator("#site-search-q").press("Enter")
    expect(page.get_by_role("link", name=published_measure).first).to_be_visible()


@pytest.mark.skipif(not CONSOLE.exists(), reason="page type not merged yet")
def test_intake_staff_open_a_booking_in_the_console_and_the_opening_is_audited(
    page, new_page, servers
):
    page.goto(url(servers, "ja", "/schedule/"))
    page.locator(BOOK_LINK).first.click()
    fill_booking_form(page, new_booker_email())
    page.locator("form.booking-form button[type=submit]").click()
    reference = page.locator(".reference").inner_text().strip()

    staff = new_page()
    log_in(staff, servers, "admin")
    staff.goto(f"{servers.staff}/intake/bookings/{reference}/")
    expect(staff.locator("body")).to_contain_text(reference)
    expect(staff.locator("body")).to_contain_text("テスト商店")  # decrypted for verified staff
    staff.goto(f"{servers.staff}/admin/intake-audit/")
    expect(staff.locator("body")).to_contain_text(reference)
