"""SME (中小企業者) and small-business (小規模企業者) classification.

Follows 中小企業基本法 第2条 and its 施行令: a business is an SME when its capital
OR its regular employees are within the limit for its industry, and it is a small
business when its employees are within the small-business limit.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

ALL_INDUSTRIES = "all"

MANUFACTURING = "manufacturing"
CONSTRUCTION = "construction"
TRANSPORT = "transport"
WHOLESALE = "wholesale"
RETAIL = "retail"
FOOD_SERVICE = "food_service"
ACCOMMODATION = "accommodation"
SERVICES = "services"
OTHER = "other"

INDUSTRY_LABELS = {
    MANUFACTURING: _("製造業"),
    CONSTRUCTION: _("建設業"),
    TRANSPORT: _("運輸業"),
    WHOLESALE: _("卸売業"),
    RETAIL: _("小売業"),
    FOOD_SERVICE: _("飲食業"),
    ACCOMMODATION: _("宿泊業"),
    SERVICES: _("サービス業"),
    OTHER: _("その他"),
}

INDUSTRY_CODES = frozenset(INDUSTRY_LABELS)

# The names used by the corpus and the import files. Kept as plain str, not lazy:
# they are data to match, never text to show.
_CODE_BY_SOURCE_LABEL = {
    "製造業": MANUFACTURING,
    "建設業": CONSTRUCTION,
    "運輸業": TRANSPORT,
    "卸売業": WHOLESALE,
    "小売業": RETAIL,
    "飲食業": FOOD_SERVICE,
    "宿泊業": ACCOMMODATION,
    "サービス業": SERVICES,
    "その他": OTHER,
    "all": ALL_INDUSTRIES,
}
INDUSTRY_SOURCE_LABELS = tuple(_CODE_BY_SOURCE_LABEL)


def industry_code_from_label(label: str) -> str:
    """Industry code for a corpus label (製造業 → manufacturing; "all" → "all").

    A code passed in is returned unchanged. Raises ValueError for anything else.
    """
    key = label.strip()
    if key in _CODE_BY_SOURCE_LABEL:
        return _CODE_BY_SOURCE_LABEL[key]
    if key in INDUSTRY_CODES:
        return key
    raise ValueError(f"unknown industry: {label!r}")


@dataclass(frozen=True)
class SizeRule:
    max_capital_yen: int
    max_employees: int
    max_small_employees: int


MANUFACTURING_ETC_RULE = SizeRule(300_000_000, 300, 20)
WHOLESALE_RULE = SizeRule(100_000_000, 100, 5)
SERVICES_RULE = SizeRule(50_000_000, 100, 5)
# 施行令: 宿泊業 and 娯楽業 are services, but their small-business limit is 20.
SERVICES_SMALL_20_RULE = SizeRule(50_000_000, 100, 20)
RETAIL_RULE = SizeRule(50_000_000, 50, 5)

_RULE_BY_INDUSTRY = {
    MANUFACTURING: MANUFACTURING_ETC_RULE,
    CONSTRUCTION: MANUFACTURING_ETC_RULE,
    TRANSPORT: MANUFACTURING_ETC_RULE,
    OTHER: MANUFACTURING_ETC_RULE,
    WHOLESALE: WHOLESALE_RULE,
    SERVICES: SERVICES_RULE,
    ACCOMMODATION: SERVICES_SMALL_20_RULE,
    RETAIL: RETAIL_RULE,
    # 飲食店 count as 小売業 under the SME definition.
    FOOD_SERVICE: RETAIL_RULE,
}


def size_rule(industry: str, *, entertainment: bool = False) -> SizeRule:
    """The limits for an industry code.

    `entertainment` marks a 娯楽業 business within services; there is no separate
    industry code for it, and the flag changes nothing for other industries.
    """
    if industry not in _RULE_BY_INDUSTRY:
        raise ValueError(f"unknown industry code: {industry!r}")
    if industry == SERVICES and entertainment:
        return SERVICES_SMALL_20_RULE
    return _RULE_BY_INDUSTRY[industry]


# Reason codes of a classification.
CAPITAL_WITHIN_LIMIT = "capital_within_limit"
CAPITAL_OVER_LIMIT = "capital_over_limit"
CAPITAL_UNKNOWN = "capital_unknown"
CAPITAL_NOT_APPLICABLE = "capital_not_applicable"
EMPLOYEES_WITHIN_LIMIT = "employees_within_limit"
EMPLOYEES_OVER_LIMIT = "employees_over_limit"
SMALL_EMPLOYEES_WITHIN_LIMIT = "small_employees_within_limit"
SMALL_EMPLOYEES_OVER_LIMIT = "small_employees_over_limit"

SIZE_REASON_CODES = frozenset(
    {
        CAPITAL_WITHIN_LIMIT,
        CAPITAL_OVER_LIMIT,
        CAPITAL_UNKNOWN,
        CAPITAL_NOT_APPLICABLE,
        EMPLOYEES_WITHIN_LIMIT,
        EMPLOYEES_OVER_LIMIT,
        SMALL_EMPLOYEES_WITHIN_LIMIT,
        SMALL_EMPLOYEES_OVER_LIMIT,
    }
)


@dataclass(frozen=True)
class SizeClass:
    is_sme: bool
    is_small: bool
    reasons: tuple[str, ...]


def classify(
    industry: str,
    employees: int,
    capital_yen: int | None,
    is_corporation: bool,
    *,
    entertainment: bool = False,
) -> SizeClass:
    """Classify a business as SME and/or small business.

    A sole proprietor has no capital, so only employees count for them (any capital
    given is ignored); so too for a corporation whose capital is unknown (None).
    Limits are inclusive: exactly 300 employees is still an SME in manufacturing.
    """
    if employees < 0:
        raise ValueError("employees must not be negative")
    if capital_yen is not None and capital_yen < 0:
        raise ValueError("capital_yen must not be negative")
    rule = size_rule(industry, entertainment=entertainment)
    reasons = []

    capital_ok = False
    if not is_corporation:
        reasons.append(CAPITAL_NOT_APPLICABLE)
    elif capital_yen is None:
        reasons.append(CAPITAL_UNKNOWN)
    elif capital_yen <= rule.max_capital_yen:
        capital_ok = True
        reasons.append(CAPITAL_WITHIN_LIMIT)
    else:
        reasons.append(CAPITAL_OVER_LIMIT)

    employees_ok = employees <= rule.max_employees
    reasons.append(EMPLOYEES_WITHIN_LIMIT if employees_ok else EMPLOYEES_OVER_LIMIT)

    is_small = employees <= rule.max_small_employees
    reasons.append(SMALL_EMPLOYEES_WITHIN_LIMIT if is_small else SMALL_EMPLOYEES_OVER_LIMIT)

    return SizeClass(
        is_sme=capital_ok or employees_ok,
        is_small=is_small,
        reasons=tuple(reasons),
    )
