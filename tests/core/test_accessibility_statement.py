"""The ウェブアクセシビリティ方針 page fills its placeholders from the browser-test record."""

import json

from django.template import Context, Template
from django.test import override_settings
from django.utils import translation

PARAGRAPH = Template("{% load content_tags %}{{ html|fill_placeholders }}")
TEXT = "<p>直近の試験実施日:{test_date}</p><p>{test_method}</p><p>{tested_pages}</p>"
RECORD = {
    "test_date": "2026-11-26",
    "tool": "axe-core 4.14.1",
    "browser": "Chromium 142",
    "pages": [
        {"page": "home", "label": "ホーム", "label_en": "Home", "lang": "ja"},
        {"page": "home", "label": "ホーム", "label_en": "Home", "lang": "en"},
        {"page": "404", "label": "エラーページ（404）", "label_en": "Error page", "lang": "ja"},
    ],
}


def render(language):
    with translation.override(language):
        return PARAGRAPH.render(Context({"html": TEXT}))


def test_statement_shows_the_date_method_and_pages_of_the_latest_run(tmp_path):
    record = tmp_path / "results.json"
    record.write_text(json.dumps(RECORD))
    with override_settings(ACCESSIBILITY_RESULTS_FILE=record):
        japanese, english = render("ja"), render("en")
    assert "2026年11月26日" in japanese
    assert "axe-core 4.14.1" in japanese
    assert "ホーム、エラーページ（404）" in japanese
    assert "Nov. 26, 2026" in english
    assert "Home, Error page" in english
    assert "{" not in japanese + english


def test_statement_says_not_yet_tested_without_a_record(tmp_path):
    with override_settings(ACCESSIBILITY_RESULTS_FILE=tmp_path / "missing.json"):
        assert "直近の試験実施日:未実施" in render("ja")


def test_statement_values_are_escaped(tmp_path):
    record = tmp_path / "results.json"
    record.write_text(json.dumps({**RECORD, "tool": "<script>x</script>"}))
    with override_settings(ACCESSIBILITY_RESULTS_FILE=record):
        assert "<script>" not in render("ja")
