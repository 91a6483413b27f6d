"""Serve documents through Wagtail's view, adding the headers of docs/security.md.

Every document response (both tiers) gets:
- X-Robots-Tag: noindex, nofollow, noarchive (never in a search engine);
- X-Content-Type-Options: nosniff;
- Content-Security-Policy: default-src 'none', plus sandbox for everything but
  PDF (an HTML or SVG document cannot run script or reach anything, even opened
  directly; Chromium refuses to show a PDF in a sandboxed document, and a PDF
  has no script the viewer would run under default-src 'none');
- Cross-Origin-Resource-Policy: same-origin;
- Content-Disposition: attachment for everything but PDF (inline for PDF).
"""

from __future__ import annotations

from django.views.decorators.http import require_safe

from wagtail.documents import get_document_model
from wagtail.documents.views import serve as wagtail_serve

DOCUMENT_CSP = "default-src 'none'; sandbox"
PDF_CSP = "default-src 'none'"
INLINE_CONTENT_TYPES = ("application/pdf",)


def add_document_headers(response, document=None):
    response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOCUMENT_CSP
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    if document is not None and document.content_type in INLINE_CONTENT_TYPES:
        response["Content-Security-Policy"] = PDF_CSP
    elif document is not None:
        disposition = response.get("Content-Disposition", "")
        if not disposition.startswith("attachment"):
            _kind, _sep, parameters = disposition.partition(";")
            response["Content-Disposition"] = "attachment" + (
                f";{parameters}" if parameters else ""
            )
    return response


@require_safe
def serve(request, document_id, document_filename):
    response = wagtail_serve.serve(request, document_id, document_filename)
    document = get_document_model().objects.filter(pk=document_id).first()
    return add_document_headers(response, document)
