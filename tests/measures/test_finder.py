"""The finder: each facet filters and counts; everything lives in the query string."""

from datetime import timedelta

from django.http import QueryDict

import pytest

from measures.filters import MeasureFilters, facet_counts
from measures.models.taxonomy import purpose_choices
from measures.rules.status import local_today
from tests.measures.factories import MeasureIndexFactory, MeasurePageFactory


def d(offset):
    return local_today() + timedelta(days=offset)


def run(index, query: str):
    filters = MeasureFilters.from_query(QueryDict(query))
    base = index.measures()
    purposes = [(p.slug, label) for p, label in purpose_choices("ja")]
    found = {page.title for page in filters.apply(base)}
    facets = {
        name: {value.value: value.count for value in values}
        for name, values in facet_counts(filters, base, purposes).items()
    }
    return found, facets


@pytest.fixture
def tree(db):
    index = MeasureIndexFactory()
    MeasurePageFactory(
        parent=index,
        title="市の補助金",
        kind="subsidy",
        provider_level="city",
        purposes=["digitalisation"],
        industries=["retail"],
        max_employees=20,
        application_end=d(60),
    )
    MeasurePageFactory(
        parent=index,
        title="国の融資",
        kind="loan",
        provider_level="public_finance",
        purposes=["working-capital", "equipment"],
        summary="設備資金を低い金利で借りられます",
    )
    MeasurePageFactory(
        parent=index,
        title="県の助成金",
        kind="grant",
        provider_level="prefecture",
        purposes=["training"],
        industries=["manufacturing", "construction"],
        max_employees=300,
        application_end=d(3),
    )
    MeasurePageFactory(parent=index, title="終わった給付金", kind="benefit", application_end=d(-1))
    MeasurePageFactory(
        parent=index, title="これからの補助金", kind="subsidy", application_start=d(10)
    )
    return index


def test_default_status_is_currently_accepting(tree):
    found, facets = run(tree, "")
    assert found == {"市の補助金", "国の融資", "県の助成金"}
    assert facets["status"] == {
        "accepting": 3,
        "closing_soon": 1,
        "upcoming": 1,
        "closed": 1,
        "all": 5,
    }


@pytest.mark.parametrize(
    "query,expected",
    [
        ("status=closed", {"終わった給付金"}),
        ("status=upcoming", {"これからの補助金"}),
        ("status=closing_soon", {"県の助成金"}),
        ("status=all&kind=subsidy", {"市の補助金", "これからの補助金"}),
        ("kind=loan&kind=grant", {"国の融資", "県の助成金"}),
        ("level=city", {"市の補助金"}),
        ("purpose=equipment", {"国の融資"}),
        ("purpose=digitalisation&purpose=training", {"市の補助金", "県の助成金"}),
        # Measures naming no industry are open to every industry.
        ("industry=manufacturing", {"国の融資", "県の助成金"}),
        ("industry=retail", {"市の補助金", "国の融資"}),
        ("employees=21", {"国の融資", "県の助成金"}),
        ("employees=20", {"市の補助金", "国の融資", "県の助成金"}),
        ("q=金利", {"国の融資"}),
        ("q=市の　補助金", {"市の補助金"}),
        (
            "kind=gift&level=moon&industry=x&status=bogus&employees=-3",
            {"市の補助金", "国の融資", "県の助成金"},
        ),
    ],
)
def test_each_facet_filters(tree, query, expected):
    found, _facets = run(tree, query)
    assert found == expected


@pytest.mark.parametrize(
    "keyword,title",
    [
        ("もの作り", "ものづくり補助金"),  # spelling variant
        ("ＩＴ導入", "IT導入補助金"),  # full width
        ("ｺﾛﾅ 貸付", "新型コロナウイルス感染症特別貸付"),  # half-width kana, several words
        ("融資", "新型コロナウイルス感染症特別貸付"),  # synonym 融資 ~ 貸付
    ],
)
def test_the_keyword_box_finds_what_site_search_finds(db, keyword, title):
    index = MeasureIndexFactory()
    for name in ("ものづくり補助金", "IT導入補助金", "新型コロナウイルス感染症特別貸付"):
        MeasurePageFactory(parent=index, title=name, application_end=d(30))
    found, _facets = run(index, f"q={keyword}")
    assert title in found


def test_the_keyword_box_finds_only_the_matching_measures(db):
    index = MeasureIndexFactory()
    MeasurePageFactory(parent=index, title="家賃支援給付金", application_end=d(30))
    MeasurePageFactory(parent=index, title="雇用調整助成金", application_end=d(30))
    found, facets = run(index, "q=家賃")
    assert found == {"家賃支援給付金"}
    assert facets["status"]["all"] == 1
    assert run(index, "q=。、")[0] == set()  # nothing searchable: nothing found


def test_facet_counts_apply_every_other_filter(tree):
    _found, facets = run(tree, "kind=subsidy&status=all")
    # A facet's own selection does not narrow its counts...
    assert facets["kind"]["loan"] == 1
    assert facets["kind"]["subsidy"] == 2
    # ...but narrows every other facet's.
    assert facets["level"] == {"city": 2, "prefecture": 0, "national": 0, "public_finance": 0}
    assert facets["purpose"]["digitalisation"] == 1
    assert facets["purpose"]["equipment"] == 0
    assert facets["status"]["all"] == 2
    assert facets["status"]["upcoming"] == 1


def test_industry_counts_include_measures_open_to_all_industries(tree):
    _found, facets = run(tree, "")
    assert facets["industry"]["manufacturing"] == 2
    assert facets["industry"]["retail"] == 2
    assert facets["industry"]["wholesale"] == 1


@pytest.mark.parametrize(
    "sort,expected",
    [
        ("deadline", ["県の助成金", "市の補助金", "国の融資"]),
        ("name", ["国の融資", "市の補助金", "県の助成金"]),
        ("newest", ["県の助成金", "国の融資", "市の補助金"]),
    ],
)
def test_sorting(tree, sort, expected):
    filters = MeasureFilters.from_query(QueryDict(f"sort={sort}"))
    titles = [p.title for p in filters.ordered(filters.apply(tree.measures()))]
    assert titles == expected


def test_query_string_round_trips():
    query = (
        "q=IT&kind=loan&purpose=training&level=city&industry=retail"
        "&employees=5&status=all&sort=name"
    )
    filters = MeasureFilters.from_query(QueryDict(query))
    assert MeasureFilters.from_query(QueryDict(filters.as_query())) == filters
    assert MeasureFilters.from_query(QueryDict("")).as_query() == ""


@pytest.mark.django_db
def test_finder_page_renders_facets_with_counts_and_results(demo_site, client):
    response = client.get("/measures/?kind=loan")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert 'name="kind" value="loan" checked' in html
    assert "融資" in html
    assert 'class="facet__count"' in html
    assert "若葉市小規模企業サポート資金" in html
    assert "若葉市小規模事業者デジタル化補助金" not in html


@pytest.mark.django_db
def test_empty_results_suggest_loosening_and_a_consultation(demo_site, client):
    html = client.get("/measures/?q=存在しない言葉").content.decode()
    assert "条件に合う支援策が見つかりませんでした" in html
    assert 'href="/measures/"' in html
    assert "status=all" in html
    assert 'href="/schedule/"' in html


@pytest.mark.django_db
def test_query_count_stays_constant_with_200_measures(
    demo_site, client, django_assert_max_num_queries
):
    from measures.models import MeasureIndexPage

    index = MeasureIndexPage.objects.get(locale__language_code="ja")
    query = "/measures/?status=all&purpose=training&industry=retail&sort=name"
    with django_assert_max_num_queries(30) as few:
        client.get(query)
    for n in range(200):
        MeasurePageFactory(
            parent=index,
            purposes=["training", "equipment"],
            industries=["retail", "manufacturing"],
            application_end=d(n - 50),
        )
    with django_assert_max_num_queries(30) as many:
        response = client.get(query)
    assert response.status_code == 200
    assert "件の支援策" in response.content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
