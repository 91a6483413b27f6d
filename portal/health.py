"""Health endpoints for load balancers, answered before any other middleware.

- ``/healthz``: liveness. The process answers; touches no database or cache.
- ``/readyz``: readiness. ``SELECT 1`` on each database alias and a cache round
  trip; 503 when any fails (the body names the failing check, never an error text).

This middleware comes first on both tiers: ahead of the HTTPS redirect and host
validation (a load balancer probes over plain HTTP with its own Host header),
ahead of the page cache, and ahead of the staff tier's verified-user gate, which
would refuse them (they are no views it could open; tests/perf/test_health_and_logs.py
keeps the order). See docs/deploy.md.
"""

import json
import secrets

from django.core.cache import cache
from django.db import connections
from django.http import HttpResponse

LIVENESS_PATH = "/healthz"
READINESS_PATH = "/readyz"
PATHS = (LIVENESS_PATH, READINESS_PATH)


def _reply(status: int, body: dict) -> HttpResponse:
    response = HttpResponse(json.dumps(body), status=status, content_type="application/json")
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def readiness() -> dict[str, bool]:
    checks = {}
    for alias in connections:
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
                checks[f"db:{alias}"] = cursor.fetchone()[0] == 1
        except Exception:
            checks[f"db:{alias}"] = False
    try:
        key, value = "readyz:probe", secrets.token_hex(8)
        cache.set(key, value, timeout=10)
        checks["cache"] = cache.get(key) == value
    except Exception:
        checks["cache"] = False
    return checks


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info.rstrip("/") or "/"
        if path == LIVENESS_PATH and request.method in ("GET", "HEAD"):
            return _reply(200, {"status": "ok"})
        if path == READINESS_PATH and request.method in ("GET", "HEAD"):
            checks = readiness()
            ok = all(checks.values())
            return _reply(200 if ok else 503, {"status": "ok" if ok else "fail", "checks": checks})
        return self.get_response(request)
