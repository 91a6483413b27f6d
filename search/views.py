"""Public site search: the results page and the autocomplete endpoint."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from core.i18n import localized_path
from core.paging import get_page, page_links

from . import registry, service
from .stats import record_query

PAGE_SIZE = 20
MAX_QUERY_LENGTH = 200
MAX_SUGGESTIONS = 8
# Fewer results than this are "weak": the page also points to the checker and the booking.
WEAK_RESULT_COUNT = 3


# Queries may hold whatever an owner typed: keep responses out of shared caches.
@never_cache
@require_GET
def search(request):
    q = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    sources = registry.sources()
    hits = service.find(q, sources) if q else []
    counts = {s.key: 0 for s in sources}
    for hit in hits:
        counts[hit.source.key] += 1
    selected = request.GET.get("type", "")
    if selected not in counts:
        selected = ""
    shown = [h for h in hits if h.source.key == selected] if selected else hits

    page = get_page(Paginator(shown, PAGE_SIZE), request.GET.get("page"))
    items = service.result_items(list(page.object_list), request, service.highlight_terms(q))
    if q and page.number == 1 and not selected:
        record_query(q, len(hits))
    context = {
        "q": q,
        "items": items,
        "page_obj": page,
        "pages": page_links(page.number, page.paginator.num_pages, _page_url(q, selected)),
        "total": len(hits),
        "shown_total": len(shown),
        "filters": [
            {"key": s.key, "label": s.label, "count": counts[s.key]}
            for s in sources
            if counts[s.key]
        ],
        "selected": selected,
        "weak": 0 < len(hits) < WEAK_RESULT_COUNT,
        "suggestions": service.suggestions(q) if q and not hits else [],
        "trail": [(_("ホーム"), localized_path("/")), (_("サイト内検索"), None)],
    }
    return render(request, "search/results.html", context)


def _page_url(q: str, selected: str):
    def url(number: int) -> str:
        pairs = [("q", q), ("type", selected), ("page", str(number))]
        return "?" + urlencode([(key, value) for key, value in pairs if value])

    return url


@never_cache
@require_GET
def suggest(request):
    """Titles of live pages matching what has been typed so far (JSON, for autocomplete)."""
    q = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    results = []
    if q:
        pages = registry.default_queryset(Page).filter(depth__gt=1)
        matches = get_search_backend().autocomplete(q, pages)[:MAX_SUGGESTIONS]
        results = [{"title": page.title, "url": page.get_url(request)} for page in matches]
    return JsonResponse({"results": results})
