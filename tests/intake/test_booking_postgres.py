"""PostgreSQL-only proofs: the last seat under real concurrency, and the intake DB roles.

Skipped on SQLite (CI runs the suite again on PostgreSQL, see .ci/run).
"""

import re
import threading
import uuid
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connections, transaction
from django.db.models import QuerySet

import pytest

from intake import booking, tier_keys
from intake.models import Reservation
from intake.vault.models import AuditEntry, SealedSubmission
from schedule.models import Slot
from tests.intake.factories import BookingFormFactory, open_slot

ROLES_SQL = Path(settings.BASE_DIR) / "intake" / "sql" / "roles.sql"


def on_postgres(alias):
    return connections[alias].vendor == "postgresql"


needs_postgres = pytest.mark.skipif(
    not (on_postgres("default") and on_postgres("intake")),
    reason="needs PostgreSQL for both databases (DATABASE_URL and INTAKE_DATABASE_URL); "
    "SQLite serialises writers, so it cannot show a race",
)
pytestmark = [pytest.mark.postgres, needs_postgres]


def request_for(slot, n):
    data = BookingFormFactory(slot=slot, email=f"p{n}@example.jp")
    return booking.BookingRequest(
        slot_id=slot.pk,
        idempotency_key=str(uuid.uuid4()),
        personal={k: data[k] for k in booking.PERSONAL_FIELDS},
        categories={k: data[k] for k in booking.CATEGORY_FIELDS},
    )


@pytest.mark.django_db(transaction=True, databases=["default", "intake"])
@pytest.mark.usefixtures("booking_env")
def test_concurrent_bookings_for_the_last_seat_give_exactly_one_success():
    slot = open_slot(capacity=1)
    public = tier_keys.public_keyring()
    workers = 8
    barrier = threading.Barrier(workers)
    outcomes = []
    lock = threading.Lock()

    def attempt(n):
        try:
            own_slot = Slot.objects.select_related("session__venue").get(pk=slot.pk)
            barrier.wait(timeout=30)
            try:
                booking.book(own_slot, request_for(slot, n), public)
                outcome = "booked"
            except booking.SlotUnavailable as exc:
                outcome = exc.reason
            except Exception as exc:  # recorded and asserted on
                outcome = type(exc).__name__
            with lock:
                outcomes.append(outcome)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["booked"] + ["full"] * (workers - 1)
    slot.refresh_from_db()
    assert slot.taken == 1
    assert Reservation.objects.count() == 1
    assert SealedSubmission.objects.count() == 1


@pytest.mark.django_db(transaction=True, databases=["default", "intake"])
@pytest.mark.usefixtures("booking_env")
def test_the_same_form_submitted_at_once_for_the_last_seat_gets_one_booking_every_time():
    slot = open_slot(capacity=1)
    public = tier_keys.public_keyring()
    same_form = request_for(slot, 0)
    workers = 4
    barrier = threading.Barrier(workers)
    outcomes = []
    lock = threading.Lock()

    def attempt():
        try:
            own_slot = Slot.objects.select_related("session__venue").get(pk=slot.pk)
            barrier.wait(timeout=30)
            try:
                outcome = booking.book(own_slot, same_form, public).reservation.reference
            except Exception as exc:  # recorded and asserted on
                outcome = type(exc).__name__
            with lock:
                outcomes.append(outcome)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    [reservation] = Reservation.objects.all()
    assert outcomes == [reservation.reference] * workers
    assert SealedSubmission.objects.count() == 1


def roles_sql(public_role, staff_role):
    """The shipped script with the roles renamed, run whole (it has a DO block)."""
    text = ROLES_SQL.read_text(encoding="utf-8")
    return re.sub(r"\bintake_staff\b", staff_role, re.sub(r"\bintake_public\b", public_role, text))


@pytest.fixture
def intake_roles():
    """The shipped roles.sql under unique role names, dropped afterwards."""
    suffix = uuid.uuid4().hex[:10]
    public_role, staff_role = f"t_intake_public_{suffix}", f"t_intake_staff_{suffix}"
    connection = connections["intake"]
    with connection.cursor() as cursor:
        cursor.execute(roles_sql(public_role, staff_role))
        # Re-runnable: a second run changes nothing and fails on nothing.
        cursor.execute(roles_sql(public_role, staff_role))
    try:
        yield public_role, staff_role
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
            for role in (public_role, staff_role):
                cursor.execute(f'DROP OWNED BY "{role}"')
                cursor.execute(f'DROP ROLE "{role}"')


class AsRole:
    def __init__(self, role):
        self.role = role

    def __enter__(self):
        with connections["intake"].cursor() as cursor:
            cursor.execute(f'SET ROLE "{self.role}"')

    def __exit__(self, *exc):
        with connections["intake"].cursor() as cursor:
            cursor.execute("RESET ROLE")


def refused(action):
    try:
        with transaction.atomic(using="intake"):
            action()
    except DatabaseError as exc:
        return "permission denied" in str(exc)
    return False


def sealed(**fields):
    return SealedSubmission(kid="k" * 16, ciphertext=b"\x00sealed", **fields)


@pytest.mark.django_db(transaction=True, databases=["default", "intake"])
def test_public_role_can_only_insert_sealed_submissions(intake_roles):
    public_role, _staff = intake_roles
    existing = sealed()
    existing.save(force_insert=True, using="intake")
    with AsRole(public_role):
        # Django inserts without RETURNING (client-side UUID), so INSERT alone is enough.
        sealed().save(force_insert=True, using="intake")
        sealed().save(using="intake")
        SealedSubmission.objects.using("intake").create(kid="k" * 16, ciphertext=b"x")
        rows = SealedSubmission.objects.using("intake")
        assert refused(lambda: list(rows.all()))
        assert refused(lambda: rows.count())
        assert refused(lambda: rows.filter(pk=existing.pk).update(kid="changed"))
        assert refused(lambda: rows.filter(pk=existing.pk).delete())
        assert refused(lambda: AuditEntry.objects.using("intake").create(actor_username="x"))
    assert SealedSubmission.objects.using("intake").count() == 4


@pytest.mark.django_db(transaction=True, databases=["default", "intake"])
def test_staff_role_reads_and_purges_sealed_data_but_audit_is_append_only(intake_roles):
    _public, staff_role = intake_roles
    row = sealed()
    row.save(force_insert=True, using="intake")
    with AsRole(staff_role):
        rows = SealedSubmission.objects.using("intake")
        assert rows.get(pk=row.pk).kid == "k" * 16
        assert rows.filter(pk=row.pk).update(kid="j" * 16) == 1
        entry = AuditEntry.objects.using("intake").create(actor_username="staff", action="view")
        # A plain QuerySet, past the model's own append-only guard: the role must refuse too.
        audit = QuerySet(AuditEntry).using("intake")
        assert audit.filter(pk=entry.pk).exists()
        assert refused(lambda: audit.filter(pk=entry.pk).update(action="edited"))
        assert refused(lambda: audit.filter(pk=entry.pk).delete())
        rows.filter(pk=row.pk).delete()
    assert not SealedSubmission.objects.using("intake").filter(pk=row.pk).exists()
