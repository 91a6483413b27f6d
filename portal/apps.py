from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "ポータル"

    def ready(self):
        from portal.admin_init import patch_choosers
        from portal.pagecache import invalidation

        invalidation.connect()
        patch_choosers()
