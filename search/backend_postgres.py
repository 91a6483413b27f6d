"""PostgreSQL query compiler for the Japanese backend.

Synonym alternatives arrive wrapped in ``Boost`` (see ``build_query``).
Wagtail's compiler ranks a Boost but warns on it while building the tsquery;
a boost changes only the rank, so the match is built from the subquery.

Besides the typed-words-first tiers of ``search.tiers``, ranking runs in
tiers so that a broad query does not rank every matching document's body
(see docs/search.md, "Ranking in tiers"):

1. **Head matches.** The index's title column holds the fields that name a
   measure (title, common name, purposes).  Documents whose head matches the
   whole query are ranked by the head alone, and the best ``CANDIDATES`` of
   them are re-ranked by Wagtail's full score (head and body).
2. **Body matches.** Only when the head matches fill fewer than the requested
   results, documents that match in the stored combined text but not in the
   head follow: candidates by their (partial) head score, re-ranked the same
   way.

A head match therefore always comes before a body-only match: a measure named
after what the owner typed is the better answer than one that mentions it.
The scores returned for head matches carry HEAD_TIER_OFFSET, so merging hits
of several sources by score keeps the tiers.  Without an upper bound, each
tier ranks all its matches by the full score; counting is one match query.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db.models import F
from django.db.models.expressions import Col

from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresAutocompleteQueryCompiler,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.query import Boost, Fuzzy, MatchAll, Not

from .tiers import CountingResults, TypedWordsFirst

# Candidates re-ranked by the full score in each tier.  A document beyond them
# could only move up by its body score, a small fraction of a head match's.
CANDIDATES = 200
# Added to a head match's returned score, beyond any full score, so that the
# tiers stay apart when hits from several sources are merged by score.
HEAD_TIER_OFFSET = 1000.0


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


class HeadThenBody:
    """Head matches, then body-only matches, each by a two-stage ranking (module docstring)."""

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
        search_query = self.build_tsquery(self.query, config=config)
        vectors = self.get_index_vectors(search_query)
        full_rank = self._build_rank_expression(vectors, config)
        head_rank = self._build_rank_expression(vectors[:1], config)
        head_matches = self.queryset.filter(index_entries__title=search_query)
        found = self._two_stage(head_matches, head_rank, full_rank, stop)
        for obj in found:
            obj._score_ += HEAD_TIER_OFFSET
        if stop is None or len(found) < stop:
            body_matches = (
                self.queryset.alias(_document_=IndexDocument())
                .filter(_document_=search_query)
                .exclude(pk__in=[obj.pk for obj in found])
            )
            limit = None if stop is None else stop - len(found)
            found += self._two_stage(body_matches, head_rank, full_rank, limit)
        found = found[start:stop]
        if score_field is not None:
            for obj in found:
                setattr(obj, score_field, obj._score_)
        return found

    def _two_stage(self, matches, cheap_rank, full_rank, limit):
        """The best `limit` of `matches`: candidates by the cheap rank, ordered by the full one.

        Without a limit, every match is ranked by the full score.
        """
        if limit is None:
            candidates = matches.values("pk")
        else:
            candidates = (
                matches.annotate(_cheap_=cheap_rank)
                .order_by("-_cheap_", "-pk")
                .values("pk")[: max(limit, CANDIDATES)]
            )
        reranked = self.queryset.filter(pk__in=candidates).annotate(_score_=full_rank)
        return list(reranked.order_by("-_score_", "-pk")[:limit])


class JapanesePostgresSearchQueryCompiler(
    TypedWordsFirst, HeadThenBody, _BoostRanksOnly, PostgresSearchQueryCompiler
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
