"""Ranking through the Japanese backend: names before body text, typed words before synonyms.

Runs on SQLite and, when DATABASE_URL points at it, on PostgreSQL; the last
tests need PostgreSQL (synonym weights, the tiers and the GIN index exist only there).
"""

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.search.backends import get_search_backend

import pytest
from modelsearch.backends.database.postgres.postgres import PostgresSearchQueryCompiler

from measures.models import MeasurePage
from tests.measures.factories import MeasureIndexFactory, MeasurePageFactory

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL ranking and plans"
)


def ranked(q: str, pages) -> list[str]:
    queryset = MeasurePage.objects.filter(pk__in=[page.pk for page in pages])
    return [page.title for page in get_search_backend().search(q, queryset)]


def test_a_title_match_outranks_a_body_only_match():
    index = MeasureIndexFactory()
    body = MeasurePageFactory(
        parent=index, title="経営相談窓口", summary="家賃の相談。家賃の負担。家賃の支払い。"
    )
    title = MeasurePageFactory(
        parent=index, title="家賃支援給付金", summary="売上が減った事業者に給付します。"
    )
    assert ranked("家賃", [body, title]) == ["家賃支援給付金", "経営相談窓口"]


def test_a_common_name_match_outranks_a_body_only_match():
    index = MeasureIndexFactory()
    body = MeasurePageFactory(
        parent=index, title="経営相談窓口", summary="雇調金の相談。雇調金の申請。"
    )
    named = MeasurePageFactory(
        parent=index, title="雇用調整助成金", short_title="雇調金", summary="休業手当を助成します。"
    )
    assert ranked("雇調金", [body, named]) == ["雇用調整助成金", "経営相談窓口"]


def test_every_typed_word_match_comes_before_a_synonym_only_match():
    index = MeasureIndexFactory()
    text = "助成金。助成金。助成金。"
    grants = [MeasurePageFactory(parent=index, title=f"助成金{n}", summary=text) for n in range(3)]
    subsidy = MeasurePageFactory(
        parent=index,
        title="中小企業の設備投資と販路開拓と人材育成のための総合補助金",
        summary="概要",
    )
    titles = ranked("補助金", [*grants, subsidy])
    assert titles[0] == subsidy.title
    assert sorted(titles[1:]) == ["助成金0", "助成金1", "助成金2"]


def test_merged_hits_keep_the_typed_word_first_across_sources(demo_site):
    from search.service import find

    index = MeasureIndexFactory()
    grants = [MeasurePageFactory(parent=index, title=f"ぴったり助成金{n}") for n in range(3)]
    subsidy = MeasurePageFactory(parent=index, title="ぴったり補助金", summary="概要")
    with translation.override("ja"):
        hits = [hit for hit in find("ぴったり 補助金") if hit.source.key == "measure"]
    assert [hit.pk for hit in hits][:1] == [subsidy.pk]
    assert {hit.pk for hit in hits[1:]} >= {grant.pk for grant in grants}


@postgres_only
def test_the_typed_word_outranks_its_synonym():
    index = MeasureIndexFactory()
    synonym = MeasurePageFactory(
        parent=index, title="設備資金の制度", summary="設備資金を貸付します。"
    )
    typed = MeasurePageFactory(
        parent=index, title="運転資金の制度", summary="運転資金を融資します。"
    )
    assert ranked("融資", [synonym, typed]) == ["運転資金の制度", "設備資金の制度"]


def test_a_purpose_match_outranks_a_body_only_match():
    index = MeasureIndexFactory()
    body = MeasurePageFactory(
        parent=index, title="経営相談窓口", summary="資金繰りの相談。資金繰りの悩み。"
    )
    labelled = MeasurePageFactory(
        parent=index, title="中小企業倒産防止共済制度", purposes=["cash-flow"]
    )
    # Publishing indexes a page after its purposes are saved; creating one in a
    # test indexes it before, so index it again as a publish would.
    get_search_backend().add(labelled)
    assert ranked("資金繰り", [body, labelled]) == ["中小企業倒産防止共済制度", "経営相談窓口"]


@postgres_only
@pytest.mark.parametrize("small_pool", [0, 1000], ids=["a query per tier", "one query"])
def test_tiered_results_are_the_head_matches_then_the_body_matches_each_by_full_score(
    monkeypatch, small_pool
):
    from search import backend_postgres

    monkeypatch.setattr(backend_postgres, "SMALL_POOL", small_pool)
    index = MeasureIndexFactory()
    pages = [
        MeasurePageFactory(
            parent=index, title="家賃支援給付金", summary="家賃を支援します。家賃。"
        ),
        MeasurePageFactory(parent=index, title="家賃補助", summary="店舗の家賃。"),
        MeasurePageFactory(
            parent=index, title="店舗の家賃と光熱費の支援制度のご案内", summary="概要"
        ),
        MeasurePageFactory(
            parent=index, title="経営相談", summary="家賃の相談。家賃の悩み。家賃。"
        ),
        MeasurePageFactory(parent=index, title="融資制度", summary="運転資金。家賃にも使えます。"),
        MeasurePageFactory(parent=index, title="税の猶予", summary="家賃ではありません。"),
        MeasurePageFactory(parent=index, title="創業支援", summary="創業の相談。"),
    ]
    queryset = MeasurePage.objects.filter(pk__in=[page.pk for page in pages])
    backend = get_search_backend()
    results = backend.search("家賃", queryset)
    compiler = results.query_compiler
    # Every match with Wagtail's full score, by Wagtail's own single query.
    every = list(PostgresSearchQueryCompiler.search(compiler, backend.config, 0, None, "_full"))
    head = set(
        queryset.filter(
            index_entries__title=compiler.build_tsquery(compiler.query, backend.config)
        ).values_list("pk", flat=True)
    )

    def by_score(matches):
        return [p.pk for p in sorted(matches, key=lambda p: (-p._full, -p.pk))]

    expected = by_score([p for p in every if p.pk in head]) + by_score(
        [p for p in every if p.pk not in head]
    )
    assert len(head) == 3
    assert len(expected) == 6  # 創業支援 does not match
    assert [page.pk for page in results[:10]] == expected
    assert [page.pk for page in results] == expected  # unsliced, the same tiers
    assert results.count() == 6


@postgres_only
@pytest.mark.parametrize("small_pool", [0, 1000], ids=["a query per tier", "one query"])
def test_a_synonym_in_the_name_outranks_the_typed_word_in_the_body_only(monkeypatch, small_pool):
    from search import backend_postgres

    monkeypatch.setattr(backend_postgres, "SMALL_POOL", small_pool)
    index = MeasureIndexFactory()
    body = MeasurePageFactory(
        parent=index, title="経営相談窓口", summary="補助金の相談。補助金の申請。"
    )
    named = MeasurePageFactory(
        parent=index, title="業務改善助成金", summary="設備投資を助成します。"
    )
    assert ranked("補助金", [body, named]) == ["業務改善助成金", "経営相談窓口"]


@postgres_only
def test_a_small_candidate_pool_still_fills_the_page_without_repeats(monkeypatch):
    from search import backend_postgres

    monkeypatch.setattr(backend_postgres, "CANDIDATES", 2)
    monkeypatch.setattr(backend_postgres, "SMALL_POOL", 0)
    index = MeasureIndexFactory()
    pages = [MeasurePageFactory(parent=index, title=f"家賃支援{n}") for n in range(4)] + [
        MeasurePageFactory(parent=index, title=f"相談窓口{n}", summary="家賃の相談。")
        for n in range(4)
    ]
    queryset = MeasurePage.objects.filter(pk__in=[page.pk for page in pages])
    found = [page.title for page in get_search_backend().search("家賃", queryset)[:7]]
    assert len(found) == len(set(found)) == 7
    assert all(title.startswith("家賃支援") for title in found[:4])


@postgres_only
def test_the_body_tier_matches_the_stored_document_column_through_its_gin_index():
    index = MeasureIndexFactory()
    MeasurePageFactory(parent=index, title="家賃支援給付金")
    results = get_search_backend().search("家賃 窓口", MeasurePage.objects.live())
    with CaptureQueriesContext(connection) as queries:
        list(results[:10])
    assert any('."document" @@' in query["sql"] for query in queries.captured_queries)
    with transaction.atomic(), connection.cursor() as cursor:
        # The test table is tiny, so the planner would rightly scan it; forbid
        # that to see whether the index can serve the match at all.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM wagtailsearch_indexentry"
            " WHERE document @@ to_tsquery('simple', '家賃 & 支援')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Bitmap Index Scan on search_indexentry_document_gin" in plan
