"""The "what fits me" checker. Anonymous: the answers are read from GET and forgotten.

Nothing here writes to the database, the cache, the session or a log; the
response is marked no-store so no shared cache keeps a copy keyed by the answers.
"""

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from core.breadcrumbs import page_trail

from ..filters import status_q
from ..forms import CheckerForm, ward_choices
from ..models.taxonomy import purpose_choices
from ..rules.checker import BusinessProfile, MeasureFacts, check, render_reason
from ..rules.status import MeasureStatus, local_today
from .checker_words import purposes_for_query
from .finder import purpose_labels, with_facts

# The checker's fields: the form is "submitted" when any of them is present.
ANSWER_FIELDS = ("industry", "employees", "business_form")
MAX_QUERY_LENGTH = 200


def measure_facts(page, labels: dict, today) -> MeasureFacts:
    return MeasureFacts(
        key=str(page.pk),
        kind=page.kind,
        industries=frozenset(page.industry_codes),
        max_employees=page.max_employees,
        min_sales_decline_percent=page.min_sales_decline_percent,
        purposes=frozenset(purpose_labels(page, labels)),
        status=page.status,
        target_size=page.target_size,
        provider_level=page.provider_level,
        application_end=page.application_end,
    )


def checker_response(index, request):
    purposes = purpose_choices()
    labels = {purpose.pk: label for purpose, label in purposes}
    submitted = any(name in request.GET for name in ANSWER_FIELDS)
    choices = [(purpose.slug, label) for purpose, label in purposes]
    # From the search results page: the searched words tick their purposes in advance.
    q = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    initial = {"purposes": purposes_for_query(q, choices)} if q and not submitted else None
    form = CheckerForm(request.GET if submitted else None, initial=initial, purposes=choices)
    # No `page` in the context: this is not the finder page, and the language
    # switcher then links to /en/measures/check/ itself.
    context = {
        "form": form,
        "submitted": submitted,
        "trail": page_trail(index, request, _("あなたに合う支援策")),
    }
    status = 200
    if submitted and form.is_valid():
        context.update(_results(index, form, labels, purposes))
    elif submitted:
        # Answers that are missing or not among the choices: the form again, with its errors.
        status = 400
    response = TemplateResponse(request, "measures/checker.html", context, status=status)
    if submitted or q:
        add_never_cache_headers(response)
    return response


def _results(index, form, labels, purposes) -> dict:
    data = form.cleaned_data
    today = local_today()
    label_by_slug = {purpose.slug: label for purpose, label in purposes}
    decline = data.get("sales_decline")
    profile = BusinessProfile(
        industry=data["industry"],
        employees=data["employees"],
        capital_yen=form.capital_yen,
        is_corporation=form.is_corporation,
        sales_decline_percent=float(decline) if decline is not None else None,
        purposes=frozenset(label_by_slug[slug] for slug in data.get("purposes", ())),
        entertainment=data.get("entertainment", False),
    )
    closed = status_q(MeasureStatus.CLOSED, today, settings.MEASURES_CLOSING_SOON_DAYS)
    pages = {
        str(page.pk): page for page in with_facts(index.measures().exclude(closed)).order_by("pk")
    }
    facts = [measure_facts(page, labels, today) for page in pages.values()]
    result = check(profile, facts, today)
    wards = dict(ward_choices())
    return {
        "result": result,
        "size_reasons": [render_reason(code) for code in result.size.reasons],
        "matches": [
            (pages[m.key], [render_reason(*reason) for reason in m.reasons]) for m in result.matches
        ],
        "near_misses": [
            (
                pages[n.key],
                [render_reason(*reason) for reason in n.reasons],
                render_reason(*n.missing),
            )
            for n in result.near_misses
        ],
        "ward": data.get("ward") or "",
        "ward_name": wards.get(data.get("ward") or ""),
    }
