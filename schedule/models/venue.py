from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from schedule.wards import WARD_CHOICES, WARD_LABELS


class Venue(TranslatableMixin, index.Indexed, models.Model):
    """A hall where touring sessions are held (a snippet, see docs/schedule.md).

    Sessions always point at the Japanese (source) venue; pages show the
    venue's translation in the active language.
    """

    name = models.CharField(_("会場名"), max_length=120)
    slug = models.SlugField(
        _("URL用の名前"),
        max_length=80,
        allow_unicode=False,
        help_text=_("/schedule/venues/<この名前>/ に使います。半角英数字とハイフン。"),
    )
    ward = models.CharField(_("行政区"), max_length=10, choices=WARD_CHOICES)
    address = models.CharField(_("所在地"), max_length=200)
    access = models.TextField(_("交通アクセス"), help_text=_("最寄り駅・バス停からの道順。"))
    room = models.CharField(_("部屋"), max_length=120, help_text=_("相談会を開く部屋の既定値。"))
    step_free = models.BooleanField(_("段差なしで入れる"), default=False)
    parking = models.BooleanField(_("駐車場あり"), default=False)
    hearing_loop = models.BooleanField(_("ヒアリングループあり"), default=False)
    map_url = models.URLField(_("地図のURL"), blank=True)
    opening_notes = models.TextField(_("来場時の案内"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("ward"),
        FieldPanel("address"),
        FieldPanel("access"),
        FieldPanel("room"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("step_free"), FieldPanel("parking")]),
                FieldPanel("hearing_loop"),
            ],
            heading=_("バリアフリー・設備"),
        ),
        FieldPanel("map_url"),
        FieldPanel("opening_notes"),
    ]

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("address"),
        TranslatableField("access"),
        TranslatableField("room"),
        TranslatableField("opening_notes"),
        SynchronizedField("slug"),
        SynchronizedField("ward"),
        SynchronizedField("step_free"),
        SynchronizedField("parking"),
        SynchronizedField("hearing_loop"),
        SynchronizedField("map_url"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("address"),
        index.SearchField("access"),
        index.SearchField("ward_label"),
        index.FilterField("ward"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("会場")
        verbose_name_plural = _("会場")
        ordering = ["ward", "name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="venue_slug_unique_per_locale")
        ]

    def __str__(self):
        return self.name

    @property
    def ward_label(self):
        return str(WARD_LABELS.get(self.ward, self.ward))

    def get_url_path(self):
        return f"/schedule/venues/{self.slug}/"
