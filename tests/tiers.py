"""Run a test against either tier in the same process.

`use_tier(name)` applies the tier's own settings (portal.settings.tiers, read from the
tier's entry point) with override_settings. Django's test clients load their middleware
once, on their first request; `follow_middleware_setting()` (tests/conftest.py) makes
them load it again when MIDDLEWARE has changed since, so one client follows the tier
in use, whichever tier it was created or first used in.
"""

from contextlib import contextmanager

from django.conf import settings
from django.test import client, override_settings
from django.urls import clear_url_caches

from portal.settings import tiers


@contextmanager
def use_tier(name: str):
    with override_settings(**tiers.overrides(name)):
        clear_url_caches()
        try:
            yield
        finally:
            clear_url_caches()


class _FollowsMiddlewareSetting:
    """A test-client handler whose middleware chain follows settings.MIDDLEWARE.

    Django offers no hook for this (its handlers load the chain once and keep it), hence
    the subclasses below, installed in place of Django's by follow_middleware_setting().
    """

    _loaded_for = None

    def load_middleware(self, is_async=False):
        super().load_middleware(is_async)
        self._loaded_for = list(settings.MIDDLEWARE)

    def _forget_stale_middleware(self):
        if self._middleware_chain is not None and self._loaded_for != settings.MIDDLEWARE:
            self._middleware_chain = None


class TierClientHandler(_FollowsMiddlewareSetting, client.ClientHandler):
    def __call__(self, environ):
        self._forget_stale_middleware()
        return super().__call__(environ)


class TierAsyncClientHandler(_FollowsMiddlewareSetting, client.AsyncClientHandler):
    async def __call__(self, scope):
        self._forget_stale_middleware()
        return await super().__call__(scope)


def follow_middleware_setting():
    """Make every Client and AsyncClient created from now on use the handlers above."""
    client.ClientHandler = TierClientHandler
    client.AsyncClientHandler = TierAsyncClientHandler
