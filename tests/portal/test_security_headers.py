"""Security headers on both tiers, cookies, and `check --deploy` in production."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.tiers import use_tier

ROOT = Path(__file__).resolve().parents[2]


def csp_directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def assert_strict_common_headers(response):
    csp = csp_directives(response)
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert csp["script-src"][0] == "'self'"  # plus a nonce when a page uses one
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_public_pages_send_the_strict_headers_and_no_cookies(client, demo_site):
    response = client.get("/")
    assert response.status_code == 200
    assert_strict_common_headers(response)
    assert "'unsafe-inline'" not in csp_directives(response)["style-src"]
    assert not response.cookies, "an anonymous reader gets no session or CSRF cookie"


@pytest.mark.django_db
def test_staff_login_sends_the_headers_no_store_and_only_a_csrf_cookie(client):
    with use_tier("staff"):
        response = client.get("/account/login/")
    assert_strict_common_headers(response)
    assert response["Cache-Control"] == "no-store"
    assert set(response.cookies) == {"staff_csrftoken"}


@pytest.mark.django_db
def test_staff_redirects_and_errors_are_no_store_too(client):
    with use_tier("staff"):
        for path in ("/admin/", "/no-such-page/", "/robots.txt"):
            response = client.get(path)
            assert response["Cache-Control"] == "no-store", path
            assert response["X-Robots-Tag"] == "noindex, nofollow", path


def test_production_settings_turn_on_hsts_and_secure_cookies():
    settings = _settings_in_production("portal.settings.public")
    assert int(settings["SECURE_HSTS_SECONDS"]) >= 365 * 24 * 3600
    assert settings["SESSION_COOKIE_SECURE"] == "True"
    assert settings["CSRF_COOKIE_SECURE"] == "True"
    assert settings["SESSION_COOKIE_HTTPONLY"] == "True"
    assert settings["SESSION_COOKIE_SAMESITE"] in ("Lax", "Strict")


def production_env(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "INTAKE_", "PORTAL_"))
    }
    env.update(
        PORTAL_ENV="production",
        SECRET_KEY="x" * 40 + "-a-long-random-production-secret-for-the-check-only",
        INTAKE_EMAIL_PEPPER="y" * 40 + "-a-production-pepper-for-the-check-only",
        DATABASE_URL=f"sqlite:///{tmp_path / 'default.sqlite3'}",
        INTAKE_DATABASE_URL=f"sqlite:///{tmp_path / 'intake.sqlite3'}",
        ALLOWED_HOSTS="staff.example.jp,www.example.jp",
        CACHE_URL="redis://127.0.0.1:6379/8",
        PAGE_CACHE_URL="redis://127.0.0.1:6379/7",
        PORTAL_DATA_DIR=str(tmp_path),
    )
    return env


def _settings_in_production(module, tmp_path=Path("/tmp")):  # noqa: S108 - never written to
    names = [
        "SECURE_HSTS_SECONDS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
    ]
    code = "from django.conf import settings; " + "; ".join(
        f"print('{name}=' + str(settings.{name}))" for name in names
    )
    env = {**production_env(tmp_path), "DJANGO_SETTINGS_MODULE": module}
    result = subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)


@pytest.mark.parametrize("module", ["portal.settings.public", "portal.settings.staff"])
def test_check_deploy_is_clean_in_production(module, tmp_path):
    env = {**production_env(tmp_path), "DJANGO_SETTINGS_MODULE": module}
    if module.endswith(".staff"):  # the production staff tier needs its staff OTP key
        env["STAFF_OTP_KEY"] = "c3RhZmYtb3RwLWtleS1mb3ItdGhlLWNoZWNrLW9ubHk="
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)" in output or "no issues" in output
    assert "WARNINGS" not in output, output
