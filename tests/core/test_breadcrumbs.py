"""Breadcrumbs: built one way (core/breadcrumbs.py), shown by one tag, on every kind of page."""

import html as html_lib
import re
from pathlib import Path

from django.conf import settings

from wagtail.models import Page

import pytest

from schedule.models import SchedulePage, TouringSession, Venue
from tests.intake.booking_pages import book_url
from tests.intake.factories import open_slot

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
NAV_RE = re.compile(r'<nav class="breadcrumbs container"[^>]*>(.*?)</nav>', re.S)
ITEM_RE = re.compile(
    r'<li>(?:<a href="([^"]*)">([^<]*)</a>|<span aria-current="page">([^<]*)</span>)</li>'
)


def trail_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    navs = NAV_RE.findall(response.content.decode())
    assert len(navs) <= 1, url
    if not navs:
        return []
    return [
        (html_lib.unescape(linked or current), html_lib.unescape(href) if linked else None)
        for href, linked, current in ITEM_RE.findall(navs[0])
    ]


def ancestors(page):
    return [(a.title, a.url) for a in page.get_ancestors().filter(depth__gt=1).specific()]


def expected_trail(page, *, current=None):
    if current is None:
        return [*ancestors(page), (page.title, None)]
    return [*ancestors(page), (page.title, page.url), (current, None)]


def test_every_live_page_shows_its_ancestors_below_the_locale_root_then_itself(demo_site, client):
    pages = [p for p in Page.objects.live().filter(depth__gt=2).specific() if p.url]
    assert len(pages) > 5
    for page in pages:
        assert trail_of(client, page.url) == expected_trail(page), page.url


def test_schedule_sub_routes_link_the_schedule_page_and_end_with_where_the_reader_is(
    demo_site, client
):
    schedule = SchedulePage.objects.live().get(locale__language_code="ja")
    venue = Venue.objects.get(slug="kita-ward-office", locale__language_code="ja")
    session = TouringSession.objects.filter(venue=venue).first()
    for url, title in [
        (f"/schedule/venues/{venue.slug}/", venue.name),
        ("/schedule/near/?ward=kita", "お近くの相談会"),
        (f"/schedule/sessions/{session.pk}/", None),
        ("/schedule/calendar/", None),
    ]:
        trail = trail_of(client, url)
        assert trail[:-1] == [*ancestors(schedule), (schedule.title, schedule.url)], url
        assert trail[-1][1] is None and trail[-1][0], url
        if title:
            assert trail[-1][0] == title, url


def test_the_checker_is_under_the_measure_index(demo_site, client):
    trail = trail_of(client, "/measures/check/")
    index = Page.objects.live().get(url_path__endswith="/measures/", locale__language_code="ja")
    assert trail == expected_trail(index.specific, current="あなたに合う支援策")


def test_views_outside_the_page_tree_show_their_own_trail(demo_site, client):
    assert trail_of(client, "/search/?q=家賃") == [("ホーム", "/"), ("サイト内検索", None)]
    assert trail_of(client, book_url(open_slot())) == [
        ("巡回相談の日程・予約", "/schedule/"),
        ("予約", None),
    ]


def test_templates_render_breadcrumbs_only_through_the_tag():
    templates = [
        path
        for top in ROOT.iterdir()
        if top.is_dir() and not top.name.startswith(".") and top.name not in ("var", "tests")
        for path in top.glob("**/*.html")
    ]
    assert len(templates) > 50
    offenders = [
        str(path.relative_to(ROOT))
        for path in templates
        if "components/breadcrumbs.html" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
