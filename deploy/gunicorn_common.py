"""Settings shared by both tiers' gunicorn configs (see docs/deploy.md)."""

import multiprocessing
import os

# Sync workers: Django and the database driver block anyway, and a worker per CPU
# (plus one) keeps each request's latency flat under load.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then (with jitter, so they do not restart together).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = 500
# Load the app before forking: faster start, shared memory pages.
preload_app = True
# Behind the load balancer / CDN, which terminate TLS and set X-Forwarded-*.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Access log without personal data: query strings of the checker and anything
# under /book/ are redacted (portal.logs.GunicornLogger).
logger_class = "portal.logs.GunicornLogger"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'
