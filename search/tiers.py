"""Ranking in tiers, shared by both databases (see docs/search.md, "Ranking in tiers").

1. every typed word, as typed, in the head (the index's title column);
2. every typed word, through a synonym where needed, in the head;
3. every typed word, as typed, anywhere;
4. every typed word, through a synonym where needed, anywhere;
5. coverage: any content chunk of the query (`WithCoverage`), ordered by the
   weighted number of chunks matched, then by the vendor's rank; first the
   documents with chunks in the head (counted in the head), then the rest.

Within a tier, an object its model demotes (a closed measure, see `standing`)
comes after the others, then the vendor's rank decides.

The scores returned keep the tiers, coverage and standing apart (`tier_bonus`),
so merging hits of several sources by score keeps them too.  Counting uses one
match query (`match_queryset`, through `CountingResults`).

Each database builds these tiers into its own queries: SQLite in one query
(search/backend_sqlite.py), PostgreSQL lazily, a query per tier, or in one
query for a small pool (search/backend_postgres.py).
"""

from django.db.models import Case, ExpressionWrapper, FloatField, Value, When

from modelsearch.query import And, Boost, Or, SearchQuery

# Score steps, larger than any vendor rank (|rank| < STATUS_STEP) and larger
# than everything below them: a tier beats any coverage, 1.0 of coverage beats
# standing (chunk weights are multiples of 0.5), standing beats the rank.
TIER_STEP = 1_000_000.0
COVERAGE_STEP = 10_000.0
STATUS_STEP = 1_000.0
# The coverage tier's first part, documents with some chunk in the head, ranked
# by the chunks in their head, comes between the every-word tiers (1 and up) and
# the documents with chunks elsewhere only (0).
HEAD_COVERAGE_TIER = 0.5
# Content chunks ranked in the coverage tier, at most.
MAX_COVERAGE_UNITS = 12


class WithCoverage(SearchQuery):
    """A query whose typed words all match (`words`), plus its content chunks (`units`).

    ``units`` are ``(weight, query, in_match)``: a document that matches none
    of the every-word tiers but some chunk whose ``in_match`` is true is found
    in the coverage tier, scored by the weights of the chunks it matches.
    Compilers unwrap it (`CoverageUnwrap`); elsewhere it stands for `words`.
    """

    def __init__(self, words, units):
        self.words = words
        self.units = units

    def __repr__(self):
        return f"<WithCoverage {self.words!r} units={self.units!r}>"


class CoverageUnwrap:
    """Compiler mixin: the all-words query as the compiler's query, the chunks beside it."""

    def __init__(self, queryset, query, *args, **kwargs):
        self.coverage_units = None
        if isinstance(query, WithCoverage):
            self.coverage_units = query.units
            query = query.words
        super().__init__(queryset, query, *args, **kwargs)

    def coverage_queries(self):
        """(match query, rank query, [(weight, query)]) of the coverage tier, or None."""
        if not self.coverage_units:
            return None
        matching = [query for _weight, query, in_match in self.coverage_units if in_match]
        every = [query for _weight, query, _in_match in self.coverage_units]
        return (
            _any(matching),
            _any(every),
            [(weight, query) for weight, query, _in_match in self.coverage_units],
        )


def _any(queries):
    return queries[0] if len(queries) == 1 else Or(queries)


def tier_bonus(tier: int, coverage=0.0, standing=1):
    """What a tier, a coverage and a standing add to (or, negated, take from) the rank."""
    return tier * TIER_STEP + coverage * COVERAGE_STEP + standing * STATUS_STEP


def standing(model):
    """1 for an object that ranks as usual, 0 for one its model demotes.

    A model demotes objects through a ``search_demoted()`` classmethod giving
    a Q (MeasurePage: measures whose application period has ended).
    """
    demoted = getattr(model, "search_demoted", None)
    if demoted is None:
        return Value(1.0, output_field=FloatField())
    return Case(When(demoted(), then=Value(0.0)), default=Value(1.0), output_field=FloatField())


def coverage_sum(weighted_conditions):
    """Sum of each weight whose condition (a Q) holds."""
    cases = [
        Case(When(condition, then=Value(float(weight))), default=Value(0.0))
        for weight, condition in weighted_conditions
    ]
    total = cases[0]
    for case in cases[1:]:
        total = total + case
    return ExpressionWrapper(total, output_field=FloatField())


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


class CountingResults:
    """Search results that count with one query instead of listing the tiers."""

    def _do_count(self):
        compiler = self.query_compiler
        if not hasattr(compiler, "match_queryset"):  # autocomplete
            return super()._do_count()
        return compiler.match_queryset(compiler.get_config(self.backend)).count()
