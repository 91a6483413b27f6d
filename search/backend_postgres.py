"""PostgreSQL query compiler for the Japanese backend.

Synonym alternatives arrive wrapped in ``Boost`` (see ``build_query``).
Wagtail's compiler ranks a Boost but warns on it while building the tsquery;
a boost changes only the rank, so the match is built from the subquery.

Results are ranked in tiers (see docs/search.md, "Ranking in tiers"):

1. the words as typed, in the head;
2. through a synonym, in the head (when the query has synonyms);
3. the words as typed, elsewhere only;
4. through a synonym, elsewhere only.

The head is the index's title column: the fields that name a measure (title,
common name, purposes).  A measure named after what the owner typed (or a
curated synonym of it) is a better answer than one that mentions it, and the
typed word a better one than its synonym.  Each tier is one query, run only
while the tiers before it fill fewer results than asked for, so a broad query
is answered from its head matches and never reads the large body vectors of
all its matches.  Within a tier the best ``CANDIDATES`` by the head's rank
alone (small vectors, stored inline) are ranked by Wagtail's full score
(head × title_norm + body).  The returned score is tier × TIER_OFFSET + full
score, so merging hits of several sources by score keeps the tiers.  Up to
SMALL_POOL documents, or without an upper bound, every match is ranked in one
query instead; counting is one match query.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db.models import Case, F, FloatField, Value, When
from django.db.models.expressions import Col

from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresAutocompleteQueryCompiler,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.query import Boost, Fuzzy, MatchAll, Not

from .tiers import CountingResults, typed_words_only

# Candidates re-ranked by the full score in each tier.  A document beyond them
# could only move up by its body score, a small fraction of a head match's.
CANDIDATES = 200
# Up to this many documents to search, every match is ranked in one query: the
# per-tier queries pay off only where a tier can save reading most bodies.
SMALL_POOL = 1000
# A tier's number times this is added to the full score, beyond any full
# score, so that the tiers stay apart when hits of several sources are merged.
TIER_OFFSET = 1000.0


class IndexDocument(F):
    """The index entry's stored ``document`` column (title || body, migration 0004).

    Wagtail's IndexEntry model does not declare the column, so it is resolved
    as a sibling of the entry's ``title`` column in the same join.
    """

    field = SearchVectorField()
    field.set_attributes_from_name("document")
    field.model = IndexEntry  # not added to the model: Wagtail's inserts must not list it

    def __init__(self):
        super().__init__("index_entries__title")

    def resolve_expression(self, *args, **kwargs):
        title = super().resolve_expression(*args, **kwargs)
        return Col(title.alias, self.field, output_field=self.field)


class _BoostRanksOnly:
    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, Boost):
            return self.build_tsquery_content(query.subquery, config=config, invert=invert)
        return super().build_tsquery_content(query, config=config, invert=invert)


class TieredRanking:
    """Typed words before synonyms, head before body, two stages: one query (module docstring)."""

    def __init__(self, queryset, query, *args, **kwargs):
        self._typed = typed_words_only(query)
        super().__init__(queryset, query, *args, **kwargs)

    def search(self, config, start, stop, score_field=None, backend=None):
        if self._untiered():
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        return self._tiered(config, start, stop, score_field)

    def _untiered(self):
        return (
            self.fields is not None
            or not self.order_by_relevance
            or isinstance(self.query, MatchAll | Fuzzy | Not)
        )

    def match_queryset(self, config):
        """Every match in one query (to count)."""
        if self._untiered():
            return super().search(config, 0, None)
        search_query = self.build_tsquery(self.query, config=config)
        return self.queryset.alias(_document_=IndexDocument()).filter(_document_=search_query)

    def _tiered(self, config, start, stop, score_field):
        whole = self.build_tsquery(self.query, config=config)
        typed = whole if self._typed is None else self.build_tsquery(self._typed, config=config)
        vectors = self.get_index_vectors(whole)
        # A tier of the typed words is ranked by them alone: fewer ts_rank calls.
        alternatives = [(typed, self._typed or self.query)]
        if self._typed is not None:
            alternatives.append((whole, self.query))
        tiers = [("_head_", *alt) for alt in alternatives] + [
            ("_document_", *alt) for alt in alternatives
        ]
        entries = self.queryset.alias(_head_=F("index_entries__title"), _document_=IndexDocument())
        if stop is None or self.queryset.count() <= SMALL_POOL:
            found = self._in_one_query(entries, tiers, vectors, config)[start:stop]
            return self._scored(found, score_field)
        found = []
        for number, (column, tsquery, query) in enumerate(tiers):
            if stop is not None and len(found) >= stop:
                break
            cheap_rank = self._rank(query, vectors[:1], config)
            full_rank = self._rank(query, vectors, config)
            # The tiers before this one are exhausted: all their matches are in `found`.
            matches = entries.filter(**{column: tsquery}).exclude(pk__in=[o.pk for o in found])
            limit = None if stop is None else stop - len(found)
            batch = self._two_stage(matches, cheap_rank, full_rank, limit)
            for obj in batch:
                obj._score_ += (len(tiers) - number) * TIER_OFFSET
            found += batch
        return self._scored(found[start:stop], score_field)

    def _in_one_query(self, entries, tiers, vectors, config):
        """Every match, ranked by the same tiers and ranks, in one query (a small pool)."""
        scores = [
            Value((len(tiers) - number) * TIER_OFFSET) + self._rank(query, vectors, config)
            for number, (_column, _tsquery, query) in enumerate(tiers)
        ]
        score = Case(
            *[
                When(**{column: tsquery}, then=scores[number])
                for number, (column, tsquery, _query) in enumerate(tiers[:-1])
            ],
            default=scores[-1],
            output_field=FloatField(),
        )
        _column, whole, _query = tiers[-1]
        ranked = entries.filter(_document_=whole).annotate(_score_=score)
        return ranked.order_by("-_score_", "-pk")

    @staticmethod
    def _scored(found, score_field):
        found = list(found)
        if score_field is not None:
            for obj in found:
                setattr(obj, score_field, obj._score_)
        return found

    def _rank(self, query, vectors, config):
        """Wagtail's rank expression (`_build_rank_expression`) for `query`."""
        ranks = [
            self.build_tsrank(vector, query, config=config) * boost for vector, boost in vectors
        ]
        return sum(ranks[1:], ranks[0])

    def _two_stage(self, matches, cheap_rank, full_rank, limit):
        """The best `limit` of `matches`: candidates by the cheap rank, ordered by the full one.

        Without a limit, every match is ranked by the full score.
        """
        candidates = matches.values("pk")
        if limit is not None:
            candidates = matches.annotate(_cheap_=cheap_rank).order_by("-_cheap_", "-pk")
            candidates = candidates.values("pk")[: max(limit, CANDIDATES)]
        reranked = self.queryset.filter(pk__in=candidates).annotate(_score_=full_rank)
        return list(reranked.order_by("-_score_", "-pk")[:limit])


class JapanesePostgresSearchQueryCompiler(
    TieredRanking, _BoostRanksOnly, PostgresSearchQueryCompiler
):
    pass


class JapanesePostgresSearchResults(CountingResults, PostgresSearchResults):
    pass


class JapanesePostgresAutocompleteQueryCompiler(_BoostRanksOnly, PostgresAutocompleteQueryCompiler):
    pass


POSTGRES_COMPILERS = {
    "results_class": JapanesePostgresSearchResults,
    "query_compiler_class": JapanesePostgresSearchQueryCompiler,
    "autocomplete_query_compiler_class": JapanesePostgresAutocompleteQueryCompiler,
}
