from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .access import may_use_console
from .admin_views import IntakeAuditReportView

AUDIT_PERMISSION = "intake_vault.view_auditentry"


@hooks.register("register_admin_urls")
def register_intake_admin_urls():
    return [
        path("intake-audit/", IntakeAuditReportView.as_view(), name="intake_audit"),
        path(
            "intake-audit/results/",
            IntakeAuditReportView.as_view(results_only=True),
            name="intake_audit_results",
        ),
    ]


class AuditMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(AUDIT_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_intake_audit_menu_item():
    return AuditMenuItem(
        _("相談受付の監査ログ"), reverse("intake_audit"), name="intake-audit", icon_name="list-ul"
    )


@hooks.register("register_admin_menu_item")
def register_intake_console_menu_item():
    return ConsoleMenuItem(
        _("相談受付コンソール"),
        "/intake/",
        name="intake-console",
        icon_name="clipboard-list",
        order=900,
    )


class ConsoleMenuItem(MenuItem):
    def is_shown(self, request):
        return may_use_console(request.user)
