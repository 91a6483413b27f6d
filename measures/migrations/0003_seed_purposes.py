"""Seed the managed taxonomy of purposes in the source language (Japanese).

English translations are made through wagtail-localize by the demo loader, or by
editors in the admin.
"""

import uuid

from django.conf import settings
from django.db import migrations

# A copy, not an import: migrations must not change when the app's code does.
PURPOSES = [
    ("運転資金", "working-capital"),
    ("資金繰り", "cash-flow"),
    ("設備投資", "equipment"),
    ("雇用維持", "job-retention"),
    ("人材育成", "training"),
    ("IT化", "digitalisation"),
    ("販路開拓", "new-markets"),
    ("事業承継", "succession"),
    ("感染症対策", "infection-control"),
    ("新分野展開", "new-fields"),
    ("税負担軽減", "tax-relief"),
    ("働き方改革", "work-style"),
    ("省エネ", "energy-saving"),
    ("インボイス対応", "invoice-system"),
    ("事業継続", "business-continuity"),
]


def seed(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Purpose = apps.get_model("measures", "Purpose")
    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    for order, (name, slug) in enumerate(PURPOSES, start=1):
        if not Purpose.objects.filter(locale=locale, slug=slug).exists():
            Purpose.objects.create(
                locale=locale,
                name=name,
                slug=slug,
                sort_order=order * 10,
                translation_key=uuid.uuid4(),
            )


class Migration(migrations.Migration):
    dependencies = [("measures", "0002_measure_pages_and_purposes")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
