"""A Wagtail search backend that indexes and queries Japanese text as bigrams.

It is Wagtail's own database backend (SQLite FTS5 or PostgreSQL full-text
search, chosen by the `default` database) with two changes:

* at index time every SearchField and AutocompleteField value goes through
  `search.text.index_text` (normalised, bigrams + unigrams), so the
  database's tokenizer only ever sees space-separated tokens;
* at query time a plain query string loses its filler (について, ですか …)
  and goes through the same normalisation and segmentation and the editable
  synonyms (`search.synonyms.stored`): every typed word must match (AND), through
  any of its alternatives (OR), and an alternative of several tokens matches
  as a phrase (adjacent tokens).  After the documents that match every word
  come those that match some of the query's content chunks, by coverage
  (`search.tiers`).

On PostgreSQL the text search configuration defaults to 'simple', so no
English stemmer rewrites the tokens.  Query objects other than a string or
`PlainText` (Phrase, And, …) are passed through unchanged.

Configure with ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend"}}``.
See docs/search.md.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils.encoding import force_str

from modelsearch import index
from modelsearch.backends.base import EmptySearchResults
from modelsearch.query import And, Boost, Or, Phrase, PlainText

from .synonyms.expansion import expand_query
from .synonyms.stored import current_synonyms
from .text import index_text, query_words, word_tokens
from .text.segment import MAX_QUERY_WORD_LENGTH, MAX_QUERY_WORDS
from .text.sentence import content_chunks, drop_filler, variant_terms
from .tiers import MAX_COVERAGE_UNITS, WithCoverage

KNOWN_VARIANTS = frozenset(variant_terms())


def JapaneseDatabaseSearchBackend(params):
    """The vendor's database backend class, made Japanese-aware."""
    extra = {}
    if connection.vendor == "postgresql":
        # vendor: only the connected database's backend is loaded.
        from modelsearch.backends.database.postgres.postgres import (  # noqa: PLC0415 - vendor
            PostgresIndex,
            PostgresSearchBackend,
        )

        from .backend_postgres import POSTGRES_COMPILERS  # noqa: PLC0415 - vendor

        params = {"SEARCH_CONFIG": "simple", **params}
        vendor_backend, vendor_index = PostgresSearchBackend, PostgresIndex
        extra = POSTGRES_COMPILERS
    elif connection.vendor == "sqlite":
        # vendor: only the connected database's backend is loaded.
        from modelsearch.backends.database.sqlite.sqlite import (  # noqa: PLC0415 - vendor
            SQLiteIndex,
            SQLiteSearchBackend,
        )
        from modelsearch.backends.database.sqlite.utils import fts5_available  # noqa: PLC0415 - vendor

        from .backend_sqlite import RANKING_COMPILERS  # noqa: PLC0415 - vendor

        if not fts5_available():  # pragma: no cover - every supported SQLite build has FTS5
            raise ImproperlyConfigured("Japanese search needs SQLite with FTS5.")
        vendor_backend, vendor_index = SQLiteSearchBackend, SQLiteIndex
        extra = RANKING_COMPILERS
    else:  # pragma: no cover
        raise ImproperlyConfigured(f"Japanese search does not support {connection.vendor}.")

    index_class = type(f"Japanese{vendor_index.__name__}", (SegmentingIndexMixin, vendor_index), {})
    backend_class = type(
        f"Japanese{vendor_backend.__name__}",
        (JapaneseQueryMixin, vendor_backend),
        {"index_class": index_class, **extra},
    )
    return backend_class(params)


SearchBackend = JapaneseDatabaseSearchBackend


class SegmentingIndexMixin:
    """Hands the vendor index a view of each object whose text fields are segmented."""

    def add_items(self, model, objs):
        super().add_items(model, [SegmentedView(obj) for obj in objs])


class JapaneseQueryMixin:
    """Turns the owner's query string into the segmented, synonym-expanded query."""

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        if isinstance(query, PlainText):
            query = query.query_string
        if isinstance(query, str):
            query = build_query(query)
            if query is None:
                return EmptySearchResults()
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)

    def relevance_sort_key(self, score) -> float:
        """A key where smaller means more relevant, for merging result lists.

        SQLite's bm25() is negative and smaller is better; PostgreSQL's ts_rank
        is positive and larger is better.
        """
        score = float(score or 0.0)
        return score if connection.vendor == "sqlite" else -score


# A synonym's match counts this much of a match on the word the owner typed
# (PostgreSQL ranks by it; SQLite ranks the whole match and ignores it).
SYNONYM_BOOST = 0.5
# The parts of a split compound (ものづくり補助金 as ものづくり and 補助金), found apart.
SPLIT_BOOST = 0.3


def build_query(q: str, synonyms=None):
    """The Wagtail query for an owner's string, or None when nothing is searchable.

    Filler (`drop_filler`: について, 教えて, ですか …) is dropped first.  The
    first alternative of a word is the word as typed; its synonyms come after
    it, boosted down by SYNONYM_BOOST.  A compound that ends with a known term
    (SynonymSet.split_compound) also matches its parts apart, each with its
    synonyms, boosted down by SPLIT_BOOST.  Every word must match.

    When the query's content chunks (`coverage_units`) can find more than its
    words do, the result is a `WithCoverage`: the compilers rank the documents
    that match some chunks after those that match every word.
    """
    if synonyms is None:
        synonyms = current_synonyms()
    q = drop_filler(q)
    words = [_word_query(word, synonyms) for word in query_words(q)]
    if not words:
        return None
    query = words[0] if len(words) == 1 else And(words)
    units = coverage_units(q, synonyms)
    if len(units) == 1 and [unit[0] for unit in units] == query_words(q):
        return query  # the one chunk is the one word: coverage adds nothing
    if not units:
        return query
    return WithCoverage(
        query,
        [(weight, _word_query(chunk, synonyms), in_match) for chunk, weight, in_match in units],
    )


def coverage_units(q: str, synonyms) -> list[tuple[str, float, bool]]:
    """The content chunks of `q` (filler already dropped): (chunk, weight, in the match).

    One-character chunks count towards coverage but do not find a document on
    their own (受 of 受けたい would match nearly every measure), unless the
    query has nothing longer.
    """
    known = synonyms.known_terms() | KNOWN_VARIANTS
    chunks: dict[str, float] = {}
    for word in q.split()[:MAX_QUERY_WORDS]:
        for chunk, weight in content_chunks(word[:MAX_QUERY_WORD_LENGTH], known):
            if word_tokens(chunk):
                chunks[chunk] = max(weight, chunks.get(chunk, 0.0))
    units = list(chunks.items())[:MAX_COVERAGE_UNITS]
    long_enough = any(len(chunk) > 1 for chunk, _weight in units)
    return [(chunk, weight, len(chunk) > 1 or not long_enough) for chunk, weight in units]


def _word_query(word: str, synonyms):
    """One word: as typed, or through a synonym, or split at a known term (boosted down)."""
    [alternatives] = expand_query(word, synonyms)
    options = [_alternative(tokens) for tokens in alternatives]
    options[1:] = [Boost(option, SYNONYM_BOOST) for option in options[1:]]
    split = synonyms.split_compound(word)
    if split is not None:
        parts = [_word_options(part, synonyms) for part in split]
        options.append(Boost(And(parts), SPLIT_BOOST))
    return options[0] if len(options) == 1 else Or(options)


def _word_options(word: str, synonyms):
    """A word as typed or as any of its synonyms."""
    [alternatives] = expand_query(word, synonyms)
    options = [_alternative(tokens) for tokens in alternatives]
    return options[0] if len(options) == 1 else Or(options)


def _alternative(tokens: list[str]):
    joined = " ".join(tokens)
    return PlainText(joined) if len(tokens) == 1 else Phrase(joined)


class SegmentedView:
    """What the database indexer sees: the object, with its text segmented.

    The vendor indexers read ``obj.pk``, ``obj.get_search_fields()`` and each
    field's ``get_value(obj)``; everything else is delegated to the object.
    """

    def __init__(self, obj):
        self._obj = obj

    def __getattr__(self, name):
        return getattr(self._obj, name)

    def get_search_fields(self):
        return [segmented_field(field) for field in self._obj.get_search_fields()]


def segmented_field(field):
    if isinstance(field, index.SearchField):
        segmented = SegmentedSearchField(field)
        if field.boost and field.boost > 1:
            # The database backends keep two columns, "title" and the body; a
            # boosted field (a measure's common name) belongs with the title.
            segmented.field_name = "title"
        return segmented
    if isinstance(field, index.AutocompleteField):
        return SegmentedAutocompleteField(field)
    if isinstance(field, index.RelatedFields):
        return SegmentedRelatedFields(
            field.field_name, [segmented_field(sub) for sub in field.fields]
        )
    return field


def _unwrap(obj):
    return obj._obj if isinstance(obj, SegmentedView) else obj


class SegmentedRelatedFields(index.RelatedFields):
    def get_value(self, obj):
        return super().get_value(_unwrap(obj))


class _SegmentedValue:
    def __init__(self, original):
        self.__dict__.update(original.__dict__)
        self._original = original

    def get_value(self, obj):
        return index_text(_flatten(self._original.get_value(_unwrap(obj))))


class SegmentedSearchField(_SegmentedValue, index.SearchField):
    pass


class SegmentedAutocompleteField(_SegmentedValue, index.AutocompleteField):
    pass


def _flatten(value) -> str:
    """The same flattening the database indexers apply, before segmenting."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return ", ".join(_flatten(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(_flatten(item) for item in value.values())
    return force_str(value)
