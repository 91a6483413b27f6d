from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from core.blocks import ContentStreamBlock
from home.blocks import EntryPointBlock


class HomePage(Page):
    hero_title = models.CharField(_("見出し"), max_length=120)
    hero_lead = models.TextField(_("リード文"), max_length=400)
    entry_points = StreamField(
        [("entry", EntryPointBlock())],
        verbose_name=_("入口"),
        blank=True,
        max_num=6,
    )
    body = StreamField(ContentStreamBlock(), verbose_name=_("本文"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_title"),
        FieldPanel("hero_lead"),
        FieldPanel("entry_points"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("hero_lead")]
    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("ホームページ")


class ContentPage(Page):
    """A plain page built from blocks: about, how-it-works, FAQ, policies."""

    lead = models.TextField(_("リード文"), blank=True, max_length=400)
    body = StreamField(ContentStreamBlock(), verbose_name=_("本文"))

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("lead"), index.SearchField("body")]
    parent_page_types = ["home.HomePage", "home.ContentPage"]

    class Meta:
        verbose_name = _("コンテンツページ")


@register_snippet
class CenterInfo(TranslatableMixin, models.Model):
    """The center's name, hours and notice banner; translated like pages."""

    center_name = models.CharField(_("センター名"), max_length=120)
    hours = models.CharField(_("受付時間"), max_length=120)
    address = models.CharField(_("所在地"), max_length=200, blank=True)
    notice = RichTextField(
        _("お知らせバナー"),
        blank=True,
        features=["bold", "link"],
        help_text=_("全ページの上部に表示します。空欄なら表示しません。"),
    )

    panels = [
        FieldPanel("center_name"),
        FieldPanel("hours"),
        FieldPanel("address"),
        FieldPanel("notice"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("センター情報")
        verbose_name_plural = _("センター情報")

    def __str__(self):
        return self.center_name


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    phone = models.CharField(_("電話番号"), max_length=30)
    email = models.EmailField(_("メールアドレス"), blank=True)
    center_info = models.ForeignKey(
        CenterInfo,
        verbose_name=_("センター情報"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("phone"), FieldPanel("email"), FieldPanel("center_info")]

    class Meta:
        verbose_name = _("サイト設定")
