"""Choices of the booking form's non-identifying categories.

These codes are what a ``Reservation`` keeps in clear for statistics; the
labels are Japanese msgids (English in intake's catalogue). Wards and
industries reuse the city's and the checker's lists so the statistics line up
with the schedule and the finder.
"""

from django.utils.translation import gettext_lazy as _

from measures.rules.sme import INDUSTRY_LABELS
from schedule.wards import WARD_CHOICES

OUTSIDE_CITY = "outside"

WARD_CHOICES = [*WARD_CHOICES, (OUTSIDE_CITY, _("市外"))]

INDUSTRY_CHOICES = list(INDUSTRY_LABELS.items())

EMPLOYEE_BAND_CHOICES = [
    ("0", _("0人（個人事業主のみ）")),
    ("1-5", _("1〜5人")),
    ("6-20", _("6〜20人")),
    ("21-50", _("21〜50人")),
    ("51-100", _("51〜100人")),
    ("101-300", _("101〜300人")),
    ("301+", _("301人以上")),
]

SALES_DECLINE_CHOICES = [
    ("none", _("減少していない")),
    ("lt10", _("10%未満")),
    ("10-20", _("10%以上20%未満")),
    ("20-30", _("20%以上30%未満")),
    ("30-50", _("30%以上50%未満")),
    ("50+", _("50%以上")),
    ("unknown", _("わからない")),
]

SUBSIDY_STATUS_CHOICES = [
    ("none", _("申請していない")),
    ("planning", _("申請を検討中")),
    ("applied", _("申請済み（結果待ち）")),
    ("granted", _("採択・融資実行済み")),
    ("rejected", _("不採択・否決")),
]

TOPIC_CHOICES = [
    ("subsidy", _("補助金・助成金")),
    ("benefit", _("給付金")),
    ("loan", _("融資・資金繰り")),
    ("tax", _("税の猶予・税務")),
    ("labour", _("雇用・労務・社会保険")),
    ("business_plan", _("事業計画・経営改善")),
    ("application", _("申請書類の作成")),
    ("other", _("その他")),
]

TOPIC_CODES = frozenset(code for code, _label in TOPIC_CHOICES)
