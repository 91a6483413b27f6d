"""Counting searches so staff can see what owners look for and what finds nothing.

A query that looks like personal data (an email address, a phone number …)
is dropped whole: nothing of it is stored, not even a truncated part, and it
is never written to a log.  Queries are stored lightly normalised (NFKC,
case-folded, spaces collapsed) so staff can read them as typed.
"""

import unicodedata

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import SearchQueryStat
from .text import looks_like_personal_data

MAX_STORED_LENGTH = 100


def stat_key(q: str) -> str | None:
    """The form a query is counted under, or None when it must not be stored."""
    if looks_like_personal_data(q):
        return None
    key = " ".join(unicodedata.normalize("NFKC", q).casefold().split())
    # Long free text is more likely to carry something personal: drop it, never cut it.
    if not key or len(key) > MAX_STORED_LENGTH or looks_like_personal_data(key):
        return None
    return key


def record_query(q: str, result_count: int) -> bool:
    """Count one search; returns whether anything was stored."""
    key = stat_key(q)
    if key is None:
        return False
    day = timezone.localdate()
    zero = 1 if result_count == 0 else 0
    increment = {"count": F("count") + 1, "zero_result_count": F("zero_result_count") + zero}
    rows = SearchQueryStat.objects.filter(query=key, day=day)
    if rows.update(**increment):
        return True
    try:
        with transaction.atomic():
            SearchQueryStat.objects.create(query=key, day=day, count=1, zero_result_count=zero)
    except IntegrityError:
        # Another request created today's row first.
        rows.update(**increment)
    return True


def record_click(q: str) -> bool:
    """Count one click on a result of `q` today; returns whether anything was stored.

    Only a query already counted today gains a click: a click never creates a
    row, so the beacon cannot be used to write arbitrary text into the table.
    """
    key = stat_key(q)
    if key is None:
        return False
    day = timezone.localdate()
    rows = SearchQueryStat.objects.filter(query=key, day=day)
    return bool(rows.update(click_count=F("click_count") + 1))
