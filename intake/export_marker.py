"""The confidentiality marker that every staff export carries, in one place.

Each file the staff tier hands out (a session's bookings, the statistics, the
audit logs, as CSV or XLSX) starts with one row: the fixed ASCII marker MARKER and
a sentence saying the file holds confidential consultation records. The
document upload (portal.documents.scan) refuses any file carrying the token, in
any text encoding and inside Office/zip files, so an export cannot be put on
the public site as a Wagtail document (the 2020 leak: an Excel export at a
public URL). The token is ASCII on purpose: it stays recognisable as bytes in
UTF-8, Shift_JIS, EUC-JP and, interleaved with NULs, in UTF-16.

Someone may delete that first row. The upload therefore also refuses a file
carrying the heading row of an export: portal.documents.scan.export_header_rows()
takes those rows from the export code itself, in every language of the site, so
the scanner's needles cannot drift from what the exports write.
"""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext

MARKER = "SHIENGUIDE-CONFIDENTIAL"


def marker_row() -> list[str]:
    """The first row of every export: the token, then the warning in the active language."""
    return [
        MARKER,
        gettext(
            "機密：相談受付の記録です。職員以外に渡さず、ウェブサイトや文書管理に"
            "アップロードしないでください。"
        ),
    ]


def marker_csv_line() -> str:
    """The marker row as one CSV line (for exports written with csv.writer/DictWriter)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow(marker_row())
    return buffer.getvalue()


class MarkedSpreadsheetExportMixin:
    """For Wagtail report views (SpreadsheetExportMixin): put the marker row first.

    Place it before ReportView in the bases. CSV: one line before the heading.
    XLSX: the same write-only workbook as Wagtail's, with the marker as row 1.
    """

    @classmethod
    def export_header(cls) -> list[str]:
        """The heading row this report's CSV and XLSX exports write (Wagtail's get_heading)."""
        view = cls()
        queryset = view.get_queryset()
        return [view.get_heading(queryset, field) for field in cls.list_export]

    def stream_csv(self, queryset):
        yield marker_csv_line()
        yield from super().stream_csv(queryset)

    def write_xlsx(self, queryset, output):
        # optional: only an XLSX export loads these (Wagtail defers openpyxl too).
        from wagtail.admin.views.mixins import ExcelDateFormatter  # noqa: PLC0415 - optional

        from openpyxl import Workbook  # noqa: PLC0415 - optional

        workbook = Workbook(write_only=True, iso_dates=True)
        worksheet = workbook.create_sheet(title="Sheet1")
        worksheet.append(marker_row())
        worksheet.append(self.get_heading(queryset, field) for field in self.list_export)
        date_format = ExcelDateFormatter().get()
        for item in queryset:
            worksheet.append(
                self.generate_xlsx_row(worksheet, self.to_row_dict(item), date_format=date_format)
            )
        workbook.save(output)
