"""Add the shipped everyday-words dictionary (or another file in its format) to the synonyms.

Rules whose key is new are added; rows staff edited are kept (search.dictionary.seeding).
To replace the dictionary with a file, use the admin's CSV import instead.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from search.dictionary import DEFAULT_FILE
from search.dictionary.csv_format import DictionaryFileError
from search.dictionary.seeding import add_default_rules
from search.models import SynonymGroup
from search.synonyms.stored import invalidate


class Command(BaseCommand):
    help = "Add the default everyday-words rules that the synonyms table lacks."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_FILE))
        parser.add_argument("--dry-run", action="store_true", help="Count, write nothing.")

    def handle(self, path, dry_run, **options):
        try:
            counts = add_default_rules(SynonymGroup, Path(path), dry_run=dry_run)
        except (OSError, DictionaryFileError) as error:
            raise CommandError(str(error)) from error
        if not dry_run:
            invalidate()
        self.stdout.write(
            "{mode}added {added}, updated {updated} (unedited first defaults), kept {kept}".format(
                mode="dry run: " if dry_run else "", **counts
            )
        )
