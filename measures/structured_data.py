"""schema.org JSON-LD of a measure page (GovernmentService), safe inside <script>."""

import json

from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .rules.taxonomy import ProviderLevel

_ORGANIZATION_TYPE = {
    ProviderLevel.NATIONAL: "GovernmentOrganization",
    ProviderLevel.PREFECTURE: "GovernmentOrganization",
    ProviderLevel.CITY: "GovernmentOrganization",
    ProviderLevel.PUBLIC_FINANCE: "Organization",
}


def measure_data(page, request) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": page.title,
        "description": page.summary,
        "url": page.get_full_url(request),
        "inLanguage": get_language(),
        "serviceType": page.get_kind_display(),
        "provider": {
            "@type": _ORGANIZATION_TYPE.get(page.provider_level, "Organization"),
            "name": page.provider,
        },
        "audience": {"@type": "BusinessAudience", "audienceType": page.eligibility[:200]},
    }
    names = page.common_names
    if names:
        data["alternateName"] = names[0] if len(names) == 1 else names
    if page.official_url:
        data["sameAs"] = page.official_url
    if page.application_start or page.application_end:
        offer = {"@type": "Offer"}
        if page.application_start:
            offer["validFrom"] = page.application_start.isoformat()
        if page.application_end:
            offer["validThrough"] = page.application_end.isoformat()
        data["offers"] = offer
    updated = page.last_updated
    if updated:
        data["dateModified"] = updated.isoformat()
    return data


def json_ld(data: dict) -> str:
    """JSON that cannot close the <script> element it sits in."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return mark_safe(text.translate(_json_script_escapes))  # noqa: S308 - escaped above


def measure_json_ld(page, request) -> str:
    return json_ld(measure_data(page, request))
