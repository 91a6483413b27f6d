"""Demo measures: imported from measures.jsonl (published, with English translations).

The file's dates were written as seen on 2026-11-26. Every date is shifted by
(today - 2026-11-26) when loading, so on any day the demo shows the same mix of
募集中, 締切間近, 募集前, 募集終了 and 随時. Loading again on the same day changes
nothing; on a later day it moves the dates (and so updates the pages).
"""

import copy
from dataclasses import replace
from datetime import date
from pathlib import Path

from wagtail.models import Locale

from core.translation import translate
from measures.importing import parse_jsonl
from measures.importing.writer import import_records
from measures.models import Purpose
from measures.models.taxonomy import SEED_PURPOSES
from measures.rules.status import local_today

DATA = Path(__file__).with_name("measures.jsonl")
WRITTEN_ON = date(2026, 11, 26)


def shifted(records, today: date):
    offset = today - WRITTEN_ON

    def move(value):
        return value + offset if value is not None else None

    return [
        replace(
            record,
            application_start=move(record.application_start),
            application_end=move(record.application_end),
        )
        for record in records
    ]


def _english_purposes():
    english = Locale.objects.filter(language_code="en").first()
    if english is None:
        return
    for purpose in Purpose.objects.filter(locale__language_code="ja"):
        names = {slug: name_en for slug, name_en in SEED_PURPOSES.values()}
        if purpose.slug in names and not purpose.has_translation(english):
            copied = copy.copy(purpose)
            copied.name = names[purpose.slug]
            translate(purpose, copied, english)


def load(stdout, today: date | None = None):
    _english_purposes()
    records = shifted(parse_jsonl(DATA.read_bytes()), today or local_today())
    report = import_records(records, publish=True)
    stdout.write(
        f"支援策: 作成 {len(report.created)}件、更新 {len(report.updated)}件、"
        f"変更なし {len(report.unchanged)}件。"
    )
