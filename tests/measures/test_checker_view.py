"""The checker page: GET only, explains its answers, stores and logs nothing."""

import logging

from django.db import connections
from django.test.utils import CaptureQueriesContext

import pytest

CHECK = "/measures/check/"
ANSWERS = {
    "industry": "retail",
    "business_form": "sole",
    "employees": "3",
    "sales_decline": "55",
    "purposes": "digitalisation",
    "ward": "chuo",
}


@pytest.mark.django_db
def test_checker_shows_a_questionnaire_without_results(demo_site, client):
    html = client.get(CHECK).content.decode()
    assert html.count("<h1") == 1
    assert 'method="get"' in html
    assert 'name="industry"' in html and 'name="employees"' in html
    assert 'name="capital_man_yen"' in html and 'name="sales_decline"' in html
    assert 'name="purposes"' in html and 'name="ward"' in html
    assert "合う支援策（" not in html


@pytest.mark.django_db
def test_results_list_matches_with_reasons_and_near_misses_with_what_is_missing(demo_site, client):
    html = client.get(CHECK, ANSWERS).content.decode()
    assert "中小企業者であり、小規模事業者にも該当します。" in html
    assert "個人事業主のため、従業員数で判定しました" in html
    assert "若葉市小規模事業者デジタル化補助金" in html
    assert "小規模事業者に該当するため" in html
    assert "目的（IT化）に合っているため" in html
    assert "あと一歩の支援策" in html
    assert "足りない条件" in html
    assert "選んだ目的が対象外です" in html
    assert 'href="/schedule/?ward=chuo"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "answers,verdict",
    [
        # 製造業: 300 employees is still an SME, 301 is not (capital unknown).
        ({"industry": "manufacturing", "employees": "300"}, "中小企業者に該当します（小規模"),
        ({"industry": "manufacturing", "employees": "301"}, "中小企業者には該当しません。"),
        # ...unless the capital is within 3億円.
        (
            {"industry": "manufacturing", "employees": "301", "capital_man_yen": "30000"},
            "中小企業者に該当します（小規模",
        ),
        ({"industry": "retail", "employees": "5"}, "小規模事業者にも該当します"),
        ({"industry": "retail", "employees": "6"}, "中小企業者に該当します（小規模"),
        ({"industry": "services", "employees": "20", "entertainment": "on"}, "小規模事業者にも"),
        ({"industry": "services", "employees": "20"}, "中小企業者に該当します（小規模"),
    ],
)
def test_sme_classification_is_explained(demo_site, client, answers, verdict):
    html = client.get(CHECK, {"business_form": "corporation", **answers}).content.decode()
    assert verdict in html


@pytest.mark.django_db
def test_sales_decline_boundary_decides_between_match_and_near_miss(demo_site, client):
    # The demo's 売上減少 measures need at least 20% (d007 "若葉市事業継続応援金" etc).
    from measures.models import MeasurePage

    measure = (
        MeasurePage.objects.live()
        .filter(locale__language_code="ja", min_sales_decline_percent__isnull=False)
        .exclude(application_end__lt="2000-01-01")
        .order_by("pk")
    )
    measure = next(m for m in measure if m.status != "closed")
    required = measure.min_sales_decline_percent
    base = {"industry": "retail", "business_form": "sole", "employees": "2"}
    met = client.get(CHECK, {**base, "sales_decline": str(required)}).content.decode()
    short = client.get(CHECK, {**base, "sales_decline": str(required - 0.1)}).content.decode()
    assert f"売上が{required}%以上減少しているため" in met
    assert f"要件の{required}%に届いていません" in short


@pytest.mark.django_db
def test_invalid_answers_are_shown_next_to_their_fields(demo_site, client):
    response = client.get(CHECK, {"industry": "retail", "employees": "-1"})
    assert response.status_code == 400
    html = response.content.decode()
    # The ids Django's aria-describedby points at (id_<field>_error, id_<field>_helptext).
    assert 'id="id_employees_error"' in html
    assert 'aria-describedby="id_employees_helptext id_employees_error"' in html
    assert 'id="id_employees_helptext"' in html
    assert "合う支援策（" not in html


@pytest.mark.django_db
def test_answers_are_not_stored_cached_or_logged(demo_site, client, caplog):
    caplog.set_level(logging.DEBUG)
    secret = {**ANSWERS, "employees": "4817", "sales_decline": "61.3"}
    with CaptureQueriesContext(connections["default"]) as queries:
        response = client.get(CHECK, secret)
    assert response.status_code == 200
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "4817" not in logged and "61.3" not in logged


@pytest.mark.django_db
def test_checker_works_in_english(demo_site, client):
    html = client.get("/en" + CHECK, ANSWERS).content.decode()
    assert '<html lang="en">' in html
    assert "Wakaba City Digitalisation Subsidy for Small Businesses" in html
    assert "あなたに合う支援策" not in html


SMALL_ONLY = (
    "小規模事業者販路開拓補助金",
    "若葉市小規模事業者デジタル化補助金",
    "若葉市小規模企業サポート資金",
)
SME_ONLY = ("中小企業デジタルツール導入補助金", "中小企業の賃上げ促進税制")


def matched_titles(html: str) -> str:
    """The part of the results page that lists matches, before the near misses."""
    start = html.index("合う支援策（")
    end = html.find("あと一歩の支援策", start)
    return html[start : end if end != -1 else len(html)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "employees,verdict,excluded",
    [
        # 商業: 6 people is an SME but not a 小規模事業者 (limit 5), whatever max_employees says.
        ("6", "中小企業者に該当します（小規模事業者には該当しません）", SMALL_ONLY),
        ("999999", "中小企業者には該当しません", SME_ONLY + SMALL_ONLY),
    ],
)
def test_size_restricted_measures_do_not_match_a_business_of_the_wrong_size(
    demo_site, client, employees, verdict, excluded
):
    answers = {"industry": "retail", "business_form": "sole", "employees": employees}
    html = client.get(CHECK, answers).content.decode()
    assert verdict in html
    matches = matched_titles(html)
    for title in excluded:
        assert title not in matches
    assert "が上限の20人以下のため" not in html


@pytest.mark.django_db
def test_a_small_only_measure_is_a_near_miss_that_names_the_size_rule(demo_site, client):
    answers = {"industry": "retail", "business_form": "sole", "employees": "6"}
    html = client.get(CHECK, answers).content.decode()
    assert "小規模事業者の要件（従業員数）を満たしていません" in html


HOSTILE_CHOICES = ["x" * 100_000, "retail\u202eliater\u202c", "\x1b[2J\x07", '"><b>bold</b>']


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "message"),
    [("", "選択肢の中から選んでください"), ("/en", "Please choose one of the options")],
)
def test_an_answer_that_is_not_a_choice_gets_400_and_a_generic_message(
    demo_site, client, prefix, message
):
    for value in HOSTILE_CHOICES:
        answers = {**ANSWERS, "industry": value, "business_form": value, "ward": value}
        response = client.get(prefix + CHECK, {**answers, "purposes": [value, "digitalisation"]})
        html = response.content.decode()
        assert response.status_code == 400
        for field in ("industry", "business_form", "ward", "purposes"):
            assert f'id="id_{field}_error"' in html, field
        assert html.count(message) >= 4
        for needle in (value[:30], "\u202e", "\x1b", "<b>bold"):
            assert needle not in html, needle
        assert len(html) < 100_000


@pytest.mark.django_db
def test_the_finder_drops_an_unknown_value_without_echoing_it(demo_site, client):
    value = "kind\u202e" + "x" * 50_000
    response = client.get("/measures/", {"kind": value, "level": value, "industry": value})
    html = response.content.decode()
    assert response.status_code == 200
    assert "\u202e" not in html and "x" * 100 not in html
