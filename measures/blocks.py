"""StreamField blocks of a measure page: documents, change-log entries, related measures."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks


class DocumentNameBlock(blocks.CharBlock):
    def __init__(self, **kwargs):
        super().__init__(max_length=200, label=_("書類"), **kwargs)

    class Meta:
        icon = "doc-full"
        preview_value = "交付申請書"


class ChangeLogEntryBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=_("日付"))
    note = blocks.CharBlock(
        label=_("変更内容"),
        max_length=300,
        help_text=_("何を変えたかを一文で書きます（例: 受付期間を延長しました）。"),
    )

    class Meta:
        icon = "history"
        label = _("更新履歴")
        template = "measures/blocks/change_log_entry.html"
        preview_value = {"date": "2026-11-01", "note": "受付期間を延長しました。"}


class RelatedMeasureBlock(blocks.PageChooserBlock):
    def __init__(self, **kwargs):
        super().__init__(page_type="measures.MeasurePage", label=_("関連する支援策"), **kwargs)

    class Meta:
        icon = "link"
