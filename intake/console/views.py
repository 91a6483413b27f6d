"""The intake console: sessions, decrypted bookings, the 相談票, the day sheet.

Every view first asks ``access``: a user without a console permission gets
403 before anything is looked up, and a session outside the user's scope
gets 403 whatever the URL (session, booking, 相談票, day sheet, export).
Every view that decrypts writes an AuditEntry first-hand, with reference
codes and counts only. The staff tier's middleware adds ``no-store`` and
``noindex`` to every response.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from intake import access, audit, cancellation, consultation
from intake.models import Reservation
from schedule import venue_day
from schedule.models import TouringSession, Venue
from schedule.planning.dates import format_date, format_time_range, language
from schedule.planning.tz import TOKYO

from .forms import CancelBookingForm, ConsultationRecordForm
from .records import open_booking, open_bookings

RECENT_DAYS = 14
UPCOMING_DAYS = 60


def console_view(view):
    """Refuse users with no intake console permission at all (editors, schedulers)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not access.may_use_console(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _lang() -> str:
    return language(get_language() or "ja")


def _require(request, permission: str):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _open_session(request, session: TouringSession) -> TouringSession:
    if not access.can_open_session(request.user, session, timezone.now()):
        raise PermissionDenied
    return session


def _session_or_403(request, pk: int) -> TouringSession:
    session = get_object_or_404(TouringSession.objects.select_related("venue"), pk=pk)
    return _open_session(request, session)


def _reservation_or_403(request, reference: str) -> Reservation:
    reservation = get_object_or_404(
        Reservation.objects.select_related("slot__session__venue"), reference=reference
    )
    _open_session(request, reservation.slot.session)
    return reservation


def audit_reservation(request, action, reservation, count=1, **detail):
    return audit.record(
        action,
        request=request,
        object_type="reservation",
        object_ref=reservation.reference,
        count=count,
        detail=detail,
    )


def audit_session(request, action, session, bookings, **detail):
    """One entry for a session's bookings: the references that were opened."""
    return audit.record(
        action,
        request=request,
        object_type="session",
        object_ref=session.pk,
        references=[b.reservation.reference for b in bookings if b.is_open],
        detail=detail,
    )


def describe_session(session: TouringSession, lang: str) -> dict:
    return {
        "session": session,
        "date": format_date(session.date, lang),
        "time": format_time_range(session.start_time, session.end_time, lang),
        "venue": session.venue.name,
        "room": session.room_name,
    }


def _slot_time(reservation, lang):
    return format_time_range(reservation.slot.starts_at, reservation.slot.ends_at, lang)


def _session_bookings(session):
    return (
        Reservation.objects.for_session(session)
        .select_related("slot")
        .order_by("slot__starts_at", "created_at")
    )


@console_view
def session_list(request):
    """Sessions the user may open now, with booking counts; consultants also see what is next."""
    now, lang = timezone.now(), _lang()
    today = now.astimezone(TOKYO).date()
    counts = {
        "booked": Count("slots__reservations", filter=Q(slots__reservations__status="booked")),
        "cancelled": Count(
            "slots__reservations", filter=Q(slots__reservations__status="cancelled")
        ),
    }
    sessions = access.openable_sessions(request.user, now)
    if access.sees_all(request.user):
        sessions = sessions.filter(
            date__gte=today - timedelta(days=RECENT_DAYS),
            date__lte=today + timedelta(days=UPCOMING_DAYS),
        )
    rows = [
        {**describe_session(s, lang), "booked": s.booked, "cancelled": s.cancelled}
        for s in sessions.annotate(**counts).order_by("date", "start_time", "pk")
    ]
    later = []
    if not access.sees_all(request.user):
        later = [
            {
                **describe_session(s, lang),
                "opens": format_date(access.consultant_window(s.date)[0], lang),
            }
            for s in TouringSession.objects.select_related("venue")
            .filter(consultants=request.user, date__gt=today + timedelta(days=access.DAYS_BEFORE))
            .order_by("date", "start_time")[:20]
        ]
    return TemplateResponse(
        request,
        "intake/console/session_list.html",
        {"rows": rows, "later": later, "sees_all": access.sees_all(request.user)},
    )


@console_view
def session_bookings(request, pk):
    session = _session_or_403(request, pk)
    lang = _lang()
    bookings = open_bookings(_session_bookings(session))
    audit_session(request, audit.Action.VIEW_SESSION, session, bookings)
    return TemplateResponse(
        request,
        "intake/console/session_bookings.html",
        {
            **describe_session(session, lang),
            "bookings": [(b, _slot_time(b.reservation, lang)) for b in bookings],
            "may_export": request.user.has_perm(access.EXPORT),
        },
    )


@console_view
def booking_detail(request, reference):
    reservation = _reservation_or_403(request, reference)
    lang = _lang()
    booking = open_booking(reservation)
    audit_reservation(request, audit.Action.VIEW_BOOKING, reservation, count=int(booking.is_open))
    user = request.user
    return TemplateResponse(
        request,
        "intake/console/booking_detail.html",
        {
            **describe_session(reservation.slot.session, lang),
            "booking": booking,
            "slot_time": _slot_time(reservation, lang),
            "may_record": user.has_perm(access.RECORD_CONSULTATION) and booking.is_open,
            "may_cancel": user.has_perm(access.CANCEL_BOOKING) and reservation.is_booked,
        },
    )


@console_view
@require_http_methods(["GET", "POST"])
def consultation_record(request, reference):
    """The 相談票: a consultant records it after the consultation (sealed, audited)."""
    _require(request, access.RECORD_CONSULTATION)
    reservation = _reservation_or_403(request, reference)
    booking = open_booking(reservation)
    if not booking.is_open:
        raise Http404
    initial = None
    if booking.consultation:
        initial = {k: booking.consultation.get(k) for k in ("kind", "troubles", "notes")}
    form = ConsultationRecordForm(
        request.POST if request.method == "POST" else None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        now = timezone.now()
        payload = consultation.record_payload(form.cleaned_data, request.user, now)
        consultation.save_record(reservation.submission_id, payload, now)
        audit_reservation(request, audit.Action.SAVE_CONSULTATION, reservation)
        messages.success(request, _("相談票を保存しました。"))
        return redirect("intake_console:booking", reference=reservation.reference)
    if request.method == "GET":
        audit_reservation(request, audit.Action.VIEW_BOOKING, reservation, view="consultation_form")
    return TemplateResponse(
        request,
        "intake/console/consultation_form.html",
        {
            **describe_session(reservation.slot.session, _lang()),
            "booking": booking,
            "form": form,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@console_view
@require_http_methods(["GET", "POST"])
def cancel_booking(request, reference):
    """Staff cancel a booking; the seat is released by a conditional update."""
    _require(request, access.CANCEL_BOOKING)
    reservation = _reservation_or_403(request, reference)
    form = CancelBookingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        done = cancellation.cancel(reservation, by=Reservation.CancelledBy.STAFF)
        if done:
            audit_reservation(request, audit.Action.CANCEL_BOOKING, reservation)
            messages.success(request, _("予約をキャンセルし、席を空けました。"))
        else:
            messages.info(request, _("この予約はすでにキャンセルされています。"))
        return redirect("intake_console:booking", reference=reservation.reference)
    return TemplateResponse(
        request,
        "intake/console/cancel_booking.html",
        {
            **describe_session(reservation.slot.session, _lang()),
            "reservation": reservation,
            "slot_time": _slot_time(reservation, _lang()),
            "form": form,
        },
        status=400 if form.is_bound else 200,
    )


@console_view
def day_sheet(request, venue_id, year, month, day):
    """Printable: one venue's sessions on one day, with the names of who booked (the roster).

    Seat counts without names are on the other sheet, in the admin; what both list is
    schedule/venue_day.py.
    """
    venue = get_object_or_404(Venue, pk=venue_id)
    try:
        on = date(year, month, day)
    except ValueError:
        raise Http404 from None
    lang = _lang()
    now = timezone.now()
    sessions = [
        s for s in venue_day.sessions_on(venue, on) if access.can_open_session(request.user, s, now)
    ]
    if not sessions:
        # Nothing here the user may open: the same answer whether or not sessions exist.
        raise PermissionDenied
    sheets, references = [], []
    for session in sessions:
        bookings = [b for b in open_bookings(_session_bookings(session)) if b.reservation.is_booked]
        references += [b.reservation.reference for b in bookings if b.is_open]
        sheets.append(
            {
                **venue_day.heading(session, lang),
                "bookings": [(b, _slot_time(b.reservation, lang)) for b in bookings],
            }
        )
    audit.record(
        audit.Action.PRINT_DAY_SHEET,
        request=request,
        object_type="venue_day",
        object_ref=f"{venue.pk}:{on.isoformat()}",
        references=references,
        detail={"sessions": [s.pk for s in sessions]},
    )
    return TemplateResponse(
        request,
        "intake/console/day_sheet.html",
        {"venue": venue, "date": format_date(on, lang), "sheets": sheets},
    )
