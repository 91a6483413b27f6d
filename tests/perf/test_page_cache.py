"""The public page cache: hits, what is never cached, headers and nonces."""

import re

import pytest

from measures.models import MeasurePage
from portal.pagecache import middleware, store

pytestmark = pytest.mark.django_db


def measure(source_id, language="ja"):
    return MeasurePage.objects.get(source_id=source_id, locale__language_code=language)


def state(response):
    return response["X-Page-Cache"]


def nonce_of(html):
    match = re.search(r'nonce="([^"]+)"', html)
    return match.group(1) if match else None


def test_a_hit_makes_zero_database_queries(
    demo_site, page_cache, client, django_assert_num_queries
):
    url = measure("d001").url
    first = client.get(url)
    assert state(first) == "miss"
    with django_assert_num_queries(0):
        second = client.get(url)
    assert state(second) == "hit"
    assert second.status_code == 200
    strip = lambda r: re.sub(r'nonce="[^"]+"', "", r.content.decode())  # noqa: E731
    assert strip(second) == strip(first)


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/en/",
        "/measures/",
        "/en/measures/",
        "/about/",
        "/measures/check/",
        "/feeds/measures/",
        "/api/measures/",
        "/sitemap.xml",
    ],
)
def test_each_cacheable_public_url_hits_without_queries(
    demo_site, page_cache, client, django_assert_num_queries, url
):
    assert state(client.get(url)) == "miss"
    with django_assert_num_queries(0):
        assert state(client.get(url)) == "hit"


def test_a_hit_gets_a_fresh_csp_nonce_matching_its_header(demo_site, page_cache, client):
    url = measure("d001").url
    first, second = client.get(url), client.get(url)
    assert state(second) == "hit"
    nonce1, nonce2 = nonce_of(first.content.decode()), nonce_of(second.content.decode())
    assert nonce1 and nonce2 and nonce1 != nonce2
    assert f"'nonce-{nonce2}'" in second["Content-Security-Policy"]
    assert nonce1 not in second["Content-Security-Policy"]


def test_head_is_served_from_the_cache_without_a_body(demo_site, page_cache, client):
    client.get("/measures/")
    response = client.head("/measures/")
    assert state(response) == "hit" and response.content == b""


def test_cacheable_responses_carry_s_maxage_for_a_cdn(demo_site, page_cache, client):
    for response in (client.get("/measures/"), client.get("/measures/")):
        control = response["Cache-Control"]
        assert "public" in control and "s-maxage=" in control and "stale-if-error=" in control
        s_maxage = int(re.search(r"s-maxage=(\d+)", control).group(1))
        assert 0 < s_maxage <= min(300, middleware.seconds_to_midnight())


def test_finder_facet_urls_are_cached_in_a_canonical_order(demo_site, page_cache, client):
    assert state(client.get("/measures/?kind=subsidy&status=all")) == "miss"
    assert state(client.get("/measures/?status=all&kind=subsidy")) == "hit"


@pytest.mark.parametrize(
    "url",
    [
        "/measures/?q=家賃",  # free text
        "/measures/?employees=12",  # a fact about the reader's business
        "/measures/?kind=not-a-kind",
        "/measures/check/?industry=retail&employees=3&business_form=corporation",
        "/about/?utm_source=x",
        "/search/?q=補助金",
        "/schedule/",  # live seat counts
        "/en/schedule/",
    ],
)
def test_never_cached(demo_site, page_cache, client, url):
    client.get(url)
    response = client.get(url)
    assert state(response) == "bypass"


def test_checker_answers_are_no_store_and_leave_nothing_in_the_cache(demo_site, page_cache, client):
    response = client.get("/measures/check/?industry=retail&employees=3&business_form=corporation")
    assert "no-store" in response["Cache-Control"]
    assert store.cache()._cache == {} or all(
        b"retail" not in repr(v).encode() for v in store.cache()._cache.values()
    )


def test_requests_with_a_session_cookie_or_a_post_bypass(demo_site, page_cache, client, settings):
    client.get("/measures/")
    client.cookies[settings.SESSION_COOKIE_NAME] = "whatever"
    assert state(client.get("/measures/")) == "bypass"
    del client.cookies[settings.SESSION_COOKIE_NAME]
    assert state(client.post("/measures/")) == "bypass"
    assert state(client.get("/measures/")) == "hit"


def test_disabled_cache_neither_looks_up_nor_stores(demo_site, page_cache, client, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/measures/")
    assert "X-Page-Cache" not in client.get("/measures/")


class _Response:
    def __init__(self, status=200, cookies=None, headers=None, streaming=False):
        self.status_code = status
        self.cookies = cookies or {}
        self.streaming = streaming
        self._headers = headers or {}

    def get(self, name, default=None):
        return self._headers.get(name, default)


class _Request:
    method = "GET"

    def __init__(self, **meta):
        self.META = meta


@pytest.mark.parametrize(
    "response, meta",
    [
        (_Response(cookies={"portal_csrftoken": "x"}), {}),
        (_Response(), {"CSRF_COOKIE_NEEDS_UPDATE": True}),
        (_Response(headers={"Cache-Control": "private"}), {}),
        (
            _Response(headers={"Cache-Control": "max-age=0, no-cache, no-store, must-revalidate"}),
            {},
        ),
        (_Response(status=404), {}),
        (_Response(status=301), {}),
        (_Response(status=500), {}),
        (_Response(streaming=True), {}),
        (_Response(headers={"Vary": "*"}), {}),
    ],
)
def test_responses_with_cookies_csrf_tokens_private_or_errors_are_not_storable(response, meta):
    assert not middleware.storable(_Request(**meta), response)
    assert middleware.storable(_Request(), _Response())


def test_a_render_that_started_before_a_bump_is_not_stored(page_cache):
    import time

    started = time.time()
    store.bump({"p:x"})
    entry = store.CachedResponse(200, [], b"old", None)
    assert not store.store("k", entry, {"p:x"}, started, 60)
    assert store.lookup("k") is None
    later = time.time() + 2
    assert store.store("k", entry, {"p:x"}, later, 60)
    assert store.lookup("k") is not None
    store.bump({"p:x"})
    assert store.lookup("k") is None


def test_a_lost_tag_key_never_revives_an_old_entry(page_cache):
    entry = store.CachedResponse(200, [], b"old", None)
    assert store.store("k", entry, {"p:y"}, 1000.0, 60)
    store.cache().delete(store.tag_key("p:y"))
    assert store.lookup("k") is None
    assert store.store("k2", store.CachedResponse(200, [], b"new", None), {"p:y"}, 2000.0, 60)
    assert store.lookup("k") is None
