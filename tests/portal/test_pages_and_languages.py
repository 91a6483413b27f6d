"""Both tiers and both languages serve what they should, with valid `lang` attributes."""

import re
from io import StringIO

from django.core.management import call_command
from django.test import Client, override_settings

from wagtail.models import Page

import pytest

from tests.tiers import use_tier

PUBLIC_PAGES = ["/", "/privacy/", "/accessibility/", "/about/", "/how-it-works/", "/faq/"]
BCP47 = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def lang_attributes(html: str) -> list[str]:
    return re.findall(r'\slang="([^"]*)"', html)


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PAGES)
@pytest.mark.parametrize("prefix,language", [("", "ja"), ("/en", "en")])
def test_public_tier_serves_home_and_policy_pages_in_both_languages(
    demo_site, client, path, prefix, language
):
    response = client.get(prefix + path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert html.count("<h1") == 1


@pytest.mark.django_db
def test_english_pages_are_wagtail_localize_translations_of_the_japanese_tree(demo_site):
    for page in Page.objects.filter(locale__language_code="ja", depth__gt=1):
        english = page.get_translation_or_none(
            page.locale.__class__.objects.get(language_code="en")
        )
        assert english is not None, page.url_path
        assert english.translation_key == page.translation_key
        assert english.live


@pytest.mark.django_db
def test_english_page_shows_english_ui_strings(demo_site, client):
    html = client.get("/en/privacy/").content.decode()
    assert "Skip to main content" in html
    assert "本文へ移動" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/en/", "/privacy/", "/en/about/", "/no-such-page/"])
def test_every_lang_attribute_is_a_valid_language_tag(demo_site, client, path):
    html = client.get(path).content.decode()
    tags = lang_attributes(html)
    assert tags, "the page declares no language"
    for tag in tags:
        assert BCP47.match(tag), tag
        assert tag in {"ja", "en"}


@pytest.mark.django_db
def test_language_switcher_links_to_the_same_page_in_the_other_language(demo_site, client):
    ja = client.get("/privacy/").content.decode()
    en = client.get("/en/privacy/").content.decode()
    assert 'href="/en/privacy/" hreflang="en"' in ja
    assert 'href="/privacy/" hreflang="ja"' in en


@pytest.mark.django_db
def test_staff_tier_home_sends_an_anonymous_user_to_login(demo_site, client):
    with use_tier("staff"):
        response = client.get("/", follow=True)
    assert response.status_code == 200
    assert "/login/" in response.redirect_chain[-1][0]


@pytest.mark.django_db
def test_loading_the_demo_twice_creates_nothing_new(demo_site):
    from home.models import CenterInfo

    before = (Page.objects.count(), CenterInfo.objects.count())
    with use_tier("staff"):  # as `make demo` runs it
        call_command("load_demo", stdout=StringIO())
    assert (Page.objects.count(), CenterInfo.objects.count()) == before


@pytest.mark.django_db
@pytest.mark.parametrize("prefix,text", [("", "ページが見つかりません"), ("/en", "Page not found")])
def test_404_page_renders_in_the_requests_language(demo_site, client, prefix, text):
    response = client.get(prefix + "/no-such-page/")
    assert response.status_code == 404
    assert text in response.content.decode()


@pytest.mark.django_db
def test_500_page_renders_in_both_languages_without_a_database(demo_site):
    client = Client(raise_request_exception=False)
    with override_settings(ROOT_URLCONF="tests.portal.urls_failing"):
        response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "エラーが発生しました" in html
    assert "An error occurred" in html


@pytest.mark.django_db
def test_403_csrf_failure_explains_what_to_do(demo_site):
    client = Client(enforce_csrf_checks=True)
    with use_tier("staff"):
        response = client.post("/account/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "もう一度お試しください" in response.content.decode()


@pytest.mark.django_db
def test_sitemap_lists_both_languages_with_hreflang_alternates(demo_site, client):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/en/privacy/</loc>" in xml
    assert "/privacy/</loc>" in xml
    assert 'hreflang="en" href="http://127.0.0.1:8000/en/privacy/"' in xml
    assert 'hreflang="ja" href="http://127.0.0.1:8000/privacy/"' in xml


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path,expected",
    [
        ("/schedule/calendar/", 'href="/en/schedule/calendar/" hreflang="en"'),
        ("/schedule/near/?ward=kita", 'href="/en/schedule/near/?ward=kita" hreflang="en"'),
        ("/en/measures/?kind=loan", 'href="/measures/?kind=loan" hreflang="ja"'),
    ],
)
def test_language_switcher_keeps_sub_routes_and_filters(demo_site, client, path, expected):
    html = client.get(path).content.decode()
    assert expected.replace("&", "&amp;") in html
