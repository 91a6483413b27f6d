"""Document URLs of both tiers: Wagtail's, with the serving view wrapped for headers.

The names match wagtail.documents.urls so Document.url reverses to these. The
public tier mounts `public_urlpatterns` (no password form: it has no sessions,
and private documents 404 there anyway).
"""

from django.urls import path, re_path

from wagtail.documents.views import serve as wagtail_serve

from . import views

serve_pattern = re_path(r"^(\d+)/(.*)$", views.serve, name="wagtaildocs_serve")

public_urlpatterns = [serve_pattern]

urlpatterns = [
    serve_pattern,
    path(
        "authenticate_with_password/<int:restriction_id>/",
        wagtail_serve.authenticate_with_password,
        name="wagtaildocs_authenticate_with_password",
    ),
]
