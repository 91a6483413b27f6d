"""Every staff export starts with the confidentiality marker row, as staff download it."""

import csv
import io

from django.urls import URLPattern, URLResolver, get_resolver

import openpyxl
import pytest

from intake.export_marker import MARKER
from portal.documents.scan import export_header_rows
from tests.documents.helpers import EXPORT_URLS, UNMARKED_EXPORTS, produce_exports, rows_of

pytestmark = [
    pytest.mark.django_db(databases=["default", "intake"]),
    pytest.mark.usefixtures("intake_keys", "staff_tier"),
]


def first_row(name: str, data: bytes) -> list[str]:
    if name.endswith(".xlsx"):
        sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True).active
        return [str(cell) for cell in next(sheet.iter_rows(values_only=True)) if cell]
    return next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_each_export_starts_with_the_marker_row(client):
    exports = produce_exports(client)
    assert set(exports) == set(EXPORT_URLS)
    for label, (name, data) in exports.items():
        row = first_row(name, data)
        assert row[0] == MARKER, label
        assert "機密" in row[1], label


def test_each_export_has_a_heading_row_the_upload_scan_knows(client):
    """The scanner's needles come from export_header_rows(): they match what exports write."""
    known = export_header_rows()
    for label, (name, data) in produce_exports(client).items():
        heading = [cell for cell in rows_of(name, data)[1] if cell]
        assert heading in known, label


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def test_every_export_view_is_listed():
    """A URL named *export*, or a project admin view that exports (list_export), is listed.

    (Or it is one of the few exports without consultation records, UNMARKED_EXPORTS.)
    """
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    listed = {url.split("?")[0] for url in EXPORT_URLS.values()}
    found = set()
    for route, pattern in _walk(get_resolver().url_patterns):
        view = getattr(pattern.callback, "view_class", None)
        module = getattr(view or pattern.callback, "__module__", "")
        if not module.startswith(("intake", "portal", "schedule", "measures", "home", "search")):
            continue
        is_export = "export" in (pattern.name or "")
        initkwargs = getattr(pattern.callback, "view_initkwargs", {})
        is_report = (
            view is not None
            and issubclass(view, SpreadsheetExportMixin)
            and bool(initkwargs.get("list_export", view.list_export))
        )
        if (is_export or is_report) and "results" not in route:
            found.add(
                "/" + route.replace("^", "").replace("$", "").replace("<int:pk>", "{session}")
            )
    assert found == {url.replace("{fy}", "") for url in listed} | set(UNMARKED_EXPORTS)
