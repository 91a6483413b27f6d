"""Staff tier: the search-queries report in the Wagtail admin (Reports menu)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import REPORT_PERMISSION, search_queries_report


class SearchQueriesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(REPORT_PERMISSION)


@hooks.register("register_admin_urls")
def register_search_admin_urls():
    return [path("reports/search-queries/", search_queries_report, name="search_queries_report")]


@hooks.register("register_reports_menu_item")
def register_search_queries_menu_item():
    return SearchQueriesMenuItem(
        _("検索語の集計"),
        reverse("search_queries_report"),
        name="search-queries",
        icon_name="search",
        order=900,
    )
