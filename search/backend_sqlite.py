"""SQLite ranking fix for the Japanese backend.

Wagtail's SQLite compiler ranks an And of n sub-queries as
(1 + bm25)^n - 1.  FTS5's bm25() is negative (smaller is better) and is
computed once for the whole MATCH expression, so that product reverses the
order of strong matches (bm25 = -3 gives 3, ranked last).  Our queries are
always And/Or trees, so we rank by the plain bm25() of the match.
"""

from modelsearch.backends.database.sqlite.query import BM25
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteSearchQueryCompiler,
)


class _WholeMatchRank:
    def build_tsrank(self, vector, query, config=None, boost=1.0):
        rank = BM25()
        return rank * boost if boost != 1.0 else rank


class JapaneseSQLiteSearchQueryCompiler(_WholeMatchRank, SQLiteSearchQueryCompiler):
    pass


class JapaneseSQLiteAutocompleteQueryCompiler(_WholeMatchRank, SQLiteAutocompleteQueryCompiler):
    pass


RANKING_COMPILERS = {
    "query_compiler_class": JapaneseSQLiteSearchQueryCompiler,
    "autocomplete_query_compiler_class": JapaneseSQLiteAutocompleteQueryCompiler,
}
