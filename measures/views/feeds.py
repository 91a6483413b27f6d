"""Atom feed of new and updated measures, and an iCalendar feed of deadlines.

Both follow the request's language (/feeds/… in Japanese, /en/feeds/… in English).
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.utils.cache import patch_response_headers
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

import icalendar

from core.i18n import localized_path

from ..filters import status_q
from ..models import MeasurePage
from ..rules.status import LOCAL_TZ, MeasureStatus, local_today

FEED_ITEMS = 50
FEED_MAX_AGE = 60 * 15
UID_DOMAIN = "shienguide.example"


def live_measures():
    return MeasurePage.objects.live().public().filter(locale__language_code=get_language())


class MeasureFeed(Feed):
    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        patch_response_headers(response, FEED_MAX_AGE)
        return response

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return None

    def title(self):
        return _("支援策ガイド: 支援策の新着・更新")

    def subtitle(self):
        return _("若葉市の事業者向け支援策の新着と更新です。")

    def link(self):
        return localized_path("/measures/")

    def feed_guid(self):
        return f"tag:{UID_DOMAIN},2026:measures:{get_language()}"

    def items(self):
        return live_measures().order_by("-last_published_at", "pk")[:FEED_ITEMS]

    def item_title(self, item):
        return f"{item.title}（{item.status_badge['label']}）"

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return f"tag:{UID_DOMAIN},2026:measure:{item.translation_key}:{get_language()}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [item.get_kind_display()]


def deadlines_ics(request):
    """One all-day event on each deadline of a measure still accepting or upcoming."""
    today = local_today()
    closed = status_q(MeasureStatus.CLOSED, today, settings.MEASURES_CLOSING_SOON_DAYS)
    measures = (
        live_measures()
        .filter(application_end__isnull=False)
        .exclude(closed)
        .order_by("application_end", "pk")
    )
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//若葉市 支援策ガイド//measures//JA")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("支援策の締切日"))
    calendar.add("x-wr-timezone", "Asia/Tokyo")
    for measure in measures:
        calendar.add_component(_deadline_event(measure, request))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="deadlines.ics"'
    patch_response_headers(response, FEED_MAX_AGE)
    return response


def _deadline_event(measure, request):
    event = icalendar.Event()
    # Stable across edits and re-imports: the translation key is the measure's identity.
    event.add("uid", f"measure-{measure.translation_key}-deadline-{get_language()}@{UID_DOMAIN}")
    event.add("summary", _("締切: %(title)s") % {"title": measure.title})
    event.add("dtstart", measure.application_end)
    event.add("dtend", measure.application_end + timedelta(days=1))
    stamp = measure.last_published_at or datetime.combine(
        measure.application_end, time.min, tzinfo=LOCAL_TZ
    )
    event.add("dtstamp", stamp)
    event.add("url", measure.get_full_url(request))
    event.add("description", f"{measure.summary}\n\n{measure.get_full_url(request)}")
    event.add("transp", "TRANSPARENT")
    return event
