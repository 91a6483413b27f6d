"""Staff tier: the search-queries report (Reports menu) and the everyday-words dictionary.

The dictionary is the SynonymGroup snippet, with a CSV import (dry run first, all or
nothing) and export beside its listing (search.admin_views).
"""

from functools import partial

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from . import admin_views as dictionary_views
from .admin_views import REPORT_PERMISSION, search_queries_report
from .models import SynonymGroup


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


class SynonymIndexView(IndexView):
    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        namespace = self.index_url_name.rsplit(":", 1)[0]
        user = self.request.user
        if dictionary_views.can_import(user):
            buttons.append(
                HeaderButton(
                    _("CSVで取り込む"), url=reverse(f"{namespace}:import"), icon_name="upload"
                )
            )
        if dictionary_views.can_export(user):
            buttons.append(
                HeaderButton(
                    _("CSVで書き出す"),
                    url=reverse(f"{namespace}:export"),
                    icon_name="download",
                )
            )
        return buttons


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "search"
    menu_label = _("検索の辞書")
    index_view_class = SynonymIndexView
    list_display = ["__str__", "direction", "note"]
    list_filter = ["direction"]
    search_fields = ["terms", "note"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "import/",
                partial(
                    dictionary_views.import_view,
                    index_url_name=self.get_url_name("list"),
                    export_url_name=self.get_url_name("export"),
                ),
                name="import",
            ),
            path("export/", dictionary_views.export_view, name="export"),
        ]


register_snippet(SynonymGroupViewSet)
