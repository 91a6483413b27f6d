"""Owners' sentences: coverage ranking after the every-word tiers, filler, status.

Runs on SQLite and, when DATABASE_URL points at it, on PostgreSQL, through both
of PostgreSQL's paths (one query for a small pool, a query per tier).
"""

from datetime import timedelta

from django.db import connection
from django.utils import translation

from wagtail.search.backends import get_search_backend

import pytest

from measures.models import MeasurePage
from measures.rules.status import local_today
from search import service
from tests.measures.factories import MeasureIndexFactory, MeasurePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["one query", "a query per tier"])
def both_paths(request, monkeypatch):
    """On PostgreSQL, rank a small pool in one query and, again, with a query per tier."""
    if connection.vendor != "postgresql" and request.param != "one query":
        pytest.skip("SQLite has one path")
    from search import backend_postgres

    monkeypatch.setattr(backend_postgres, "SMALL_POOL", 1000 if request.param == "one query" else 0)


def ranked(q: str, pages) -> list[str]:
    queryset = MeasurePage.objects.filter(pk__in=[page.pk for page in pages])
    return [page.title for page in get_search_backend().search(q, queryset)[:20]]


def test_a_sentence_with_an_unknown_word_still_finds_the_measure(both_paths):
    index = MeasureIndexFactory()
    measure = MeasurePageFactory(
        parent=index, title="持続化給付金", summary="売上が半分に減った事業者に給付金を支給します。"
    )
    other = MeasurePageFactory(parent=index, title="創業支援", summary="創業の相談。")
    # 東京都 is in no measure: it lowers the rank, it does not empty the result.
    found = ranked("売上が半分になった東京都の給付金について知りたい", [measure, other])
    assert found == ["持続化給付金"]


def test_a_sentence_typed_as_one_word_finds_the_measure(both_paths):
    index = MeasureIndexFactory()
    measure = MeasurePageFactory(
        parent=index, title="経営相談窓口", summary="売上が半分になった事業者の相談を受けます。"
    )
    assert ranked("売上が半分になった", [measure]) == ["経営相談窓口"]


def test_every_word_matches_rank_above_partial_matches(both_paths):
    index = MeasureIndexFactory()
    partial_in_name = MeasurePageFactory(
        parent=index, title="家賃支援給付金", summary="家賃を支援します。"
    )
    partial = MeasurePageFactory(parent=index, title="運転資金の融資", summary="融資します。")
    every_word = MeasurePageFactory(
        parent=index, title="経営相談窓口", summary="家賃の支払いに困ったら融資の相談も。"
    )
    found = ranked("家賃 融資", [partial_in_name, partial, every_word])
    assert found[0] == "経営相談窓口"
    assert set(found[1:]) == {"家賃支援給付金", "運転資金の融資"}


def test_partial_matches_rank_by_how_much_of_the_query_they_match(both_paths):
    index = MeasureIndexFactory()
    one = MeasurePageFactory(parent=index, title="家賃支援給付金", summary="家賃を支援します。")
    two = MeasurePageFactory(
        parent=index, title="家賃と設備の融資", summary="店舗の改装にも使えます。"
    )
    found = ranked("家賃 融資 大阪市", [one, two])
    assert found == ["家賃と設備の融資", "家賃支援給付金"]


def test_filler_words_do_not_remove_results(both_paths):
    index = MeasureIndexFactory()
    measure = MeasurePageFactory(parent=index, title="家賃支援給付金", summary="家賃を支援します。")
    for q in ["家賃 について 教えて", "家賃について知りたいです", "家賃の支援はありますか？"]:
        assert ranked(q, [measure]) == ["家賃支援給付金"], q


def test_filler_does_not_reach_the_every_word_tiers(both_paths):
    index = MeasureIndexFactory()
    named = MeasurePageFactory(parent=index, title="家賃支援給付金", summary="家賃を支援します。")
    mentions = MeasurePageFactory(
        parent=index, title="経営相談", summary="家賃について知りたいことを教えて。"
    )
    # Without the filler, 家賃 is in the name of one and the body of the other.
    assert ranked("家賃について教えて", [named, mentions]) == ["家賃支援給付金", "経営相談"]


def test_a_closed_measure_ranks_below_an_open_one_with_the_same_match(both_paths):
    today = local_today()
    index = MeasureIndexFactory()
    open_measure = MeasurePageFactory(
        parent=index,
        title="家賃支援給付金",
        summary="家賃を支援します。",
        application_start=today - timedelta(days=30),
        application_end=today + timedelta(days=30),
    )
    # Created later, so it would win the tie on pk; its stronger match would win it too.
    closed = MeasurePageFactory(
        parent=index,
        title="家賃支援",
        summary="家賃を支援します。家賃。",
        application_start=today - timedelta(days=60),
        application_end=today - timedelta(days=1),
    )
    assert ranked("家賃", [closed, open_measure]) == ["家賃支援給付金", "家賃支援"]


def test_status_does_not_lift_a_weaker_match(both_paths):
    today = local_today()
    index = MeasureIndexFactory()
    closed = MeasurePageFactory(
        parent=index,
        title="家賃支援給付金",
        summary="概要",
        application_end=today - timedelta(days=1),
    )
    open_body_only = MeasurePageFactory(parent=index, title="経営相談", summary="家賃の相談。")
    assert ranked("家賃", [closed, open_body_only]) == ["家賃支援給付金", "経営相談"]


def test_a_closed_measure_found_by_search_carries_its_badge(demo_site):
    index = MeasureIndexFactory()
    MeasurePageFactory(
        parent=index,
        title="ぴったり家賃給付金",
        summary="概要",
        application_end=local_today() - timedelta(days=1),
    )
    with translation.override("ja"):
        hits = [hit for hit in service.find("ぴったり家賃") if hit.source.key == "measure"]
        items = service.result_items(hits, None, ["ぴったり家賃"])
    [item] = [item for item in items if item.title == "ぴったり家賃給付金"]
    assert item.badge["value"] == "closed"
    assert str(item.badge["label"]) == "募集終了"


def test_counting_covers_the_partial_matches_too(both_paths):
    index = MeasureIndexFactory()
    pages = [
        MeasurePageFactory(parent=index, title="家賃支援給付金", summary="家賃を支援します。"),
        MeasurePageFactory(parent=index, title="運転資金の融資", summary="融資します。"),
        MeasurePageFactory(parent=index, title="経営相談窓口", summary="家賃と融資の相談。"),
        MeasurePageFactory(parent=index, title="創業支援", summary="創業の相談。"),
    ]
    queryset = MeasurePage.objects.filter(pk__in=[page.pk for page in pages])
    results = get_search_backend().search("家賃 融資", queryset)
    assert results.count() == len(list(results)) == 3


def test_the_finders_keyword_filter_still_needs_every_word():
    index = MeasureIndexFactory()
    pages = [
        MeasurePageFactory(parent=index, title="家賃支援給付金", summary="家賃を支援します。"),
        MeasurePageFactory(parent=index, title="経営相談窓口", summary="家賃と融資の相談。"),
    ]
    queryset = MeasurePage.objects.filter(pk__in=[page.pk for page in pages])
    assert [page.title for page in service.matches("家賃 融資", queryset)] == ["経営相談窓口"]
