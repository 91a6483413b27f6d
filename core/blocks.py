"""StreamField blocks shared by the pages of several apps. Each shows editors a preview.

Content pages (home) build their body from ContentStreamBlock; measure pages use FAQBlock.
Historical migrations name FAQBlock by its path here (core.blocks.FAQBlock).
"""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("見出し"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("レベル"),
        choices=[("h2", _("大見出し (h2)")), ("h3", _("中見出し (h3)"))],
        default="h2",
        help_text=_("ページの構造に合わせて選びます。h2 の下に h3 を置きます。"),
    )

    class Meta:
        icon = "title"
        label = _("見出し")
        template = "blocks/heading.html"
        preview_value = {"text": "申請の流れ", "level": "h2"}


class CalloutBlock(blocks.StructBlock):
    tone = blocks.ChoiceBlock(
        label=_("種類"),
        choices=[("info", _("お知らせ")), ("warning", _("注意"))],
        default="info",
    )
    title = blocks.CharBlock(label=_("タイトル"), max_length=120)
    body = blocks.RichTextBlock(label=_("本文"), features=["bold", "link", "ul", "ol"])

    class Meta:
        icon = "warning"
        label = _("囲み記事")
        template = "blocks/callout.html"
        preview_value = {
            "tone": "warning",
            "title": "申請期限にご注意ください",
            "body": "<p>締切日の17時までに必着です。</p>",
        }


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("画像"))
    alt = blocks.CharBlock(
        label=_("代替テキスト"),
        max_length=200,
        required=False,
        help_text=_("画像の内容を文章で書きます。飾りだけの画像なら空欄にします。"),
    )
    caption = blocks.CharBlock(label=_("キャプション"), max_length=200, required=False)

    class Meta:
        icon = "image"
        label = _("画像")
        template = "blocks/image.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("文書"))
    title = blocks.CharBlock(
        label=_("リンクの文言"),
        max_length=200,
        required=False,
        help_text=_("空欄なら文書のタイトルを使います。"),
    )

    class Meta:
        icon = "doc-full"
        label = _("文書へのリンク")
        template = "blocks/document_link.html"


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("質問"), max_length=300)
    answer = blocks.RichTextBlock(label=_("回答"), features=["bold", "link", "ul", "ol"])


class FAQBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(FAQItemBlock(), **kwargs)

    class Meta:
        icon = "help"
        label = _("よくある質問")
        template = "blocks/faq.html"
        preview_value = [
            {"question": "相談は無料ですか。", "answer": "<p>はい、無料です。</p>"},
        ]


class ContentStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("本文"),
        features=["bold", "italic", "link", "document-link", "ul", "ol"],
        icon="pilcrow",
        template="blocks/paragraph.html",
        preview_value="<p>相談は無料です。秘密は守ります。</p>",
    )
    callout = CalloutBlock()
    image = ImageBlock()
    document = DocumentLinkBlock()
    faq = FAQBlock()
