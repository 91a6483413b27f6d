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
typed words still come first through the tiers of ``search.tiers``.
"""

from django.db.models import FloatField, Func

from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.conf import get_app_config
from modelsearch.query import And, Boost, Not, Or

from .tiers import CountingResults, TypedWordsFirst

# The FTS5 table's columns are (autocomplete, body, title), in that order.
TITLE_COLUMN_WEIGHT = 10.0


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


class JapaneseSQLiteSearchQueryCompiler(
    TypedWordsFirst, _WholeMatchRank, SQLiteSearchQueryCompiler
):
    SCORE_DIRECTION = -1

    def match_queryset(self, config):
        """Every match in one query (to count)."""
        return SQLiteSearchQueryCompiler.search(self, config, 0, None)


class JapaneseSQLiteAutocompleteQueryCompiler(_WholeMatchRank, SQLiteAutocompleteQueryCompiler):
    pass


class JapaneseSQLiteSearchResults(CountingResults, SQLiteSearchResults):
    pass


RANKING_COMPILERS = {
    "results_class": JapaneseSQLiteSearchResults,
    "query_compiler_class": JapaneseSQLiteSearchQueryCompiler,
    "autocomplete_query_compiler_class": JapaneseSQLiteAutocompleteQueryCompiler,
}
