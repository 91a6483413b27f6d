"""Load the demo content and demo staff accounts. Safe to run again: nothing is duplicated."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "デモ用のコンテンツ（日本語と英訳）とデモ職員アカウントを読み込みます。"

    def handle(self, *args, **options):
        for dotted in settings.DEMO_LOADERS:
            loader = import_string(dotted)
            loader(stdout=self.stdout)
