"""A publish on the staff process is visible on the public process as soon as it returns.

Both tiers run as real gunicorn processes on free ports over the same temporary
SQLite files and the same file-based cache directory (the dev setup). The
change is published by `manage.py publish_scheduled` in the staff settings, the
scheduled job production runs.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NEW_TITLE = "センターについて（更新版）"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=20) as response:
        return response.headers.get("X-Page-Cache"), response.read().decode()


def wait_ready(port, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server on {port} exited with {process.returncode}")
        try:
            get(port, "/healthz")
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server on {port} did not start")


def manage(env, tier, *args):
    subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": f"portal.settings.{tier}"},
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def tiers(tmp_path_factory):
    if shutil.which("gunicorn", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("gunicorn is not installed")
    data = tmp_path_factory.mktemp("two-tiers")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "INTAKE_", "CACHE_URL", "PAGE_CACHE_"))
    }
    env.update(PORTAL_ENV="dev", PORTAL_DATA_DIR=str(data), PYTHONPATH=str(ROOT))
    manage(env, "staff", "staff_otp_key", "ensure-dev")  # as `make migrate` does
    manage(env, "staff", "migrate", "--noinput", "-v", "0")
    manage(env, "staff", "migrate", "--database=intake", "--noinput", "-v", "0")
    manage(env, "staff", "load_demo")
    ports = {"public": free_port(), "staff": free_port()}
    processes = {}
    for tier, port in ports.items():
        processes[tier] = subprocess.Popen(  # noqa: S603 - fixed argv
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--access-logfile",
                "/dev/null",
                "portal.wsgi",
            ],
            cwd=ROOT,
            env={**env, "DJANGO_SETTINGS_MODULE": f"portal.settings.{tier}"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    try:
        for tier, port in ports.items():
            wait_ready(port, processes[tier])
        yield env, ports
    finally:
        for process in processes.values():
            process.terminate()
        for process in processes.values():
            process.wait(timeout=20)


def test_publish_on_the_staff_tier_is_served_by_the_public_tier_at_once(tiers):
    env, ports = tiers
    public = ports["public"]
    get(public, "/about/")
    state, html = get(public, "/about/")
    assert state == "hit" and NEW_TITLE not in html

    # An editor's change, approved to go live now, then the scheduled publishing job.
    manage(
        env,
        "staff",
        "shell",
        "-c",
        "from datetime import timedelta; from django.utils import timezone; "
        "from home.models import ContentPage; "
        "p = ContentPage.objects.get(slug='about', locale__language_code='ja'); "
        f"p.title = '{NEW_TITLE}'; "
        "p.save_revision(approved_go_live_at=timezone.now() - timedelta(seconds=1))",
    )
    state, html = get(public, "/about/")
    assert state == "hit" and NEW_TITLE not in html, "a draft must not show"

    manage(env, "staff", "publish_scheduled")

    state, html = get(public, "/about/")
    assert NEW_TITLE in html, f"public tier still serves the old page ({state})"
    assert state != "hit"
    # Pages the change does not touch stay cached.
    get(public, "/measures/")
    assert get(public, "/measures/")[0] == "hit"
    # The staff tier is a real second process, answering its own probes.
    assert get(ports["staff"], "/healthz")[0] is None
