"""gunicorn config of the staff tier: gunicorn -c deploy/gunicorn_staff.py portal.wsgi"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gunicorn_common import *  # noqa: F403

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.staff")
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
proc_name = "shienguide-staff"
# Few users: a handful of workers, and a longer timeout for exports and imports.
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
