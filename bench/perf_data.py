"""Bench data, run inside Django (``python -m bench.perf_data CMD``) with the bench env.

- ``seats``: bookable sessions with plenty of seats for the spike;
- ``large``: 10,000 live measures and 2,000 sessions in total. Measures are cloned
  from a demo measure in SQL (Wagtail's add_child takes minutes for 10k pages);
  their tree paths, slugs and translation keys are made unique; then ANALYZE, as
  autovacuum would on a live database.
- ``counts``: reservations and sealed submissions, as JSON.
"""

import json
import sys
import uuid
from datetime import time, timedelta

import django


def _alphabet_path(number: int, steplen: int = 4) -> str:
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    digits = ""
    while number:
        number, rest = divmod(number, 36)
        digits = alphabet[rest] + digits
    return digits.rjust(steplen, "0")


def seats(sessions: int = 40) -> None:
    from django.utils import timezone

    from schedule.models import TouringSession, Venue

    venue = Venue.objects.filter(locale__language_code="ja").first()
    today = timezone.localdate()
    for i in range(sessions):
        TouringSession(
            venue=venue,
            room=f"ベンチ室{i}",
            date=today + timedelta(days=20 + i % 10),
            start_time=time(9, 0),
            end_time=time(17, 0),
            slot_minutes=45,
            booths=10,
            breaks=[],
            consultant_kinds=["shindanshi"],
        ).save()


def large(measures: int = 10_000, sessions: int = 2_000) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from measures.models import MeasureIndexPage, MeasurePage
    from schedule.models import Slot, TouringSession, Venue

    index = MeasureIndexPage.objects.get(locale__language_code="ja")
    template = MeasurePage.objects.child_of(index).live().first()
    have = MeasurePage.objects.child_of(index).count()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s",
            ["wagtailcore_page"],
        )
        page_columns = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s",
            ["measures_measurepage"],
        )
        measure_columns = [row[0] for row in cursor.fetchall() if row[0] != "page_ptr_id"]
    changed = ["path", "slug", "url_path", "title", "draft_title", "translation_key"]
    kept = [c for c in page_columns if c not in ("id", *changed)]
    kinds = ["subsidy", "loan", "grant", "tax"]
    rows = []
    last = max(int(p.path[-4:], 36) for p in MeasurePage.objects.child_of(index))
    for n in range(measures - have):
        number = last + 1 + n
        title = f"ベンチ支援策{n:05d} 設備投資と運転資金の補助"
        rows.append(
            (
                index.path + _alphabet_path(number),
                f"bench-{n:05d}",
                f"{index.url_path}bench-{n:05d}/",
                title,
                title,
                str(uuid.uuid4()),
            )
        )
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(rows), 2000):
            chunk = rows[start : start + 2000]
            columns = ", ".join(f'"{c}"' for c in [*changed, *kept])
            select_kept = ", ".join(f'p."{c}"' for c in kept)
            cursor.execute(
                f"INSERT INTO wagtailcore_page ({columns}) "  # noqa: S608 - column names from the schema
                f"SELECT v.path, v.slug, v.url_path, v.title, v.draft_title, v.tk::uuid, "
                f"{select_kept} FROM wagtailcore_page p, "
                "unnest(%s::text[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[]) "
                "AS v(path, slug, url_path, title, draft_title, tk) WHERE p.id = %s "
                "RETURNING id",
                [*[list(column) for column in zip(*chunk, strict=True)], template.pk],
            )
            ids = [row[0] for row in cursor.fetchall()]
            mcols = ", ".join(f'"{c}"' for c in measure_columns)
            mselect = ", ".join(f'm."{c}"' for c in measure_columns)
            cursor.execute(
                f"INSERT INTO measures_measurepage (page_ptr_id, {mcols}) "  # noqa: S608
                f"SELECT v.id, {mselect} FROM measures_measurepage m, unnest(%s::int[]) AS v(id) "
                "WHERE m.page_ptr_id = %s",
                [ids, template.pk],
            )
            for table, column in (
                ("measures_measurepurpose", "purpose_id"),
                ("measures_measureindustry", "code"),
            ):
                cursor.execute(
                    f"INSERT INTO {table} (page_id, sort_order, {column}) "  # noqa: S608
                    f"SELECT v.id, l.sort_order, l.{column} FROM {table} l, "
                    "unnest(%s::int[]) AS v(id) WHERE l.page_id = %s",
                    [ids, template.pk],
                )
            # Spread the kinds and deadlines so facets and statuses vary.
            cursor.execute(
                "UPDATE measures_measurepage "
                "SET kind = (ARRAY[%s, %s, %s, %s])[1 + page_ptr_id %% 4], "
                "application_end = CURRENT_DATE + (page_ptr_id %% 400 - 100) "
                "WHERE page_ptr_id = ANY(%s)",
                [*kinds, ids],
            )
        cursor.execute(
            "UPDATE wagtailcore_page SET numchild = numchild + %s WHERE id = %s",
            [len(rows), index.pk],
        )
    venues = list(Venue.objects.filter(locale__language_code="ja"))
    have = TouringSession.objects.count()
    today = timezone.localdate()
    new = [
        TouringSession(
            venue=venues[i % len(venues)],
            room=f"大規模{i}",
            date=today + timedelta(days=1 + i % 300),
            start_time=time(10, 0),
            end_time=time(12, 15),
            slot_minutes=45,
            booths=2,
            breaks=[],
            consultant_kinds=["zeirishi"],
        )
        for i in range(max(0, sessions - have))
    ]
    TouringSession.objects.bulk_create(new, batch_size=500)
    Slot.objects.bulk_create(
        (
            Slot(session=s, starts_at=a, ends_at=b, capacity=c)
            for s in new
            for a, b, c in s.planned_slots()
        ),
        batch_size=2000,
    )
    # Bulk-loaded rows have no planner statistics until autovacuum gets to them; a
    # live database has them. Without this the planner guesses 1 row per table and
    # picks nested loops over 10,000 pages (the finder took twice as long).
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(MeasurePage.objects.live().count(), TouringSession.objects.count())


def counts() -> None:
    from intake.models import Reservation
    from intake.vault.models import SealedSubmission

    print(
        json.dumps(
            {
                "reservations": Reservation.objects.count(),
                "distinct_idempotency": Reservation.objects.values("idempotency_key")
                .distinct()
                .count(),
                "sealed": SealedSubmission.objects.using("intake").count(),
            }
        )
    )


if __name__ == "__main__":
    django.setup()
    {"seats": seats, "large": large, "counts": counts}[sys.argv[1]]()
