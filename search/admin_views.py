"""What owners searched for, what found nothing, and what they found but did not open:
counts for staff (staff tier only)."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import F, Sum
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import SearchQueryStat

REPORT_PERMISSION = "portal_search.view_searchquerystat"
PERIODS = (7, 30, 90)
ROWS = 100
# "Low-click": searched at least this often with results, and a result opened
# in fewer than one search in LOW_CLICK_RATIO.
LOW_CLICK_MIN_SEARCHES = 3
LOW_CLICK_RATIO = 5


def search_queries_report(request):
    if not request.user.has_perm(REPORT_PERMISSION):
        raise PermissionDenied
    try:
        days = int(request.GET.get("days", 30))
    except ValueError:
        days = 30
    if days not in PERIODS:
        days = 30
    since = timezone.localdate() - timedelta(days=days - 1)
    stats = (
        SearchQueryStat.objects.filter(day__gte=since)
        .values("query")
        .annotate(searches=Sum("count"), zero=Sum("zero_result_count"), clicks=Sum("click_count"))
        .annotate(answered=F("searches") - F("zero"))
    )
    totals = SearchQueryStat.objects.filter(day__gte=since).aggregate(
        searches=Sum("count"), zero=Sum("zero_result_count"), clicks=Sum("click_count")
    )
    low_click = stats.filter(
        answered__gte=LOW_CLICK_MIN_SEARCHES, answered__gt=F("clicks") * LOW_CLICK_RATIO
    ).order_by("-answered", "clicks", "query")
    context = {
        "page_title": _("検索語の集計"),
        "days": days,
        "periods": PERIODS,
        "top": list(stats.order_by("-searches", "query")[:ROWS]),
        "zero": list(stats.filter(zero__gt=0).order_by("-zero", "query")[:ROWS]),
        "total_searches": totals["searches"] or 0,
        "total_zero": totals["zero"] or 0,
        "total_clicks": totals["clicks"] or 0,
        "low_click": list(low_click[:ROWS]),
        "low_click_min": LOW_CLICK_MIN_SEARCHES,
        "low_click_percent": 100 // LOW_CLICK_RATIO,
    }
    return render(request, "search/admin/search_queries_report.html", context)
