"""Entry point of the staff tier: Wagtail admin, intake console, two-factor login.

The environment (portal.settings.env, picked by PORTAL_ENV) and then, assigned here
one by one, what this tier sets differently from it. `tiers.overrides("staff")`
reads these same assignments for the tests.
"""

from . import env
from .env import *  # noqa: F403  (re-exports every setting; see portal/settings/env)

PORTAL_TIER = "staff"
ROOT_URLCONF = "portal.urls.staff"
MIDDLEWARE = [
    # /healthz and /readyz for the load balancer, before the verified-staff gate.
    "portal.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.StaffHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A body in another charset than UTF-8: 400, in the language LocaleMiddleware chose.
    "portal.middleware.RequireUtf8BodyMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Ends idle or too-old sessions before anything looks at the user.
    "portal.accounts.middleware.StaffSessionTimeoutMiddleware",
    # Every view needs an OTP-verified user unless it is marked open (login_not_required).
    "portal.accounts.middleware.VerifiedStaffRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: turns a lockout flagged during login into its response.
    "axes.middleware.AxesMiddleware",
]
# Distinct names so a cookie of one tier is never sent to the other on localhost.
SESSION_COOKIE_NAME = "staff_session"
CSRF_COOKIE_NAME = "staff_csrftoken"
# The environment's policy, plus what the Wagtail 8 admin needs (checked in Chromium; see
# docs/security.md): its inline `style` attributes need 'unsafe-inline' for styles only;
# scripts stay nonce-or-self.
SECURE_CSP = {
    **{directive: list(sources) for directive, sources in env.SECURE_CSP.items()},
    "style-src": [*env.SECURE_CSP["style-src"], "'unsafe-inline'"],
}
# A browser session cookie: closing the browser ends the staff session too.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = env.STAFF_SESSION_ABSOLUTE_TIMEOUT
