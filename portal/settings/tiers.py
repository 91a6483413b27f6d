"""What differs between the public and the staff tier.

Each function returns the settings a tier overrides. The tier modules apply
them; tests apply them with override_settings to exercise either tier in one
process.
"""

PUBLIC_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.PublicHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

STAFF_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.StaffHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
]


def public() -> dict:
    return {
        "PORTAL_TIER": "public",
        "ROOT_URLCONF": "portal.urls.public",
        "MIDDLEWARE": list(PUBLIC_MIDDLEWARE),
        "SESSION_COOKIE_NAME": "portal_session",
        "CSRF_COOKIE_NAME": "portal_csrftoken",
    }


def staff() -> dict:
    return {
        "PORTAL_TIER": "staff",
        "ROOT_URLCONF": "portal.urls.staff",
        "MIDDLEWARE": list(STAFF_MIDDLEWARE),
        # Distinct names so a cookie of one tier is never sent to the other on localhost.
        "SESSION_COOKIE_NAME": "staff_session",
        "CSRF_COOKIE_NAME": "staff_csrftoken",
    }
