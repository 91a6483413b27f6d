"""The click beacon: search/clicks.js reports that an owner opened a result of a query.

A POST of the query only (navigator.sendBeacon from a static script, so the
CSP needs no inline script and no redirect through this site is involved: the
link itself goes straight to the result).  The count goes to the query's row
of today (search.stats.record_click); nothing else is read or kept, and a
query that looks like personal data is dropped as it is for the search count.
"""

from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from django_ratelimit.decorators import ratelimit

from .stats import record_click
from .views import MAX_QUERY_LENGTH


# No CSRF token: a beacon carries no session, and the only effect is +1 on a
# count of a query already searched today; the rate limit bounds that.
@csrf_exempt
@require_POST
@ratelimit(key="ip", rate="60/m", block=False)
def click(request):
    if getattr(request, "limited", False):
        return HttpResponse(status=429)
    q = " ".join(request.POST.get("q", "").split())[:MAX_QUERY_LENGTH]
    if q:
        record_click(q)
    return HttpResponse(status=204)
