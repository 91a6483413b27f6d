"""The Japanese-aware backend through Wagtail's API: what owners type finds what they mean.

Runs on SQLite and, when DATABASE_URL points at it, on PostgreSQL.
"""

from django.core.cache import cache
from django.utils import translation

from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.search.backends import get_search_backend

import pytest

from search import service
from search.models import SynonymGroup
from tests.search.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


def titles(q: str, language: str = "ja") -> list[str]:
    with translation.override(language):
        hits = service.find(q)
        return [Page.objects.get(pk=hit.pk).title for hit in hits]


def test_backend_is_the_japanese_database_backend():
    assert type(get_search_backend()).__name__.startswith("Japanese")


def test_a_word_inside_a_compound_title_finds_it(demo_site):
    ContentPageFactory(
        title="家賃支援給付金", text="売上が減った事業者の地代・家賃の負担を軽くする給付金です。"
    )
    assert "家賃支援給付金" in titles("家賃")


def test_a_prefix_of_a_word_finds_the_longer_word(demo_site):
    ContentPageFactory(title="小規模事業者持続化補助金", text="販路開拓の取組を支援します。")
    assert "小規模事業者持続化補助金" in titles("補助")


def test_full_width_query_finds_half_width_text(demo_site):
    ContentPageFactory(title="IT導入補助金", text="ITツールの導入費用の一部を補助します。")
    assert "IT導入補助金" in titles("ＩＴ導入")


def test_spelling_variants_find_each_other(demo_site):
    ContentPageFactory(title="ものづくり補助金", text="革新的な製品開発を支援します。")
    ContentPageFactory(title="もの作り相談会", text="製造業の方の相談会です。")
    assert "ものづくり補助金" in titles("もの作り補助金")
    assert "もの作り相談会" in titles("ものづくり")


def test_a_compound_ending_in_a_known_term_also_finds_its_parts_apart(demo_site):
    ContentPageFactory(
        title="ふくろう市ものづくり試作開発補助金", text="試作品の開発費を補助します。"
    )
    ContentPageFactory(title="ふくろう市ものづくり補助金", text="製品開発を補助します。")
    found = titles("もの作り補助金")
    # The compound as typed first, then the parts found apart.
    assert found[:2] == ["ふくろう市ものづくり補助金", "ふくろう市ものづくり試作開発補助金"]


def test_each_part_of_a_split_compound_uses_its_synonyms(demo_site):
    ContentPageFactory(
        title="ふくろう市新型コロナウイルス感染症特別貸付", text="運転資金を貸し付けます。"
    )
    assert "ふくろう市新型コロナウイルス感染症特別貸付" in titles("コロナ融資")


def test_a_compound_is_not_split_into_a_part_of_one_character():
    from search.synonyms.expansion import SynonymSet

    synonyms = SynonymSet.from_rows(two_way=[("補助金", ["助成金"])])
    assert synonyms.split_compound("もの作り補助金") == ("ものづくり", "補助金")
    assert synonyms.split_compound("県補助金") is None
    assert synonyms.split_compound("補助金") is None


def test_katakana_query_finds_hiragana_text_and_back(demo_site):
    ContentPageFactory(title="ほーむぺーじ作成の支援", text="ホームページ作成を支援します。")
    assert "ほーむぺーじ作成の支援" in titles("ホームページ")


def test_a_page_with_every_typed_word_ranks_above_pages_with_only_one(demo_site):
    """Issue 15: a page with only one of the typed words still appears, below a full match."""
    ContentPageFactory(title="家賃支援給付金", text="地代・家賃の負担を軽くします。")
    ContentPageFactory(title="雇用調整助成金", text="従業員の休業手当を助成します。")
    ContentPageFactory(title="休業中の家賃の支援", text="休業して家賃が払えない事業者の支援です。")
    found = titles("家賃 休業")
    assert found[0] == "休業中の家賃の支援"
    assert {"家賃支援給付金", "雇用調整助成金"} <= set(found[1:])


def test_default_synonyms_expand_the_query(demo_site):
    ContentPageFactory(
        title="感染症対策の支援金", text="感染症の拡大で影響を受けた事業者への支援です。"
    )
    ContentPageFactory(title="小規模事業者持続化補助金", text="販路開拓を支援します。")
    assert "感染症対策の支援金" in titles("コロナ")
    assert "小規模事業者持続化補助金" in titles("助成金")


def test_one_way_synonyms_do_not_search_backwards(demo_site):
    ContentPageFactory(title="創業者向けの融資制度", text="創業時の資金を低利で融資します。")
    assert titles("貸付") == []


@pytest.fixture
def clean_synonym_cache():
    cache.clear()
    yield
    cache.clear()


def test_a_synonym_group_saved_by_staff_takes_effect_at_once(demo_site, clean_synonym_cache):
    ContentPageFactory(title="店舗の清掃支援", text="店舗の清掃を支援します。")
    assert titles("ぴかぴか") == []
    SynonymGroup.objects.create(terms="ぴかぴか、清掃", direction="two_way")
    assert "店舗の清掃支援" in titles("ぴかぴか")


def test_a_page_is_found_once_published_and_not_after_unpublishing(demo_site):
    page = ContentPageFactory(
        title="事業承継補助金", text="後継者への引継ぎを支援します。", publish=False
    )
    assert "事業承継補助金" not in titles("承継")
    page.save_revision().publish()
    assert "事業承継補助金" in titles("承継")
    page.refresh_from_db()
    page.unpublish()
    assert "事業承継補助金" not in titles("承継")


def test_private_pages_are_not_searched(demo_site):
    page = ContentPageFactory(title="関係者向けの資料", text="内部資料の置き場です。")
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
    assert "関係者向けの資料" not in titles("関係者")


def test_only_pages_in_the_current_language_are_searched(demo_site):
    # "zorblax" appears in no demo content, so the results are exactly these pages.
    ContentPageFactory(title="Zorblax support payment", text="Relief for rent.", language="en")
    ContentPageFactory(title="家賃支援給付金 zorblax", text="家賃の負担を軽くします。")
    assert titles("zorblax", "en") == ["Zorblax support payment"]
    assert titles("zorblax", "ja") == ["家賃支援給付金 zorblax"]


def test_english_search_uses_whole_words_and_folds_only_plurals(demo_site):
    ContentPageFactory(title="IT subsidy", text="Subsidy for IT tools.", language="en")
    assert "IT subsidy" in titles("it", "en")
    assert "IT subsidy" in titles("SUBSIDY", "en")


def test_autocomplete_finds_titles_from_a_partial_word(demo_site):
    ContentPageFactory(title="家賃支援給付金", text="地代・家賃の負担を軽くします。")
    with translation.override("ja"):
        pages = Page.objects.live().filter(locale=Locale.get_active())
        found = [p.title for p in get_search_backend().autocomplete("家賃支", pages)]
    assert "家賃支援給付金" in found


def test_a_query_of_only_punctuation_finds_nothing(demo_site):
    assert titles("「」・！") == []
