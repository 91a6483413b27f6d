from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton

from .admin_views import RESET_PERMISSION, StaffAuditReportView, reset_two_factor


@hooks.register("register_admin_urls")
def register_account_admin_urls():
    return [
        path("staff-audit/", StaffAuditReportView.as_view(), name="accounts_audit"),
        path(
            "staff-audit/results/",
            StaffAuditReportView.as_view(results_only=True),
            name="accounts_audit_results",
        ),
        path("users/<int:user_id>/reset-2fa/", reset_two_factor, name="accounts_reset_2fa"),
    ]


class AuditMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("accounts.view_staffauditentry")


@hooks.register("register_reports_menu_item")
def register_audit_menu_item():
    return AuditMenuItem(
        _("職員監査ログ"), reverse("accounts_audit"), name="staff-audit", icon_name="list-ul"
    )


@hooks.register("register_user_listing_buttons")
def reset_two_factor_button(user, request_user):
    if not request_user.has_perm(RESET_PERMISSION):
        return []
    return [
        ListingButton(
            _("二要素認証をリセット"),
            reverse("accounts_reset_2fa", args=[user.pk]),
            priority=50,
        )
    ]
