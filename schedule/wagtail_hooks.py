"""The schedule in the Wagtail admin (staff tier): snippets, series, cancel, day sheet."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from schedule import admin_views
from schedule.forms import TouringSessionForm
from schedule.models import TouringSession, Venue

MENU_HOOK = "register_schedule_menu_item"


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    menu_label = _("会場")
    list_display = ["name", "ward", "address"]
    list_filter = ["ward"]
    search_fields = ["name", "address"]


class SessionIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        user = self.request.user
        if not instance.is_cancelled and user.has_perm("schedule.cancel_touringsession"):
            buttons.append(
                ListingButton(
                    _("中止する"),
                    url=reverse("schedule_session_cancel", args=[instance.pk]),
                    priority=40,
                )
            )
        return buttons


class TouringSessionViewSet(SnippetViewSet):
    model = TouringSession
    icon = "date"
    menu_label = _("相談会")
    index_view_class = SessionIndexView
    list_display = ["date", "start_time", "venue", "status"]
    list_filter = ["status", "venue__ward"]
    ordering = ["date", "start_time"]

    # Cancelling goes through its own view (reason, signal), so status is not edited here.
    edit_handler = ObjectList(
        [
            FieldPanel("venue"),
            FieldPanel("room"),
            FieldRowPanel([FieldPanel("date"), FieldPanel("start_time"), FieldPanel("end_time")]),
            FieldRowPanel([FieldPanel("slot_minutes"), FieldPanel("booths")]),
            FieldPanel("breaks"),
            FieldPanel("consultant_kinds"),
            FieldPanel("consultants"),
            FieldRowPanel([FieldPanel("cutoff_days_before"), FieldPanel("cutoff_time")]),
            FieldPanel("public_note"),
            FieldPanel("public_note_en"),
        ],
        base_form_class=TouringSessionForm,
    )


class ScheduleGroup(SnippetViewSetGroup):
    items = (TouringSessionViewSet, VenueViewSet)
    menu_icon = "date"
    menu_label = _("巡回相談")
    menu_name = "schedule"
    submenu_hook = MENU_HOOK


register_snippet(ScheduleGroup)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("schedule/series/", admin_views.series_create, name="schedule_series"),
        path(
            "schedule/sessions/<int:pk>/cancel/",
            admin_views.cancel_session,
            name="schedule_session_cancel",
        ),
        path("schedule/day-sheet/", admin_views.day_sheet, name="schedule_day_sheet"),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register(MENU_HOOK)
def series_menu_item():
    return PermissionMenuItem(
        _("連続して作成"),
        reverse("schedule_series"),
        icon_name="plus",
        order=300,
        permission="schedule.add_touringsession",
    )


@hooks.register(MENU_HOOK)
def day_sheet_menu_item():
    return PermissionMenuItem(
        _("日別シート"),
        reverse("schedule_day_sheet"),
        icon_name="doc-full",
        order=310,
        permission="schedule.view_touringsession",
    )
