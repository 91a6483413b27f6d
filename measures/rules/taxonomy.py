"""Fixed vocabularies of a measure: its kind and the level of its provider."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeasureKind(models.TextChoices):
    BENEFIT = "benefit", _("給付金")
    SUBSIDY = "subsidy", _("補助金")
    GRANT = "grant", _("助成金")
    LOAN = "loan", _("融資")
    GUARANTEE = "guarantee", _("保証")
    TAX = "tax", _("税・社会保険")
    INSURANCE = "insurance", _("共済")
    OTHER = "other", _("その他")


class ProviderLevel(models.TextChoices):
    NATIONAL = "national", _("国")
    PREFECTURE = "prefecture", _("都道府県")
    CITY = "city", _("市")
    PUBLIC_FINANCE = "public_finance", _("政府系金融機関")
