"""schema.org Event data for a session, embedded as JSON-LD."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

SCHEDULED = "https://schema.org/EventScheduled"
CANCELLED = "https://schema.org/EventCancelled"


def event(view, url: str, organizer: str) -> dict:
    """``view`` is a listing.SessionView; ``url`` the session's absolute URL."""
    session, venue = view.session, view.venue
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": f"{organizer} {venue.name}",
        "startDate": session.starts_at.isoformat(),
        "endDate": session.ends_at.isoformat(),
        "eventStatus": CANCELLED if session.is_cancelled else SCHEDULED,
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "isAccessibleForFree": True,
        "url": url,
        "location": {
            "@type": "Place",
            "name": venue.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": venue.address,
                "addressCountry": "JP",
            },
        },
        "organizer": {"@type": "Organization", "name": organizer},
    }
    if view.note:
        data["description"] = view.note
    return data


def script_payload(data) -> str:
    """JSON safe inside a <script> element (the escaping of Django's json_script)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(_json_script_escapes))  # noqa: S308 - escaped above
