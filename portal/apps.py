from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "ポータル"

    def ready(self):
        from portal.pagecache import invalidation

        invalidation.connect()
