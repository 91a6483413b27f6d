"""Each tier has its own cache; the shared page cache holds JSON only and the staff tier
never reads it (issue 13, docs/deploy.md "Caches").

Runs on a real Redis (database 13, flushed before and after each test) with the cache
layout of production: the public and the staff tier each get their own ``default``
prefix, and the page cache its own, with the JSON serializer. Skipped when Redis is
not running on 127.0.0.1:6379.
"""

import json
import pickle
from contextlib import contextmanager

from django.test import override_settings
from django.urls import clear_url_caches

from wagtail.models import Page, Site

import pytest

from home.models import CenterInfo
from portal.pagecache import store, tiercache
from portal.settings import tiers
from search.models import SynonymGroup

REDIS_URL = "redis://127.0.0.1:6379/13"
PREFIXES = {"public": "test-public", "staff": "test-staff", "pages": "test-pages"}

pytestmark = pytest.mark.django_db


JSON_SERIALIZER = "portal.pagecache.serializers.JSONSerializer"
PICKLE_SERIALIZER = "django.core.cache.backends.redis.RedisSerializer"


def caches_for(tier: str, page_serializer: str = JSON_SERIALIZER) -> dict:
    """The production layout (portal/settings/env/production.py) on Redis database 13."""
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": PREFIXES[tier],
            "KEY_FUNCTION": "portal.pagecache.tiercache.make_key",
        },
        "ratelimit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pagecache": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": PREFIXES["pages"],
            "OPTIONS": {"serializer": page_serializer},
        },
    }


@contextmanager
def tier(name: str, page_serializer: str = JSON_SERIALIZER):
    """One tier's settings and caches, as its own process would have them."""
    with override_settings(**getattr(tiers, name)(), CACHES=caches_for(name, page_serializer)):
        clear_url_caches()
        try:
            yield
        finally:
            clear_url_caches()


@pytest.fixture
def redis_db(settings):
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    client.flushdb()
    settings.PAGE_CACHE_ENABLED = True
    yield client
    client.flushdb()
    client.close()


def raw_keys(client, prefix: str) -> list[bytes]:
    return sorted(client.scan_iter(match=f"{prefix}:*"))


# A planted pickle that records its own unpickling.
UNPICKLED = []


def _record_unpickling():
    UNPICKLED.append(True)
    return "planted"


class Planted:
    def __reduce__(self):
        return (_record_unpickling, ())


PLANTED = pickle.dumps(Planted())


def home_page():
    return Site.objects.get(is_default_site=True).root_page.specific


def about_page():
    return Page.objects.get(slug="about", locale__language_code="ja").specific


PUBLIC_URLS = ["/", "/about/", "/en/", "/measures/", "/feeds/measures/", "/api/measures/"]


def warm(client):
    for url in PUBLIC_URLS:
        client.get(url)
    assert [client.get(url)["X-Page-Cache"] for url in PUBLIC_URLS] == ["hit"] * len(PUBLIC_URLS)


def staff_changes(publish, django_capture_on_commit_callbacks):
    """Every staff-side path that invalidates the page cache or the defaults generation."""
    publish(about_page(), title="センターについて（改）")
    publish(home_page(), title="ホーム（改）")
    with django_capture_on_commit_callbacks(execute=True):
        site = Site.objects.get(is_default_site=True)
        site.site_name = "支援策ガイド（改）"
        site.save()
        CenterInfo.objects.first().save()
        group = SynonymGroup.objects.create(terms="補助金, 助成金")
        group.delete()


def test_the_page_cache_holds_only_json(demo_site, redis_db, client, publish):
    with tier("public"):
        warm(client)
    with tier("staff"):
        publish(about_page(), title="センターについて（改）")
    with tier("public"):
        client.get("/about/")

    keys = raw_keys(redis_db, PREFIXES["pages"])
    entries = [key for key in keys if b":pagecache:r:" in key]
    versions = [key for key in keys if b":pagecache:t:" in key]
    assert len(entries) >= len(PUBLIC_URLS) and versions
    for key in keys:
        value = json.loads(redis_db.get(key))  # raises on anything that is not JSON
        if key in versions:
            assert isinstance(value, float), key
        else:
            assert value["f"] == store.ENTRY_FORMAT and isinstance(value["body"], str), key


def test_a_pickle_planted_in_the_page_cache_is_never_unpickled(
    demo_site, redis_db, client, publish, django_capture_on_commit_callbacks
):
    UNPICKLED.clear()
    with tier("public"):
        warm(client)
    planted = raw_keys(redis_db, PREFIXES["pages"])
    defaults_key = f"{PREFIXES['pages']}:1:{store.tag_key(tiercache.DEFAULTS)}".encode()
    assert defaults_key in planted  # the generation the staff tier bumps
    for key in planted:
        redis_db.set(key, PLANTED)

    # Even with a pickling serializer on the page cache, the staff tier would load
    # nothing: it never reads a shared key (with the JSON one it could not unpickle).
    with tier("staff", page_serializer=PICKLE_SERIALIZER):
        staff_changes(publish, django_capture_on_commit_callbacks)
        # Whatever the staff tier does, it writes the shared keys and never loads them.
        assert redis_db.get(defaults_key) != PLANTED
        for key in planted:
            redis_db.set(key, PLANTED)
        staff_changes(publish, django_capture_on_commit_callbacks)
    assert UNPICKLED == []

    # The public tier reads them, as JSON: a planted value is a miss, not an object.
    for key in raw_keys(redis_db, PREFIXES["pages"]):
        redis_db.set(key, PLANTED)
    with tier("public"):
        for url in PUBLIC_URLS:
            assert client.get(url)["X-Page-Cache"] == "miss", url
        assert [client.get(url)["X-Page-Cache"] for url in PUBLIC_URLS] == ["hit"] * len(
            PUBLIC_URLS
        )
    assert UNPICKLED == []
    # The plant is live: pickle would have run it.
    pickle.loads(PLANTED)  # noqa: S301 - the point of the test
    assert UNPICKLED == [True]


@pytest.mark.parametrize(
    "read",
    [
        lambda: store.lookup("k"),
        lambda: store.store("k", store.CachedResponse(200, [], b"x", None), {"p:x"}, 1.0, 60),
        lambda: store.current_version("chrome", 1.0),
        tiercache.sync,
    ],
    ids=["lookup", "store", "current_version", "generation sync"],
)
def test_every_page_cache_read_is_refused_on_the_staff_tier(redis_db, read):
    with tier("staff"), pytest.raises(store.StaffTierRead):
        read()


def test_each_tier_keeps_its_default_cache_under_its_own_prefix(demo_site, redis_db, client):
    from django.core.cache import cache

    for name in ("public", "staff"):
        with tier(name):
            cache.set("probe", name)
            Site.get_site_root_paths()
    for name in ("public", "staff"):
        keys = raw_keys(redis_db, PREFIXES[name])
        assert any(b"wagtail_site_root_paths" in key for key in keys), name
        assert any(key.endswith(b":probe") for key in keys), name
        with tier(name):
            assert cache.get("probe") == name
    # Nothing of a tier's default cache is in the shared page cache.
    shared = raw_keys(redis_db, PREFIXES["pages"])
    assert not [key for key in shared if b"probe" in key or b"wagtail" in key]


def test_a_staff_publish_reaches_the_public_page_cache_and_site_root_paths(
    demo_site, redis_db, client, publish
):
    with tier("public"):
        warm(client)
        before = Site.get_site_root_paths()
    assert any(path.root_path == "/home/" for path in before), before
    stale = [key for key in raw_keys(redis_db, PREFIXES["public"]) if b"site_root" in key]
    assert stale

    with tier("staff"):
        publish(home_page(), slug="home-renewed")
        publish(about_page(), title="センターについて（改）")
    # The staff tier cleared its own copy only: the public one is still there, by design.
    assert all(redis_db.exists(key) for key in stale)

    with tier("public"):
        response = client.get("/about/")
        assert response["X-Page-Cache"] == "miss"
        assert "センターについて（改）" in response.content.decode()
        after = Site.get_site_root_paths()
        assert any(path.root_path == "/home-renewed/" for path in after), after
        assert not any(path.root_path == "/home/" for path in after)
        # A page the publish does not touch is still served from the cache.
        assert client.get("/api/measures/")["X-Page-Cache"] == "hit"


def test_a_synonym_edit_reaches_the_public_tier_cached_rows(
    demo_site, redis_db, client, django_capture_on_commit_callbacks
):
    from search.synonyms import stored as synonyms

    def search_on_the_public_tier():
        with tier("public"):
            assert client.get("/search/?q=省力化")["X-Page-Cache"] == "bypass"
            return synonyms.current_rows()

    before = search_on_the_public_tier()
    with tier("staff"), django_capture_on_commit_callbacks(execute=True):
        SynonymGroup.objects.create(terms="省力化, 自動化")
    after = search_on_the_public_tier()
    assert after == (*before, ("two_way", ("省力化", "自動化")))


CACHES_PROBE = "import json; from django.conf import settings; print(json.dumps(settings.CACHES))"


def production_caches(tmp_path, tier_name, **env_changes):
    import subprocess
    import sys
    from pathlib import Path

    from tests.portal.test_security_headers import production_env

    env = {**production_env(tmp_path), "DJANGO_SETTINGS_MODULE": f"portal.settings.{tier_name}"}
    for name, value in env_changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "-c", CACHES_PROBE],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
    )


def test_production_gives_each_tier_its_own_default_cache_and_a_json_page_cache(tmp_path):
    layouts = {}
    for name, url in (("public", "redis://public:pw@redis:6379/0"), ("staff", None)):
        changes = {"CACHE_URL": url} if url else {}
        result = production_caches(tmp_path, name, **changes)
        assert result.returncode == 0, result.stderr[-2000:]
        layouts[name] = json.loads(result.stdout)
    public, staff = layouts["public"], layouts["staff"]
    assert public["default"]["KEY_PREFIX"] == "shienguide-public"
    assert staff["default"]["KEY_PREFIX"] == "shienguide-staff"
    assert public["default"]["LOCATION"] != staff["default"]["LOCATION"]
    for layout in (public, staff):
        assert layout["default"]["KEY_FUNCTION"] == "portal.pagecache.tiercache.make_key"
        assert layout["ratelimit"]["LOCATION"] == layout["default"]["LOCATION"]
        assert layout["ratelimit"]["KEY_PREFIX"].startswith(layout["default"]["KEY_PREFIX"] + ":")
        pagecache = layout["pagecache"]
        assert pagecache["LOCATION"] not in (
            public["default"]["LOCATION"],
            staff["default"]["LOCATION"],
        )
        assert pagecache["KEY_PREFIX"] == "shienguide-pages"
        assert pagecache["OPTIONS"]["serializer"] == "portal.pagecache.serializers.JSONSerializer"
        assert "KEY_FUNCTION" not in pagecache


@pytest.mark.parametrize("tier_name", ["public", "staff"])
@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"PAGE_CACHE_URL": None}, "PAGE_CACHE_URL"),
        ({"PAGE_CACHE_URL": "locmem://"}, "PAGE_CACHE_URL"),
        ({"PAGE_CACHE_URL": "redis://127.0.0.1:6379/8"}, "must not equal CACHE_URL"),
        ({"CACHE_KEY_PREFIX": "shienguide-pages"}, "CACHE_KEY_PREFIX"),
        (
            {"CACHE_KEY_PREFIX": "pages:public", "PAGE_CACHE_KEY_PREFIX": "pages"},
            "CACHE_KEY_PREFIX",
        ),
        (
            {"CACHE_KEY_PREFIX": "shienguide", "PAGE_CACHE_KEY_PREFIX": "shienguide:pages"},
            "CACHE_KEY_PREFIX",
        ),
    ],
    ids=["missing", "not-redis", "same-url", "same-prefix", "tier-inside-pages", "pages-inside"],
)
def test_production_refuses_a_page_cache_that_is_not_separate(tmp_path, tier_name, changes, named):
    result = production_caches(tmp_path, tier_name, **changes)
    assert result.returncode != 0
    assert named in result.stderr
