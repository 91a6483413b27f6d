"""The finder: facets, keyword, sort and paging, all from the query string."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.utils.translation import get_language

from core.paging import get_page

from ..filters import SORT_CHOICES, MeasureFilters, facet_counts
from ..models import MeasurePage, MeasurePurpose
from ..models.taxonomy import purpose_choices

PER_PAGE = 20


def with_facts(queryset):
    """Prefetch what a result shows: industries and purposes, two queries in all."""
    return queryset.prefetch_related(
        "industry_links",
        Prefetch("purpose_links", queryset=MeasurePurpose.objects.select_related("purpose")),
    )


def purpose_labels(page, labels: dict) -> list[str]:
    return [labels.get(link.purpose_id, link.purpose.name) for link in page.purpose_links.all()]


def finder_context(index, request) -> dict:
    filters = MeasureFilters.from_query(request.GET)
    base = index.measures()
    purposes = purpose_choices()
    labels = {purpose.pk: label for purpose, label in purposes}
    facets = facet_counts(filters, base, [(p.slug, label) for p, label in purposes])
    results = with_facts(filters.ordered(filters.apply(base)))
    paginator = Paginator(results, PER_PAGE)
    page_obj = get_page(paginator, request.GET.get("page"))
    items = [(measure, purpose_labels(measure, labels)) for measure in page_obj.object_list]
    return {
        "filters": filters,
        "facets": facets,
        "sort_choices": SORT_CHOICES.items(),
        "page_obj": page_obj,
        "items": items,
        "result_count": paginator.count,
        "query": filters.as_query(),
        "untranslated_count": untranslated_count(base),
    }


def untranslated_count(base) -> int | None:
    """How many source-language measures this language does not have yet."""
    if get_language() == settings.LANGUAGE_CODE:
        return None
    return (
        MeasurePage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .exclude(translation_key__in=base.values("translation_key"))
        .count()
    )
