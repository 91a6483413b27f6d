"""gunicorn config of the public tier: gunicorn -c deploy/gunicorn_public.py portal.wsgi"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gunicorn_common import *  # noqa: F403

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.public")
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
proc_name = "shienguide-public"
