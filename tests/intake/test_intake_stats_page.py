"""The statistics page and CSV: categories only, cells under 5 suppressed as 5未満."""

import csv
import io

import pytest

from intake import reporting
from intake.export_marker import MARKER
from intake.vault.models import AuditEntry
from tests.accounts.factories import AdministratorFactory, ConsultantFactory, IntakeClerkFactory
from tests.accounts.login import login_verified
from tests.clock import days_from_today
from tests.intake.factories import ConsoleSessionFactory, ReservationFactory

pytestmark = [
    pytest.mark.django_db(databases=["default", "intake"]),
    pytest.mark.usefixtures("intake_keys", "staff_tier"),
]


@pytest.fixture
def bookings():
    """7 bookings in one month: 6 in kita, 1 in minami; one cancelled in minami."""
    session = ConsoleSessionFactory(date=days_from_today(0), booths=10)
    slot = session.slots.get()
    for _ in range(6):
        ReservationFactory(slot=slot, ward="kita")
    ReservationFactory(slot=slot, ward="minami")
    cancelled = ReservationFactory(slot=slot, ward="minami")
    cancelled.status = "cancelled"
    cancelled.cancelled_by = "owner"
    from django.utils import timezone

    cancelled.cancelled_at = timezone.now()
    cancelled.save()
    return session


def ward_table(year):
    return next(t for t in reporting.consultation_tables(year) if t.key == "ward")


def test_small_cells_and_their_complements_are_suppressed(bookings):
    year = reporting.fiscal_year_of(bookings.date)
    table = ward_table(year)
    month = (bookings.date.year, bookings.date.month)
    # minami (1) is under 5; kita (6) is its complement in the month's line.
    assert table.cells[(month, "minami")] is None
    assert table.cells[(month, "kita")] is None
    assert table.month_totals[month] == 7
    assert table.total == 7
    assert table.column_totals["minami"] is None
    assert table.column_totals["kita"] == 6
    topics = next(t for t in reporting.consultation_tables(year) if t.key == "topics")
    assert topics.cells[(month, "subsidy")] == 7  # multiple answers: each topic counted


def test_stats_page_shows_5_miman_and_no_personal_data(client, bookings):
    login_verified(client, IntakeClerkFactory())
    response = client.get("/intake/stats/", {"fy": reporting.fiscal_year_of(bookings.date)})
    html = response.content.decode()
    assert response.status_code == 200
    assert "5未満" in html
    assert "若葉テスト商店" not in html
    assert response["Cache-Control"] == "no-store"
    assert AuditEntry.objects.get().action == "view_stats"


def test_stats_csv_is_the_same_suppressed_tables(client, bookings):
    login_verified(client, AdministratorFactory())
    year = reporting.fiscal_year_of(bookings.date)
    response = client.get("/intake/stats/export.csv", {"fy": year})
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0][0] == MARKER
    assert rows[1] == ["集計", "月", "区分", "件数"]
    month = f"{bookings.date.year}年{bookings.date.month}月"
    ward_rows = {(r[1], r[2]): r[3] for r in rows[2:] if r[0] == "行政区別"}
    assert ward_rows[(month, "北区")] == "5未満"
    assert ward_rows[(month, "合計")] == "7"
    assert ward_rows[("年度計", "北区")] == "6"


def test_consultants_cannot_see_statistics(client):
    login_verified(client, ConsultantFactory())
    assert client.get("/intake/stats/").status_code == 403
    assert client.get("/intake/stats/export.csv").status_code == 403


def test_bad_fiscal_year_falls_back_to_the_current_one(client):
    login_verified(client, IntakeClerkFactory())
    assert client.get("/intake/stats/", {"fy": "x' or 1=1"}).status_code == 200
