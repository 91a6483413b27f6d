"""A request body declared in another charset than UTF-8 gets a clear 400 on every URL of
both tiers (portal.middleware.RequireUtf8BodyMiddleware), in the user's language."""

from django.test import Client
from django.urls import get_resolver
from django.utils import translation

import pytest

from tests.accounts.urlsamples import iter_url_patterns
from tests.tiers import use_tier

SHIFT_JIS_FORM = "application/x-www-form-urlencoded; charset=shift_jis"
BODY = "name=%83%8F%83J%83o".encode("ascii")  # ワカバ in Shift_JIS, percent-encoded
# Answered before any middleware that reads a body (load balancer probes).
HEALTH_PATHS = {"/healthz", "/readyz"}


def _paths(urlconf: str) -> list[str]:
    # The i18n patterns' prefix follows the active language: walk in both.
    paths = set()
    for language in ("ja", "en"):
        with translation.override(language):
            paths |= {path for path, _pattern in iter_url_patterns(get_resolver(urlconf))}
    return sorted(paths - HEALTH_PATHS)


def _post_everywhere(client, paths, content_type=SHIFT_JIS_FORM):
    statuses = {}
    for path in paths:
        for method in (client.post, client.put, client.patch, client.delete):
            statuses[f"{method.__name__.upper()} {path}"] = method(
                path, BODY, content_type=content_type
            ).status_code
    return statuses


@pytest.mark.django_db
def test_every_public_url_answers_a_shift_jis_body_with_400():
    client = Client(raise_request_exception=False)
    paths = _paths("portal.urls.public")
    assert "/book/1/" in paths and "/en/book/1/" in paths and "/csp-report/" in paths
    statuses = _post_everywhere(client, paths)
    assert statuses == dict.fromkeys(statuses, 400)


@pytest.mark.django_db
def test_every_staff_url_answers_a_shift_jis_body_with_400():
    client = Client(raise_request_exception=False)
    with use_tier("staff"):
        paths = _paths("portal.urls.staff")
        assert len(paths) > 200 and "/account/login/" in paths
        statuses = _post_everywhere(client, paths)
    assert statuses == dict.fromkeys(statuses, 400)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "lang", "title"),
    [
        ("", "ja", "送信された内容を受け付けられませんでした"),
        ("/en", "en", "What was sent could not be accepted"),
    ],
)
@pytest.mark.parametrize(
    "content_type",
    [
        SHIFT_JIS_FORM,
        "application/x-www-form-urlencoded; charset=EUC-JP",
        'multipart/form-data; boundary=b; charset="iso-2022-jp"',
        "text/plain; charset=windows-31j",
        "application/json; charset=latin-1",
    ],
)
def test_the_public_400_page_is_the_sites_own_in_the_users_language(
    demo_site, client, prefix, lang, title, content_type
):
    response = client.post(f"{prefix}/search/", BODY, content_type=content_type)
    html = response.content.decode()
    assert response.status_code == 400
    assert f'<html lang="{lang}">' in html
    assert title in html and 'class="site-header"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "title", "site"),
    [
        ("ja", "送信された内容を受け付けられませんでした", "職員サイト"),
        ("en", "What was sent could not be accepted", "Staff site"),
    ],
)
def test_the_staff_400_page_is_the_staff_error_page(client, language, title, site):
    with use_tier("staff"):
        response = client.post(
            "/account/login/", BODY, content_type=SHIFT_JIS_FORM, HTTP_ACCEPT_LANGUAGE=language
        )
    html = response.content.decode()
    assert response.status_code == 400
    assert title in html and site in html
    assert "site-search" not in html and "/measures/" not in html


@pytest.mark.django_db
def test_a_body_declared_as_utf8_or_without_a_charset_passes(client):
    for content_type in (
        "application/x-www-form-urlencoded",
        "application/x-www-form-urlencoded; charset=UTF-8",
        'application/x-www-form-urlencoded; charset="utf-8"',
    ):
        response = client.post("/search/", b"q=a", content_type=content_type)
        assert response.status_code == 405, content_type  # the search is GET only


@pytest.mark.django_db
def test_a_bad_host_gets_a_plain_400_not_a_500():
    client = Client(raise_request_exception=False, HTTP_HOST="evil.example")
    response = client.get("/")
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


@pytest.mark.django_db
def test_a_shift_jis_body_gets_the_400_page_with_debug_on_too(demo_site, client, settings):
    """`make run` has DEBUG on, where Django's error page would read the body: still 400."""
    settings.DEBUG = True
    response = client.post(
        "/search/",
        data=b"q=%82%A0",
        content_type="application/x-www-form-urlencoded; charset=shift_jis",
    )
    assert response.status_code == 400
    assert "受け付けられませんでした" in response.content.decode()
