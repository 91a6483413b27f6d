"""The public tier has no admin by construction; the staff tier is never indexed."""

from django.urls import URLPattern, URLResolver, get_resolver

import pytest

from tests.tiers import use_tier

ADMIN_MARKERS = ("admin", "intake", "account", "otp", "login")


def iter_patterns(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from iter_patterns(pattern, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern


def test_public_urlconf_has_no_admin_console_or_login_route():
    resolver = get_resolver("portal.urls.public")
    routes = list(iter_patterns(resolver))
    assert routes, "the public URLconf should not be empty"
    for route, pattern in routes:
        module = getattr(pattern.callback, "__module__", "")
        assert not module.startswith(("wagtail.admin", "django.contrib.admin", "intake.console")), (
            route
        )
        assert not any(marker in route.lower() for marker in ADMIN_MARKERS), route


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/admin/", "/admin/login/", "/en/admin/", "/admin/pages/"])
def test_admin_paths_are_404_on_the_public_tier(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_staff_tier_mounts_the_wagtail_admin_behind_the_two_factor_login(client):
    with use_tier("staff"):
        admin = client.get("/admin/")
        login = client.get("/account/login/")
    assert admin.status_code == 302
    assert admin["Location"] == "/account/login/?next=/admin/"
    assert login.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/robots.txt", "/admin/login/", "/no-such-page/"])
def test_every_staff_response_is_noindex_and_no_store(client, path):
    with use_tier("staff"):
        response = client.get(path)
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_staff_robots_txt_disallows_everything(client):
    with use_tier("staff"):
        body = client.get("/robots.txt").content.decode()
    assert "Disallow: /\n" in body


@pytest.mark.django_db
def test_public_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /\n" not in body


@pytest.mark.django_db
def test_staff_error_pages_have_no_public_site_navigation(client):
    from tests.accounts.factories import StaffUserFactory
    from tests.accounts.login import login_verified

    editor = StaffUserFactory(username="henshu", groups=["編集者"])
    with use_tier("staff"):
        login_verified(client, editor)
        refused = client.get("/intake/")
        missing = client.get("/no-such-staff-page/")
    for response, status in ((refused, 403), (missing, 404)):
        html = response.content.decode()
        assert response.status_code == status
        assert "職員サイト" in html
        assert "/measures/" not in html
        assert "site-search" not in html


@pytest.mark.django_db
def test_one_client_takes_each_tiers_middleware_in_turn(client):
    """A client used on one tier loads the other tier's middleware inside use_tier()."""
    assert "X-Robots-Tag" not in client.get("/robots.txt")
    with use_tier("staff"):
        assert client.get("/robots.txt")["X-Robots-Tag"] == "noindex, nofollow"
    assert "X-Robots-Tag" not in client.get("/robots.txt")
