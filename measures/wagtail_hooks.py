"""Admin: the measure import view and its menu item (staff tier only)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import PERMISSION, ImportView


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("measures/import/", ImportView.as_view(), name="measures_import")]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("支援策の取込"), reverse("measures_import"), icon_name="upload", order=350
    )
