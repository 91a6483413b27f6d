from django.apps import AppConfig
from django.core import checks


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "ポータル"

    def ready(self):
        from portal.pagecache import invalidation
        from portal.patches.checks import check_framework_patches
        from portal.patches.choosers import patch_choosers
        from portal.patches.view_restrictions import replace_wagtails_check

        checks.register(check_framework_patches)
        invalidation.connect()
        patch_choosers()
        replace_wagtails_check()
