"""Receives Content-Security-Policy violation reports from browsers (ASVS 3.4.7).

A report can carry the page's full URL, which on this site may hold a cancellation
token or a search query; so only the violated directive and the blocked resource's
origin are logged, nothing else is kept.
"""

import json
import logging
from urllib.parse import urlsplit

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from django_ratelimit.decorators import ratelimit

logger = logging.getLogger("portal.csp")

MAX_REPORT_BYTES = 16 * 1024
KEYWORDS = {"inline", "eval", "self", "data", "blob", "wasm-eval", "trusted-types-policy"}


def _reports(payload):
    """Both formats: report-uri's {"csp-report": {...}} and Reporting API lists."""
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        return [payload["csp-report"]]
    if isinstance(payload, list):
        return [
            item["body"]
            for item in payload
            if isinstance(item, dict) and isinstance(item.get("body"), dict)
        ]
    return []


def _origin(blocked: str) -> str:
    if blocked in KEYWORDS:
        return blocked
    parts = urlsplit(blocked)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else "other"


# Browsers send reports for the staff login page too; the view stores nothing.
@login_not_required
@csrf_exempt
@require_POST
@ratelimit(key="ip", rate="60/m", block=False)
def csp_report(request):
    if getattr(request, "limited", False):
        return HttpResponse(status=429)
    body = request.read(MAX_REPORT_BYTES + 1)
    if len(body) > MAX_REPORT_BYTES:
        return HttpResponse(status=413)
    try:
        payload = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return HttpResponse(status=400)
    for report in _reports(payload)[:10]:
        directive = str(
            report.get("effective-directive")
            or report.get("effectiveDirective")
            or report.get("violated-directive")
            or "unknown"
        )[:60]
        blocked = str(report.get("blocked-uri") or report.get("blockedURL") or "")
        logger.warning("csp violation directive=%s blocked=%s", directive, _origin(blocked))
    return HttpResponse(status=204)
