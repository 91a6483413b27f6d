"""Under the dev server (`make run`, DEBUG on) neither tier serves a document file raw
from /media/: documents go through the serve view, which keeps private collections off
the public tier. Images and renditions are still served."""

from pathlib import Path

from django.test import override_settings
from django.urls import URLResolver
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RegexPattern

import pytest

from portal.urls.media import dev_media_urls

MEDIA_PATHS_REFUSED = [
    "media/documents/session-1-20261207-20261203.csv",
    "media/documents/form.xlsx",
    "media/documents/../documents/x.csv",
    "media/x.csv",
]
MEDIA_PATHS_SERVED = ["media/images/photo.max-800x600.jpg", "media/original_images/photo.jpg"]


def resolver(patterns):
    return URLResolver(RegexPattern(r"^/"), patterns)


def resolves(patterns, path) -> bool:
    try:
        resolver(patterns).resolve("/" + path)
    except Resolver404:
        return False
    return True


@pytest.mark.parametrize("path", MEDIA_PATHS_REFUSED)
def test_dev_media_never_serves_a_document_file(path):
    with override_settings(DEBUG=True, MEDIA_URL="/media/"):
        assert not resolves(dev_media_urls(), path)


@pytest.mark.parametrize("path", MEDIA_PATHS_SERVED)
def test_dev_media_serves_images_and_renditions(path):
    with override_settings(DEBUG=True, MEDIA_URL="/media/"):
        assert resolves(dev_media_urls(), path)


def test_no_media_is_served_without_debug():
    with override_settings(DEBUG=False):
        assert dev_media_urls() == []


@pytest.mark.parametrize("urlconf", ["public", "staff"])
def test_each_urlconf_mounts_media_only_through_dev_media_urls(urlconf):
    """The suite runs with DEBUG off, so the URLconfs are checked by their source."""
    source = (Path(__file__).resolve().parents[2] / "portal" / "urls" / f"{urlconf}.py").read_text()
    assert "dev_media_urls()" in source
    assert "static(" not in source
