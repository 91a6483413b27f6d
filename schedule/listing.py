"""What the public schedule shows: filters, sessions in the active language, calendar weeks.

Views call these; each function costs a fixed number of queries whatever the
number of sessions (sessions, their slots, and the venues' translations). Every
filter is applied in SQL, and lists are cut in SQL too, so only the sessions a
page shows are loaded and turned into view objects.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import get_language, gettext

from core.paging import Pages, page_links
from schedule import jsonld
from schedule.models import ConsultantKind, TouringSession, Venue
from schedule.planning import seats
from schedule.planning.cutoff import CLOSED_REASON_LABELS
from schedule.planning.dates import (
    WEEKDAYS,
    format_date,
    format_month,
    format_time_range,
    language,
)
from schedule.planning.tz import TOKYO
from schedule.wards import WARD_CHOICES, WARD_LABELS, wards_by_distance

# How far back the venue page lists past sessions, and the iCal feed keeps them.
RECENT = timedelta(days=30)
FEED_HISTORY = timedelta(days=90)

# Shown state of a session, most important first.
CANCELLED, PAST, FULL, CLOSED, OPEN = "cancelled", "past", "full", "closed", "open"


def lang() -> str:
    return language(get_language() or "ja")


def today(now: datetime) -> date:
    return now.astimezone(TOKYO).date()


@dataclass(frozen=True)
class Filters:
    ward: str = ""
    month: tuple[int, int] | None = None
    kind: str = ""
    free: bool = False
    past: bool = False

    @classmethod
    def from_query(cls, query) -> "Filters":
        """Unknown or malformed values are ignored rather than refused."""
        ward = query.get("ward", "")
        kind = query.get("kind", "")
        return cls(
            ward=ward if ward in WARD_LABELS else "",
            month=parse_month(query.get("month", "")),
            kind=kind if kind in ConsultantKind.values else "",
            free=query.get("free") == "1",
            past=query.get("past") == "1",
        )

    @property
    def month_value(self) -> str:
        return month_value(*self.month) if self.month else ""

    def query(self, **extra) -> str:
        """These filters (and ``extra``) as a query string, defaults left out."""
        pairs = [
            ("ward", self.ward),
            ("month", self.month_value),
            ("kind", self.kind),
            ("free", "1" if self.free else ""),
            ("past", "1" if self.past else ""),
            *extra.items(),
        ]
        return urlencode([(key, value) for key, value in pairs if value])

    @property
    def active(self) -> bool:
        return bool(self.ward or self.month or self.kind or self.free)


def pages(number: int, total: int, size: int, filters: Filters) -> Pages | None:
    """Links to the pages of a list of ``total`` sessions, or None when one page holds it."""

    def url(n: int) -> str:
        return "?" + (filters.query(page=n) if n > 1 else filters.query())

    return page_links(number, -(-total // size), url)


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def parse_month(value: str) -> tuple[int, int] | None:
    try:
        year, month = (int(part) for part in value.split("-"))
    except ValueError:
        return None
    if 2000 <= year <= 2100 and 1 <= month <= 12:
        return year, month
    return None


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def this_month(now: datetime) -> tuple[int, int]:
    local = now.astimezone(TOKYO)
    return local.year, local.month


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def upcoming_months(now: datetime, count: int = 6) -> list[tuple[str, str]]:
    """(value, label) of this month and the next ones, for the month filter."""
    year, month = this_month(now)
    months = [shift_month(year, month, i) for i in range(count)]
    return [(month_value(y, m), format_month(y, m, lang())) for y, m in months]


def kind_choices():
    return [(value, str(label)) for value, label in ConsultantKind.choices]


def ward_choices():
    return [(code, str(label)) for code, label in WARD_CHOICES]


def month_sessions(filters: Filters):
    """Every session of ``filters.month`` (past days too), for the calendar."""
    first, last = month_bounds(*filters.month)
    qs = TouringSession.objects.with_slots().filter(date__range=(first, last))
    if filters.ward:
        qs = qs.filter(venue__ward=filters.ward)
    if filters.kind:
        qs = qs.with_kind(filters.kind)
    return qs


def feed_sessions(now: datetime):
    """Sessions for iCal: from FEED_HISTORY ago onwards, so cancellations still reach
    calendars that subscribed, without the feed growing for ever."""
    return TouringSession.objects.with_slots().filter(date__gte=today(now) - FEED_HISTORY)


def sessions_for(filters: Filters, now: datetime):
    """Sessions matching every filter, oldest first (newest first for past ones)."""
    qs = TouringSession.objects.with_slots()
    if filters.past:
        qs = qs.filter(date__lt=today(now)).order_by("-date", "-start_time", "-pk")
    else:
        qs = qs.from_day(today(now))
    if filters.ward:
        qs = qs.filter(venue__ward=filters.ward)
    if filters.month:
        first, last = month_bounds(*filters.month)
        qs = qs.filter(date__range=(first, last))
    if filters.kind:
        qs = qs.with_kind(filters.kind)
    if filters.free:
        # SessionView.has_free_seats, in SQL.
        qs = qs.bookable_at(now)
    return qs


def nearest_sessions(now: datetime, per_ward: int = 3):
    """The first ``per_ward`` sessions with free seats in each ward, in one query."""
    ranked = (
        TouringSession.objects.with_slots()
        .from_day(today(now))
        .bookable_at(now)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("venue__ward"),
                order_by=[F("date").asc(), F("start_time").asc(), F("pk").asc()],
            )
        )
    )
    return ranked.filter(rank__lte=per_ward)


@dataclass
class SlotView:
    slot: object
    time_label: str
    remaining: int
    bookable: bool
    closed_reason: str


@dataclass
class SessionView:
    session: TouringSession
    venue: Venue
    date_label: str
    time_label: str
    state: str
    kinds: list[str]
    note: str
    slots: list[SlotView] = field(default_factory=list)

    @property
    def remaining(self) -> int:
        return sum(s.remaining for s in self.slots if s.bookable)

    @property
    def has_free_seats(self) -> bool:
        return self.state == OPEN and self.remaining > 0


def localized_venues(venues, locale_code: str) -> dict[int, Venue]:
    """Source venue id -> the venue in the active language (falls back to the source)."""
    venues = {v.pk: v for v in venues}
    if not venues:
        return {}
    by_key = {
        v.translation_key: v
        for v in Venue.objects.filter(
            translation_key__in=[v.translation_key for v in venues.values()],
            locale__language_code=locale_code,
        )
    }
    return {pk: by_key.get(v.translation_key, v) for pk, v in venues.items()}


def session_state(session: TouringSession, now: datetime) -> str:
    if session.is_cancelled:
        return CANCELLED
    if session.is_past(now):
        return PAST
    return {seats.FULL: FULL, seats.CLOSED: CLOSED}.get(session.seat_status(now), OPEN)


def present(sessions, now: datetime | None = None) -> list[SessionView]:
    """Sessions (with prefetched slots) as the public pages show them."""
    now = now or timezone.now()
    current = lang()
    sessions = list(sessions)
    venues = localized_venues({s.venue for s in sessions}, current)
    views = []
    for session in sessions:
        slots = []
        for slot in session.slots.all():
            verdict = slot.bookability(now)
            slots.append(
                SlotView(
                    slot=slot,
                    time_label=format_time_range(slot.starts_at, slot.ends_at, current),
                    remaining=slot.remaining,
                    bookable=verdict.bookable,
                    closed_reason=str(CLOSED_REASON_LABELS.get(verdict.reason, "")),
                )
            )
        views.append(
            SessionView(
                session=session,
                venue=venues.get(session.venue_id, session.venue),
                date_label=format_date(session.date, current),
                time_label=format_time_range(session.start_time, session.end_time, current),
                state=session_state(session, now),
                kinds=session.kind_labels(),
                note=session.public_note_for(current),
                slots=slots,
            )
        )
    return views


def nearest(ward: str, views: list[SessionView], per_ward: int = 3):
    """[(ward code, label, first sessions there)] from ``ward`` outwards."""
    groups = []
    for code in wards_by_distance(ward):
        here = [v for v in views if v.venue.ward == code and v.state == OPEN][:per_ward]
        groups.append((code, WARD_LABELS[code], here))
    return groups


@dataclass
class CalendarDay:
    day: date | None
    label: str = ""
    sessions: list[SessionView] = field(default_factory=list)
    is_today: bool = False


def month_weeks(year: int, month: int, views: list[SessionView], now: datetime):
    """Weeks (Sunday first, as Japanese calendars are) of CalendarDay for a month table."""
    by_day = {}
    for view in views:
        by_day.setdefault(view.session.date, []).append(view)
    current = lang()
    weeks = []
    for week in calendar.Calendar(firstweekday=6).monthdatescalendar(year, month):
        weeks.append(
            [
                CalendarDay(
                    day=d,
                    label=format_date(d, current),
                    sessions=by_day.get(d, []),
                    is_today=d == today(now),
                )
                if d.month == month
                else CalendarDay(day=None)
                for d in week
            ]
        )
    return weeks


def weekday_headers() -> list[str]:
    """Weekday names, Sunday first."""
    names = WEEKDAYS[lang()]
    return [names[i] for i in (6, 0, 1, 2, 3, 4, 5)]


def month_label(year: int, month: int) -> str:
    return format_month(year, month, lang())


def events_jsonld(views, request, page) -> list[str]:
    """One schema.org Event per session, each ready to embed in a script element."""
    base = page.get_full_url(request)
    organizer = gettext("中小企業等支援策活用サポートセンター")
    return [
        jsonld.script_payload(jsonld.event(v, f"{base}sessions/{v.session.pk}/", organizer))
        for v in views
    ]
