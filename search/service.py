"""Site search across the registered result sources: hits, result items, suggestions.

The database work does not grow with the number of results shown: one search
query per source, then one fetch of the shown page objects per source (plus
one per page type for specific pages).
"""

import difflib
from dataclasses import dataclass

from django.db.models import Model
from django.utils.safestring import mark_safe

from wagtail.models import Page, get_page_models
from wagtail.search.backends import get_search_backend

from . import registry
from .backend import coverage_units
from .synonyms.stored import current_rows, current_synonyms
from .text import highlight_html, normalize, query_words
from .text.normalize import SPELLING_VARIANTS
from .text.sentence import drop_filler

# Enough for any query owners type; beyond this nobody pages on.
MAX_HITS_PER_SOURCE = 200
SNIPPET_LENGTH = 120


@dataclass(frozen=True)
class Hit:
    source: registry.ResultSource
    pk: object
    rank: float


@dataclass
class ResultItem:
    title: str
    url: str | None
    snippet: str
    type_label: str
    type_key: str
    badge: object
    # What the object is also called (a measure's common name and alternative names).
    also_known_as: tuple[str, ...] = ()


def find(q: str, source_list=None) -> list[Hit]:
    """All hits for `q`, best first, across the given sources (default: all)."""
    backend = get_search_backend()
    hits: list[Hit] = []
    for source in source_list or registry.sources():
        results = backend.search(q, source.queryset()).annotate_score("_score")
        for obj in results[:MAX_HITS_PER_SOURCE]:
            hits.append(Hit(source, obj.pk, _sort_key(backend, obj._score)))
    hits.sort(key=lambda h: h.rank)
    return hits


def matches(q: str, queryset):
    """The objects of `queryset` that site search finds for `q`, unranked, to filter by.

    Used by the measure finder's keyword box, so that it finds what the site
    search finds (segmentation, variants, synonyms, filler dropped) rather than
    substrings.  A filter narrows: every word must match, so the partial
    matches of site search's coverage tier are left out.
    """
    backend = get_search_backend()
    results = backend.search(q, queryset)
    compiler = results.query_compiler
    if compiler is None:  # nothing searchable in q
        return queryset.none()
    return compiler.match_queryset(compiler.get_config(backend), words_only=True)


def _sort_key(backend, score) -> float:
    key = getattr(backend, "relevance_sort_key", None)
    return key(score) if key else -float(score or 0.0)


def highlight_terms(q: str) -> list[str]:
    """The typed words, their content chunks and synonym alternatives, to mark in snippets."""
    synonyms = current_synonyms()
    q = drop_filler(q)
    terms = []
    chunks = [chunk for chunk, _weight, in_match in coverage_units(q, synonyms) if in_match]
    for word in dict.fromkeys([*query_words(q), *chunks]):
        terms += synonyms.expand(word)
        for part in synonyms.split_compound(word) or ():
            terms += synonyms.expand(part)
    return list(dict.fromkeys(terms))


def result_items(hits: list[Hit], request, terms: list[str]) -> list[ResultItem]:
    objects = _load_objects(hits)
    items = []
    for hit in hits:
        obj = objects.get((hit.source.key, hit.pk))
        if obj is None:
            continue
        source = hit.source
        items.append(
            ResultItem(
                title=source.title(obj),
                url=source.url(obj, request),
                snippet=mark_safe(highlight_html(source.text(obj), terms, SNIPPET_LENGTH)),  # noqa: S308 - highlight_html escapes
                type_label=source.label,
                type_key=source.key,
                badge=source.badge(obj) if source.badge else None,
                also_known_as=tuple(getattr(obj, "common_names", None) or ()),
            )
        )
    return items


def _load_objects(hits: list[Hit]) -> dict[tuple[str, object], Model]:
    by_source: dict[str, list] = {}
    sources = {}
    for hit in hits:
        by_source.setdefault(hit.source.key, []).append(hit.pk)
        sources[hit.source.key] = hit.source
    objects = {}
    for key, pks in by_source.items():
        model = sources[key].model
        queryset = model._default_manager.filter(pk__in=pks)
        if issubclass(model, Page) and _has_subtypes(model):
            queryset = queryset.specific()
        for obj in queryset:
            objects[(key, obj.pk)] = obj
    return objects


def _has_subtypes(model) -> bool:
    """Whether a page source's objects can be of a more specific type (Page itself can).

    A source of one concrete page type (MeasurePage) skips `.specific()`, which
    would only re-read the content type: a few ms of every results page.
    """
    return any(m is not model and issubclass(m, model) for m in get_page_models())


MAX_SUGGESTION_CANDIDATES = 12


def suggestions(q: str, limit: int = 4) -> list[str]:
    """Close queries that do find something: a word dropped, a related word, a spelling fix."""
    words = q.split()
    candidates: list[str] = []
    if len(words) > 1:
        candidates += [" ".join(words[:i] + words[i + 1 :]) for i in range(len(words))]
    rows = current_rows()
    vocabulary = _vocabulary(rows)
    for i, word in enumerate(words):
        close = difflib.get_close_matches(normalize(word), list(vocabulary), n=3, cutoff=0.5)
        for replacement in [*_related(word, rows), *(vocabulary[c] for c in close)]:
            candidates.append(" ".join([*words[:i], replacement, *words[i + 1 :]]))
    found: list[str] = []
    seen = {normalize(q)}
    checked = 0
    for candidate in candidates:
        key = normalize(candidate)
        if key in seen or not query_words(candidate):
            continue
        seen.add(key)
        checked += 1
        if find(candidate):
            found.append(candidate)
        if len(found) >= limit or checked >= MAX_SUGGESTION_CANDIDATES:
            break
    return found


def _related(word: str, rows) -> list[str]:
    """Words a synonym row links to `word`, in either direction (as staff spelled them)."""
    target = normalize(word)
    related = []
    for _direction, terms in rows:
        if target in (normalize(t) for t in terms):
            related += [t for t in terms if normalize(t) != target]
    return related


def _vocabulary(rows) -> dict[str, str]:
    """Normalised form -> spelling to show, for spelling suggestions."""
    words = {normalize(t): t for _direction, terms in rows for t in terms}
    for canonical, _variants in SPELLING_VARIANTS:
        words.setdefault(normalize(canonical), canonical)
    return words
