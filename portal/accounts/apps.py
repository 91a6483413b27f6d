from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "portal.accounts"
    label = "accounts"
    verbose_name = "職員アカウント"

    def ready(self):
        from . import signals  # noqa: F401 - connects the receivers
