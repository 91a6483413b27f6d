"""gunicorn config of the public tier: gunicorn -c deploy/gunicorn_public.py portal.wsgi"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gunicorn_common import *  # noqa: F403

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.public")
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
proc_name = "shienguide-public"
# Threads (gthread): a request is accepted at once and shares the CPU with the renders
# in flight, so a short booking POST never waits in the listen queue behind uncached
# schedule pages (measured in docs/performance.md: booking POST p95 under the spike
# 200 ms with 4 sync workers, 146 ms with 4 workers x 4 threads on the same machine).
# DB_POOL_MAX_SIZE (4) matches the threads, so each thread can hold a connection.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
