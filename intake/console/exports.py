"""CSV export of one session's bookings: streamed, never stored, audited.

The bookings are decrypted in this request's memory and fed row by row to
csv_safe.stream_csv (which neutralises formula cells and starts with a UTF-8
BOM). Nothing is written to a file, a cache or any
storage a web server serves. The audit entry is written before the first
byte is sent, with the references exported and their count.
"""

from __future__ import annotations

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from intake import access, audit
from intake.csv_safe import stream_csv

from .records import open_bookings
from .views import (
    _lang,
    _require,
    _session_bookings,
    _session_or_403,
    _slot_time,
    audit_session,
    console_view,
)


def header() -> list[str]:
    """The heading row of the bookings CSV (intake.export_marker.export_header_rows reads it)."""
    return [
        _("予約番号"),
        _("時間"),
        _("状態"),
        _("事業者名"),
        _("担当者名"),
        _("フリガナ"),
        _("電話番号"),
        _("メールアドレス"),
        _("行政区"),
        _("業種"),
        _("従業員数"),
        _("売上減少の程度"),
        _("補助金・融資の申請状況"),
        _("相談したいこと"),
        _("相談したい内容"),
    ]


def rows(bookings, lang):
    for booking in bookings:
        r, p, c = booking.reservation, booking.personal, booking.categories
        yield [
            r.reference,
            _slot_time(r, lang),
            r.get_status_display(),
            p.get("business_name", ""),
            p.get("contact_name", ""),
            p.get("contact_name_kana", ""),
            p.get("phone", ""),
            p.get("email", ""),
            c["ward"],
            c["industry"],
            c["employee_band"],
            c["sales_decline_band"],
            c["subsidy_status"],
            "、".join(c["topics"]),
            p.get("consultation", ""),
        ]


@console_view
def export_session(request, pk):
    _require(request, access.EXPORT)
    session = _session_or_403(request, pk)
    lang = _lang()
    bookings = open_bookings(_session_bookings(session))
    audit_session(request, audit.Action.EXPORT_SESSION, session, bookings, format="csv")
    response = StreamingHttpResponse(
        stream_csv(rows(bookings, lang), header()), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.now().astimezone().strftime("%Y%m%d")
    filename = f"session-{session.pk}-{session.date:%Y%m%d}-{stamp}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
