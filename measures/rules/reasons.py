"""Reason codes of the checker and the SME classification, and their texts.

Rules return codes with params; only render_reason turns them into words, so the
rules stay testable without settings or a language.
"""

from typing import NamedTuple

from django.utils.translation import gettext_lazy as _

from . import sme

INDUSTRY_MET = "industry_met"
INDUSTRY_MISMATCH = "industry_mismatch"
SIZE_SME_MET = "size_sme_met"
SIZE_NOT_SME = "size_not_sme"
SIZE_SMALL_MET = "size_small_met"
SIZE_NOT_SMALL = "size_not_small"
EMPLOYEES_MET = "employees_met"
EMPLOYEES_OVER = "employees_over"
SALES_DECLINE_MET = "sales_decline_met"
SALES_DECLINE_SHORT = "sales_decline_short"
SALES_DECLINE_UNKNOWN = "sales_decline_unknown"
PURPOSE_MET = "purpose_met"
PURPOSE_MISMATCH = "purpose_mismatch"


class Reason(NamedTuple):
    """A criterion's outcome: compares equal to a plain (code, params) tuple."""

    code: str
    params: dict


REASON_TEMPLATES = {
    INDUSTRY_MET: _("%(industry)sが対象業種に含まれているため"),
    INDUSTRY_MISMATCH: _("対象業種（%(allowed)s）に%(industry)sが含まれていません"),
    SIZE_SME_MET: _("中小企業者に該当するため"),
    SIZE_NOT_SME: _("中小企業者の要件（資本金または従業員数）を満たしていません"),
    SIZE_SMALL_MET: _("小規模事業者に該当するため"),
    SIZE_NOT_SMALL: _("小規模事業者の要件（従業員数）を満たしていません"),
    EMPLOYEES_MET: _("従業員数（%(actual)s人）が上限の%(limit)s人以下のため"),
    EMPLOYEES_OVER: _("従業員数（%(actual)s人）が上限の%(limit)s人を超えています"),
    SALES_DECLINE_MET: _("売上が%(required)s%%以上減少しているため"),
    SALES_DECLINE_SHORT: _("売上の減少率（%(actual)s%%）が要件の%(required)s%%に届いていません"),
    SALES_DECLINE_UNKNOWN: _(
        "売上が%(required)s%%以上減少していることが要件です（減少率が未入力です）"
    ),
    PURPOSE_MET: _("目的（%(purposes)s）に合っているため"),
    PURPOSE_MISMATCH: _("選んだ目的が対象外です（対象の目的: %(purposes)s）"),
    sme.CAPITAL_WITHIN_LIMIT: _("資本金が業種の基準以下です"),
    sme.CAPITAL_OVER_LIMIT: _("資本金が業種の基準を超えています"),
    sme.CAPITAL_UNKNOWN: _("資本金が不明のため、従業員数で判定しました"),
    sme.CAPITAL_NOT_APPLICABLE: _("個人事業主のため、従業員数で判定しました"),
    sme.EMPLOYEES_WITHIN_LIMIT: _("従業員数が業種の基準以下です"),
    sme.EMPLOYEES_OVER_LIMIT: _("従業員数が業種の基準を超えています"),
    sme.SMALL_EMPLOYEES_WITHIN_LIMIT: _("従業員数が小規模事業者の基準以下です"),
    sme.SMALL_EMPLOYEES_OVER_LIMIT: _("従業員数が小規模事業者の基準を超えています"),
}

CHECKER_REASON_CODES = frozenset(
    {
        INDUSTRY_MET,
        INDUSTRY_MISMATCH,
        SIZE_SME_MET,
        SIZE_NOT_SME,
        SIZE_SMALL_MET,
        SIZE_NOT_SMALL,
        EMPLOYEES_MET,
        EMPLOYEES_OVER,
        SALES_DECLINE_MET,
        SALES_DECLINE_SHORT,
        SALES_DECLINE_UNKNOWN,
        PURPOSE_MET,
        PURPOSE_MISMATCH,
    }
)
ALL_REASON_CODES = CHECKER_REASON_CODES | sme.SIZE_REASON_CODES


def render_reason(code: str, params: dict | None = None) -> str:
    """The reason as text in the active language. Raises KeyError for an unknown code."""
    template = REASON_TEMPLATES[code]
    return str(template) % _display_params(params or {})


def _display_params(params: dict) -> dict:
    shown = {}
    for name, value in params.items():
        if name == "industry":
            value = str(sme.INDUSTRY_LABELS.get(value, value))
        elif name == "allowed":
            value = _join(str(sme.INDUSTRY_LABELS.get(code, code)) for code in value)
        elif isinstance(value, (tuple, list, frozenset, set)):
            value = _join(str(item) for item in value)
        elif isinstance(value, float):
            value = _number(value)
        shown[name] = value
    return shown


def _join(items) -> str:
    return "、".join(items)


def _number(value: float) -> str:
    # 52.0 reads as "52", 49.9 stays "49.9".
    return str(int(value)) if value.is_integer() else f"{value:g}"
