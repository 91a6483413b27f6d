"""Read-only open data: /api/measures/ and /api/measures/<id>/ (see docs/api.md).

Filters are the finder's (measures.filters), except that status defaults to
"all": open data lists closed measures too unless asked not to.
"""

from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.utils.cache import get_conditional_response, patch_response_headers, set_response_etag
from django.utils.translation import get_language

from core.paging import get_page

from ..filters import ALL_STATUSES, MeasureFilters
from ..models.taxonomy import purpose_choices
from .feeds import live_measures
from .finder import with_facts

API_VERSION = 1
PAGE_SIZE = 50
MAX_AGE = 60 * 5


def measure_id(measure) -> str:
    """The stable id: the import id, or one made from the page id for hand-made pages."""
    return measure.source_id or f"page-{measure.translation_key}"


def serialize(measure, request, purposes: dict) -> dict:
    links = list(measure.purpose_links.all())
    return {
        "id": measure_id(measure),
        "url": measure.get_full_url(request),
        "language": get_language(),
        "title": measure.title,
        "short_title": measure.short_title or None,
        "provider": measure.provider,
        "provider_level": measure.provider_level,
        "kind": measure.kind,
        "kind_label": measure.get_kind_display(),
        "purposes": [
            {"slug": link.purpose.slug, "label": purposes.get(link.purpose_id, link.purpose.name)}
            for link in links
        ],
        "industries": measure.industry_codes,
        "target_size": measure.target_size,
        "max_employees": measure.max_employees,
        "min_sales_decline_percent": measure.min_sales_decline_percent,
        "amount_max_yen": measure.amount_max_yen,
        "subsidy_rate": measure.subsidy_rate or None,
        "interest": measure.interest or None,
        "application_start": _date(measure.application_start),
        "application_end": _date(measure.application_end),
        "status": measure.status.value,
        "status_label": str(measure.status.label),
        "summary": measure.summary,
        "official_url": measure.official_url or None,
        "last_updated": _date(measure.last_updated),
    }


def _date(value):
    return value.isoformat() if value else None


def _json(request, data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    # Public data, no cookies read: any site may fetch it, any cache may keep it briefly.
    response["Access-Control-Allow-Origin"] = "*"
    patch_response_headers(response, MAX_AGE)
    set_response_etag(response)
    return get_conditional_response(request, etag=response["ETag"], response=response)


def measure_list(request):
    filters = MeasureFilters.from_query(request.GET, default_status=ALL_STATUSES)
    purposes = {purpose.pk: label for purpose, label in purpose_choices()}
    queryset = with_facts(filters.ordered(filters.apply(live_measures())))
    paginator = Paginator(queryset, PAGE_SIZE)
    try:
        page = get_page(paginator, request.GET.get("page"), strict=True)
    except Http404:
        return _json(request, {"error": "page out of range"}, status=404)
    query = filters.as_query(status=filters.status)
    status_param = "" if filters.status != ALL_STATUSES else "status=all"
    base = "&".join(part for part in (query, status_param) if part)

    def page_url(n):
        return request.build_absolute_uri(f"{request.path}?{base}{'&' if base else ''}page={n}")

    return _json(
        request,
        {
            "version": API_VERSION,
            "language": get_language(),
            "count": paginator.count,
            "page": page.number,
            "pages": paginator.num_pages,
            "next": page_url(page.next_page_number()) if page.has_next() else None,
            "previous": page_url(page.previous_page_number()) if page.has_previous() else None,
            "results": [serialize(m, request, purposes) for m in page.object_list],
        },
    )


def measure_detail(request, measure_id_value):
    purposes = {purpose.pk: label for purpose, label in purpose_choices()}
    queryset = with_facts(live_measures())
    if measure_id_value.startswith("page-"):
        queryset = queryset.filter(translation_key=measure_id_value.removeprefix("page-"))
    else:
        queryset = queryset.filter(source_id=measure_id_value)
    measure = queryset.first()
    if measure is None:
        raise Http404
    return _json(request, serialize(measure, request, purposes))
