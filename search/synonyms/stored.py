"""The synonyms the search backend uses: staff-edited `SynonymGroup` rows, cached.

The rows are cached in the shared cache (so every process sees an edit) and
the built `SynonymSet` is memoised per process by the rows it was built from.
Saving or deleting a group drops the cache entry.
"""

from functools import lru_cache

from django.core.cache import cache
from django.db import transaction

from ..models import SynonymGroup
from .expansion import SynonymSet

CACHE_KEY = "search:synonym-rows:v1"
CACHE_SECONDS = 60 * 60

Rows = tuple[tuple[str, tuple[str, ...]], ...]


def current_synonyms() -> SynonymSet:
    return synonyms_from_rows(current_rows())


def current_rows() -> Rows:
    """(direction, terms) of every SynonymGroup, as staff spelled them."""
    rows = cache.get(CACHE_KEY)
    if rows is None:
        rows = load_rows()
        cache.set(CACHE_KEY, rows, CACHE_SECONDS)
    return rows


def load_rows() -> Rows:
    return tuple(
        (group.direction, tuple(group.term_list())) for group in SynonymGroup.objects.order_by("pk")
    )


@lru_cache(maxsize=8)
def synonyms_from_rows(rows: Rows) -> SynonymSet:
    synonyms = SynonymSet()
    for direction, terms in rows:
        if len(terms) < 2:
            continue
        if direction == SynonymGroup.Direction.ONE_WAY:
            synonyms.add_one_way(terms[0], terms[1:])
        else:
            synonyms.add_group(terms)
    return synonyms


def invalidate(**kwargs) -> None:
    """Drop the cached rows now and again after the transaction commits."""
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))
