"""Compile every .po catalogue of the project into .mo, without GNU gettext.

Japanese is the source language of the UI, so only the English catalogues
exist. Catalogues live in `locale/` (templates/ and portal/) and in each app.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

import polib

PROJECT_DIRS = ("locale", "core", "home", "measures", "schedule", "intake", "search", "portal")


def catalogues(base: Path):
    for top in PROJECT_DIRS:
        yield from sorted((base / top).glob("**/LC_MESSAGES/*.po"))


class Command(BaseCommand):
    help = "翻訳カタログ (.po) を .mo にコンパイルします。"

    def handle(self, *args, **options):
        count = 0
        for po_path in catalogues(Path(settings.BASE_DIR)):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            count += 1
        if options["verbosity"] > 1:
            self.stdout.write(f"compiled {count} catalogue(s)")
