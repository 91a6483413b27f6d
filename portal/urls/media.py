"""Media files under the dev server (DEBUG only): images and their renditions, never
documents.

Documents go through Wagtail's serve view (portal.documents), which refuses private
collections on the public tier and sets the download headers; a raw `/media/documents/`
URL would bypass both, so it is not served in any environment. In production neither tier
serves media: images come from the storage's own URL, documents from the serve view.
"""

from pathlib import Path

from django.conf import settings
from django.conf.urls.static import static

SERVED_MEDIA_DIRS = ("images", "original_images")


def dev_media_urls() -> list:
    patterns = []
    for directory in SERVED_MEDIA_DIRS:
        patterns += static(
            f"{settings.MEDIA_URL}{directory}/",
            document_root=Path(settings.MEDIA_ROOT) / directory,
        )
    return patterns
