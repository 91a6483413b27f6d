"""CDN purges (wagtail.contrib.frontend_cache, HTTP backend) against a local receiver."""

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from measures.models import MeasurePage

pytestmark = pytest.mark.django_db


class _Receiver(BaseHTTPRequestHandler):
    def do_PURGE(self):
        self.server.purges.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_receiver(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    server.purges = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.PUBLIC_BASE_URL = "https://www.example"
    settings.WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield server.purges
    server.shutdown()
    server.server_close()


def test_publishing_purges_the_page_its_translation_and_what_lists_it(
    demo_site, purge_receiver, django_capture_on_commit_callbacks
):
    page = MeasurePage.objects.get(source_id="d001", locale__language_code="ja")
    english = MeasurePage.objects.get(source_id="d001", locale__language_code="en")
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
        assert purge_receiver == [], "purged before the transaction committed"
    hosts = {host for host, _ in purge_receiver}
    paths = {path for _, path in purge_receiver}
    assert hosts == {"www.example"}
    for expected in (
        page.url,
        english.url,
        "/measures/",
        "/en/measures/",
        "/feeds/measures/",
        "/en/feeds/measures/",
        "/feeds/deadlines.ics",
        "/api/measures/",
        "/sitemap.xml",
        "/search/",
    ):
        assert expected in paths
    assert "/about/" not in paths


def test_no_purge_without_a_configured_frontend_cache(
    demo_site, settings, django_capture_on_commit_callbacks
):
    from portal.pagecache import invalidation

    settings.WAGTAILFRONTENDCACHE = None
    invalidation.purge({"/measures/"})  # must not try any network


def test_the_purge_backend_is_configured_from_the_environment():
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps(getattr(settings, 'WAGTAILFRONTENDCACHE', None)))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.public", "PORTAL_ENV": "test"}
    env.pop("FRONTEND_CACHE_PURGE_URL", None)
    unset = subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(unset.stdout) is None
    env["FRONTEND_CACHE_PURGE_URL"] = "http://10.0.0.5:6081"
    configured = subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    backend = json.loads(configured.stdout)["default"]
    assert backend["BACKEND"] == "wagtail.contrib.frontend_cache.backends.HTTPBackend"
    assert backend["LOCATION"] == "http://10.0.0.5:6081"
