"""What a business owner does on the public site, asserted on what they see.

1. Find a measure from the home page through the finder's facets, and open it.
2. Answer the checker and see matching measures with their reasons.
3. Find a session near a ward, book a slot, see the reference, cancel from the email.
6. The booking journey with the keyboard alone, the focus visible throughout.
"""

import re

import pytest
from playwright.sync_api import expect

from .pages import BOOK_LINK, fill_booking_form, new_booker_email, url
from .servers import ROOT

pytestmark = pytest.mark.browser

BOOKING = ROOT / "intake" / "templates" / "intake" / "book_form.html"
needs_booking = pytest.mark.skipif(not BOOKING.exists(), reason="page type not merged yet")
REFERENCE = re.compile(r"[0-9A-Z]{3,}-[0-9A-Z]{4,}")

TEXT = {
    "finder": {"ja": "支援策をさがす", "en": "Find support measures"},
    "kind": {"ja": "支援の種類", "en": "Kind of support"},
    "apply": {"ja": "この条件で表示", "en": "Apply filters"},
    "checker": {"ja": "あなたに合う支援策", "en": "Measures that fit you"},
    "show_fits": {"ja": "合う支援策を表示", "en": "Show measures that fit"},
    "why": {"ja": "合う理由", "en": "Why it fits"},
    "near": {"ja": "お近くの相談会", "en": "Sessions near you"},
    "find_nearest": {"ja": "近い順に探す", "en": "Find the nearest"},
    "schedule": {"ja": "巡回相談の日程・予約", "en": None},
    "booked": {"ja": "予約を受け付けました", "en": None},
    "cancel_title": {"ja": "予約のキャンセル", "en": None},
    "cancel_button": {"ja": "予約をキャンセルする", "en": None},
    "cancelled": {"ja": "予約はキャンセルされました", "en": None},
}


def text(key, lang):
    return TEXT[key][lang]


def h1(page):
    return page.get_by_role("heading", level=1)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_owner_finds_a_measure_from_home_through_finder_facets(page, servers, lang):
    page.goto(url(servers, lang, "/"))
    page.locator("main").get_by_role("link", name=text("finder", lang)).first.click()
    expect(h1(page)).to_be_visible()

    kind = page.locator("fieldset", has=page.locator("legend", has_text=text("kind", lang)))
    option = kind.locator("label").filter(has_not_text=re.compile(r"\(0\)")).first
    kind_label = re.sub(r"\s*\(\d+\)\s*$", "", option.inner_text()).strip()
    option.locator("input").check()
    page.get_by_role("button", name=text("apply", lang)).click()

    assert "kind=" in page.url  # the filter lives in the shareable query string
    expect(kind.get_by_label(kind_label, exact=False).first).to_be_checked()
    cards = page.locator("main article")
    expect(cards.first).to_be_visible()
    for index in range(cards.count()):
        expect(cards.nth(index)).to_contain_text(kind_label)

    first = cards.first.get_by_role("link").first
    title = first.inner_text().strip()
    first.click()
    expect(h1(page)).to_have_text(title)
    expect(page.locator("main")).to_contain_text(kind_label)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_owner_answers_the_checker_and_sees_matches_with_reasons(page, servers, lang):
    page.goto(url(servers, lang, "/"))
    page.locator("main").get_by_role("link", name=text("checker", lang)).first.click()
    expect(h1(page)).to_have_text(text("checker", lang))

    page.locator("select[name=industry]").select_option(index=1)
    page.locator("input[name=business_form]").first.check()
    page.locator("input[name=employees]").fill("8")
    page.locator("input[name=sales_decline]").fill("50")
    page.get_by_role("button", name=text("show_fits", lang)).click()

    assert "employees=8" in page.url  # answers travel as GET parameters only
    matches = page.locator("main article.checker__item:not(.checker__item--near)")
    expect(matches.first).to_be_visible()
    first = matches.first
    expect(first.get_by_role("link")).to_be_visible()
    expect(first).to_contain_text(text("why", lang))
    expect(first.locator("li").first).not_to_be_empty()
    # The answers are still shown, so the owner can change one and try again.
    expect(page.locator("input[name=employees]")).to_have_value("8")


def cancel_link(servers, email) -> str:
    mails = servers.mails_to(email)
    assert mails, f"no mail to {email} in {servers.mail_dir}"
    body = mails[-1].get_body(preferencelist=("plain",)).get_content()
    links = re.findall(r"https?://\S+/book/cancel/\S+", body)
    assert links, body
    return links[0]


@needs_booking
def test_owner_books_near_their_ward_and_cancels_from_the_email(page, servers):
    lang = "ja"
    page.goto(url(servers, lang, "/"))
    page.locator("header").get_by_role("link", name=text("schedule", lang)).click()
    page.get_by_role("link", name=text("near", lang)).first.click()
    page.locator("select[name=ward]").select_option(index=2)
    ward = page.locator("select[name=ward] option:checked").inner_text().strip()
    page.get_by_role("button", name=text("find_nearest", lang)).click()
    expect(page.get_by_role("heading", level=2).first).to_contain_text(ward)

    page.locator(BOOK_LINK).first.click()
    email = new_booker_email()
    fill_booking_form(page, email)
    page.locator("form.booking-form button[type=submit]").click()

    expect(h1(page)).to_have_text(text("booked", lang))
    reference = page.locator(".reference").inner_text().strip()
    assert REFERENCE.fullmatch(reference), reference
    # The confirmation shows none of what was typed.
    expect(page.locator("main")).not_to_contain_text("テスト商店")
    expect(page.locator("main")).not_to_contain_text(email)

    mail = servers.mails_to(email)[-1]
    assert reference in mail.get_body(preferencelist=("plain",)).get_content()
    page.goto(cancel_link(servers, email))
    expect(h1(page)).to_have_text(text("cancel_title", lang))
    expect(page.locator("main")).to_contain_text(reference)
    page.get_by_role("button", name=text("cancel_button", lang)).click()
    expect(h1(page)).to_have_text(text("cancelled", lang))
    expect(page.locator("main")).to_contain_text(reference)


# Focus indicator: outline or box-shadow of the focused element, compared with the same
# element unfocused (blur, read, focus again: sequential navigation goes on from it).
FOCUS_STYLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const look = () => {
    const s = getComputedStyle(el);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join("|");
  };
  const focused = look();
  const visible = el.matches(":focus-visible");
  el.blur();
  const unfocused = look();
  el.focus();
  const r = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(), name: el.getAttribute("name") || "",
    text: (el.innerText || el.value || "").trim().slice(0, 40),
    href: el.getAttribute("href") || "", type: el.getAttribute("type") || "",
    form: el.form ? el.form.className : "",
    visible, changed: focused !== unfocused, focused, width: r.width, height: r.height,
  };
}"""


class Keyboard:
    """Tab, Enter and Space (and typing into fields), checking each focus stop."""

    def __init__(self, page):
        self.page = page
        self.stops = []

    def tab(self):
        self.page.keyboard.press("Tab")
        focus = self.page.evaluate(FOCUS_STYLE)
        assert focus is not None, "Tab left the focus nowhere"
        self.stops.append(focus)
        assert focus["visible"] and focus["changed"], f"no visible focus indicator: {focus}"
        return focus

    def tab_until(self, matches, limit=250):
        for _ in range(limit):
            focus = self.tab()
            if matches(focus):
                return focus
        raise AssertionError(f"not reached with {limit} Tabs; last stops: {self.stops[-5:]}")


@needs_booking
def test_booking_with_the_keyboard_alone_keeps_the_focus_visible(page, servers):
    page.goto(url(servers, "ja", "/schedule/"))
    keys = Keyboard(page)
    keys.tab_until(lambda f: "/book/" in f["href"])
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/book/\d+/$"))

    email = new_booker_email()
    values = {
        "business_name": "テスト商店",
        "contact_name": "若葉 花子",
        "contact_name_kana": "ワカバ ハナコ",
        "phone": "075-000-0000",
        "email": email,
        "email_confirm": email,
        "consultation": "運転資金の融資について相談したい。",
    }
    topic_checked = False
    while True:
        focus = keys.tab()
        name = focus["name"]
        if name in values:
            page.keyboard.type(values.pop(name))
        elif focus["tag"] == "select":
            page.keyboard.press("ArrowDown")  # a closed select takes the next option
        elif name == "topics" and not topic_checked:
            page.keyboard.press("Space")
            topic_checked = True
        elif name == "consent":
            page.keyboard.press("Space")
        elif focus["type"] == "submit" and "booking-form" in focus["form"]:
            break
    assert not values, f"fields never reached by Tab: {sorted(values)}"
    page.keyboard.press("Enter")

    expect(h1(page)).to_have_text(text("booked", "ja"))
    assert REFERENCE.fullmatch(page.locator(".reference").inner_text().strip())
