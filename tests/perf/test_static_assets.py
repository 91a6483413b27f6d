"""Static assets: hashed and compressed (gzip + brotli) by whitenoise, small, first-party."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUDGET = 30 * 1024


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """collectstatic with the production storage into a temporary STATIC_ROOT."""
    data = tmp_path_factory.mktemp("static-data")
    code = (
        "import django, sys; from django.conf import settings; "
        "settings.STORAGES['staticfiles']['BACKEND'] = "
        "'whitenoise.storage.CompressedManifestStaticFilesStorage'; "
        "django.setup(); from django.core.management import call_command; "
        "call_command('collectstatic', interactive=False, verbosity=0)"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.public",
        "PORTAL_ENV": "test",
        "PORTAL_DATA_DIR": str(data),
    }
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)  # noqa: S603
    return data / "static"


@pytest.mark.parametrize("name", ["css/site.css", "js/site.js"])
def test_site_css_and_js_are_hashed_compressed_and_under_30_kb(collected, name):
    stem, ext = name.rsplit(".", 1)
    hashed = [
        p for p in collected.glob(f"{stem}.*.{ext}") if re.search(r"\.[0-9a-f]{12}\.", p.name)
    ]
    assert hashed, f"no hashed copy of {name}"
    for suffix in (".gz", ".br"):
        compressed = Path(f"{hashed[0]}{suffix}")
        assert compressed.exists(), f"{compressed.name} missing"
        assert compressed.stat().st_size < BUDGET, f"{compressed.name}: {compressed.stat().st_size}"


def test_every_css_and_js_bundle_is_under_30_kb_compressed(collected):
    for path in list(collected.rglob("*.css.br")) + list(collected.rglob("*.js.br")):
        if "/wagtail" in str(path) or "/admin/" in str(path):
            continue  # the staff tier's admin assets
        assert path.stat().st_size < BUDGET, path


def test_hashed_files_get_a_long_lived_cache_control(collected):
    """Served by whitenoise with the manifest storage: hashed names are immutable for a year."""
    code = (
        "import django; from django.conf import settings; "
        "settings.STORAGES['staticfiles']['BACKEND'] = "
        "'whitenoise.storage.CompressedManifestStaticFilesStorage'; "
        "settings.WHITENOISE_AUTOREFRESH = False; settings.DEBUG = False; "
        "django.setup(); from django.templatetags.static import static; "
        "from django.test import Client; url = static('css/site.css'); "
        "r = Client().get(url, HTTP_ACCEPT_ENCODING='br, gzip'); "
        "print(url); print(r.status_code); print(r['Cache-Control']); "
        "print(r.get('Content-Encoding'))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.public",
        "PORTAL_ENV": "test",
        "PORTAL_DATA_DIR": str(collected.parent),
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]
    url, status, cache_control, encoding = result.stdout.split("\n")[-5:-1]
    assert re.search(r"site\.[0-9a-f]{12}\.css$", url)
    assert status == "200"
    assert "max-age=31536000" in cache_control and "immutable" in cache_control
    assert encoding == "br"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/en/", "/measures/", "/about/", "/schedule/", "/search/"])
def test_public_pages_load_no_third_party_css_or_script(demo_site, client, url):
    html = client.get(url).content.decode()
    tags = re.findall(r"<(?:link|script)\b[^>]*>", html)
    assert tags
    for tag in tags:
        for src in re.findall(r'(?:href|src)="([^"]*)"', tag):
            assert not re.match(r"^(?:[a-z]+:)?//", src), f"external resource on {url}: {tag}"
