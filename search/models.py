"""Editable synonyms and the search query statistics."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

_TERM_SEPARATORS = re.compile(r"[、,，\n\r]+")


class SynonymGroup(models.Model):
    """Words owners use for the same thing; the search backend expands queries with them.

    The everyday-words dictionary (search.dictionary): one-way rules from owners' words
    to official terms, kept by staff in the admin (registered in wagtail_hooks, with a
    CSV import and export) and seeded with the defaults shipped in
    search/dictionary/default_everyday.csv.
    """

    class Direction(models.TextChoices):
        TWO_WAY = "two_way", _("双方向（どの語からも全部の語を探す）")
        ONE_WAY = "one_way", _("一方向（最初の語から残りの語を探す）")

    terms = models.TextField(
        _("語"),
        help_text=_(
            "読点（、）・カンマ・改行で区切って入力します。1語にスペースは入れません。"
            "一方向のときは、最初の語で検索すると残りの語も探します（逆はしません）。"
            "例: 「パソコン、IT導入、ITツール」（お客さまの言葉を先に、正式な言葉を後に）。"
            "よく使う語（支援、事業など）を後ろに置くと、何でも見つかってしまうので避けます。"
        ),
    )
    direction = models.CharField(
        _("方向"), max_length=10, choices=Direction.choices, default=Direction.TWO_WAY
    )
    note = models.CharField(
        _("メモ"),
        max_length=200,
        blank=True,
        help_text=_("この規則の出典や理由（例: 日常語、通称、読み、相談窓口で聞いた言い方）。"),
    )

    panels = [FieldPanel("terms"), FieldPanel("direction"), FieldPanel("note")]

    class Meta:
        verbose_name = _("検索の同義語")
        verbose_name_plural = _("検索の同義語")
        ordering = ["pk"]

    def __str__(self):
        separator = " ↔ " if self.direction == self.Direction.TWO_WAY else " → "
        terms = self.term_list()
        if self.direction == self.Direction.ONE_WAY and terms:
            return f"{terms[0]}{separator}{', '.join(terms[1:])}"
        return separator.join(terms)

    def term_list(self) -> list[str]:
        terms = (t.strip() for t in _TERM_SEPARATORS.split(self.terms or ""))
        return list(dict.fromkeys(t for t in terms if t))

    def clean(self):
        terms = self.term_list()
        if len(terms) < 2:
            raise ValidationError({"terms": _("2語以上を入力してください。")})
        if any(" " in t or "\u3000" in t for t in terms):
            raise ValidationError({"terms": _("1語の中にスペースは入れられません。")})


class SearchQueryStat(models.Model):
    """How often a (normalised) query was searched on a day, how often it found
    nothing, and how often an owner then opened one of its results.

    Queries that look like personal data are never stored (search.stats).
    """

    query = models.CharField(_("検索語"), max_length=100)
    day = models.DateField(_("日付"))
    count = models.PositiveIntegerField(_("検索回数"), default=0)
    zero_result_count = models.PositiveIntegerField(_("0件だった回数"), default=0)
    click_count = models.PositiveIntegerField(_("結果が開かれた回数"), default=0)

    class Meta:
        verbose_name = _("検索語の集計")
        verbose_name_plural = _("検索語の集計")
        constraints = [
            models.UniqueConstraint(fields=["query", "day"], name="search_query_stat_unique_day")
        ]
        indexes = [models.Index(fields=["day"], name="search_query_stat_day")]

    def __str__(self):
        return f"{self.day} {self.query}"
