"""What differs between the public and the staff tier.

Each function returns the settings a tier overrides. The tier modules apply
them; tests apply them with override_settings to exercise either tier in one
process.
"""

from . import base

PUBLIC_MIDDLEWARE = [
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

STAFF_MIDDLEWARE = [
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
    # Every URL needs an OTP-verified user except a short allowlist.
    "portal.accounts.middleware.RequireVerifiedStaffMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: turns a lockout flagged during login into its response.
    "axes.middleware.AxesMiddleware",
]

# What the Wagtail 8 admin needs beyond the public policy (checked in Chromium; see
# docs/security.md). Its inline `style` attributes need 'unsafe-inline' for styles only;
# scripts stay nonce-or-self.
STAFF_CSP_EXTRA = {
    "style-src": ["'unsafe-inline'"],
}


def public() -> dict:
    return {
        "PORTAL_TIER": "public",
        "ROOT_URLCONF": "portal.urls.public",
        "MIDDLEWARE": list(PUBLIC_MIDDLEWARE),
        "SESSION_COOKIE_NAME": "portal_session",
        "CSRF_COOKIE_NAME": "portal_csrftoken",
        # The public tier has no login, so django-axes' middleware has nothing to do here;
        # its "middleware missing" warning would be noise on this tier only.
        "SILENCED_SYSTEM_CHECKS": [*base.SILENCED_SYSTEM_CHECKS, "axes.W002"],
    }


def staff() -> dict:
    csp = {key: list(values) for key, values in base.SECURE_CSP.items()}
    for directive, sources in STAFF_CSP_EXTRA.items():
        csp[directive] = [*csp.get(directive, []), *sources]
    return {
        "PORTAL_TIER": "staff",
        "ROOT_URLCONF": "portal.urls.staff",
        "MIDDLEWARE": list(STAFF_MIDDLEWARE),
        # Distinct names so a cookie of one tier is never sent to the other on localhost.
        "SESSION_COOKIE_NAME": "staff_session",
        "CSRF_COOKIE_NAME": "staff_csrftoken",
        "SECURE_CSP": csp,
        # A browser session cookie: closing the browser ends the staff session too.
        "SESSION_EXPIRE_AT_BROWSER_CLOSE": True,
        "SESSION_COOKIE_AGE": base.STAFF_SESSION_ABSOLUTE_TIMEOUT,
        "SILENCED_SYSTEM_CHECKS": list(base.SILENCED_SYSTEM_CHECKS),
    }
