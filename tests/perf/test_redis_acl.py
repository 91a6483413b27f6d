"""deploy/redis/users.acl: each tier's Redis user reaches its own cache, and the staff
user can only write the shared page cache (docs/deploy.md, "Caches").

Starts a throwaway redis-server on a free port with the shipped ACL file (test
passwords in place of the placeholders) and drives Django's RedisCache through
each user, as the tiers do. Skipped when redis-server is not installed.
"""

import shutil
import socket
import subprocess
import time
from pathlib import Path

from django.core.cache import caches
from django.test import override_settings

import pytest

from portal.pagecache import store, tiercache

ROOT = Path(__file__).resolve().parents[2]
PASSWORDS = {"public": "test-public-pw", "staff": "test-staff-pw"}
DATABASES = {"pages": 0, "public": 1, "staff": 2}


@pytest.fixture(scope="module")
def acl_redis(tmp_path_factory):
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    redis = pytest.importorskip("redis")
    directory = tmp_path_factory.mktemp("redis-acl")
    acl = (ROOT / "deploy" / "redis" / "users.acl").read_text()
    for tier_name, password in PASSWORDS.items():
        acl = acl.replace(f">CHANGE-ME-{tier_name}", f">{password}")
    (directory / "users.acl").write_text(acl)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(  # noqa: S603 - fixed argv
        [
            *("redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""),
            *("--appendonly", "no", "--dir", str(directory)),
            *("--aclfile", str(directory / "users.acl")),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                redis.Redis(
                    port=port, username="shienguide-public", password=PASSWORDS["public"]
                ).ping()
                break
            except redis.exceptions.ConnectionError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("redis-server did not start with users.acl") from None
                time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=20)


def url(port, tier_name, database):
    return (
        f"redis://shienguide-{tier_name}:{PASSWORDS[tier_name]}@127.0.0.1:{port}/"
        f"{DATABASES[database]}"
    )


def tier_caches(port, tier_name):
    """The production layout (portal/settings/env/production.py) for one tier."""
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url(port, tier_name, tier_name),
            "KEY_PREFIX": f"shienguide-{tier_name}",
            "KEY_FUNCTION": "portal.pagecache.tiercache.make_key",
        },
        "pagecache": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url(port, tier_name, "pages"),
            "KEY_PREFIX": "shienguide-pages",
            "OPTIONS": {"serializer": "portal.pagecache.serializers.JSONSerializer"},
        },
    }


def as_tier(port, tier_name):
    return override_settings(PORTAL_TIER=tier_name, CACHES=tier_caches(port, tier_name))


def exercise_default_cache():
    """Every RedisCache call the apps make on a tier's own cache."""
    cache = caches["default"]
    cache.set("k", {"a": 1}, 30)
    assert cache.get("k") == {"a": 1}
    assert cache.add("n", 1)
    assert cache.incr("n") == 2
    cache.set_many({"x": 1, "y": 2}, 30)
    assert cache.get_many(["x", "y"]) == {"x": 1, "y": 2}
    assert cache.has_key("x")
    assert cache.touch("x", None)
    cache.delete_many(["x", "y"])
    assert cache.delete("k")


@pytest.mark.parametrize("tier_name", ["public", "staff"])
def test_each_tier_user_can_use_its_own_default_cache(acl_redis, tier_name):
    with as_tier(acl_redis, tier_name):
        exercise_default_cache()


def test_the_public_user_looks_up_and_stores_pages(acl_redis):
    with as_tier(acl_redis, "public"):
        entry = store.CachedResponse(200, [("Content-Type", "text/html")], "ページ".encode(), None)
        started = time.time()
        assert store.store("k", entry, {"p:x"}, started, 60)
        assert store.lookup("k").content == "ページ".encode()
        tiercache.sync()


def test_the_staff_user_writes_the_page_cache_and_cannot_read_it(acl_redis):
    redis = pytest.importorskip("redis")
    with as_tier(acl_redis, "public"):
        assert store.store("k", store.CachedResponse(200, [], b"x", None), {"p:y"}, time.time(), 60)
        entry_key = caches["pagecache"].make_key(store.entry_key("k"))
    time.sleep(0.01)
    with as_tier(acl_redis, "staff"):
        store.bump({"p:y", tiercache.DEFAULTS})  # what a publish does
        pages = caches["pagecache"]
        # Even past the store's own refusal, Redis itself refuses every read of a value.
        # (EXISTS passes %W~: it tells whether a key exists, and loads nothing.)
        for read in (
            lambda: pages.get(store.entry_key("k")),
            lambda: pages.get_many([store.tag_key("p:y")]),
            lambda: pages.get_or_set(store.tag_key("p:y"), 1),
        ):
            with pytest.raises(redis.exceptions.NoPermissionError):
                read()
    with as_tier(acl_redis, "public"):
        assert store.lookup("k") is None  # the bump reached the public tier
    client = redis.Redis(
        port=acl_redis, db=0, username="shienguide-staff", password=PASSWORDS["staff"]
    )
    with pytest.raises(redis.exceptions.NoPermissionError):
        client.get(entry_key)


@pytest.mark.parametrize(("user", "other"), [("public", "staff"), ("staff", "public")])
def test_a_tier_user_cannot_touch_the_other_tier_cache_in_any_database(acl_redis, user, other):
    redis = pytest.importorskip("redis")
    for database in DATABASES.values():
        client = redis.Redis(
            port=acl_redis, db=database, username=f"shienguide-{user}", password=PASSWORDS[user]
        )
        key = f"shienguide-{other}:1:g0:wagtail_site_root_paths"
        for command, args in ((client.get, ()), (client.set, (b"planted",)), (client.delete, ())):
            with pytest.raises(redis.exceptions.NoPermissionError):
                command(key, *args)
        with pytest.raises(redis.exceptions.NoPermissionError):
            client.flushdb()


def test_nobody_connects_without_a_user(acl_redis):
    redis = pytest.importorskip("redis")
    with pytest.raises(redis.exceptions.AuthenticationError):
        redis.Redis(port=acl_redis).get("x")
