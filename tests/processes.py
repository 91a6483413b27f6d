"""Starting a tier in a fresh Python process, to test what its settings refuse at start-up."""

import subprocess
import sys

from django.conf import settings

PROBE = "import django; django.setup(); print('started')"


def start_django(tier: str, env: dict) -> subprocess.CompletedProcess:
    """Set up Django with ``portal.settings.<tier>`` in a child process with exactly ``env``.

    Returns the finished process: its return code, stdout ("started") and stderr.
    """
    env = {**env, "DJANGO_SETTINGS_MODULE": f"portal.settings.{tier}"}
    return subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "-c", PROBE],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
