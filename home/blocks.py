"""StreamField blocks of the home page alone (the shared ones are in core.blocks)."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks


class EntryPointBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("タイトル"), max_length=60)
    description = blocks.CharBlock(label=_("説明"), max_length=200)
    page = blocks.PageChooserBlock(label=_("リンク先ページ"))
    subpath = blocks.CharBlock(
        label=_("ページ内の機能"),
        max_length=60,
        required=False,
        help_text=_("ページの中の機能へ直接案内するとき、その部分を書きます（例: check/）。"),
    )

    class Meta:
        icon = "link"
        label = _("入口")
        template = "blocks/entry_point.html"
