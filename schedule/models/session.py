from datetime import datetime, time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Exists, F, Func, OuterRef, Prefetch, Q, TextField, Window
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.search import index

from schedule.planning.conflicts import PlannedSession
from schedule.planning.cutoff import Bookability, CutoffRule, cutoff_at, is_bookable
from schedule.planning.errors import PlanningError
from schedule.planning.seats import SlotSeats, remaining, remaining_seats, session_seat_status
from schedule.planning.slots import generate_slots, group_by_time
from schedule.planning.tz import TOKYO, aware
from schedule.signals import session_cancelled
from schedule.wards import WARD_LABELS

from .venue import Venue

# The staff role whose members can be assigned to sessions (created by the roles issue).
CONSULTANT_GROUP = "相談員"

# Changing any of these moves or resizes the slots.
SLOT_FIELDS = ("date", "start_time", "end_time", "slot_minutes", "booths", "breaks")
SEATS_TAKEN_MESSAGE = _(
    "予約済みの枠があるため、日時・枠の長さ・ブース数・休憩は変更できません。"
    "変更が必要なら、この相談会を中止して新しい相談会を作成してください。"
)


# A slot with a seat taken, or with any booking record (cancelled ones included), keeps
# its time: bookings refer to it.
IN_USE = Q(taken__gt=0) | Q(reservations__isnull=False)


class ConsultantKind(models.TextChoices):
    GYOSEISHOSHI = "gyoseishoshi", _("行政書士")
    SHINDANSHI = "shindanshi", _("中小企業診断士")
    SHAROUSHI = "sharoushi", _("社会保険労務士")
    ZEIRISHI = "zeirishi", _("税理士")


def parse_breaks(value) -> list[tuple[time, time]]:
    """Stored breaks ([["12:00", "13:00"], ...]) as local times."""
    return [(time.fromisoformat(a), time.fromisoformat(b)) for a, b in value or ()]


class DaysBefore(Func):
    """``date_column`` minus ``days_column`` days, as a date (PostgreSQL and SQLite)."""

    output_field = models.DateField()
    arity = 2

    def as_sql(self, compiler, connection, **extra_context):
        # PostgreSQL: date - integer is a date.
        return super().as_sql(
            compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra_context
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            template="date(%(expressions)s || ' days')",
            arg_joiner=", '-' || ",
            **extra_context,
        )


class TouringSessionQuerySet(models.QuerySet):
    def scheduled(self):
        return self.filter(status=TouringSession.Status.SCHEDULED)

    def from_day(self, day):
        return self.filter(date__gte=day)

    def with_kind(self, kind: str):
        """Sessions whose ``consultant_kinds`` list holds ``kind``.

        Matched on the JSON text (``"kind"`` with its quotes), which PostgreSQL and
        SQLite both support; ``kind`` must be a ConsultantKind value (a plain slug).
        """
        if kind not in ConsultantKind.values:
            raise ValueError(f"unknown consultant kind: {kind!r}")
        return self.alias(kinds_text=Cast("consultant_kinds", TextField())).filter(
            kinds_text__contains=f'"{kind}"'
        )

    def bookable_at(self, now: datetime):
        """Sessions with a seat that can be booked at ``now``, in SQL.

        The same rule as ``seat_status() == OPEN`` (and so ``listing.SessionView.
        has_free_seats``): scheduled, not over, before the booking cut-off, and a slot
        that has not started with ``taken < capacity``. Wall times are compared in
        Asia/Tokyo, which has no DST, so a local comparison equals the instant one.
        """
        local = now.astimezone(TOKYO)
        day, clock = local.date(), local.time()
        free_slot = Slot.objects.filter(
            session=OuterRef("pk"), starts_at__gt=now, taken__lt=F("capacity")
        )
        return (
            self.scheduled()
            .alias(cutoff_day=DaysBefore("date", "cutoff_days_before"))
            .filter(
                Q(date__gt=day) | Q(date=day, end_time__gt=clock),
                Q(cutoff_day__gt=day) | Q(cutoff_day=day, cutoff_time__gt=clock),
                Exists(free_slot),
            )
        )

    def page_with_total(self, offset: int, limit: int) -> tuple[list, int]:
        """``limit`` sessions from ``offset`` and how many match in all, in one query.

        Past the last match the rows are empty and so is the total (0).
        """
        rows = list(self.annotate(matching_total=Window(Count("pk")))[offset : offset + limit])
        return rows, (rows[0].matching_total if rows else 0)

    def with_slots(self):
        """Venue and slots in two extra queries, whatever the number of sessions."""
        return self.select_related("venue").prefetch_related(
            Prefetch("slots", queryset=Slot.objects.order_by("starts_at"))
        )


class TouringSession(index.Indexed, models.Model):
    """One consultation day (or half day) at a venue, cut into slots."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("開催予定")
        CANCELLED = "cancelled", _("中止")

    venue = models.ForeignKey(
        Venue, verbose_name=_("会場"), on_delete=models.PROTECT, related_name="sessions"
    )
    room = models.CharField(
        _("部屋"), max_length=120, blank=True, help_text=_("空欄なら会場の既定の部屋です。")
    )
    date = models.DateField(_("開催日"))
    start_time = models.TimeField(_("開始時刻"))
    end_time = models.TimeField(_("終了時刻"))
    slot_minutes = models.PositiveSmallIntegerField(_("1枠の長さ（分）"), default=45)
    booths = models.PositiveSmallIntegerField(_("ブース数"), default=1)
    breaks = models.JSONField(
        _("休憩"), default=list, blank=True, help_text=_("例: 12:00-13:00（複数はカンマ区切り）")
    )
    consultant_kinds = models.JSONField(_("相談員の種別"), default=list)
    consultants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("担当相談員"),
        blank=True,
        related_name="touring_sessions",
    )
    cutoff_days_before = models.PositiveSmallIntegerField(_("予約締切（何日前）"), default=1)
    cutoff_time = models.TimeField(_("予約締切の時刻"), default=time(17, 0))
    status = models.CharField(
        _("状態"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    cancel_reason = models.TextField(_("中止の理由"), blank=True)
    cancelled_at = models.DateTimeField(_("中止した日時"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("中止した職員"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    public_note = models.TextField(_("お知らせ"), blank=True)
    public_note_en = models.TextField(_("お知らせ（英語）"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TouringSessionQuerySet.as_manager()

    search_fields = [
        index.SearchField("venue_name"),
        index.SearchField("venue_address"),
        index.SearchField("ward_label"),
        index.SearchField("public_note"),
        index.FilterField("date"),
        index.FilterField("status"),
    ]

    class Meta:
        verbose_name = _("相談会")
        verbose_name_plural = _("相談会")
        ordering = ["date", "start_time", "pk"]
        indexes = [models.Index(fields=["date", "status"])]
        permissions = [("cancel_touringsession", _("相談会を中止できる"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")), name="session_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(booths__gte=1), name="session_has_a_booth"),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.start_time:%H:%M} {self.venue}"

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        touches_slots = update_fields is None or set(update_fields) & set(SLOT_FIELDS)
        with transaction.atomic():
            super().save(*args, **kwargs)
            if touches_slots:
                self.sync_slots()

    def clean(self):
        """Refuse times that make no slot, or that would move slots with seats taken."""
        if None in (self.date, self.start_time, self.end_time, self.slot_minutes, self.booths):
            return
        try:
            planned = self.planned_slots()
        except PlanningError as error:
            raise ValidationError(error.render(), code=error.code) from error
        if self.pk and self.slots.filter(IN_USE).exists():
            current = [(s.starts_at, s.ends_at, s.capacity) for s in self.slots.all()]
            if current != planned:
                raise ValidationError(SEATS_TAKEN_MESSAGE, code="seats_taken")

    # --- when and where -------------------------------------------------
    @property
    def starts_at(self) -> datetime:
        return aware(self.date, self.start_time, TOKYO)

    @property
    def ends_at(self) -> datetime:
        return aware(self.date, self.end_time, TOKYO)

    @property
    def break_times(self) -> list[tuple[time, time]]:
        return parse_breaks(self.breaks)

    @property
    def room_name(self) -> str:
        return self.room or self.venue.room

    def venue_name(self):
        return self.venue.name

    def venue_address(self):
        return self.venue.address

    def ward_label(self):
        return str(WARD_LABELS.get(self.venue.ward, ""))

    def kind_labels(self) -> list[str]:
        labels = dict(ConsultantKind.choices)
        return [str(labels[k]) for k in self.consultant_kinds if k in labels]

    def public_note_for(self, lang: str) -> str:
        if lang.startswith("en") and self.public_note_en:
            return self.public_note_en
        return self.public_note

    # --- booking rules --------------------------------------------------
    @property
    def cutoff_rule(self) -> CutoffRule:
        return CutoffRule(days_before=self.cutoff_days_before, at=self.cutoff_time)

    @property
    def cutoff_at(self) -> datetime:
        return cutoff_at(self.date, self.cutoff_rule, tz=TOKYO)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    def is_past(self, now=None) -> bool:
        return (now or timezone.now()) >= self.ends_at

    def _seats(self):
        return [
            SlotSeats(s.starts_at, s.capacity, s.taken, self.is_cancelled) for s in self.slots.all()
        ]

    def seat_status(self, now=None) -> str:
        """planning.seats OPEN, FULL or CLOSED; uses prefetched slots."""
        return session_seat_status(self._seats(), now or timezone.now(), self.cutoff_at)

    def remaining_seats(self, now=None) -> int:
        return remaining_seats(self._seats(), now or timezone.now())

    # --- slots ----------------------------------------------------------
    def planned_slots(self) -> list[tuple[datetime, datetime, int]]:
        """(starts_at, ends_at, capacity) per time band; raises PlanningError."""
        specs = generate_slots(
            self.date,
            self.start_time,
            self.end_time,
            self.slot_minutes,
            self.booths,
            self.break_times,
            tz=TOKYO,
        )
        return [(row.starts_at, row.ends_at, len(row.slots)) for row in group_by_time(specs)]

    def sync_slots(self):
        """Make the slot rows match the session's times.

        Unchanged slots are left alone. Otherwise the old rows are deleted only
        where no seat is taken and no booking (even a cancelled one, which keeps
        its record) points at them, and the edit is refused if any row survived.
        """
        planned = self.planned_slots()
        current = [(s.starts_at, s.ends_at, s.capacity) for s in self.slots.order_by("starts_at")]
        if current == planned:
            return
        existing = self.slots.count()
        deleted = self.slots.exclude(IN_USE).delete()[1].get(Slot._meta.label, 0)
        if deleted != existing:
            raise PlanningError("seats_taken", SEATS_TAKEN_MESSAGE)
        Slot.objects.bulk_create(
            Slot(session=self, starts_at=a, ends_at=b, capacity=c) for a, b, c in planned
        )

    def planned(self, consultant_ids=None) -> PlannedSession:
        """This session as planning.conflicts sees it."""
        if consultant_ids is None:
            consultant_ids = [u.pk for u in self.consultants.all()] if self.pk else []
        return PlannedSession(
            key=self.pk or id(self),
            venue_id=self.venue_id,
            room=self.room_name,
            starts_at=self.starts_at,
            ends_at=self.ends_at,
            consultant_ids=frozenset(consultant_ids),
            cancelled=self.is_cancelled,
        )

    # --- cancelling -----------------------------------------------------
    def cancel(self, reason: str, by_user=None):
        """Cancel with a public reason; bookings are kept (intake notifies them)."""
        reason = (reason or "").strip()
        if not reason:
            raise PlanningError("cancel_reason_required", _("中止の理由を入力してください。"))
        if self.is_cancelled:
            raise PlanningError("already_cancelled", _("この相談会はすでに中止されています。"))
        self.status = self.Status.CANCELLED
        self.cancel_reason = reason
        self.cancelled_at = timezone.now()
        self.cancelled_by = by_user
        with transaction.atomic():
            self.save(
                update_fields=[
                    "status",
                    "cancel_reason",
                    "cancelled_at",
                    "cancelled_by",
                    "updated_at",
                ]
            )
            session_cancelled.send(sender=TouringSession, session=self)


class Slot(models.Model):
    """One bookable time of a session; ``capacity`` booths run in parallel.

    A contract with the intake app: ``taken`` is changed only by intake, with a
    conditional UPDATE (``taken < capacity``); the check constraint backs it.
    """

    session = models.ForeignKey(TouringSession, related_name="slots", on_delete=models.CASCADE)
    starts_at = models.DateTimeField(_("開始日時"))
    ends_at = models.DateTimeField(_("終了日時"))
    capacity = models.PositiveSmallIntegerField(_("定員"))
    taken = models.PositiveSmallIntegerField(_("予約済み"), default=0)

    class Meta:
        verbose_name = _("予約枠")
        verbose_name_plural = _("予約枠")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(taken__lte=F("capacity")), name="slot_taken_within_capacity"
            ),
            models.UniqueConstraint(fields=["session", "starts_at"], name="slot_unique_start"),
        ]

    def __str__(self):
        return f"{self.session} {self.starts_at.astimezone(TOKYO):%H:%M}"

    @property
    def remaining(self) -> int:
        return remaining(self.capacity, self.taken)

    def bookability(self, now=None) -> Bookability:
        session = self.session
        return is_bookable(
            self.starts_at,
            session.cutoff_at,
            now or timezone.now(),
            session.is_cancelled,
            self.remaining,
        )
