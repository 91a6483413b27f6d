"""What owners searched for, and what found nothing: counts for staff (staff tier only)."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import SearchQueryStat

REPORT_PERMISSION = "portal_search.view_searchquerystat"
PERIODS = (7, 30, 90)
ROWS = 100


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
        .annotate(searches=Sum("count"), zero=Sum("zero_result_count"))
    )
    totals = SearchQueryStat.objects.filter(day__gte=since).aggregate(
        searches=Sum("count"), zero=Sum("zero_result_count")
    )
    context = {
        "page_title": _("検索語の集計"),
        "days": days,
        "periods": PERIODS,
        "top": list(stats.order_by("-searches", "query")[:ROWS]),
        "zero": list(stats.filter(zero__gt=0).order_by("-zero", "query")[:ROWS]),
        "total_searches": totals["searches"] or 0,
        "total_zero": totals["zero"] or 0,
    }
    return render(request, "search/admin/search_queries_report.html", context)
