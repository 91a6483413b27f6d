"""Run a test against either tier in the same process."""

from contextlib import contextmanager

from django.test import override_settings
from django.urls import clear_url_caches

from portal.settings import tiers


@contextmanager
def use_tier(name: str):
    overlay = getattr(tiers, name)()
    with override_settings(**overlay):
        clear_url_caches()
        try:
            yield
        finally:
            clear_url_caches()
