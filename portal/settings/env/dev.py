"""Development: `make run`. Never deployed."""

from .base import *  # noqa: F403
from .base import LOGGING, STORAGES

DEBUG = True
WHITENOISE_AUTOREFRESH = True
# Dev keeps plain static storage so a missing collectstatic never breaks `make run`.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Keep `make run` output readable: the demo loader publishes dozens of pages.
LOGGING = {
    **LOGGING,
    "loggers": {
        **LOGGING["loggers"],
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
    },
}
