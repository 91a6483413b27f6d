"""English stemming on /en/, next steps on zero and weak results, result clicks, their report."""

import re
from urllib.parse import quote

from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.utils import timezone

import pytest

from search.models import SearchQueryStat
from tests.accounts.login import login_verified
from tests.search.factories import ContentPageFactory
from tests.tiers import use_tier

pytestmark = pytest.mark.django_db


def html_of(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_english_stemming_applying_finds_a_page_saying_application(demo_site, client):
    ContentPageFactory(title="Owl grant", text="The application opens in May.", language="en")
    # "owl" keeps the demo's English pages (which say "apply" often) off the first page.
    html = html_of(client, "/en/search/", q="owl applying")
    assert "Owl grant" in html
    assert "<mark>application</mark>" in html


def test_english_stemming_finds_subsidies_by_subsidy(demo_site, client):
    ContentPageFactory(
        title="Owl subsidies for shops", text="Subsidies for owl cafes.", language="en"
    )
    assert "Owl subsidies for shops" in html_of(client, "/en/search/", q="owl subsidy")


def test_zero_results_link_the_checker_with_the_words_and_the_booking(demo_site, client):
    q = "ぴかぴか ぬるぬる"  # no known word: nothing matches, even in part
    html = html_of(client, "/search/", q=q)
    assert "見つかりませんでした" in html
    assert f'href="/measures/check/?q={quote(q)}"' in html
    assert 'href="/schedule/"' in html


def test_the_checker_ticks_the_purposes_the_search_words_name(demo_site, client):
    html = html_of(client, "/measures/check/", q="資金繰り ぴかぴか")
    ticked = re.findall(r'<input type="checkbox" name="purposes" value="([^"]+)"[^>]*checked', html)
    assert ticked
    assert "資金繰り" in html
    # Only a prefill: nothing was submitted, so no results and no errors yet.
    assert "errorlist" not in html


def test_weak_results_also_point_to_the_checker_and_the_booking(demo_site, client):
    ContentPageFactory(title="ふくろう支援の案内", text="ふくろうの飼育費を支援します。")
    html = html_of(client, "/search/", q="ふくろう")
    assert '<ol class="search-results"' in html
    assert 'class="search-weak"' in html
    assert "/measures/check/?q=" in html
    assert 'href="/schedule/"' in html


def test_strong_results_do_not_show_the_weak_results_help(demo_site, client):
    for i in range(3):
        ContentPageFactory(title=f"ふくろう支援 {i}", text="ふくろうの飼育費を支援します。")
    assert 'class="search-weak"' not in html_of(client, "/search/", q="ふくろう")


def test_results_carry_the_click_beacon_without_inline_script(demo_site, client):
    ContentPageFactory(title="家賃支援給付金", text="地代・家賃の負担を軽くする給付金です。")
    html = html_of(client, "/search/", q="家賃")
    assert 'data-click-url="/search/click/"' in html
    assert 'data-click-query="家賃"' in html
    assert re.search(r'<script src="[^"]*search/clicks[^"]*\.js" defer></script>', html)
    assert "<script>" not in html
    assert finders.find("search/clicks.js")


def test_a_click_on_a_result_is_counted_for_the_query_and_day(demo_site, client):
    ContentPageFactory(title="家賃支援給付金", text="地代・家賃の負担を軽くする給付金です。")
    client.get("/search/", {"q": "家賃"})
    response = client.post("/search/click/", {"q": "家賃"})
    assert response.status_code == 204
    client.post("/search/click/", {"q": "家賃"})
    stat = SearchQueryStat.objects.get(query="家賃", day=timezone.localdate())
    assert (stat.count, stat.click_count) == (1, 2)


def test_a_click_never_creates_a_row(demo_site, client):
    assert client.post("/search/click/", {"q": "何でも書ける文字列"}).status_code == 204
    assert SearchQueryStat.objects.count() == 0


@pytest.mark.parametrize("q", ["taro@example.jp", "090-1234-5678", "家賃 03-1234-5678"])
def test_a_click_on_a_personal_data_like_query_is_not_counted(demo_site, client, caplog, q):
    with caplog.at_level("DEBUG"):
        client.get("/search/", {"q": q})
        assert client.post("/search/click/", {"q": q}).status_code == 204
    assert SearchQueryStat.objects.count() == 0
    assert q not in caplog.text


def test_the_click_beacon_takes_only_post(demo_site, client):
    assert client.get("/search/click/", {"q": "家賃"}).status_code == 405


def _admin(client):
    admin = get_user_model().objects.create_superuser("clicks-admin", "c@example.jp", "pw")
    login_verified(client, admin)


def test_report_lists_zero_result_and_low_click_queries(demo_site, client):
    today = timezone.localdate()
    SearchQueryStat.objects.create(query="ぴかぴか", day=today, count=4, zero_result_count=4)
    SearchQueryStat.objects.create(query="補助金", day=today, count=9, click_count=0)
    SearchQueryStat.objects.create(query="家賃", day=today, count=9, click_count=8)
    with use_tier("staff"):
        _admin(client)
        html = html_of(client, "/admin/reports/search-queries/")
    zero = html.split("何も見つからなかった語")[1].split("</table>")[0]
    low = html.split("結果がほとんど開かれなかった語")[1].split("</table>")[0]
    assert "ぴかぴか" in zero
    assert "補助金" in low
    assert "家賃" not in low
    assert "ぴかぴか" not in low  # found nothing: listed above, not here
    # Staff-only: test_search_views covers the same URL for the public tier and for staff
    # without the permission.
