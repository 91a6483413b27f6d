"""Development: `make run`. Never deployed."""

from .base import *  # noqa: F403

DEBUG = True
WHITENOISE_AUTOREFRESH = True
# Dev keeps plain static storage so a missing collectstatic never breaks `make run`.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Keep `make run` output readable: the demo loader publishes dozens of pages.
LOGGING = {
    **LOGGING,  # noqa: F405
    "loggers": {
        **LOGGING["loggers"],  # noqa: F405
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
    },
}
