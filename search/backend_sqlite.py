"""SQLite ranking for the Japanese backend.

Wagtail's SQLite compiler ranks an And of n sub-queries as
(1 + bm25)^n - 1.  FTS5's bm25() is negative (smaller is better) and is
computed once for the whole MATCH expression, so that product reverses the
order of strong matches (bm25 = -3 gives 3, ranked last).  Our queries are
always And/Or trees, so we rank by the plain bm25() of the match, with the
title column (titles and other boosted fields, see ``segmented_field``)
weighted TITLE_COLUMN_WEIGHT times the body.

FTS5 cannot rank parts of one MATCH differently, so the ``Boost`` that
build_query puts on synonym alternatives is dropped from the match; the
typed words still come first through the tiers of ``search.tiers``, which
also give SQLite the head tiers (a MATCH restricted to the title column) and
the coverage tier, as on PostgreSQL.
"""

from django.db.models import Case, F, FloatField, Func, OuterRef, Q, Subquery, Value, When

from modelsearch.backends.database.sqlite.query import MatchExpression
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.conf import get_app_config
from modelsearch.query import And, Boost, MatchAll, Not, Or
from modelsearch.utils import get_descendants_content_types_pks

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

# The FTS5 table's columns are (autocomplete, body, title), in that order.
TITLE_COLUMN_WEIGHT = 10.0
SQLiteFTSIndexEntry = get_app_config().get_model("SQLiteFTSIndexEntry", require_ready=False)


class WeightedBM25(Func):
    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra):
        table = get_app_config().get_model("SQLiteFTSIndexEntry")._meta.db_table
        return f"bm25({table}, 1.0, 1.0, {TITLE_COLUMN_WEIGHT})", []


def without_boosts(query):
    if isinstance(query, Boost):
        return without_boosts(query.subquery)
    if isinstance(query, And | Or):
        return type(query)([without_boosts(sub) for sub in query.subqueries])
    if isinstance(query, Not):
        return Not(without_boosts(query.subquery))
    return query


class _WholeMatchRank:
    def __init__(self, queryset, query, *args, **kwargs):
        super().__init__(queryset, without_boosts(query), *args, **kwargs)

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        rank = WeightedBM25()
        return rank * boost if boost != 1.0 else rank

    def _build_rank_expression(self, vectors, config):
        # The parent sums one rank per vector, multiplying by each entry's title_norm;
        # bm25() already scores the whole match with the column weights, so that
        # product only rescaled documents by title length (and flipped orders once
        # the index held other documents).
        return WeightedBM25()


class TieredSearch:
    """The tiers of search/tiers.py in one query: a CASE over each tier's match.

    Each tier's match is an ``IN`` subquery of one FTS5 MATCH (the head tiers
    restricted to the title column), and a row is ranked by the bm25() of its
    own tier's match, a correlated subquery as in Wagtail's compiler.  SQLite
    is the development database: one query keeps the results page within its
    query budget, where lazy tiers (PostgreSQL) would cost a query each.
    """

    HEAD_COLUMNS = ["title"]
    COLUMNS = ["title", "body"]

    def __init__(self, queryset, query, *args, **kwargs):
        self._typed = typed_words_only(query)  # before _WholeMatchRank drops the Boosts
        super().__init__(queryset, query, *args, **kwargs)

    def _untiered(self):
        return (
            self.fields is not None
            or not self.order_by_relevance
            or isinstance(self.query, MatchAll | Not)
        )

    def search(self, config, start, stop, score_field=None, **kwargs):
        if self._untiered():
            return super().search(config, start, stop, score_field=score_field, **kwargs)
        alternatives = [self.query] if self._typed is None else [self._typed, self.query]
        tiers = [(self.HEAD_COLUMNS, query) for query in alternatives]
        tiers += [(self.COLUMNS, query) for query in alternatives]
        rank = standing(self.queryset.model)
        whens = []
        for number, (columns, query) in enumerate(tiers):
            entries = self._entries(query, columns, config)
            score = self._rank(entries) - Value((len(tiers) - number) * TIER_STEP)
            whens.append(When(Q(pk__in=self._ids(entries)), then=score))
        matching = Q(pk__in=self._ids(self._entries(self.query, self.COLUMNS, config)))
        coverage = self.coverage_queries()
        if coverage is not None:
            match, _rank_query, units = coverage
            for columns, tier in ((self.HEAD_COLUMNS, HEAD_COVERAGE_TIER), (self.COLUMNS, 0)):
                covering = self._entries(match, columns, config)
                matching |= Q(pk__in=self._ids(covering))
                covered = coverage_sum(
                    (weight, Q(pk__in=self._ids(self._entries(query, columns, config))))
                    for weight, query in units
                )
                score = self._rank(covering) - Value(tier * TIER_STEP)
                score = score - covered * Value(COVERAGE_STEP)
                whens.append(When(Q(pk__in=self._ids(covering)), then=score))
        score = Case(*whens, output_field=FloatField())
        score = score - F("_standing_") * Value(STATUS_STEP)
        ranked = (
            self.queryset.filter(matching).annotate(_standing_=rank).annotate(_tier_score_=score)
        )
        found = list(ranked.order_by("_tier_score_", "-pk")[start:stop])
        if score_field is not None:
            for obj in found:
                setattr(obj, score_field, obj._tier_score_)
        return found

    def _entries(self, query, columns, config):
        """The FTS5 rows matching `query` in `columns`, as Wagtail's SQLite compiler builds them."""
        built = self.build_search_query(without_boosts(query), config=config)
        return SQLiteFTSIndexEntry.objects.filter(MatchExpression(columns, built)).filter(
            index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model)
        )

    @staticmethod
    def _ids(entries):
        return entries.values("index_entry__object_id")

    @staticmethod
    def _rank(entries):
        ranked = entries.filter(index_entry__object_id=OuterRef("pk")).annotate(
            _rank_=WeightedBM25()
        )
        return Subquery(ranked.values("_rank_")[:1], output_field=FloatField())

    def match_queryset(self, config, words_only=False):
        """Every match in one query (to count; ``words_only`` for the finder's filter)."""
        if self._untiered():
            return SQLiteSearchQueryCompiler.search(self, config, 0, None)
        matching = Q(pk__in=self._ids(self._entries(self.query, self.COLUMNS, config)))
        coverage = None if words_only else self.coverage_queries()
        if coverage is not None:
            matching |= Q(pk__in=self._ids(self._entries(coverage[0], self.COLUMNS, config)))
        return self.queryset.filter(matching)


class JapaneseSQLiteSearchQueryCompiler(
    CoverageUnwrap, TieredSearch, _WholeMatchRank, SQLiteSearchQueryCompiler
):
    pass


class JapaneseSQLiteAutocompleteQueryCompiler(
    CoverageUnwrap, _WholeMatchRank, SQLiteAutocompleteQueryCompiler
):
    pass


class JapaneseSQLiteSearchResults(CountingResults, SQLiteSearchResults):
    pass


RANKING_COMPILERS = {
    "results_class": JapaneseSQLiteSearchResults,
    "query_compiler_class": JapaneseSQLiteSearchQueryCompiler,
    "autocomplete_query_compiler_class": JapaneseSQLiteAutocompleteQueryCompiler,
}
