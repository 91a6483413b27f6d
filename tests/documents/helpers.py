"""Exports produced by the console views as staff get them, and admin upload helpers."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents import get_document_model
from wagtail.models import Collection

from intake import reporting
from tests.accounts.factories import AdministratorFactory, IntakeClerkFactory
from tests.accounts.login import login_verified
from tests.clock import days_from_today
from tests.intake.factories import ConsoleSessionFactory, ReservationFactory

# Every export the staff tier offers: (label, URL or URL template, who may fetch it).
# test_every_export_view_is_listed checks that a new export view cannot be left out.
EXPORT_URLS = {
    "session-bookings.csv": "/intake/sessions/{session}/export.csv",
    "intake-stats.csv": "/intake/stats/export.csv?fy={fy}",
    "intake-audit.csv": "/admin/intake-audit/?export=csv",
    "intake-audit.xlsx": "/admin/intake-audit/?export=xlsx",
    "staff-audit.csv": "/admin/staff-audit/?export=csv",
    "staff-audit.xlsx": "/admin/staff-audit/?export=xlsx",
}

# Exports that hold no consultation records and so carry no marker, each with its reason.
UNMARKED_EXPORTS = {
    "/admin/snippets/portal_search/synonymgroup/export/": (
        "the search dictionary: owners' words and official terms, no personal data; staff may "
        "share it (docs/search.md)"
    ),
}


def body_of(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def produce_exports(client) -> dict[str, tuple[str, bytes]]:
    """Book a session, then download every export as the staff who may: {label: (name, bytes)}."""
    session = ConsoleSessionFactory(date=days_from_today(0))
    ReservationFactory(slot=session.slots.get())
    values = {"session": session.pk, "fy": reporting.fiscal_year_of(session.date)}
    clerk, admin = (
        IntakeClerkFactory(username="t-docs-clerk"),
        AdministratorFactory(username="t-docs-admin"),
    )
    exports = {}
    for label, template in EXPORT_URLS.items():
        login_verified(client, clerk if label.startswith("session") else admin)
        response = client.get(template.format(**values))
        assert response.status_code == 200, label
        disposition = response["Content-Disposition"]
        assert disposition.startswith("attachment"), label
        name = disposition.split("filename=", 1)[1].strip('"')
        exports[label] = (name, body_of(response))
    client.logout()
    return exports


def root_collection():
    return Collection.get_first_root_node()


def upload(client, name: str, data: bytes, collection=None, **extra):
    """POST the single-document upload form of the Wagtail admin."""
    collection = collection or root_collection()
    return client.post(
        "/admin/documents/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, data),
            "collection": collection.pk,
            **extra,
        },
        follow=True,
    )


def upload_multiple(client, name: str, data: bytes, collection=None):
    """POST one file to the multiple uploader, as its JavaScript does."""
    collection = collection or root_collection()
    return client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile(name, data), "collection": collection.pk},
    )


def documents():
    return get_document_model().objects.all()


def rows_of(name: str, data: bytes) -> list[list[str]]:
    """The rows of an export as text cells (CSV in UTF-8 with BOM, or the first XLSX sheet)."""
    import csv
    import io

    import openpyxl

    if name.endswith(".xlsx"):
        sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True).active
        return [
            ["" if cell is None else str(cell) for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def without_marker_row(name: str, data: bytes) -> list[list[str]]:
    """The export's rows as someone leaves them who deleted its first (marker) row."""
    return rows_of(name, data)[1:]
