from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared content blocks and template filters that several apps use.

    Core imports no other project app; the apps import core (tests/test_app_imports.py).
    """

    name = "core"
    verbose_name = _("共通")
