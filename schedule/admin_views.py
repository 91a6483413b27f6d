"""Staff-tier tools in the Wagtail admin: create a series, cancel a session, the day sheet."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from schedule import venue_day
from schedule.forms import CancelForm, DaySheetForm, SeriesForm
from schedule.models import TouringSession
from schedule.planning.dates import format_date, format_time_range, language
from schedule.planning.errors import PlanningError
from schedule.planning.holidays import holiday_name
from schedule.planning.series import NATIONAL_HOLIDAY, SKIP_REASON_LABELS, plan_series
from schedule.scheduling import batch_conflicts, render_conflicts


def _require(request, codename):
    if not request.user.has_perm(f"schedule.{codename}"):
        raise PermissionDenied


def _lang():
    return language(get_language() or "ja")


def _skipped_rows(plan, lang):
    rows = []
    for day, reason in plan.skipped:
        label = str(SKIP_REASON_LABELS[reason])
        if reason == NATIONAL_HOLIDAY:
            label = f"{label}（{holiday_name(day, lang)}）"
        rows.append({"date": format_date(day, lang), "reason": label})
    return rows


def _plan(form):
    """(sessions, preview rows, skipped rows, has conflicts) for a valid SeriesForm."""
    data, lang = form.cleaned_data, _lang()
    plan = plan_series(
        data["first"], data["last"], set(data["weekdays"]), True, data["closed_dates"]
    )
    sessions = [form.session_for(day) for day in plan.dates]
    if sessions:
        sessions[0].planned_slots()  # the same times every day: raises PlanningError once
    consultant_ids = [u.pk for u in data["consultants"]]
    planned = [s.planned(consultant_ids) for s in sessions]
    conflicts = batch_conflicts(planned)
    slot_count = len(sessions[0].planned_slots()) if sessions else 0
    rows = [
        {
            "date": format_date(s.date, lang),
            "time": format_time_range(s.start_time, s.end_time, lang),
            "slots": slot_count,
            "conflicts": render_conflicts(conflicts.get(p.key, [])),
        }
        for s, p in zip(sessions, planned, strict=True)
    ]
    return sessions, rows, _skipped_rows(plan, lang), bool(conflicts)


def series_create(request):
    """Form → preview (dates, skipped dates, conflicts) → confirm, all in one transaction."""
    _require(request, "add_touringsession")
    form = SeriesForm(request.POST or None)
    context = {"form": form, "preview": None}
    if request.method == "POST" and form.is_valid():
        try:
            sessions, rows, skipped, blocked = _plan(form)
        except PlanningError as error:
            form.add_error(None, error.render())
        else:
            if "confirm" in request.POST and sessions and not blocked:
                consultants = form.cleaned_data["consultants"]
                with transaction.atomic():
                    for session in sessions:
                        session.save()
                        session.consultants.set(consultants)
                messages.success(
                    request, _("%(count)s件の相談会を作成しました。") % {"count": len(sessions)}
                )
                return redirect(reverse("wagtailsnippets_schedule_touringsession:list"))
            context["preview"] = {"rows": rows, "skipped": skipped, "blocked": blocked}
    return TemplateResponse(request, "schedule/staff/series.html", context)


def cancel_session(request, pk):
    _require(request, "cancel_touringsession")
    session = get_object_or_404(TouringSession.objects.select_related("venue"), pk=pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session.cancel(form.cleaned_data["reason"], request.user)
        except PlanningError as error:
            form.add_error(None, error.render())
        else:
            messages.success(
                request, _("相談会を中止しました。公開ページに中止と理由を表示します。")
            )
            return redirect(reverse("wagtailsnippets_schedule_touringsession:list"))
    lang = _lang()
    return TemplateResponse(
        request,
        "schedule/staff/cancel.html",
        {
            "form": form,
            "session": session,
            "date_label": format_date(session.date, lang),
            "time_label": format_time_range(session.start_time, session.end_time, lang),
        },
    )


def day_sheet(request):
    """Printable: a venue's sessions on one day with seat counts (the seat sheet).

    Names are on the other sheet, the intake console's roster; what both list is
    schedule/venue_day.py.
    """
    _require(request, "view_touringsession")
    form = DaySheetForm(request.GET or None)
    sessions = []
    lang = _lang()
    if form.is_valid():
        venue, day = form.cleaned_data["venue"], form.cleaned_data["day"]
        for session in venue_day.sessions_on(venue, day).with_slots():
            slots = [
                {
                    "time": format_time_range(s.starts_at, s.ends_at, lang),
                    "capacity": s.capacity,
                    "taken": s.taken,
                    "remaining": s.remaining,
                }
                for s in session.slots.all()
            ]
            sessions.append(
                {
                    **venue_day.heading(session, lang),
                    "slots": slots,
                    "taken": sum(s["taken"] for s in slots),
                    "capacity": sum(s["capacity"] for s in slots),
                }
            )
    context = {"form": form, "sessions": sessions}
    if form.is_valid():
        context["date_label"] = format_date(form.cleaned_data["day"], lang)
    return TemplateResponse(request, "schedule/staff/day_sheet.html", context)
