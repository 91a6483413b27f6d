"""URLconf of the staff tier: two-factor login, the Wagtail admin and the intake console.

Every URL here needs an OTP-verified user (portal.accounts.middleware), except the
views marked open: login, logout, robots.txt and the CSP report endpoint
(`login_not_required`), and enrolment after a correct password
(`verification_not_required`).
"""

from django.urls import include, path
from django.views.generic import RedirectView

from wagtail.admin import urls as wagtailadmin_urls

from portal import views
from portal.csp_report import csp_report
from portal.documents import urls as document_urls
from portal.urls.media import dev_media_urls

handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"

urlpatterns = [
    path("robots.txt", views.staff_robots_txt, name="robots_txt"),
    path("csp-report/", csp_report, name="csp_report"),
    path("account/", include("portal.accounts.urls")),
    # Wagtail's own login would accept a password alone; ours asks for the code too.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="accounts:login", query_string=True, permanent=False),
    ),
    path("intake/", include("intake.urls.staff")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(document_urls)),
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
]

urlpatterns += dev_media_urls()
