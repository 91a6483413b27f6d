"""The public tier has no sessions and no authentication.

Its database role cannot read django_session or auth_user (portal/sql/roles.sql), so no
public request may touch them: every page of the sitemap in both languages, the feeds,
the API, search and a booking with its cancellation run without a query that names
either table, and no response sets a session cookie. Every visitor is anonymous, and a
page or document behind a view restriction (which would need a session or a login) is not
found there.
"""

import re

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.files.base import ContentFile
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

import pytest

from portal.settings import public, tiers
from tests.intake import leak_probe
from tests.intake.factories import PERSONAL as BOOKING

pytestmark = pytest.mark.django_db(databases=["default", "intake"])

STAFF_TABLES = re.compile(r"django_session|auth_user", re.IGNORECASE)
LOC_RE = re.compile(r"<loc>https?://[^/<]+(/[^<]*)</loc>")


def test_public_middleware_has_no_session_or_authentication_middleware():
    assert tiers.public()["MIDDLEWARE"] == public.MIDDLEWARE
    for middleware in public.MIDDLEWARE:
        assert ".sessions." not in middleware
        assert ".auth." not in middleware
        assert "otp" not in middleware


def public_urls(client):
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    pages = LOC_RE.findall(sitemap.content.decode())
    assert any(page.startswith("/en/") for page in pages)
    assert any(not page.startswith("/en/") for page in pages)
    searches = [f"{lang}/search/?q={q}" for lang in ("", "/en") for q in ("補助金", "loan")]
    return [*pages, *leak_probe.EXTRA, *searches, "/no-such-page/"]


def test_public_requests_never_query_sessions_or_users_and_set_no_session_cookie(
    demo_site, booking_env
):
    client = Client()
    responses = []
    with (
        CaptureQueriesContext(connections["default"]) as queries,
        CaptureQueriesContext(connections["intake"]) as intake_queries,
    ):
        done = leak_probe.book(client, BOOKING)
        token = re.search(r"/book/cancel/([^/\s]+)/", mail.outbox[0].body).group(1)
        responses.append(client.get(done))
        responses.append(client.post(f"/book/cancel/{token}/"))
        for url in public_urls(client):
            responses.append(client.get(url))
    assert len(responses) > 50
    assert [r.status_code for r in responses if r.status_code >= 500] == []
    touched = [q["sql"] for q in [*queries, *intake_queries] if STAFF_TABLES.search(q["sql"])]
    assert touched == []
    cookies = {name for response in responses for name in response.cookies}
    assert settings.SESSION_COOKIE_NAME not in cookies
    assert "sessionid" not in cookies


def test_every_public_visitor_is_anonymous(demo_site):
    response = Client().get("/")
    assert response.status_code == 200
    assert isinstance(response.wsgi_request.user, AnonymousUser)
    assert not hasattr(response.wsgi_request, "session")


@pytest.mark.parametrize(
    "restriction_type", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN]
)
def test_a_restricted_page_is_not_found_on_the_public_tier_instead_of_asking_for_a_session(
    demo_site, restriction_type
):
    page = Page.objects.get(slug="about", locale__language_code="ja")
    assert Client().get("/about/").status_code == 200
    PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, password="secret"
    )
    response = Client().get("/about/")
    assert response.status_code == 404
    assert "secret" not in response.content.decode()


@pytest.mark.parametrize(
    "restriction_type",
    [CollectionViewRestriction.PASSWORD, CollectionViewRestriction.LOGIN],
)
def test_a_document_of_a_restricted_collection_is_not_found_on_the_public_tier(
    restriction_type, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    collection = Collection.get_first_root_node().add_child(name="内部資料")
    document = Document.objects.create(
        title="内部", file=ContentFile(b"internal", name="naibu.txt"), collection=collection
    )
    url = f"/documents/{document.pk}/{document.filename}"
    assert Client().get(url).status_code == 200
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=restriction_type, password="secret"
    )
    assert Client().get(url).status_code == 404


def test_one_view_restriction_check_runs_wagtails_replaced_by_ours():
    """The public tier's 404 is Wagtail's own check, patched: restrictions are read once."""
    from wagtail import hooks
    from wagtail import wagtail_hooks as wagtail_core_hooks

    from portal.patches import view_restrictions

    serve_hooks = hooks.get_hooks("on_serve_page")
    assert view_restrictions.check_view_restrictions in serve_hooks
    assert wagtail_core_hooks.check_view_restrictions not in serve_hooks
