import pytest

from measures.rules import sme
from measures.rules.sme import (
    INDUSTRY_LABELS,
    SizeClass,
    classify,
    industry_code_from_label,
    size_rule,
)

OKU = 100_000_000
MAN = 10_000

# (industry, employees, capital_yen, is_corporation, is_sme, is_small)
BOUNDARIES = [
    # 製造業その他: 3億円 or 300 people; small 20
    ("manufacturing", 300, 10 * OKU, True, True, False),
    ("manufacturing", 301, 10 * OKU, True, False, False),
    ("manufacturing", 1000, 3 * OKU, True, True, False),
    ("manufacturing", 1000, 3 * OKU + 1, True, False, False),
    ("manufacturing", 20, 10 * OKU, True, True, True),
    ("manufacturing", 21, 10 * OKU, True, True, False),
    ("construction", 300, 10 * OKU, True, True, False),
    ("construction", 301, 3 * OKU + 1, True, False, False),
    ("transport", 20, None, True, True, True),
    ("transport", 301, None, True, False, False),
    ("other", 301, 3 * OKU, True, True, False),
    ("other", 21, 3 * OKU + 1, True, True, False),
    # 卸売業: 1億円 or 100 people; small 5
    ("wholesale", 100, 10 * OKU, True, True, False),
    ("wholesale", 101, 10 * OKU, True, False, False),
    ("wholesale", 500, 1 * OKU, True, True, False),
    ("wholesale", 500, 1 * OKU + 1, True, False, False),
    ("wholesale", 5, 10 * OKU, True, True, True),
    ("wholesale", 6, 10 * OKU, True, True, False),
    # サービス業: 5,000万円 or 100 people; small 5
    ("services", 100, 10 * OKU, True, True, False),
    ("services", 101, 10 * OKU, True, False, False),
    ("services", 500, 5000 * MAN, True, True, False),
    ("services", 500, 5000 * MAN + 1, True, False, False),
    ("services", 5, 10 * OKU, True, True, True),
    ("services", 6, 10 * OKU, True, True, False),
    # 宿泊業 is a service, but small up to 20
    ("accommodation", 100, 10 * OKU, True, True, False),
    ("accommodation", 101, 5000 * MAN + 1, True, False, False),
    ("accommodation", 20, 10 * OKU, True, True, True),
    ("accommodation", 21, 10 * OKU, True, True, False),
    # 小売業: 5,000万円 or 50 people; small 5
    ("retail", 50, 10 * OKU, True, True, False),
    ("retail", 51, 10 * OKU, True, False, False),
    ("retail", 200, 5000 * MAN, True, True, False),
    ("retail", 200, 5000 * MAN + 1, True, False, False),
    ("retail", 5, 10 * OKU, True, True, True),
    ("retail", 6, 10 * OKU, True, True, False),
    # 飲食業 follows 小売業
    ("food_service", 50, 10 * OKU, True, True, False),
    ("food_service", 51, 10 * OKU, True, False, False),
    ("food_service", 5, None, False, True, True),
    ("food_service", 6, None, False, True, False),
]


@pytest.mark.parametrize(
    ("industry", "employees", "capital_yen", "is_corporation", "is_sme", "is_small"),
    BOUNDARIES,
)
def test_sme_and_small_business_boundaries(
    industry, employees, capital_yen, is_corporation, is_sme, is_small
):
    size = classify(industry, employees, capital_yen, is_corporation)
    assert (size.is_sme, size.is_small) == (is_sme, is_small)


def test_exactly_300_employees_is_still_sme_in_manufacturing():
    assert classify("manufacturing", 300, None, True).is_sme


def test_a_sole_proprietor_is_classified_by_employees_and_any_capital_is_ignored():
    size = classify("retail", 51, 1, False)
    assert size == SizeClass(
        is_sme=False,
        is_small=False,
        reasons=(
            sme.CAPITAL_NOT_APPLICABLE,
            sme.EMPLOYEES_OVER_LIMIT,
            sme.SMALL_EMPLOYEES_OVER_LIMIT,
        ),
    )


def test_a_corporation_with_unknown_capital_is_classified_by_employees():
    size = classify("wholesale", 100, None, True)
    assert size.is_sme
    assert size.reasons == (
        sme.CAPITAL_UNKNOWN,
        sme.EMPLOYEES_WITHIN_LIMIT,
        sme.SMALL_EMPLOYEES_OVER_LIMIT,
    )


def test_a_corporation_within_capital_but_over_employees_is_sme_by_capital():
    size = classify("manufacturing", 5000, 3 * OKU, True)
    assert size.is_sme
    assert size.reasons == (
        sme.CAPITAL_WITHIN_LIMIT,
        sme.EMPLOYEES_OVER_LIMIT,
        sme.SMALL_EMPLOYEES_OVER_LIMIT,
    )


@pytest.mark.parametrize(("employees", "is_small"), [(20, True), (21, False)])
def test_entertainment_within_services_is_small_up_to_20(employees, is_small):
    assert classify("services", employees, None, True, entertainment=True).is_small is is_small


def test_the_entertainment_flag_changes_nothing_outside_services():
    assert not classify("retail", 20, None, True, entertainment=True).is_small


@pytest.mark.parametrize(
    ("industry", "rule"),
    [
        ("manufacturing", sme.MANUFACTURING_ETC_RULE),
        ("construction", sme.MANUFACTURING_ETC_RULE),
        ("transport", sme.MANUFACTURING_ETC_RULE),
        ("other", sme.MANUFACTURING_ETC_RULE),
        ("wholesale", sme.WHOLESALE_RULE),
        ("services", sme.SERVICES_RULE),
        ("accommodation", sme.SERVICES_SMALL_20_RULE),
        ("retail", sme.RETAIL_RULE),
        ("food_service", sme.RETAIL_RULE),
    ],
)
def test_every_industry_code_has_its_size_rule(industry, rule):
    assert size_rule(industry) == rule


def test_every_industry_code_has_a_label_and_a_size_rule():
    assert set(INDUSTRY_LABELS) == {
        "manufacturing",
        "construction",
        "transport",
        "wholesale",
        "retail",
        "food_service",
        "accommodation",
        "services",
        "other",
    }
    for code in INDUSTRY_LABELS:
        size_rule(code)


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("製造業", "manufacturing"),
        ("小売業", "retail"),
        ("飲食業", "food_service"),
        ("宿泊業", "accommodation"),
        ("サービス業", "services"),
        ("建設業", "construction"),
        ("運輸業", "transport"),
        ("卸売業", "wholesale"),
        ("その他", "other"),
        ("all", "all"),
        (" 製造業 ", "manufacturing"),
        ("food_service", "food_service"),
    ],
)
def test_industry_code_from_corpus_label(label, code):
    assert industry_code_from_label(label) == code


@pytest.mark.parametrize("label", ["娯楽業", "農業", "", "ALL"])
def test_unknown_industry_label_is_refused(label):
    with pytest.raises(ValueError):
        industry_code_from_label(label)


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("mining", 10, None, True), ValueError),
        (("retail", -1, None, True), ValueError),
        (("retail", 1, -1, True), ValueError),
    ],
)
def test_invalid_input_is_refused(args, error):
    with pytest.raises(error):
        classify(*args)
