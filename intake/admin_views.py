"""Wagtail admin: the intake audit log, read only, for administrators."""

from django.utils.translation import gettext_lazy

from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from intake.export_marker import MarkedSpreadsheetExportMixin

from .vault.models import AuditEntry


class IntakeAuditReportView(MarkedSpreadsheetExportMixin, ReportView):
    """Lists and exports entries; nothing here writes (the model refuses it anyway)."""

    page_title = gettext_lazy("相談受付の監査ログ")
    header_icon = "list-ul"
    index_url_name = "intake_audit"
    index_results_url_name = "intake_audit_results"
    permission_policy = ModelPermissionPolicy(AuditEntry)
    permission_required = "view"
    list_export = [
        "at",
        "actor_username",
        "action",
        "object_type",
        "object_ref",
        "ip",
        "record_count",
        "detail",
    ]
    export_headings = {
        "at": gettext_lazy("日時"),
        "actor_username": gettext_lazy("職員のユーザー名"),
        "action": gettext_lazy("操作"),
        "object_type": gettext_lazy("対象の種類"),
        "object_ref": gettext_lazy("対象"),
        "ip": gettext_lazy("IPアドレス"),
        "record_count": gettext_lazy("件数"),
        "detail": gettext_lazy("詳細"),
    }
    columns = [
        DateColumn("at", label=gettext_lazy("日時")),
        Column("actor_username", label=gettext_lazy("職員のユーザー名")),
        Column("get_action_display", label=gettext_lazy("操作")),
        Column("object_type", label=gettext_lazy("対象の種類")),
        Column("object_ref", label=gettext_lazy("対象")),
        Column("ip", label=gettext_lazy("IPアドレス")),
        Column("record_count", label=gettext_lazy("件数")),
        Column("detail", label=gettext_lazy("詳細")),
    ]

    def get_queryset(self):
        return AuditEntry.objects.using("intake").all()
