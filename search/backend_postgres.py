"""PostgreSQL query compiler for the Japanese backend.

Synonym alternatives arrive wrapped in ``Boost`` (see ``build_query``).
Wagtail's compiler ranks a Boost but warns on it while building the tsquery;
a boost changes only the rank, so the match is built from the subquery.
"""

from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresSearchQueryCompiler,
)
from modelsearch.query import Boost


class _BoostRanksOnly:
    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, Boost):
            return self.build_tsquery_content(query.subquery, config=config, invert=invert)
        return super().build_tsquery_content(query, config=config, invert=invert)


class JapanesePostgresSearchQueryCompiler(_BoostRanksOnly, PostgresSearchQueryCompiler):
    pass


class JapanesePostgresAutocompleteQueryCompiler(_BoostRanksOnly, PostgresAutocompleteQueryCompiler):
    pass


POSTGRES_COMPILERS = {
    "query_compiler_class": JapanesePostgresSearchQueryCompiler,
    "autocomplete_query_compiler_class": JapanesePostgresAutocompleteQueryCompiler,
}
