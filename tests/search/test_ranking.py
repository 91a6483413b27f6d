"""Ranking through the Japanese backend: names before body text, typed words before synonyms.

Runs on SQLite and, when DATABASE_URL points at it, on PostgreSQL; the last
tests need PostgreSQL (synonym weights and the GIN index exist only there).
"""

from django.db import connection, transaction

from wagtail.search.backends import get_search_backend

import pytest

from measures.models import MeasurePage
from tests.measures.factories import make_index, make_measure

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL ranking and plans"
)


def ranked(q: str, pages) -> list[str]:
    queryset = MeasurePage.objects.filter(pk__in=[page.pk for page in pages])
    return [page.title for page in get_search_backend().search(q, queryset)]


def test_a_title_match_outranks_a_body_only_match():
    index = make_index()
    body = make_measure(
        index, title="経営相談窓口", summary="家賃の相談。家賃の負担。家賃の支払い。"
    )
    title = make_measure(index, title="家賃支援給付金", summary="売上が減った事業者に給付します。")
    assert ranked("家賃", [body, title]) == ["家賃支援給付金", "経営相談窓口"]


def test_a_common_name_match_outranks_a_body_only_match():
    index = make_index()
    body = make_measure(index, title="経営相談窓口", summary="雇調金の相談。雇調金の申請。")
    named = make_measure(
        index, title="雇用調整助成金", short_title="雇調金", summary="休業手当を助成します。"
    )
    assert ranked("雇調金", [body, named]) == ["雇用調整助成金", "経営相談窓口"]


@postgres_only
def test_the_typed_word_outranks_its_synonym():
    index = make_index()
    synonym = make_measure(index, title="設備資金の制度", summary="設備資金を貸付します。")
    typed = make_measure(index, title="運転資金の制度", summary="運転資金を融資します。")
    assert ranked("融資", [synonym, typed]) == ["運転資金の制度", "設備資金の制度"]


@postgres_only
def test_the_match_can_use_the_combined_gin_index():
    index = make_index()
    make_measure(index, title="家賃支援給付金")
    results = get_search_backend().search("家賃 支援", MeasurePage.objects.live())
    search_plan = results.query_compiler.search(results.backend.config, 0, 10).explain()
    # Wagtail's compiler matches this expression; the migration indexes exactly it.
    assert "(title || body) @@" in search_plan
    with transaction.atomic(), connection.cursor() as cursor:
        # The test table is tiny, so the planner would rightly scan it; forbid
        # that to see whether the index can serve the match at all.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM wagtailsearch_indexentry"
            " WHERE (title || body) @@ to_tsquery('simple', '家賃 & 支援')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Bitmap Index Scan on search_indexentry_title_body_gin" in plan
