from dataclasses import replace
from datetime import date

from django.utils import translation

import pytest

from measures.rules import reasons as r
from measures.rules.checker import (
    BusinessProfile,
    MeasureFacts,
    check,
    evaluate,
    render_reason,
)
from measures.rules.sme import classify
from measures.rules.status import MeasureStatus

TODAY = date(2025, 6, 1)
OKU = 100_000_000

PROFILE = BusinessProfile(
    industry="food_service",
    employees=10,
    capital_yen=1_000_000,
    is_corporation=True,
    sales_decline_percent=52.0,
    purposes=frozenset({"運転資金", "設備投資"}),
    ward="中京区",
)


def measure(key="m", **facts):
    return MeasureFacts(key=key, kind="subsidy", **facts)


def run(profile, facts):
    return evaluate(profile, classify(profile.industry, profile.employees, None, True), facts)


@pytest.mark.parametrize(
    ("profile_changes", "facts", "met", "missing"),
    [
        # employee limit is inclusive
        (
            {"employees": 20},
            {"max_employees": 20},
            [(r.EMPLOYEES_MET, {"limit": 20, "actual": 20})],
            [],
        ),
        (
            {"employees": 21},
            {"max_employees": 20},
            [],
            [(r.EMPLOYEES_OVER, {"limit": 20, "actual": 21})],
        ),
        # sales decline: 49.9 is not 50
        (
            {"sales_decline_percent": 50.0},
            {"min_sales_decline_percent": 50},
            [(r.SALES_DECLINE_MET, {"required": 50, "actual": 50.0})],
            [],
        ),
        (
            {"sales_decline_percent": 49.9},
            {"min_sales_decline_percent": 50},
            [],
            [(r.SALES_DECLINE_SHORT, {"required": 50, "actual": 49.9})],
        ),
        (
            {"sales_decline_percent": None},
            {"min_sales_decline_percent": 50},
            [],
            [(r.SALES_DECLINE_UNKNOWN, {"required": 50})],
        ),
        # industry
        (
            {},
            {"industries": frozenset({"food_service", "accommodation"})},
            [(r.INDUSTRY_MET, {"industry": "food_service"})],
            [],
        ),
        (
            {"industry": "retail"},
            {"industries": frozenset({"accommodation", "food_service"})},
            [],
            [
                (
                    r.INDUSTRY_MISMATCH,
                    {"industry": "retail", "allowed": ("food_service", "accommodation")},
                )
            ],
        ),
        ({"industry": "other"}, {"industries": frozenset()}, [], []),
        ({"industry": "other"}, {"industries": frozenset({"all"})}, [], []),
        # purpose: one overlap is enough; no chosen purpose is neutral
        (
            {},
            {"purposes": frozenset({"設備投資", "IT化"})},
            [(r.PURPOSE_MET, {"purposes": ("設備投資",)})],
            [],
        ),
        (
            {},
            {"purposes": frozenset({"事業承継"})},
            [],
            [(r.PURPOSE_MISMATCH, {"purposes": ("事業承継",)})],
        ),
        ({"purposes": frozenset()}, {"purposes": frozenset({"事業承継"})}, [], []),
        # size target: retail-like food service, 50 people is SME, 51 is not; 5 small, 6 not
        ({"employees": 50}, {"target_size": "sme"}, [(r.SIZE_SME_MET, {})], []),
        ({"employees": 51}, {"target_size": "sme"}, [], [(r.SIZE_NOT_SME, {})]),
        ({"employees": 5}, {"target_size": "small"}, [(r.SIZE_SMALL_MET, {})], []),
        ({"employees": 6}, {"target_size": "small"}, [], [(r.SIZE_NOT_SMALL, {})]),
        ({"employees": 5000}, {"target_size": "all"}, [], []),
    ],
)
def test_each_criterion_at_its_boundary(profile_changes, facts, met, missing):
    got_met, got_missing = run(replace(PROFILE, **profile_changes), measure(**facts))
    assert list(got_met) == met
    assert list(got_missing) == missing


@pytest.mark.parametrize(
    ("industry", "employees", "capital_yen", "is_sme"),
    [
        ("manufacturing", 300, 10 * OKU, True),
        ("manufacturing", 301, 3 * OKU + 1, False),
        ("manufacturing", 301, 3 * OKU, True),
        ("wholesale", 101, 1 * OKU + 1, False),
        ("services", 101, 5_000 * 10_000, True),
        ("retail", 51, None, False),
    ],
)
def test_sme_only_measures_follow_the_sme_definition(industry, employees, capital_yen, is_sme):
    profile = replace(PROFILE, industry=industry, employees=employees, capital_yen=capital_yen)
    result = check(profile, [measure(target_size="sme")], TODAY)
    assert [m.key for m in result.matches] == (["m"] if is_sme else [])
    assert [n.key for n in result.near_misses] == ([] if is_sme else ["m"])


def test_a_measure_failing_exactly_one_criterion_is_a_near_miss_with_what_is_missing():
    facts = measure(max_employees=20, min_sales_decline_percent=53)
    result = check(PROFILE, [facts], TODAY)
    assert result.matches == []
    [near] = result.near_misses
    assert near.missing == (r.SALES_DECLINE_SHORT, {"required": 53, "actual": 52.0})
    assert near.reasons == ((r.EMPLOYEES_MET, {"limit": 20, "actual": 10}),)


def test_a_measure_failing_two_criteria_is_dropped():
    facts = measure(max_employees=5, min_sales_decline_percent=53)
    result = check(PROFILE, [facts], TODAY)
    assert result.matches == []
    assert result.near_misses == []


@pytest.mark.parametrize(
    "status",
    [MeasureStatus.UPCOMING, MeasureStatus.OPEN, MeasureStatus.CLOSING_SOON, MeasureStatus.ROLLING],
)
def test_measures_that_are_not_closed_can_match(status):
    assert [m.key for m in check(PROFILE, [measure(status=status)], TODAY).matches] == ["m"]


def test_closed_measures_are_neither_matches_nor_near_misses():
    fits = measure("fits", status=MeasureStatus.CLOSED)
    nearly = measure("nearly", status=MeasureStatus.CLOSED, max_employees=1)
    result = check(PROFILE, [fits, nearly], TODAY)
    assert result.matches == []
    assert result.near_misses == []


def test_matches_are_sorted_by_more_reasons_then_soonest_deadline():
    measures = [
        measure("no_reason_no_deadline"),
        measure("no_reason_late", application_end=date(2025, 9, 1)),
        measure("one_reason_late", max_employees=20, application_end=date(2025, 9, 1)),
        measure("one_reason_soon", max_employees=20, application_end=date(2025, 6, 10)),
        measure("two_reasons_no_deadline", max_employees=20, min_sales_decline_percent=20),
        measure("no_reason_soon", application_end=date(2025, 6, 2)),
    ]
    result = check(PROFILE, measures, TODAY)
    assert [m.key for m in result.matches] == [
        "two_reasons_no_deadline",
        "one_reason_soon",
        "one_reason_late",
        "no_reason_soon",
        "no_reason_late",
        "no_reason_no_deadline",
    ]
    assert [m.days_left for m in result.matches] == [None, 9, 92, 1, 92, None]


def test_near_misses_are_sorted_like_matches():
    measures = [
        measure("short_only", min_sales_decline_percent=60, application_end=date(2025, 7, 1)),
        measure("short_with_reason", min_sales_decline_percent=60, max_employees=10),
        measure("short_soon", min_sales_decline_percent=60, application_end=date(2025, 6, 5)),
    ]
    result = check(PROFILE, measures, TODAY)
    assert [n.key for n in result.near_misses] == ["short_with_reason", "short_soon", "short_only"]


def test_check_reports_the_business_size():
    result = check(replace(PROFILE, employees=3, capital_yen=None), [], TODAY)
    assert result.size.is_sme and result.size.is_small


def test_check_uses_todays_tokyo_date_when_none_is_given():
    result = check(PROFILE, [measure(application_end=date(2999, 1, 1))])
    assert result.matches[0].days_left > 0


@pytest.mark.parametrize(
    ("facts", "error"),
    [
        ({"industries": frozenset({"mining"})}, ValueError),
        ({"target_size": "medium"}, ValueError),
    ],
)
def test_measure_facts_refuse_unknown_codes(facts, error):
    with pytest.raises(error):
        measure(**facts)


def test_business_profile_refuses_an_unknown_industry():
    with pytest.raises(ValueError):
        replace(PROFILE, industry="製造業")


SAMPLE_PARAMS = {
    "industry": "food_service",
    "allowed": ("food_service", "accommodation"),
    "limit": 20,
    "actual": 49.9,
    "required": 50,
    "purposes": ("運転資金", "設備投資"),
}


@pytest.mark.parametrize("code", sorted(r.ALL_REASON_CODES))
def test_every_reason_code_has_a_template_that_renders(code):
    with translation.override("ja"):
        text = render_reason(code, SAMPLE_PARAMS)
    assert text
    assert "%(" not in text


def test_reason_templates_are_exactly_the_known_codes():
    assert set(r.REASON_TEMPLATES) == r.ALL_REASON_CODES


def test_every_code_the_checker_emits_has_a_template():
    measures = [
        measure("a", industries=frozenset({"retail"}), max_employees=5, target_size="sme"),
        measure("b", industries=frozenset({"food_service"}), max_employees=50, target_size="small"),
        measure("c", min_sales_decline_percent=90, purposes=frozenset({"IT化"})),
        measure("d", min_sales_decline_percent=10, purposes=frozenset({"運転資金"})),
    ]
    emitted = set()
    for profile in (PROFILE, replace(PROFILE, sales_decline_percent=None, employees=60)):
        result = check(profile, measures, TODAY)
        for item in [*result.matches, *result.near_misses]:
            emitted |= {code for code, _ in item.reasons}
            emitted |= {item.missing.code} if hasattr(item, "missing") else set()
        emitted |= set(result.size.reasons)
    assert emitted <= set(r.REASON_TEMPLATES)
    assert len(emitted) >= 10


@pytest.mark.parametrize(
    ("code", "params", "text"),
    [
        (r.SALES_DECLINE_MET, {"required": 50, "actual": 52.0}, "売上が50%以上減少しているため"),
        (
            r.SALES_DECLINE_SHORT,
            {"required": 50, "actual": 49.9},
            "売上の減少率（49.9%）が要件の50%に届いていません",
        ),
        (
            r.EMPLOYEES_MET,
            {"limit": 20, "actual": 20},
            "従業員数（20人）が上限の20人以下のため",
        ),
        (r.INDUSTRY_MET, {"industry": "food_service"}, "飲食業が対象業種に含まれているため"),
        (
            r.INDUSTRY_MISMATCH,
            {"industry": "retail", "allowed": ("food_service", "accommodation")},
            "対象業種（飲食業、宿泊業）に小売業が含まれていません",
        ),
        (
            r.PURPOSE_MET,
            {"purposes": ("運転資金", "設備投資")},
            "目的（運転資金、設備投資）に合っているため",
        ),
    ],
)
def test_reasons_render_in_japanese_with_their_params(code, params, text):
    with translation.override("ja"):
        assert render_reason(code, params) == text


def test_rendering_an_unknown_code_fails_loudly():
    with pytest.raises(KeyError):
        render_reason("no_such_code", {})
