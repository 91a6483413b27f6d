"""Wagtail admin views: the read-only staff audit report and the two-factor reset."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from intake.export_marker import MarkedSpreadsheetExportMixin

from . import audit, devices
from .models import StaffAuditEntry
from .sessions import end_sessions_for

RESET_PERMISSION = "accounts.reset_staff_device"


class StaffAuditReportView(MarkedSpreadsheetExportMixin, ReportView):
    """Read only: the report lists and exports entries; nothing here writes."""

    page_title = gettext_lazy("職員監査ログ")
    header_icon = "list-ul"
    index_url_name = "accounts_audit"
    index_results_url_name = "accounts_audit_results"
    permission_policy = ModelPermissionPolicy(StaffAuditEntry)
    permission_required = "view"
    list_export = ["created_at", "event", "username", "actor", "ip_address", "detail"]
    export_headings = {
        "created_at": gettext_lazy("日時"),
        "event": gettext_lazy("種類"),
        "username": gettext_lazy("対象アカウント"),
        "actor": gettext_lazy("操作者"),
        "ip_address": gettext_lazy("IPアドレス"),
        "detail": gettext_lazy("詳細"),
    }
    columns = [
        DateColumn("created_at", label=gettext_lazy("日時")),
        Column("get_event_display", label=gettext_lazy("種類")),
        Column("username", label=gettext_lazy("対象アカウント")),
        Column("actor", label=gettext_lazy("操作者")),
        Column("ip_address", label=gettext_lazy("IPアドレス")),
        Column("detail", label=gettext_lazy("詳細")),
    ]

    def get_queryset(self):
        return StaffAuditEntry.objects.all()


def reset_two_factor(request, user_id):
    """An administrator removes a user's devices; the user enrols again at next login."""
    if not request.user.has_perm(RESET_PERMISSION):
        raise PermissionDenied
    user = get_object_or_404(get_user_model(), pk=user_id)
    if request.method == "POST":
        devices.reset_devices(user)
        end_sessions_for(user)
        audit.record(
            audit.Event.DEVICE_RESET,
            username=user.get_username(),
            actor=request.user.get_username(),
            request=request,
            detail="admin",
        )
        messages.success(
            request,
            _("%(name)s さんの二要素認証をリセットしました。次回のログインで再登録が必要です。")
            % {"name": user.get_username()},
        )
        return redirect("wagtailusers_users:index")
    return TemplateResponse(request, "accounts/admin/reset_confirm.html", {"target": user})
