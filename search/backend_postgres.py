"""PostgreSQL query compiler for the Japanese backend.

Synonym alternatives arrive wrapped in ``Boost`` (see ``build_query``).
Wagtail's compiler ranks a Boost but warns on it while building the tsquery;
a boost changes only the rank, so the match is built from the subquery.

Results are ranked in the tiers of search/tiers.py (docs/search.md, "Ranking
in tiers"):

1. the words as typed, in the head;
2. through a synonym, in the head (when the query has synonyms);
3. the words as typed, elsewhere only;
4. through a synonym, elsewhere only;
5. coverage: documents matching some content chunk (an OR match on the GIN
   indexed ``document`` column), by the weighted number of chunks matched
   (a sum of ``CASE WHEN document @@ chunk THEN weight``).

The head is the index's title column: the fields that name a measure (title,
common name, purposes).  A measure named after what the owner typed (or a
curated synonym of it) is a better answer than one that mentions it, and the
typed word a better one than its synonym.  Each tier is one query, run only
while the tiers before it fill fewer results than asked for, so a broad query
is answered from its head matches and never reads the large body vectors of
all its matches.  Within a tier, closed measures come after the others
(`search.tiers.standing`); then the best ``CANDIDATES`` by the head's rank
alone (small vectors, stored inline) are ranked by Wagtail's full score
(head × title_norm + body).  The returned score is the full score plus
`search.tiers.tier_bonus`, so merging hits of several sources by score keeps
the tiers.  Up to SMALL_POOL documents, or without an upper bound, every match
is ranked in one query instead; counting is one match query.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db.models import Case, ExpressionWrapper, F, FloatField, Q, Value, When
from django.db.models.expressions import Col

from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresAutocompleteQueryCompiler,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.query import Boost, Fuzzy, MatchAll, Not

from .tiers import (
    COVERAGE_STEP,
    HEAD_COVERAGE_TIER,
    STATUS_STEP,
    TIER_STEP,
    CountingResults,
    CoverageUnwrap,
    coverage_sum,
    standing,
    typed_words_only,
)

# Candidates re-ranked by the full score in each tier.  A document beyond them
# could only move up by its body score, a small fraction of a head match's.
CANDIDATES = 200
# Up to this many documents to search, every match is ranked in one query: the
# per-tier queries pay off only where a tier can save reading most bodies.
SMALL_POOL = 1000


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
    """The tiers of search/tiers.py: head before body, typed words before synonyms, then
    coverage; two stages per tier, or one query for a small pool (module docstring)."""

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

    def match_queryset(self, config, words_only=False):
        """Every match in one query (to count; ``words_only`` for the finder's filter)."""
        if self._untiered():
            return super().search(config, 0, None)
        condition = Q(_document_=self.build_tsquery(self.query, config=config))
        coverage = None if words_only else self.coverage_queries()
        if coverage is not None:
            condition |= Q(_document_=self.build_tsquery(coverage[0], config=config))
        return self.queryset.alias(_document_=IndexDocument()).filter(condition)

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
        entries = self.queryset.alias(
            _head_=F("index_entries__title"),
            _document_=IndexDocument(),
            _standing_=standing(self.queryset.model),
        )
        # The coverage tier in two parts: chunks in the head, then chunks anywhere; the
        # second part, lazy like a tier, decompresses each matching body once per chunk.
        coverage = [
            (column, number, self._coverage_tier(config, column))
            for column, number in (("_head_", HEAD_COVERAGE_TIER), ("_document_", 0))
        ]
        coverage = [part for part in coverage if part[2] is not None]
        if stop is None or self.queryset.count() <= SMALL_POOL:
            found = self._in_one_query(entries, tiers, vectors, config, coverage)[start:stop]
            return self._scored(found, score_field)
        found = []
        for number, (column, tsquery, query) in enumerate(tiers):
            if len(found) >= stop:
                break
            # The tiers before this one are exhausted: all their matches are in `found`.
            matches = entries.filter(**{column: tsquery}).exclude(pk__in=[o.pk for o in found])
            priority = self._priority(len(tiers) - number)
            limit = stop - len(found)
            found += self._two_stage(entries, matches, priority, query, vectors, config, limit)
        for column, number, (match, rank_query, covered) in coverage:
            if len(found) >= stop:
                break
            matches = entries.filter(**{column: match}).exclude(pk__in=[o.pk for o in found])
            priority = self._priority(number, covered)
            limit = stop - len(found)
            found += self._two_stage(entries, matches, priority, rank_query, vectors, config, limit)
        return self._scored(found[start:stop], score_field)

    def _coverage_tier(self, config, column):
        """(match tsquery, rank query, coverage expression) of the coverage tier, or None.

        The chunks are matched on `column`: the document, or the head alone.
        """
        coverage = self.coverage_queries()
        if coverage is None:
            return None
        match, rank_query, units = coverage
        covered = coverage_sum(
            (weight, Q(**{column: self.build_tsquery(query, config=config)}))
            for weight, query in units
        )
        return self.build_tsquery(match, config=config), rank_query, covered

    @staticmethod
    def _priority(tier, covered=None):
        """What a tier, its coverage and the standing add to the rank (search.tiers.tier_bonus)."""
        priority = Value(tier * TIER_STEP) + F("_standing_") * Value(STATUS_STEP)
        if covered is not None:
            priority = priority + covered * Value(COVERAGE_STEP)
        return ExpressionWrapper(priority, output_field=FloatField())

    def _in_one_query(self, entries, tiers, vectors, config, coverage):
        """Every match, ranked by the same tiers and ranks, in one query (a small pool)."""
        scores = [
            self._priority(len(tiers) - number) + self._rank(query, vectors, config)
            for number, (_column, _tsquery, query) in enumerate(tiers)
        ]
        _column, whole, _query = tiers[-1]
        matching = Q(_document_=whole)
        whens = [
            When(**{column: tsquery}, then=scores[number])
            for number, (column, tsquery, _query) in enumerate(tiers)
        ]
        for column, number, (match, rank_query, covered) in coverage:
            matching |= Q(**{column: match})
            rank = self._priority(number, covered) + self._rank(rank_query, vectors, config)
            whens.append(When(**{column: match}, then=rank))
        score = Case(*whens, output_field=FloatField())
        ranked = entries.filter(matching).annotate(_score_=score)
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

    def _two_stage(self, entries, matches, priority, query, vectors, config, limit):
        """The best `limit` of `matches` by priority, then rank: candidates by the head's
        rank alone (cheap), ordered by the full one (Wagtail's score)."""
        cheap_rank = self._rank(query, vectors[:1], config)
        full_rank = self._rank(query, vectors, config)
        candidates = matches.annotate(_priority_=priority, _cheap_=cheap_rank)
        candidates = candidates.order_by("-_priority_", "-_cheap_", "-pk")
        candidates = candidates.values("pk")[: max(limit, CANDIDATES)]
        reranked = entries.filter(pk__in=candidates).annotate(_score_=priority + full_rank)
        return list(reranked.order_by("-_score_", "-pk")[:limit])


class JapanesePostgresSearchQueryCompiler(
    CoverageUnwrap, TieredRanking, _BoostRanksOnly, PostgresSearchQueryCompiler
):
    pass


class JapanesePostgresSearchResults(CountingResults, PostgresSearchResults):
    pass


class JapanesePostgresAutocompleteQueryCompiler(
    CoverageUnwrap, _BoostRanksOnly, PostgresAutocompleteQueryCompiler
):
    pass


POSTGRES_COMPILERS = {
    "results_class": JapanesePostgresSearchResults,
    "query_compiler_class": JapanesePostgresSearchQueryCompiler,
    "autocomplete_query_compiler_class": JapanesePostgresAutocompleteQueryCompiler,
}
