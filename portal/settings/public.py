"""Entry point of the public tier: pages, search, finder, schedule, booking form, feeds, API.

The environment (portal.settings.env, picked by PORTAL_ENV) and then, assigned here
one by one, what this tier sets differently from it. `tiers.overrides("public")`
reads these same assignments for the tests.
"""

from . import env
from .env import *  # noqa: F403  (re-exports every setting; see portal/settings/env)

PORTAL_TIER = "public"
ROOT_URLCONF = "portal.urls.public"
MIDDLEWARE = [
    # /healthz and /readyz, before the HTTPS redirect and host checks (portal.health).
    "portal.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.PublicHeadersMiddleware",
    # Before sessions, locale, CSRF and auth: a hit touches no database.
    "portal.pagecache.middleware.PageCacheMiddleware",
    # No sessions and no authentication: the public tier has no login, and its database
    # role cannot read django_session or auth_user (portal/sql/roles.sql). Every visitor
    # is an AnonymousUser.
    "portal.middleware.AnonymousVisitorMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A body in another charset than UTF-8: 400, in the language LocaleMiddleware chose.
    "portal.middleware.RequireUtf8BodyMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]
# Distinct names so a cookie of one tier is never sent to the other on localhost.
SESSION_COOKIE_NAME = "portal_session"
CSRF_COOKIE_NAME = "portal_csrftoken"
# The public tier has no login, so django-axes' middleware has nothing to do here;
# its "middleware missing" warning would be noise on this tier only.
SILENCED_SYSTEM_CHECKS = [*env.SILENCED_SYSTEM_CHECKS, "axes.W002"]
