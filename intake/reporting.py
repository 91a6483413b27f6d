"""Consultation statistics from the non-identifying categories only.

Counts come from ``Reservation`` columns (ward, industry, employee band,
topics, sales-decline band) and the slot's month; nothing is decrypted, so
the statistics survive the retention purge. A consultation is a booking that
was not cancelled. Each table is month × category for one fiscal year
(April to March); cells, row totals and column totals under the threshold are
suppressed with ``intake.suppression.suppress`` (complementary suppression keeps a
lone hidden cell from being recovered from the totals).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from schedule.planning.tz import TOKYO

from .choices import (
    EMPLOYEE_BAND_CHOICES,
    INDUSTRY_CHOICES,
    SALES_DECLINE_CHOICES,
    TOPIC_CHOICES,
    WARD_CHOICES,
)
from .models import Reservation
from .suppression import DEFAULT_THRESHOLD, suppress

DIMENSIONS = (
    ("ward", _("行政区別"), WARD_CHOICES),
    ("industry", _("業種別"), INDUSTRY_CHOICES),
    ("employee_band", _("従業員数別"), EMPLOYEE_BAND_CHOICES),
    ("topics", _("相談したいこと別（複数回答）"), TOPIC_CHOICES),
    ("sales_decline_band", _("売上減少の程度別"), SALES_DECLINE_CHOICES),
)


def fiscal_year_of(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def fiscal_months(year: int) -> list[tuple[int, int]]:
    return [(year, m) for m in range(4, 13)] + [(year + 1, m) for m in range(1, 4)]


@dataclass
class Table:
    key: str
    title: str
    columns: list[tuple[str, str]]  # (code, label)
    months: list[tuple[int, int]]
    cells: dict  # (month, code) -> int | None
    month_totals: dict  # month -> int | None
    column_totals: dict  # code -> int | None
    total: int | None

    def rows(self):
        for month in self.months:
            yield (
                month,
                [self.cells[(month, code)] for code, _label in self.columns],
                self.month_totals[month],
            )


def _hide_small(counts: dict, threshold: int) -> dict:
    return {k: (None if 0 < v < threshold else v) for k, v in counts.items()}


def build_table(key, title, choices, months, counts: Counter, threshold: int) -> Table:
    columns = [(code, str(label)) for code, label in choices]
    raw = {(m, code): counts.get((m, code), 0) for m in months for code, _l in columns}
    cells = suppress(raw, threshold)
    month_totals = {m: sum(raw[(m, c)] for c, _l in columns) for m in months}
    column_totals = {c: sum(raw[(m, c)] for m in months) for c, _l in columns}
    total = sum(month_totals.values())
    return Table(
        key=key,
        title=str(title),
        columns=columns,
        months=months,
        cells=cells,
        month_totals=_hide_small(month_totals, threshold),
        column_totals=_hide_small(column_totals, threshold),
        total=None if 0 < total < threshold else total,
    )


def consultation_tables(fiscal_year: int, threshold: int = DEFAULT_THRESHOLD) -> list[Table]:
    months = fiscal_months(fiscal_year)
    start = date(*months[0], 1)
    end = date(fiscal_year + 1, 4, 1)
    rows = (
        Reservation.objects.booked()
        .filter(slot__session__date__gte=start, slot__session__date__lt=end)
        .values_list("slot__starts_at", *(name for name, _t, _c in DIMENSIONS))
    )
    counters = {name: Counter() for name, _t, _c in DIMENSIONS}
    for starts_at, *values in rows.iterator():
        local = starts_at.astimezone(TOKYO)
        month = (local.year, local.month)
        for (name, _t, _c), value in zip(DIMENSIONS, values, strict=True):
            for code in value if name == "topics" else [value]:
                counters[name][(month, code)] += 1
    return [
        build_table(name, title, choices, months, counters[name], threshold)
        for name, title, choices in DIMENSIONS
    ]
