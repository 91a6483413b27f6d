"""The series form's weekday boxes speak the admin user's language."""

from django.utils import translation

from schedule.forms import SeriesForm


def test_series_form_weekdays_follow_the_active_language():
    with translation.override("en"):
        english = [label for _value, label in SeriesForm.base_fields["weekdays"].choices]
    with translation.override("ja"):
        japanese = [label for _value, label in SeriesForm.base_fields["weekdays"].choices]
    assert english == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert japanese == ["月", "火", "水", "木", "金", "土", "日"]
