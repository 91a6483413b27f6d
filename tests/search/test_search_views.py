"""The results page, the suggestions endpoint and query logging, as an owner and staff see them."""

import json
import re

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from search import registry
from search.models import SearchQueryStat
from tests.accounts.login import login_verified
from tests.search.factories import ContentPageFactory
from tests.tiers import use_tier

pytestmark = pytest.mark.django_db


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_results_page_lists_titles_types_and_highlighted_snippets(demo_site, client):
    ContentPageFactory(title="家賃支援給付金", text="地代・家賃の負担を軽くする給付金です。")
    html = html_of(client, "/search/?q=家賃")
    assert html.count("<h1") == 1
    assert re.search(r'<label for="search-q">', html)
    assert 'id="search-q" name="q" type="search" value="家賃"' in html
    assert '<ol class="search-results"' in html
    assert re.search(
        r'<h2 class="search-result__title"><a href="/search-test-\d+/">家賃支援給付金', html
    )
    assert "<mark>家賃</mark>" in html
    assert '<span class="search-result__type">ページ</span>' in html


def test_results_page_escapes_the_query(demo_site, client):
    html = html_of(client, "/search/?q=<script>alert(1)</script>")
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html


def test_an_unknown_word_lowers_the_rank_instead_of_emptying_the_results(demo_site, client):
    ContentPageFactory(title="家賃支援給付金", text="地代・家賃の負担を軽くする給付金です。")
    html = html_of(client, "/search/?q=家賃 ぴかぴか")
    assert "見つかりませんでした" not in html
    assert "家賃支援給付金" in html


def test_zero_results_offer_a_consultation(demo_site, client):
    ContentPageFactory(title="家賃支援給付金", text="地代・家賃の負担を軽くする給付金です。")
    html = html_of(client, "/search/?q=ぴかぴか ぬるぬる")
    assert "見つかりませんでした" in html
    assert 'href="/schedule/"' in html


def test_zero_results_suggest_a_spelling_fix_from_the_synonym_table(demo_site, client):
    ContentPageFactory(title="育児休業の助成", text="育休を取る従業員がいる事業者への助成です。")
    html = html_of(client, "/search/?q=育休業")
    assert ">育休<" in html or ">育児休業<" in html


@pytest.fixture
def badge_source():
    from home.models import ContentPage

    registry.register(
        ContentPage,
        key="guide",
        label="案内",
        badge=lambda page: {"label": "募集中", "css_class": "badge--open"},
        order=10,
    )
    yield
    registry.unregister("guide")


def test_a_registered_source_gives_its_type_label_badge_and_filter(demo_site, client, badge_source):
    ContentPageFactory(title="家賃支援給付金", text="地代・家賃の負担を軽くします。")
    html = html_of(client, "/search/?q=家賃")
    assert '<span class="search-result__type">案内</span>' in html
    assert '<span class="badge badge--open">募集中</span>' in html
    filtered = html_of(client, "/search/?q=家賃&type=page")
    assert "家賃支援給付金" not in filtered.split('<ol class="search-results"')[-1]


def test_results_are_paginated_with_a_navigation_landmark(demo_site, client):
    for i in range(25):
        # A word no demo content contains, so the count is exactly ours.
        ContentPageFactory(title=f"ふくろう相談会のご案内 {i}", text="創業を考える方の相談会です。")
    html = html_of(client, "/search/?q=ふくろう相談会")
    assert '<nav class="pagination" aria-label="検索結果のページ">' in html
    assert html.count('class="search-result"') == 20
    second = html_of(client, "/search/?q=ふくろう相談会&page=2")
    assert second.count('class="search-result"') == 5
    for odd in ("0", "-1", "abc"):
        first = html_of(client, f"/search/?q=ふくろう相談会&page={odd}")
        assert first.count('class="search-result"') == 20, odd


def test_the_summary_counts_the_results_of_the_chosen_type(demo_site, client, badge_source):
    ContentPageFactory(title="家賃支援給付金", text="地代・家賃の負担を軽くします。")
    everything = html_of(client, "/search/?q=家賃")
    guides = html_of(client, "/search/?q=家賃&type=guide")
    total = int(re.search(r"「家賃」: (\d+)件", everything).group(1))
    shown = int(re.search(r"「家賃」: (\d+)件", guides).group(1))
    assert shown == guides.count('class="search-result"') < total


def _queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_results_page_query_count_does_not_grow_with_more_results(
    demo_site, client, django_assert_max_num_queries
):
    for i in range(10):
        ContentPageFactory(title=f"省力化の設備 {i}", text="人手不足を省力化で補います。")
    client.get("/search/?q=省力化")  # warm caches (site root paths, synonyms)
    with_ten = _queries_for(client, "/search/?q=省力化")
    for i in range(40):
        ContentPageFactory(title=f"省力化の設備 追加 {i}", text="人手不足を省力化で補います。")
    with django_assert_max_num_queries(with_ten):
        html = html_of(client, "/search/?q=省力化")
    assert html.count('class="search-result"') == 20


def test_english_search_under_en_finds_english_pages(demo_site, client):
    ContentPageFactory(
        title="Rent support payment", text="Relief for businesses paying rent.", language="en"
    )
    html = html_of(client, "/en/search/?q=rent")
    assert '<html lang="en">' in html
    assert "Rent support payment" in html
    assert "Site search" in html


def test_english_search_finds_a_singular_word_by_its_plural(demo_site, client):
    ContentPageFactory(title="Owl business loan", text="A loan for owl cafes.", language="en")
    assert "Owl business loan" in html_of(client, "/en/search/?q=owl+loans")


def test_suggest_returns_json_titles_of_live_pages(demo_site, client):
    ContentPageFactory(title="家賃支援給付金", text="地代・家賃の負担を軽くします。")
    ContentPageFactory(title="家賃の下書き", text="まだ公開していません。", publish=False)
    data = json.loads(client.get("/search/suggest/?q=家賃").content)
    titles = [r["title"] for r in data["results"]]
    assert "家賃支援給付金" in titles
    assert "家賃の下書き" not in titles
    assert len(titles) <= 8


def test_queries_are_counted_with_zero_results(demo_site, client):
    ContentPageFactory(title="家賃支援給付金", text="地代・家賃の負担を軽くします。")
    client.get("/search/?q=家賃")
    client.get("/search/?q=ＸＹＺ　ぴかぴか")
    client.get("/search/?q=家賃")
    stats = {s.query: (s.count, s.zero_result_count) for s in SearchQueryStat.objects.all()}
    assert stats == {"家賃": (2, 0), "xyz ぴかぴか": (1, 1)}


@pytest.mark.parametrize(
    "q", ["taro@example.jp", "090-1234-5678", "０９０１２３４５６７８", "家賃 03-1234-5678"]
)
def test_personal_data_like_queries_are_not_logged(demo_site, client, caplog, q):
    with caplog.at_level("DEBUG"):
        client.get("/search/", {"q": q})
    assert SearchQueryStat.objects.count() == 0
    assert q not in caplog.text


def test_staff_report_shows_counts_and_zero_result_queries(demo_site, client):
    SearchQueryStat.objects.create(query="家賃", day="2099-01-01", count=3)
    from django.utils import timezone

    SearchQueryStat.objects.create(
        query="ぴかぴか", day=timezone.localdate(), count=2, zero_result_count=2
    )
    admin = get_user_model().objects.create_superuser("search-admin", "a@example.jp", "pw")
    with use_tier("staff"):
        login_verified(client, admin)
        html = html_of(client, "/admin/reports/search-queries/")
    assert "ぴかぴか" in html
    assert "何も見つからなかった語" in html


def test_staff_without_permission_cannot_see_the_report(demo_site, client):
    user = get_user_model().objects.create_user("plain-staff", "s@example.jp", "pw")
    user.is_staff = True
    user.save()
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    with use_tier("staff"):
        login_verified(client, user)
        response = client.get("/admin/reports/search-queries/")
    assert response.status_code in (302, 403)


def test_report_is_not_on_the_public_tier(demo_site, client):
    assert client.get("/admin/reports/search-queries/").status_code == 404


def test_search_finds_measures_venues_and_sessions_with_type_labels(demo_site, client):
    html = html_of(client, "/search/?q=北区役所")
    assert "会場" in html
    assert "/schedule/venues/" in html
    assert "/schedule/sessions/" in html
    measures = html_of(client, "/search/?q=デジタル化")
    assert "/measures/" in measures
    assert "badge" in measures


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_example_queries_in_the_hint_find_demo_content(demo_site, client, prefix):
    html = html_of(client, f"{prefix}/search/")
    hint = re.search(r'<p id="search-q-hint"[^>]*>(.*?)</p>', html).group(1)
    examples = re.search(r"(?:例: |For example: )(.*?)(?:。|\. )", hint).group(1)
    queries = [q.strip() for q in re.split(r"[、,]", examples)]
    assert len(queries) == 2
    for q in queries:
        page = html_of(client, f"{prefix}/search/?q={q}")
        assert '<ol class="search-results"' in page, (prefix, q)


@pytest.mark.parametrize(
    ("prefix", "sentence", "awkward"),
    [
        ("", "「ぴかぴかぬるぬる」に一致するページは見つかりませんでした。", "0件見つかりました"),
        ("/en", "No pages matched “ぴかぴかぬるぬる”.", "0 results found"),
    ],
)
def test_zero_results_read_as_one_natural_sentence(demo_site, client, prefix, sentence, awkward):
    html = html_of(client, f"{prefix}/search/?q=ぴかぴかぬるぬる")
    assert sentence in html
    assert awkward not in html
    assert html.count("見つかりませんでした") <= 1
