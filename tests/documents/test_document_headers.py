"""Documents are served through the view with the headers of docs/security.md, on both tiers."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.test import Client

from wagtail.documents import get_document_model
from wagtail.models import Collection

import pytest

from tests.documents.files import xlsx
from tests.tiers import use_tier

pytestmark = pytest.mark.django_db

CONTENT = {
    "pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
    "docx": xlsx([["案内"]]),
    "xlsx": xlsx([["様式第1号"]]),
    "csv": "区分,件数\r\n北区,3\r\n".encode("utf-8-sig"),
    "txt": "営業時間のご案内".encode(),
    "html": b"<script>alert(1)</script>",
    "svg": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
}


def published(extension):
    """A document in a public collection, published on purpose (as a permitted approver does)."""
    document = get_document_model()(
        title=extension,
        file=ContentFile(CONTENT[extension], name=f"file.{extension}"),
        collection=Collection.get_first_root_node(),
    )
    document._portal_publish_spreadsheet = True
    document.save()
    return document


def test_documents_are_always_served_through_the_view():
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert settings.WAGTAILDOCS_INLINE_CONTENT_TYPES == ["application/pdf"]


@pytest.mark.parametrize("tier", ["public", "staff"])
@pytest.mark.parametrize("extension", sorted({*settings.WAGTAILDOCS_EXTENSIONS, "html", "svg"}))
@pytest.mark.parametrize("method", ["get", "head"])
def test_every_document_response_carries_the_headers(tier, extension, method, tmp_path):
    document = published(extension)
    with use_tier(tier):
        client = Client()
        if tier == "staff":
            from tests.accounts.factories import StaffUserFactory
            from tests.accounts.login import login_verified

            login_verified(client, StaffUserFactory(username="t-reader", groups=["編集者"]))
        response = getattr(client, method)(document.url)
    assert response.status_code == 200
    assert "noindex" in response["X-Robots-Tag"]
    assert response["X-Content-Type-Options"] == "nosniff"
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp
    # Chromium shows no PDF in a sandboxed document; everything else is sandboxed.
    assert ("sandbox" in csp) is (extension != "pdf")
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    disposition = response["Content-Disposition"]
    if extension == "pdf":
        assert disposition.startswith("inline")
    else:
        assert disposition.startswith("attachment")
    assert "file." in disposition
