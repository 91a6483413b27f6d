"""Typed words first: results that match what the owner typed come before
results that match only through a synonym.

The SQLite compiler uses the mixin here; the PostgreSQL compiler builds the
same order into its head and body tiers (search/backend_postgres.py) and uses
`typed_words_only` and `CountingResults` from here.

`build_query` gives each typed word with synonyms an ``Or`` of the word and
its ``Boost``-ed synonym alternatives.  A compiler with this mixin searches
twice when the query has synonyms: the typed words alone, then the whole query
for what is left, each tier ranked by the vendor's own ranking.  The scores it
returns keep the tiers apart (TYPED_TIER_OFFSET), so merging hits of several
sources by score keeps them too.  Counting uses the vendor's single match
query (`match_queryset`, through `CountingResults`).
"""

from modelsearch.query import And, Boost, Or

# Beyond any score a vendor's ranking gives, tiers included.
TYPED_TIER_OFFSET = 1_000_000.0


def typed_words_only(query):
    """The query without its synonym alternatives, or None when it has none."""
    if isinstance(query, Or):
        typed = [sub for sub in query.subqueries if not isinstance(sub, Boost)]
        if typed and len(typed) < len(query.subqueries):
            return typed[0] if len(typed) == 1 else Or(typed)
        return None
    if isinstance(query, And):
        parts = [typed_words_only(sub) for sub in query.subqueries]
        if any(part is not None for part in parts):
            return And(
                [
                    sub if part is None else part
                    for sub, part in zip(query.subqueries, parts, strict=True)
                ]
            )
    return None


class TypedWordsFirst:
    # +1 where a larger score is better (PostgreSQL ts_rank), -1 where smaller is (SQLite bm25).
    SCORE_DIRECTION = 1

    def __init__(self, queryset, query, *args, tiered=True, **kwargs):
        self._typed = typed_words_only(query) if tiered else None
        self._args, self._kwargs = args, kwargs
        super().__init__(queryset, query, *args, **kwargs)

    def search(self, config, start, stop, score_field=None, **kwargs):
        if self._typed is None or not self.order_by_relevance:
            return super().search(config, start, stop, score_field=score_field, **kwargs)
        typed = self._sibling(self.queryset, self._typed)
        found = list(typed.search(config, 0, stop, score_field="_tier_score_", **kwargs))
        for obj in found:
            obj._tier_score_ += self.SCORE_DIRECTION * TYPED_TIER_OFFSET
        if stop is None or len(found) < stop:
            left = self.queryset.exclude(pk__in=[obj.pk for obj in found])
            limit = None if stop is None else stop - len(found)
            found += list(
                self._sibling(left, self.query).search(config, 0, limit, "_tier_score_", **kwargs)
            )
        found = found[start:stop]
        if score_field is not None:
            for obj in found:
                setattr(obj, score_field, obj._tier_score_)
        return found

    def _sibling(self, queryset, query):
        return type(self)(queryset, query, *self._args, tiered=False, **self._kwargs)


class CountingResults:
    """Search results that count with one query instead of listing the tiers."""

    def _do_count(self):
        compiler = self.query_compiler
        if not hasattr(compiler, "match_queryset"):  # autocomplete
            return super()._do_count()
        return compiler.match_queryset(compiler.get_config(self.backend)).count()
