from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.breadcrumbs import page_trail
from core.paging import page_number
from schedule import ical

from .venue import Venue

# Sessions a list page shows; the rest are on the next pages.
LIST_PAGE_SIZE = 20


class SchedulePage(RoutablePageMixin, Page):
    """The touring schedule at /schedule/: list, calendar, near-you, venues, sessions, iCal."""

    intro = RichTextField(_("導入文"), blank=True, features=["bold", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("巡回相談の日程")

    def _render(self, request, template, context):
        context = {**self.get_context(request), **context}
        return TemplateResponse(request, f"schedule/{template}", context)

    @path("", name="list")
    def list_view(self, request):
        from schedule import listing  # noqa: PLC0415 - cycle: listing imports models

        now = timezone.now()
        filters = listing.Filters.from_query(request.GET)
        number = page_number(request.GET.get("page"))
        # Filtered, ordered and cut in SQL: only the sessions shown are loaded.
        offset = (number - 1) * LIST_PAGE_SIZE
        sessions, total = listing.sessions_for(filters, now).page_with_total(offset, LIST_PAGE_SIZE)
        if number > 1 and not sessions:
            raise Http404
        views = listing.present(sessions, now)
        return self._render(
            request,
            "schedule_page.html",
            {
                "filters": filters,
                "sessions": views,
                "total": total,
                "first_shown": offset + 1,
                "last_shown": offset + len(views),
                "pages": listing.pages(number, total, LIST_PAGE_SIZE, filters),
                "wards": listing.ward_choices(),
                "kinds": listing.kind_choices(),
                "months": listing.upcoming_months(now),
                "jsonld": listing.events_jsonld(views, request, self),
            },
        )

    @path("calendar/", name="calendar")
    def calendar_view(self, request):
        from schedule import listing  # noqa: PLC0415 - cycle: listing imports models

        now = timezone.now()
        filters = listing.Filters.from_query(request.GET)
        year, month = filters.month or listing.this_month(now)
        month_filters = listing.Filters(month=(year, month), ward=filters.ward, kind=filters.kind)
        # The calendar shows the whole month, past days included (and labelled).
        views = listing.present(listing.month_sessions(month_filters), now)
        return self._render(
            request,
            "schedule_calendar.html",
            {
                "filters": month_filters,
                "month_label": listing.month_label(year, month),
                "weekdays": listing.weekday_headers(),
                "weeks": listing.month_weeks(year, month, views, now),
                "prev_month": listing.month_value(*listing.shift_month(year, month, -1)),
                "next_month": listing.month_value(*listing.shift_month(year, month, 1)),
                "calendar_url": f"{self.url}calendar/",
                "wards": listing.ward_choices(),
                "kinds": listing.kind_choices(),
                "trail": page_trail(self, request, listing.month_label(year, month)),
            },
        )

    @path("near/", name="near")
    def near_view(self, request):
        from schedule import listing  # noqa: PLC0415 - cycle: listing imports models

        now = timezone.now()
        ward = request.GET.get("ward", "")
        groups = None
        if ward in listing.WARD_LABELS:
            groups = listing.nearest(ward, listing.present(listing.nearest_sessions(now), now))
        return self._render(
            request,
            "schedule_near.html",
            {
                "ward": ward,
                "groups": groups,
                "wards": listing.ward_choices(),
                "trail": page_trail(self, request, gettext("お近くの相談会")),
            },
        )

    @path("venues/<slug:slug>/", name="venue")
    def venue_view(self, request, slug):
        from schedule import listing  # noqa: PLC0415 - cycle: listing imports models

        now = timezone.now()
        venue = Venue.objects.filter(slug=slug, locale=self.locale).first() or get_object_or_404(
            Venue.objects.filter(slug=slug).order_by("pk")[:1]
        )
        qs = listing.TouringSession.objects.with_slots().filter(
            venue__translation_key=venue.translation_key
        )
        upcoming = listing.present(qs.from_day(listing.today(now)), now)
        recent = listing.present(
            qs.filter(
                date__lt=listing.today(now), date__gte=listing.today(now) - listing.RECENT
            ).order_by("-date"),
            now,
        )
        return self._render(
            request,
            "schedule_venue.html",
            {
                "venue": venue,
                "sessions": upcoming,
                "recent": recent,
                "jsonld": listing.events_jsonld(upcoming, request, self),
                "trail": page_trail(self, request, venue.name),
            },
        )

    @path("sessions/<int:pk>/", name="session")
    def session_view(self, request, pk):
        from schedule import listing  # noqa: PLC0415 - cycle: listing imports models

        now = timezone.now()
        views = listing.present(listing.TouringSession.objects.with_slots().filter(pk=pk), now)
        if not views:
            raise Http404
        view = views[0]
        return self._render(
            request,
            "schedule_session.html",
            {
                "view": view,
                "jsonld": listing.events_jsonld([view], request, self)[0],
                "trail": page_trail(self, request, view.date_label),
            },
        )

    @path("ical/", name="ical")
    def ical_view(self, request):
        from schedule import listing  # noqa: PLC0415 - cycle: listing imports models

        qs = listing.feed_sessions(timezone.now())
        title = gettext("巡回相談の日程")
        venue_slug, ward = request.GET.get("venue", ""), request.GET.get("ward", "")
        if venue_slug:
            venue = Venue.objects.filter(slug=venue_slug).first()
            if venue is None:
                raise Http404
            qs = qs.filter(venue__translation_key=venue.translation_key)
        if ward:
            if ward not in listing.WARD_LABELS:
                raise Http404
            qs = qs.filter(venue__ward=ward)
        views = listing.present(qs, timezone.now())
        cal = ical.build_calendar(views, self.get_full_url(request), title)
        response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="schedule.ics"'
        return response
