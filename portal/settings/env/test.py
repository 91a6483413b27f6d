"""The pytest suite. SQLite by default; DATABASE_URL may point at PostgreSQL."""

import os

from .base import *  # noqa: F403
from .base import STORAGES, TIER_CACHE_KEY_FUNCTION

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "KEY_FUNCTION": TIER_CACHE_KEY_FUNCTION,
    },
    "pagecache": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pagecache",
    },
    "ratelimit": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "ratelimit",
    },
}
# Off by default: the database rolls back between tests but a cache would not.
# tests/perf/test_page_cache*.py switch it on with a cleared cache.
PAGE_CACHE_ENABLED = False
# A fixed staff OTP key (public, tests only), so no test depends on a key file.
STAFF_OTP_KEYS = ["dGVzdC1vbmx5LXN0YWZmLW90cC1rZXktMzItYnl0ZXM="]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# Live servers started by the browser tests write mail to files the tests read back.
if os.environ.get("PORTAL_TEST_MAIL_DIR"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": os.environ["PORTAL_TEST_MAIL_DIR"]},
        }
    }
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
