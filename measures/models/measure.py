"""A support measure explained: structured facts, texts, FAQ and a change log."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from modelcluster.fields import ParentalKey

from core.blocks import FAQBlock

from ..blocks import ChangeLogEntryBlock, DocumentNameBlock, RelatedMeasureBlock
from ..rules.checker import TARGET_ALL, TARGET_SMALL, TARGET_SME
from ..rules.sme import INDUSTRY_LABELS
from ..rules.status import LOCAL_TZ, MeasureStatus, compute_status, days_left, local_today
from ..rules.taxonomy import MeasureKind, ProviderLevel
from ..structured_data import measure_json_ld
from .taxonomy import Purpose

TARGET_SIZE_CHOICES = [
    (TARGET_ALL, _("規模を問わない")),
    (TARGET_SME, _("中小企業者")),
    (TARGET_SMALL, _("小規模事業者")),
]

# CSS modifier of each status badge; the label always carries the meaning too.
BADGE_CLASSES = {
    MeasureStatus.UPCOMING: "badge--upcoming",
    MeasureStatus.OPEN: "badge--open",
    MeasureStatus.CLOSING_SOON: "badge--closing",
    MeasureStatus.CLOSED: "badge--closed",
    MeasureStatus.ROLLING: "badge--open",
}


TITLE_BOOST = 10
_NAME_SEPARATORS = re.compile(r"[、,，\n\r]+")
# A purpose (資金繰り, 雇用維持 …) is a label staff chose for the measure: it
# says what the measure is for more surely than a word in its body text.
PURPOSE_BOOST = 2


def status_badge(status: MeasureStatus) -> dict:
    return {"label": str(status.label), "css_class": BADGE_CLASSES[status], "value": status.value}


class MeasurePage(Page):
    short_title = models.CharField(
        _("通称"), max_length=120, blank=True, help_text=_("よく知られた呼び名があれば書きます。")
    )
    alternative_names = models.TextField(
        _("ほかの呼び名"),
        blank=True,
        help_text=_(
            "お客さまや金融機関が使う呼び名・略称・旧称を、1行に1つ（または読点「、」で区切って）"
            "書きます。例: 雇調金、コロナ特例。検索で正式名称と同じ重みで探され、"
            "検索結果とこのページに「通称」として表示されます。"
        ),
    )
    provider = models.CharField(_("実施機関"), max_length=120)
    provider_level = models.CharField(
        _("実施機関の区分"), max_length=20, choices=ProviderLevel.choices
    )
    kind = models.CharField(_("支援の種類"), max_length=20, choices=MeasureKind.choices)
    target_size = models.CharField(
        _("対象の規模"), max_length=10, choices=TARGET_SIZE_CHOICES, default=TARGET_ALL
    )
    max_employees = models.PositiveIntegerField(
        _("従業員数の上限"), null=True, blank=True, help_text=_("上限がなければ空欄にします。")
    )
    min_sales_decline_percent = models.PositiveSmallIntegerField(
        _("売上減少率の要件（%）"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("前年同月比で何%以上の減少が必要か。要件がなければ空欄にします。"),
    )
    amount_max_yen = models.PositiveBigIntegerField(_("上限額（円）"), null=True, blank=True)
    subsidy_rate = models.CharField(_("補助率"), max_length=120, blank=True)
    interest = models.CharField(_("利率・利子の条件"), max_length=300, blank=True)
    application_start = models.DateField(
        _("受付開始日"), null=True, blank=True, help_text=_("随時受付なら空欄にします。")
    )
    application_end = models.DateField(
        _("受付終了日"), null=True, blank=True, help_text=_("随時受付・期限なしなら空欄にします。")
    )
    summary = models.TextField(_("概要"))
    eligibility = models.TextField(_("対象となる方"))
    how_to_apply = models.TextField(_("申請の方法"))
    documents = StreamField(
        [("document", DocumentNameBlock())], verbose_name=_("必要な書類"), blank=True
    )
    contact = models.TextField(_("問い合わせ先"), blank=True)
    official_url = models.URLField(_("公式ページのURL"), blank=True, max_length=500)
    related_measures = StreamField(
        [("measure", RelatedMeasureBlock())], verbose_name=_("関連する支援策"), blank=True
    )
    faq = StreamField([("faq", FAQBlock())], verbose_name=_("よくある質問"), blank=True)
    change_log = StreamField(
        [("entry", ChangeLogEntryBlock())], verbose_name=_("更新履歴"), blank=True
    )
    source_id = models.CharField(
        _("取込ID"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("取込ファイルの id です。取込で同じ支援策を更新するために使います。"),
    )

    content_panels = [
        FieldPanel("title", help_text=_("正式名称を書きます。")),
        FieldPanel("short_title"),
        FieldPanel("alternative_names"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("provider"), FieldPanel("provider_level")]), "kind"],
            heading=_("実施機関と種類"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("target_size"), FieldPanel("max_employees")]),
                FieldPanel("min_sales_decline_percent"),
                InlinePanel("industry_links", label=_("対象業種（空なら全業種）")),
                InlinePanel("purpose_links", label=_("目的")),
            ],
            heading=_("対象"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("amount_max_yen"),
                FieldRowPanel([FieldPanel("subsidy_rate"), FieldPanel("interest")]),
                FieldRowPanel([FieldPanel("application_start"), FieldPanel("application_end")]),
            ],
            heading=_("金額と受付期間"),
        ),
        FieldPanel("summary"),
        FieldPanel("eligibility"),
        FieldPanel("how_to_apply"),
        FieldPanel("documents"),
        FieldPanel("contact"),
        FieldPanel("official_url"),
        FieldPanel("related_measures"),
        FieldPanel("faq"),
        FieldPanel("change_log"),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("source_id")]

    # The name and the common name weigh far more than the body: a search for a
    # measure's name must put that measure first (see docs/search.md).
    search_fields = [
        *Page.search_fields,
        index.SearchField("title", boost=TITLE_BOOST),
        index.SearchField("short_title", boost=TITLE_BOOST),
        index.AutocompleteField("short_title"),
        # Common names and abbreviations weigh like the name (the head; docs/search.md).
        index.SearchField("alternative_names", boost=TITLE_BOOST),
        index.AutocompleteField("alternative_names"),
        index.SearchField("summary"),
        index.SearchField("eligibility"),
        index.SearchField("provider"),
        index.SearchField("how_to_apply"),
        index.SearchField("documents"),
        index.RelatedFields(
            "purpose_links",
            [index.RelatedFields("purpose", [index.SearchField("name", boost=PURPOSE_BOOST)])],
        ),
        index.FilterField("kind"),
        index.FilterField("provider_level"),
        index.FilterField("application_start"),
        index.FilterField("application_end"),
    ]
    override_translatable_fields = [
        SynchronizedField("source_id"),
        SynchronizedField("official_url"),
    ]

    parent_page_types = ["measures.MeasureIndexPage"]
    subpage_types = []
    template = "measures/measure_page.html"

    class Meta:
        verbose_name = _("支援策")
        verbose_name_plural = _("支援策")

    def clean(self):
        super().clean()
        if self.source_id:
            clash = MeasurePage.objects.filter(source_id=self.source_id, locale_id=self.locale_id)
            if self.pk:
                clash = clash.exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError({"source_id": _("同じ取込IDの支援策がすでにあります。")})

    @classmethod
    def search_demoted(cls) -> models.Q:
        """Measures that site search ranks after the others with the same match: the closed ones.

        Mirrors ``compute_status`` (CLOSED: the end date has passed), for today
        in the city's timezone; read by search.tiers.standing.
        """
        return models.Q(application_end__lt=local_today())

    # Computed facts: never stored, never typed.
    @property
    def status(self) -> MeasureStatus:
        return compute_status(
            self.application_start,
            self.application_end,
            local_today(),
            settings.MEASURES_CLOSING_SOON_DAYS,
        )

    @property
    def status_badge(self) -> dict:
        return status_badge(self.status)

    @property
    def days_left(self) -> int | None:
        return days_left(self.application_end, local_today())

    @property
    def is_closed(self) -> bool:
        return self.status == MeasureStatus.CLOSED

    @property
    def display_title(self) -> str:
        return self.short_title or self.title

    @property
    def alternative_name_list(self) -> list[str]:
        """The alternative names as the editor wrote them: one a line, or separated by 、 , ，."""
        names = (name.strip() for name in _NAME_SEPARATORS.split(self.alternative_names or ""))
        return list(dict.fromkeys(name for name in names if name))

    @property
    def common_names(self) -> list[str]:
        """What the measure is also called: the common name, then the alternative names."""
        names = [self.short_title.strip()] if self.short_title else []
        return list(dict.fromkeys([*names, *self.alternative_name_list]))

    @property
    def industry_codes(self) -> list[str]:
        """Codes in the fixed order of INDUSTRY_LABELS; empty means all industries."""
        codes = {link.code for link in self.industry_links.all()}
        return [code for code in INDUSTRY_LABELS if code in codes]

    @property
    def industry_labels(self) -> list[str]:
        return [str(INDUSTRY_LABELS[code]) for code in self.industry_codes]

    @property
    def purposes(self) -> list[Purpose]:
        """The purposes, each in the active language where translated.

        Three queries at most, however many purposes (``link.purpose.localized``
        per link was two queries each).
        """
        ids = [link.purpose_id for link in self.purpose_links.all()]
        if not ids:
            return []
        sources = Purpose.objects.in_bulk(ids)
        language = get_language() or settings.LANGUAGE_CODE
        translated = {}
        if language != settings.LANGUAGE_CODE:
            translated = {
                purpose.translation_key: purpose
                for purpose in Purpose.objects.filter(
                    locale__language_code=language,
                    translation_key__in=[p.translation_key for p in sources.values()],
                )
            }
        return [
            translated.get(sources[pk].translation_key, sources[pk]) for pk in ids if pk in sources
        ]

    @property
    def last_updated(self):
        """The latest change-log date, else the day it was last published."""
        dates = [entry.value["date"] for entry in self.change_log if entry.value.get("date")]
        if dates:
            return max(dates)
        published = self.last_published_at or self.first_published_at
        if published is None:
            return None
        return timezone.localtime(published, LOCAL_TZ).date()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["json_ld"] = measure_json_ld(self, request)
        context["change_entries"] = sorted(
            (entry.value for entry in self.change_log),
            key=lambda value: value["date"],
            reverse=True,
        )
        return context


class MeasureIndustry(Orderable):
    """One target industry of a measure. A measure with none is open to all industries."""

    page = ParentalKey(MeasurePage, on_delete=models.CASCADE, related_name="industry_links")
    code = models.CharField(_("業種"), max_length=20, choices=list(INDUSTRY_LABELS.items()))

    panels = [FieldPanel("code")]

    class Meta(Orderable.Meta):
        verbose_name = _("対象業種")
        constraints = [
            models.UniqueConstraint(fields=["page", "code"], name="unique_measure_industry")
        ]


class MeasurePurpose(Orderable):
    page = ParentalKey(MeasurePage, on_delete=models.CASCADE, related_name="purpose_links")
    purpose = models.ForeignKey(
        Purpose,
        verbose_name=_("目的"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
    )

    panels = [FieldPanel("purpose")]

    class Meta(Orderable.Meta):
        verbose_name = _("目的")
        constraints = [
            models.UniqueConstraint(fields=["page", "purpose"], name="unique_measure_purpose")
        ]
