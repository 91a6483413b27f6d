"""Settings shared by every environment and both tiers.

Configuration comes from the environment. The defaults here are for development
only; `production.py` refuses to start without the real values.
"""

import os
from pathlib import Path

from django.utils.csp import CSP

import dj_database_url

BASE_DIR = Path(__file__).resolve().parents[3]

# Writable state (SQLite files, dev keys, media, the dev cache) lives here.
DATA_DIR = Path(os.environ.get("PORTAL_DATA_DIR", BASE_DIR / "var")).resolve()

SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

# Public and staff hostnames (production); used for links between the tiers.
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000")
STAFF_BASE_URL = os.environ.get("STAFF_BASE_URL", "http://127.0.0.1:8001")

INSTALLED_APPS = [
    # Project apps come first so their templates override library ones.
    "portal",
    "portal.accounts",
    "portal.documents",
    "core",
    "home",
    "measures",
    "schedule",
    "intake",
    "intake.vault",
    "search",
    "django_ratelimit",
    # Wagtail
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Wagtail's PostgreSQL search index uses its SearchVectorField and GIN indexes.
    "django.contrib.postgres",
    # Two-factor login and lockout (used by the staff tier only).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'portal.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    ),
    "intake": dj_database_url.parse(
        os.environ.get("INTAKE_DATABASE_URL", f"sqlite:///{DATA_DIR / 'intake.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    ),
}
DATABASE_ROUTERS = ["portal.routers.IntakeRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Japanese is the default at "/", English lives under "/en/".
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", "日本語"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "portal" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365

# Caches (docs/deploy.md, "Caches"): `default` is the tier's own (Wagtail's site
# root paths, renditions, synonyms ...); its keys carry the generation that staff
# changes bump (portal.pagecache.tiercache). `pagecache` is the public page cache,
# the only one both tiers use: JSON only, and the staff tier only writes to it.
TIER_CACHE_KEY_FUNCTION = "portal.pagecache.tiercache.make_key"
PAGE_CACHE_SERIALIZER = "portal.pagecache.serializers.JSONSerializer"
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache"),
        "KEY_FUNCTION": TIER_CACHE_KEY_FUNCTION,
        "OPTIONS": {"MAX_ENTRIES": 20000},
    },
    # Shared by both dev processes, so a publish on the staff tier reaches the public one.
    "pagecache": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "pagecache"),
        "OPTIONS": {"MAX_ENTRIES": 20000},
    },
}
# Rate-limit counters (django-ratelimit) need atomic increments on a cache all
# processes share: Redis in production. Dev has one public process, so local
# memory is enough there.
CACHES["ratelimit"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
if os.environ.get("CACHE_URL", "").startswith("redis"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["CACHE_URL"],
        "KEY_FUNCTION": TIER_CACHE_KEY_FUNCTION,
    }
    CACHES["ratelimit"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["CACHE_URL"],
        "KEY_PREFIX": "ratelimit",
    }
if os.environ.get("PAGE_CACHE_URL", "").startswith("redis"):
    CACHES["pagecache"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["PAGE_CACHE_URL"],
        "KEY_PREFIX": os.environ.get("PAGE_CACHE_KEY_PREFIX", "shienguide-pages"),
        "OPTIONS": {"serializer": PAGE_CACHE_SERIALIZER},
    }
RATELIMIT_USE_CACHE = "ratelimit"
# Behind the production proxy, REMOTE_ADDR is the proxy; see docs/deploy.md.
if os.environ.get("RATELIMIT_IP_META_KEY"):
    RATELIMIT_IP_META_KEY = os.environ["RATELIMIT_IP_META_KEY"]
# W001: django-ratelimit does not list Django's own RedisCache, which does
# support atomic incr. E003 is silenced only where the cache is local memory
# (dev, test); production keeps the check.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
if not os.environ.get("CACHE_URL", "").startswith("redis"):
    SILENCED_SYSTEM_CHECKS.append("django_ratelimit.E003")

# Public page cache (portal.pagecache; docs/performance.md). Server-side entries live
# until the next local midnight at most (measure statuses change then) or until a
# publish invalidates them; a CDN may keep a page for PAGE_CACHE_CDN_MAX_AGE seconds.
PAGE_CACHE_ENABLED = os.environ.get("PAGE_CACHE_ENABLED", "true") == "true"
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", str(24 * 3600)))
PAGE_CACHE_CDN_MAX_AGE = int(os.environ.get("PAGE_CACHE_CDN_MAX_AGE", "300"))
PAGE_CACHE_BROWSER_MAX_AGE = 0
PAGE_CACHE_STALE_WHILE_REVALIDATE = 30
PAGE_CACHE_STALE_IF_ERROR = 24 * 3600

# CDN purges on publish (wagtail.contrib.frontend_cache's HTTP backend: a PURGE
# request per URL to this address, with the public Host header).
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
        }
    }

WAGTAIL_SITE_NAME = "支援策ガイド"
WAGTAILADMIN_BASE_URL = STAFF_BASE_URL
# Japanese-aware: bigram segmentation and synonyms over the database backend (docs/search.md).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "csv", "txt"]
# Documents (portal/documents, docs/security.md "Documents"): the form refuses intake
# exports and sends spreadsheets to the private collection; every document is served
# through the view (never a redirect to storage) so the headers and the public tier's
# 404 for private collections apply; only PDF opens inline.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "portal.documents.forms.PortalDocumentForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("ja", "日本語"), ("en", "English")]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

# Days before an application deadline when a measure counts as 締切間近.
MEASURES_CLOSING_SOON_DAYS = int(os.environ.get("MEASURES_CLOSING_SOON_DAYS", "14"))

# Staff login: username + password + one-time code on one form (portal.accounts).
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out account or address before any password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/admin/"
WAGTAILADMIN_LOGIN_URL = "/account/login/"
OTP_TOTP_ISSUER = "若葉市 支援策ガイド"
OTP_TOTP_THROTTLE_FACTOR = 1
BACKUP_CODE_COUNT = 10
# The staff OTP key seals TOTP seeds and keys the backup-code hashes (staff tier only;
# portal/accounts/otpkeys.py). Production: STAFF_OTP_KEY or STAFF_OTP_KEY_FILE on the
# staff tier, never on the public one. Dev: this file, made by `manage.py staff_otp_key
# ensure-dev` (make migrate). STAFF_OTP_KEYS (a list of base64 keys) overrides both.
STAFF_OTP_DEV_KEY_FILE = DATA_DIR / "keys" / "staff-otp.secret"
STAFF_OTP_KEYS = None

# Lockout (django-axes, database handler): per account and, separately, per address,
# for wrong passwords and wrong one-time codes alike. Lockouts lift after the cool-off.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portal.accounts.views.locked_out"
AXES_SENSITIVE_PARAMETERS = ["password", "otp_token", "code"]
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
# Only used on an XMLHttpRequest lockout reply; never "*".
AXES_ALLOWED_CORS_ORIGINS = STAFF_BASE_URL

# Staff sessions: idle and absolute limits in seconds (portal.accounts.middleware).
STAFF_SESSION_IDLE_TIMEOUT = int(os.environ.get("STAFF_SESSION_IDLE_TIMEOUT", str(30 * 60)))
STAFF_SESSION_ABSOLUTE_TIMEOUT = int(
    os.environ.get("STAFF_SESSION_ABSOLUTE_TIMEOUT", str(10 * 60 * 60))
)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "support-center@example.jp")

# Logging never includes request bodies; see docs/security.md.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# Content-Security-Policy through Django's own support. Each tier refines it.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    # Violations are reported to portal.csp_report (ASVS 3.4.7).
    "report-uri": ["/csp-report/"],
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)

# Demo content loaders, run in order by `manage.py load_demo` (make run).
DEMO_LOADERS = [
    "portal.demo.site.load",
    "measures.demo.loader.load",
    "schedule.demo.loader.load",
    "portal.accounts.demo.load",
]

# Password reset by email would bypass the second factor; an administrator resets instead.
WAGTAIL_PASSWORD_RESET_ENABLED = False
# No Gravatar: it would send a hash of every staff email address to a third party
# (and the staff CSP blocks it anyway).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# The latest accessibility test record (written by tests/browser, see docs/accessibility.md),
# shown on the ウェブアクセシビリティ方針 page.
ACCESSIBILITY_RESULTS_FILE = BASE_DIR / "docs" / "accessibility-results.json"
# --- Intake (booking) -------------------------------------------------------
# Pepper of Reservation.email_key (HMAC of the email address, for the
# per-address limit only). Production requires a real one; see docs/security.md.
INTAKE_EMAIL_PEPPER = os.environ.get("INTAKE_EMAIL_PEPPER", "dev-only-intake-email-pepper")
# Days after a session ends before `manage.py purge_intake` deletes its sealed
# payloads and 相談票 (the non-identifying categories stay for statistics).
INTAKE_RETENTION_DAYS = int(os.environ.get("INTAKE_RETENTION_DAYS", "365"))
INTAKE_MAX_FUTURE_BOOKINGS_PER_EMAIL = int(
    os.environ.get("INTAKE_MAX_FUTURE_BOOKINGS_PER_EMAIL", "2")
)
# A booking form submitted faster than this after it was served is refused.
INTAKE_MIN_FILL_SECONDS = float(os.environ.get("INTAKE_MIN_FILL_SECONDS", "3"))
# A served form (its signed timestamp and idempotency token) expires after this.
INTAKE_FORM_MAX_AGE_SECONDS = int(os.environ.get("INTAKE_FORM_MAX_AGE_SECONDS", str(6 * 3600)))
# Rate limits (django-ratelimit syntax) on booking POSTs and cancellations.
INTAKE_RATELIMIT_IP = os.environ.get("INTAKE_RATELIMIT_IP", "10/h")
INTAKE_RATELIMIT_EMAIL = os.environ.get("INTAKE_RATELIMIT_EMAIL", "5/h")
INTAKE_RATELIMIT_CANCEL = os.environ.get("INTAKE_RATELIMIT_CANCEL", "30/h")
# Where the intake keys come from: "env" (production; INTAKE_PUBLIC_KEY etc.)
# or "dev_dir" (INTAKE_DEV_KEY_DIR, made by `manage.py intake_keys ensure-dev`).
# See intake/tier_keys.py and docs/operations.md.
INTAKE_DEV_KEY_DIR = DATA_DIR / "keys"
INTAKE_KEY_SOURCE = (
    "env"
    if os.environ.get("PORTAL_ENV") == "production"
    or any(
        os.environ.get(name)
        for name in (
            "INTAKE_PUBLIC_KEY",
            "INTAKE_PUBLIC_KEY_FILE",
            "INTAKE_PRIVATE_KEYS",
            "INTAKE_PRIVATE_KEY_FILES",
            "INTAKE_KEY_DIR",
        )
    )
    else "dev_dir"
)
