"""The checker's questionnaire. Answers come by GET and are never stored."""

import json
from functools import cache
from pathlib import Path

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.forms import PublicForm

from .rules.sme import INDUSTRY_LABELS, SERVICES

CORPORATION = "corporation"
SOLE_PROPRIETOR = "sole"
WARDS_FILE = Path(settings.BASE_DIR) / "schedule" / "demo" / "wards.json"


@cache
def _wards() -> tuple[dict, ...]:
    if not WARDS_FILE.exists():
        return ()
    return tuple(json.loads(WARDS_FILE.read_text(encoding="utf-8")))


def ward_choices():
    english = get_language() != settings.LANGUAGE_CODE
    return [(ward["code"], ward.get("name_en") if english else ward["name"]) for ward in _wards()]


class CheckerForm(PublicForm):
    industry = forms.ChoiceField(label=_("業種"), choices=())
    entertainment = forms.BooleanField(
        label=_("娯楽業（映画館、ゴルフ場、フィットネスクラブなど）です"),
        required=False,
        help_text=_("サービス業の方だけ答えてください。小規模事業者の基準が変わります。"),
    )
    business_form = forms.ChoiceField(
        label=_("事業の形態"),
        choices=[(CORPORATION, _("法人（会社など）")), (SOLE_PROPRIETOR, _("個人事業主"))],
        widget=forms.RadioSelect,
    )
    employees = forms.IntegerField(
        label=_("常時使用する従業員の数（人）"),
        min_value=0,
        max_value=1_000_000,
        help_text=_("パート・アルバイトや役員、家族従業員は含めません。"),
    )
    capital_man_yen = forms.IntegerField(
        label=_("資本金（万円）"),
        min_value=0,
        max_value=100_000_000,
        required=False,
        help_text=_("法人の方だけ。わからなければ空欄で構いません（従業員数で判定します）。"),
    )
    sales_decline = forms.DecimalField(
        label=_("売上の減少率（前年同月比、%）"),
        min_value=0,
        max_value=100,
        decimal_places=1,
        required=False,
        help_text=_("例: 前年同月100万円、今月45万円なら 55。減っていなければ 0 か空欄にします。"),
    )
    purposes = forms.MultipleChoiceField(
        label=_("支援を受けたい目的（いくつでも）"),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    ward = forms.ChoiceField(
        label=_("事業所のある区"),
        choices=(),
        required=False,
        help_text=_("お近くの巡回相談をご案内します。"),
    )

    def __init__(self, *args, purposes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["industry"].choices = [("", _("選んでください")), *INDUSTRY_LABELS.items()]
        self.fields["purposes"].choices = list(purposes)
        self.fields["ward"].choices = [("", _("選ばない")), *ward_choices()]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("entertainment") and cleaned.get("industry") != SERVICES:
            cleaned["entertainment"] = False
        return cleaned

    @property
    def is_corporation(self) -> bool:
        return self.cleaned_data.get("business_form") == CORPORATION

    @property
    def capital_yen(self) -> int | None:
        value = self.cleaned_data.get("capital_man_yen")
        if value is None or not self.is_corporation:
            return None
        return value * 10_000
