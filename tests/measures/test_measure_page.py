"""A measure page: structured facts, computed status, JSON-LD, booking link, English."""

import json
import re
from datetime import timedelta

import pytest

from measures.models import MeasurePage
from measures.rules.status import local_today


def measure(source_id, language="ja"):
    return MeasurePage.objects.get(source_id=source_id, locale__language_code=language)


def json_ld(html):
    match = re.search(
        r'<script type="application/ld\+json" nonce="[^"]+">(.*?)</script>', html, re.S
    )
    assert match, "no JSON-LD script with a nonce"
    return json.loads(match.group(1))


@pytest.mark.django_db
def test_measure_page_shows_structured_facts_and_booking_link(demo_site, client):
    page = measure("d001")
    html = client.get(page.url).content.decode()
    assert html.count("<h1") == 1
    assert "相談を予約する" in html and 'href="/schedule/"' in html
    assert "500,000円" in html
    assert page.status_badge["label"] in html
    for heading in ("概要", "対象となる方", "申請の方法", "必要な書類", "更新履歴", "最終更新日"):
        assert heading in html
    assert "measures/measures.css" in html


@pytest.mark.django_db
def test_json_ld_is_valid_schema_org(demo_site, client):
    page = measure("d001")
    data = json_ld(client.get(page.url).content.decode())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "GovernmentService"
    assert data["name"] == page.title
    assert data["provider"]["name"] == "若葉市"
    assert data["offers"]["validThrough"] == page.application_end.isoformat()


@pytest.mark.django_db
def test_closed_measure_stays_readable_and_is_marked(demo_site, client):
    closed = next(
        p for p in MeasurePage.objects.live().filter(locale__language_code="ja") if p.is_closed
    )
    response = client.get(closed.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "この支援策の受付は終了しました。" in html
    assert "募集終了" in html


@pytest.mark.django_db
def test_status_follows_the_dates_without_saving(demo_site, client):
    page = measure("d001")
    page.application_end = local_today() - timedelta(days=1)
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "この支援策の受付は終了しました。" in html


@pytest.mark.django_db
def test_english_page_is_fully_english(demo_site, client):
    english = measure("d006", "en")
    html = client.get(english.url).content.decode()
    assert '<html lang="en">' in html
    assert "Book a consultation" in html
    assert "Up to 1.2% a year" in html
    assert not re.search(r"[\u3040-\u30ff]", html.split("<main", 1)[1].split("</main>")[0])


@pytest.mark.django_db
def test_english_finder_lists_only_translated_measures_and_says_how_many_are_not(demo_site, client):
    index = MeasurePage.objects.get(source_id="d001", locale__language_code="ja").get_parent()
    from tests.measures.factories import MeasurePageFactory

    MeasurePageFactory(parent=index.specific, title="日本語だけの支援策")
    html = client.get("/en/measures/?status=all").content.decode()
    assert "日本語だけの支援策" not in html
    assert "1 measure is available in Japanese only" in html
    assert 'href="/measures/" hreflang="ja"' in html
    assert "26 measures" in html


@pytest.mark.django_db
def test_english_finder_translates_taxonomy_labels(demo_site, client):
    html = client.get("/en/measures/").content.decode()
    for label in ("Subsidy", "Loan", "Digitalisation", "Manufacturing", "Accepting applications"):
        assert label in html


def test_search_fields_cover_the_texts_people_search():
    names = {field.field_name for field in MeasurePage.search_fields}
    assert {"title", "short_title", "summary", "eligibility", "provider", "how_to_apply"} <= names
