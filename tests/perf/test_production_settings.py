"""portal.settings.env.production: Redis cache, PostgreSQL pool or persistent connections,
S3 media, frontend cache and JSON logs, all from the environment."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json
from django.conf import settings  # settings only: no app loading (boto3 is optional)
print(json.dumps({
    "cache": settings.CACHES["default"],
    "db": {a: {"CONN_MAX_AGE": d["CONN_MAX_AGE"], "OPTIONS": d.get("OPTIONS", {})}
           for a, d in settings.DATABASES.items()},
    "media": settings.STORAGES["default"]["BACKEND"],
    "static": settings.STORAGES["staticfiles"]["BACKEND"],
    "frontend": getattr(settings, "WAGTAILFRONTENDCACHE", None),
    "formatter": settings.LOGGING["formatters"]["json"]["()"],
    "filters": settings.LOGGING["handlers"]["console"]["filters"],
}, default=str))
"""


def production(tmp_path, **extra):
    from tests.portal.test_security_headers import production_env

    env = {**production_env(tmp_path), "DJANGO_SETTINGS_MODULE": "portal.settings.public"}
    env.update(
        DATABASE_URL="postgres://portal:pw@db.internal:5432/portal",
        INTAKE_DATABASE_URL="postgres://public_intake:pw@db.internal:5432/intake",
        INTAKE_EMAIL_PEPPER="a-real-pepper-for-the-settings-test-only-0123456789",
    )
    env.update(extra)
    result = subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def test_production_defaults_pool_redis_whitenoise_and_json_logs(tmp_path):
    settings = production(tmp_path)
    assert settings["cache"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert settings["cache"]["LOCATION"] == "redis://127.0.0.1:6379/8"
    for alias in ("default", "intake"):
        assert settings["db"][alias]["OPTIONS"]["pool"]["max_size"] == 4
        assert settings["db"][alias]["CONN_MAX_AGE"] == 0
    assert settings["media"] == "django.core.files.storage.FileSystemStorage"
    assert settings["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert settings["frontend"] is None
    assert settings["formatter"] == "portal.logs.JsonFormatter"
    assert settings["filters"] == ["redact"]


def test_persistent_connections_s3_media_and_purges_are_settable(tmp_path):
    settings = production(
        tmp_path,
        DB_POOL="false",
        DB_CONN_MAX_AGE="120",
        AWS_STORAGE_BUCKET_NAME="wakaba-media",
        FRONTEND_CACHE_PURGE_URL="http://varnish.internal:6081",
    )
    for alias in ("default", "intake"):
        assert settings["db"][alias]["CONN_MAX_AGE"] == 120
        assert "pool" not in settings["db"][alias]["OPTIONS"]
    assert settings["media"] == "storages.backends.s3.S3Storage"
    assert settings["frontend"]["default"]["LOCATION"] == "http://varnish.internal:6081"


@pytest.mark.parametrize("url", ["", "locmem://", "memcached://cache:11211"])
def test_production_refuses_a_cache_that_is_not_redis(tmp_path, url):
    from tests.portal.test_security_headers import production_env

    env = {**production_env(tmp_path), "DJANGO_SETTINGS_MODULE": "portal.settings.public"}
    env["CACHE_URL"] = url
    result = subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "CACHE_URL" in result.stderr


def _gunicorn_config(name, monkeypatch):
    import runpy

    for variable in ("GUNICORN_WORKER_CLASS", "GUNICORN_THREADS", "GUNICORN_WORKERS"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "portal.settings.pytest")
    monkeypatch.setattr(sys, "path", list(sys.path))  # the config adds deploy/ to it
    return runpy.run_path(str(ROOT / "deploy" / name))


def test_public_gunicorn_uses_threads_within_the_db_pool(monkeypatch):
    """Bookings are not queued behind page renders: threaded workers, one pooled
    connection per thread at most (docs/performance.md, docs/deploy.md)."""
    public = _gunicorn_config("gunicorn_public.py", monkeypatch)
    assert public["worker_class"] == "gthread"
    assert 1 < public["threads"] <= 4  # DB_POOL_MAX_SIZE defaults to 4
    staff = _gunicorn_config("gunicorn_staff.py", monkeypatch)
    assert staff["worker_class"] == "sync"
