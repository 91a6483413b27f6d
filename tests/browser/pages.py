"""Every public page type, and how a browser reaches it in either language.

To cover a new page type, add a PageType to PUBLIC_PAGES (or STAFF_PAGES): every check
(axe, headings, CSP, mobile layout, HTML validity, screenshots) picks it up.
``feature`` names a file whose presence means the page type is on this branch; while it
is missing, the checks of that page type skip with "page type not merged yet".
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .servers import ROOT

LANGS = ("ja", "en")
PREFIX = {"ja": "", "en": "/en"}
_unique = itertools.count(1)


@dataclass(frozen=True)
class PageType:
    key: str
    label: str  # Japanese, as docs/accessibility.md and the policy page list it
    label_en: str
    open: Callable  # open(page, servers, lang): leave the browser on the page, in the state
    feature: str = ""  # a path in the repository that this page type needs

    @property
    def merged(self) -> bool:
        return not self.feature or (ROOT / self.feature).exists()

    def __str__(self):
        return self.key


def url(servers, lang: str, path: str) -> str:
    return f"{servers.public}{PREFIX[lang]}{path}"


def go(path: str):
    def open_(page, servers, lang):
        response = page.goto(url(servers, lang, path))
        assert response is not None and response.status == 200, (path, response)

    return open_


def follow_first(list_path: str, link_selector: str):
    """Open a list page, then the first link matching ``link_selector`` (as a user would)."""

    def open_(page, servers, lang):
        go(list_path)(page, servers, lang)
        link = page.locator(link_selector).first
        link.click()
        page.wait_for_load_state()

    return open_


def open_not_found(page, servers, lang):
    response = page.goto(url(servers, lang, "/no-such-page-for-the-browser-tests/"))
    assert response is not None and response.status == 404


def open_finder_empty(page, servers, lang):
    go("/measures/?q=zzqqxxjj&status=all")(page, servers, lang)


def open_checker_results(page, servers, lang):
    go("/measures/check/")(page, servers, lang)
    answer_checker(page)
    page.locator("form.checker__form button[type=submit]").click()
    page.wait_for_load_state()


def answer_checker(page):
    page.locator("select[name=industry]").select_option(index=1)
    page.locator("input[name=business_form]").first.check()
    page.locator("input[name=employees]").fill("8")
    page.locator("input[name=sales_decline]").fill("30")


BOOK_LINK = "main a[href*='/book/']"


def open_booking_errors(page, servers, lang):
    follow_first("/schedule/", BOOK_LINK)(page, servers, lang)
    page.locator("form.booking-form button[type=submit]").click()
    page.wait_for_load_state()


def fill_booking_form(page, email: str):
    """A valid booking, typed in by name so it works in either language."""
    page.locator("[name=business_name]").fill("テスト商店")
    page.locator("[name=contact_name]").fill("若葉 花子")
    page.locator("[name=contact_name_kana]").fill("ワカバ ハナコ")
    page.locator("[name=phone]").fill("075-000-0000")
    page.locator("[name=email]").fill(email)
    page.locator("[name=email_confirm]").fill(email)
    for name in ("ward", "industry", "employee_band", "sales_decline_band", "subsidy_status"):
        page.locator(f"select[name={name}]").select_option(index=1)
    page.locator("input[name=topics]").first.check()
    page.locator("[name=consultation]").fill("運転資金の融資について相談したい。")
    page.locator("input[name=consent]").check()


def new_booker_email() -> str:
    return f"booker{next(_unique)}-{id(object())}@example.jp"


def open_confirmation(page, servers, lang):
    follow_first("/schedule/", BOOK_LINK)(page, servers, lang)
    fill_booking_form(page, new_booker_email())
    page.locator("form.booking-form button[type=submit]").click()
    page.wait_for_url("**/book/done/**")


PUBLIC_PAGES = [
    PageType("home", "ホーム", "Home", go("/")),
    PageType(
        "content", "コンテンツページ（アクセシビリティ方針）", "Content page", go("/accessibility/")
    ),
    PageType(
        "finder",
        "支援策をさがす（結果あり）",
        "Finder with results",
        go("/measures/?status=all"),
        "measures/views/finder.py",
    ),
    PageType(
        "finder_empty",
        "支援策をさがす（結果なし）",
        "Finder without results",
        open_finder_empty,
        "measures/views/finder.py",
    ),
    PageType(
        "measure",
        "支援策のページ",
        "Measure page",
        follow_first("/measures/?status=all", "main article h3 a"),
        "measures/views/finder.py",
    ),
    PageType(
        "checker",
        "あなたに合う支援策（質問）",
        "Checker",
        go("/measures/check/"),
        "measures/views/checker.py",
    ),
    PageType(
        "checker_results",
        "あなたに合う支援策（結果）",
        "Checker results",
        open_checker_results,
        "measures/views/checker.py",
    ),
    PageType("schedule", "巡回相談の日程", "Schedule", go("/schedule/")),
    PageType(
        "calendar", "巡回相談の日程（カレンダー）", "Schedule calendar", go("/schedule/calendar/")
    ),
    PageType("near", "お近くの相談会", "Sessions near you", go("/schedule/near/?ward=kita")),
    PageType(
        "session",
        "相談会のページ",
        "Session page",
        follow_first("/schedule/", "main a[href*='/schedule/sessions/']"),
    ),
    PageType(
        "venue",
        "会場のページ",
        "Venue page",
        follow_first("/schedule/", "main a[href*='/schedule/venues/']"),
    ),
    PageType(
        "booking_errors",
        "予約フォーム（エラー表示）",
        "Booking form with errors",
        open_booking_errors,
        "intake/templates/intake/book_form.html",
    ),
    PageType(
        "confirmation",
        "予約の確認",
        "Booking confirmation",
        open_confirmation,
        "intake/templates/intake/book_done.html",
    ),
    PageType(
        "search",
        "サイト内検索の結果",
        "Search results",
        go("/search/?q=%E8%A3%9C%E5%8A%A9%E9%87%91"),
        "search/views.py",
    ),
    PageType("not_found", "エラーページ（404）", "Error page (404)", open_not_found),
]


def open_staff(path: str):
    def open_(page, servers, lang):
        response = page.goto(f"{servers.staff}{path}")
        assert response is not None and response.status == 200, (path, response)

    return open_


def open_enrolment(page, servers, lang):
    """The enrolment page, reached the way a new staff member reaches it: a first login."""
    from .staff import log_in_without_device

    log_in_without_device(page, servers)


STAFF_PAGES = [
    PageType("staff_login", "職員ログイン", "Staff login", open_staff("/account/login/")),
    PageType("staff_enrolment", "2段階認証の登録", "Two-factor enrolment", open_enrolment),
]


def cases(pages=PUBLIC_PAGES, langs=LANGS):
    """pytest parameters: one per page type and language."""
    import pytest

    return [
        pytest.param(
            page_type,
            lang,
            id=f"{page_type.key}-{lang}",
            marks=[] if page_type.merged else [pytest.mark.skip(reason="page type not merged yet")],
        )
        for page_type in pages
        for lang in langs
    ]


def artefact_name(page_type: PageType, lang: str, suffix: str) -> str:
    return f"{page_type.key}-{lang}-{suffix}"


def save_screenshot(page, directory: str | None, name: str) -> None:
    if directory:
        Path(directory).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(directory) / f"{name}.png"), full_page=True)
