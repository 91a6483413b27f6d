"""The accessibility test record the ウェブアクセシビリティ方針 page publishes.

The browser tests (tests/browser) write ``settings.ACCESSIBILITY_RESULTS_FILE`` after a
complete run with no axe-core violation; a developer commits it. Content pages fill
``{test_date}``, ``{test_method}`` and ``{tested_pages}`` in their text from it
(docs/accessibility.md).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from django.conf import settings
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

_cache: dict[Path, tuple[int, dict]] = {}


def latest_results() -> dict:
    path = Path(settings.ACCESSIBILITY_RESULTS_FILE)
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        return {}
    cached = _cache.get(path)
    if cached is None or cached[0] != mtime:
        try:
            cached = (mtime, json.loads(path.read_text(encoding="utf-8")))
        except ValueError:
            cached = (mtime, {})
        _cache[path] = cached
    return cached[1]


def placeholders() -> dict[str, str]:
    """Plain-text values for the placeholders, in the active language."""
    results = latest_results()
    if not results.get("test_date"):
        not_yet = _("未実施")
        return {"test_date": not_yet, "test_method": not_yet, "tested_pages": not_yet}
    english = (get_language() or "").startswith("en")
    labels = []
    for page in results.get("pages", []):
        label = page.get("label_en" if english else "label", page.get("page", ""))
        if label not in labels:
            labels.append(label)
    return {
        "test_date": formats.date_format(date.fromisoformat(results["test_date"]), "DATE_FORMAT"),
        "test_method": _(
            "%(tool)s による自動試験（WCAG 2.x のレベルA・AAの規則）、%(browser)s、日本語版と英語版"
        )
        % {"tool": results.get("tool", ""), "browser": results.get("browser", "")},
        "tested_pages": (", " if english else "、").join(labels),
    }
