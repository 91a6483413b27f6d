"""URLconf of the public tier. It has no admin and no intake console by construction."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path

from wagtail import views as wagtail_views
from wagtail.contrib.sitemaps.views import sitemap

from portal import views
from portal.csp_report import csp_report
from portal.documents import urls as document_urls
from portal.sitemaps import MultilingualSitemap
from portal.urls.media import dev_media_urls

handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"

urlpatterns = [
    path("robots.txt", views.public_robots_txt, name="robots_txt"),
    path("csp-report/", csp_report, name="csp_report"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}, name="sitemap"),
    path("documents/", include(document_urls.public_urlpatterns)),
]

urlpatterns += dev_media_urls()

urlpatterns += i18n_patterns(
    path("book/", include("intake.urls.public")),
    path("", include("search.urls")),
    path("", include("measures.urls")),
    path("", include("schedule.urls")),
    # Only Wagtail's page serving: its `_util/login/` would put a staff login
    # form on the public host, so wagtail.urls is deliberately not included.
    # It catches everything, so it comes last.
    re_path(r"^((?:[\w\-]+/)*)$", wagtail_views.serve, name="wagtail_serve"),
    prefix_default_language=False,
)
