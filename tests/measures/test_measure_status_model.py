"""A measure's status comes from its dates: on the model, and in SQL for the finder."""

from datetime import timedelta
from itertools import product

from django.test import override_settings

import pytest

from measures.filters import status_q
from measures.models import MeasurePage
from measures.rules.status import MeasureStatus, compute_status, local_today
from tests.measures.factories import MeasureIndexFactory, MeasurePageFactory

SOON = 7


def d(offset):
    return None if offset is None else local_today() + timedelta(days=offset)


@pytest.mark.django_db
@override_settings(MEASURES_CLOSING_SOON_DAYS=SOON)
@pytest.mark.parametrize(
    "start,end,expected",
    [
        (None, None, MeasureStatus.ROLLING),
        (-10, None, MeasureStatus.ROLLING),
        (1, None, MeasureStatus.UPCOMING),
        (1, 30, MeasureStatus.UPCOMING),
        (0, 30, MeasureStatus.OPEN),
        (-30, SOON + 1, MeasureStatus.OPEN),
        (-30, SOON, MeasureStatus.CLOSING_SOON),
        (-30, 0, MeasureStatus.CLOSING_SOON),
        (-30, -1, MeasureStatus.CLOSED),
        (None, -1, MeasureStatus.CLOSED),
    ],
)
def test_model_status_at_the_edges_of_the_period(start, end, expected):
    page = MeasurePage(application_start=d(start), application_end=d(end))
    assert page.status == expected
    assert page.status_badge["label"] == expected.label
    assert page.status_badge["css_class"].startswith("badge--")


@pytest.mark.django_db
def test_closing_soon_window_follows_the_setting():
    page = MeasurePage(application_start=d(-5), application_end=d(10))
    with override_settings(MEASURES_CLOSING_SOON_DAYS=10):
        assert page.status == MeasureStatus.CLOSING_SOON
    with override_settings(MEASURES_CLOSING_SOON_DAYS=9):
        assert page.status == MeasureStatus.OPEN


@pytest.mark.django_db
@pytest.mark.parametrize("soon", [0, SOON])
def test_sql_status_filter_agrees_with_compute_status_on_every_edge(soon):
    index = MeasureIndexFactory()
    offsets = [None, -SOON - 2, -1, 0, 1, soon - 1, soon, soon + 1, 30]
    pages = []
    for start, end in product(offsets, offsets):
        if start is not None and end is not None and end < start:
            continue
        pages.append(
            MeasurePageFactory(parent=index, application_start=d(start), application_end=d(end))
        )
    base = MeasurePage.objects.child_of(index)
    today = local_today()
    for status in MeasureStatus:
        in_sql = set(base.filter(status_q(status, today, soon)).values_list("pk", flat=True))
        in_python = {
            p.pk
            for p in pages
            if compute_status(p.application_start, p.application_end, today, soon) == status
        }
        assert in_sql == in_python, status
