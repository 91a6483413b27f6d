"""A URLconf whose only view fails, to render the 500 page."""

from django.urls import path

handler500 = "portal.views.server_error"


def boom(request):
    raise RuntimeError("deliberate failure for the 500 page test")


urlpatterns = [path("boom/", boom)]
