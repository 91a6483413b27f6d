"""Production: refuses to start without its required environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from portal.logs import logging_config

from .base import *  # noqa: F403
from .base import (
    DATABASES,
    INTAKE_EMAIL_PEPPER,
    PAGE_CACHE_SERIALIZER,
    SECRET_KEY,
    STORAGES,
    TIER_CACHE_KEY_FUNCTION,
)

REQUIRED_ENV = (
    "SECRET_KEY",
    "DATABASE_URL",
    "INTAKE_DATABASE_URL",
    "ALLOWED_HOSTS",
    "CACHE_URL",
    "PAGE_CACHE_URL",
    "PORTAL_DATA_DIR",
    "INTAKE_EMAIL_PEPPER",
)
_missing = [name for name in REQUIRED_ENV if not os.environ.get(name)]
if _missing:
    raise ImproperlyConfigured(
        "Production settings need these environment variables: " + ", ".join(_missing)
    )
if SECRET_KEY.startswith("dev-only"):
    raise ImproperlyConfigured("SECRET_KEY must be a real secret in production.")
if INTAKE_EMAIL_PEPPER.startswith("dev-only"):
    raise ImproperlyConfigured("INTAKE_EMAIL_PEPPER must be a real secret in production.")

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true") == "true"
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = [
    origin for origin in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if origin
]
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("EMAIL_PORT", "587")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": os.environ.get("EMAIL_USE_TLS", "true") == "true",
        },
    }
}

# --- Caches (docs/deploy.md, "Caches"): Redis. Each tier's `default` (and its rate-limit
# counters) is its own: CACHE_URL is the tier's own Redis database or ACL user, and
# CACHE_KEY_PREFIX its own prefix. The page cache (PAGE_CACHE_URL) is the one shared part:
# JSON only, read by the public tier, written (never read) by the staff tier.
for _name in ("CACHE_URL", "PAGE_CACHE_URL"):
    if not os.environ[_name].startswith(("redis://", "rediss://")):
        raise ImproperlyConfigured(f"{_name} must be a redis:// or rediss:// URL in production.")
_TIER = os.environ.get("DJANGO_SETTINGS_MODULE", "").rpartition(".")[2]
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX") or (
    f"shienguide-{_TIER}" if _TIER in ("public", "staff") else "shienguide"
)
PAGE_CACHE_KEY_PREFIX = os.environ.get("PAGE_CACHE_KEY_PREFIX") or "shienguide-pages"
if os.environ["PAGE_CACHE_URL"] == os.environ["CACHE_URL"]:
    raise ImproperlyConfigured(
        "PAGE_CACHE_URL must not equal CACHE_URL: the shared page cache gets its own Redis "
        "database (docs/deploy.md, Caches)."
    )
if (
    CACHE_KEY_PREFIX == PAGE_CACHE_KEY_PREFIX
    or CACHE_KEY_PREFIX.startswith(PAGE_CACHE_KEY_PREFIX + ":")
    or PAGE_CACHE_KEY_PREFIX.startswith(CACHE_KEY_PREFIX + ":")
):
    raise ImproperlyConfigured(
        "CACHE_KEY_PREFIX must differ from PAGE_CACHE_KEY_PREFIX: Redis ACLs tell the "
        "caches apart by prefix (docs/deploy.md, Caches)."
    )
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["CACHE_URL"],
        "KEY_PREFIX": CACHE_KEY_PREFIX,
        "KEY_FUNCTION": TIER_CACHE_KEY_FUNCTION,
    },
    # Atomic counters shared by every server of the tier; no generation in their keys.
    "ratelimit": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["CACHE_URL"],
        "KEY_PREFIX": f"{CACHE_KEY_PREFIX}:ratelimit",
    },
    "pagecache": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["PAGE_CACHE_URL"],
        "KEY_PREFIX": PAGE_CACHE_KEY_PREFIX,
        "OPTIONS": {"serializer": PAGE_CACHE_SERIALIZER},
    },
}

# --- PostgreSQL connections: a psycopg pool per worker process (DB_POOL=true, the
# default), or persistent connections kept DB_CONN_MAX_AGE seconds (DB_POOL=false).
# Django refuses both at once, so the pool forces CONN_MAX_AGE to 0.
DB_POOL = os.environ.get("DB_POOL", "true") == "true"
for _alias, _database in DATABASES.items():
    if "postgresql" not in _database["ENGINE"]:
        continue
    if DB_POOL:
        _database["CONN_MAX_AGE"] = 0
        _database.setdefault("OPTIONS", {})["pool"] = {
            "min_size": int(os.environ.get("DB_POOL_MIN_SIZE", "1")),
            "max_size": int(os.environ.get("DB_POOL_MAX_SIZE", "4")),
            "timeout": float(os.environ.get("DB_POOL_TIMEOUT", "10")),
        }
    else:
        _database["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE", "60"))
        _database["CONN_HEALTH_CHECKS"] = True

# --- Media on S3-compatible storage when a bucket is named (django-storages; the
# image must then also have boto3, see docs/deploy.md). Static files stay with
# whitenoise (hashed, compressed, served by the app servers behind the CDN).
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES = {
        **STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
                "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
                "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
                "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
                "default_acl": None,
                "file_overwrite": False,
                "querystring_auth": False,
            },
        },
    }

# --- Logs: one JSON object a line on stderr, personal data redacted (portal.logs).
LOGGING = logging_config(os.environ.get("LOG_LEVEL", "INFO"))
