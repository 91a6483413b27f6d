from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """Wagtail documents made safe for a site whose staff handle consultation records."""

    name = "portal.documents"
    label = "portal_documents"
    verbose_name = "文書の公開管理"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import admin_messages, signals

        signals.connect()
        admin_messages.install()
