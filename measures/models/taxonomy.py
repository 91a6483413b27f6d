"""The managed taxonomy of purposes (運転資金, 設備投資 …), a translatable snippet."""

from django.conf import settings
from django.db import models
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

# The purposes of the corpus and the demo file, with stable slugs for URLs.
# Import files name purposes in Japanese; a new name becomes a new Purpose.
SEED_PURPOSES = {
    "運転資金": ("working-capital", "Working capital"),
    "資金繰り": ("cash-flow", "Cash flow"),
    "設備投資": ("equipment", "Equipment investment"),
    "雇用維持": ("job-retention", "Keeping staff employed"),
    "人材育成": ("training", "Staff training"),
    "IT化": ("digitalisation", "Digitalisation"),
    "販路開拓": ("new-markets", "Finding new customers"),
    "事業承継": ("succession", "Business succession"),
    "感染症対策": ("infection-control", "Infection control"),
    "新分野展開": ("new-fields", "Moving into new fields"),
    "税負担軽減": ("tax-relief", "Lighter tax burden"),
    "働き方改革": ("work-style", "Work-style reform"),
    "省エネ": ("energy-saving", "Energy saving"),
    "インボイス対応": ("invoice-system", "Invoice system"),
    "事業継続": ("business-continuity", "Business continuity"),
}


def slug_for(name: str) -> str:
    """The seeded slug of a purpose name, or one derived from the name itself."""
    if name in SEED_PURPOSES:
        return SEED_PURPOSES[name][0]
    return slugify(name, allow_unicode=True)[:80] or "purpose"


@register_snippet
class Purpose(TranslatableMixin, models.Model):
    name = models.CharField(_("目的"), max_length=80)
    slug = models.SlugField(
        _("スラッグ"),
        max_length=80,
        allow_unicode=True,
        help_text=_("検索条件のURLに使う英数字の名前です（例: working-capital）。"),
    )
    sort_order = models.PositiveSmallIntegerField(_("表示順"), default=100)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    # The slug names the same purpose in every language, so it is not translated.
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug"),
        SynchronizedField("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("目的")
        verbose_name_plural = _("目的")
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_purpose_slug_locale")
        ]

    def __str__(self):
        return self.name


def purpose_choices(language_code: str | None = None) -> list[tuple[Purpose, str]]:
    """Every purpose of the source language with its label in `language_code`.

    Measures link to the source-language purposes (their English translations
    share the links), so these are the values to filter by; two queries at most.
    """
    language_code = language_code or get_language() or settings.LANGUAGE_CODE
    source = list(Purpose.objects.filter(locale__language_code=settings.LANGUAGE_CODE))
    if language_code == settings.LANGUAGE_CODE:
        return [(purpose, purpose.name) for purpose in source]
    translated = dict(
        Purpose.objects.filter(
            locale__language_code=language_code,
            translation_key__in=[p.translation_key for p in source],
        ).values_list("translation_key", "name")
    )
    return [(p, translated.get(p.translation_key, p.name)) for p in source]
