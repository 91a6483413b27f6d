"""Plain text of an object's search fields, for result snippets, without database queries.

StreamField values are read from their raw JSON guided by the block
definitions, so chooser blocks (images, documents, pages) are skipped rather
than fetched one result at a time.
"""

from django.core.exceptions import FieldDoesNotExist
from django.utils.html import strip_tags

from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.search import index

MAX_CHARS = 2000


def searchable_text(obj) -> str:
    parts: list[str] = []
    for field in obj.get_search_fields():
        if not isinstance(field, index.SearchField) or field.field_name == "title":
            continue
        parts.extend(_field_text(obj, field.field_name))
        if sum(map(len, parts)) > MAX_CHARS:
            break
    return " ".join(p for p in parts if p)[:MAX_CHARS]


def _field_text(obj, name: str) -> list[str]:
    try:
        model_field = obj._meta.get_field(name)
    except FieldDoesNotExist:
        value = getattr(obj, name, None)
        value = value() if callable(value) else value
        return [_plain(value)] if isinstance(value, str) else []
    value = model_field.value_from_object(obj)
    if isinstance(model_field, StreamField):
        return list(_stream_text(model_field.stream_block, getattr(value, "raw_data", [])))
    return [_plain(value)] if isinstance(value, str) else []


def _stream_text(block, raw):
    if isinstance(block, blocks.StreamBlock):
        for child in raw or []:
            child_block = block.child_blocks.get(child.get("type"))
            if child_block is not None:
                yield from _stream_text(child_block, child.get("value"))
    elif isinstance(block, blocks.ListBlock):
        for item in raw or []:
            value = item.get("value") if isinstance(item, dict) and "type" in item else item
            yield from _stream_text(block.child_block, value)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            if isinstance(raw, dict) and name in raw:
                yield from _stream_text(child_block, raw[name])
    elif isinstance(block, blocks.ChoiceBlock | blocks.ChooserBlock):
        return
    elif isinstance(block, blocks.RichTextBlock | blocks.CharBlock | blocks.TextBlock) and (
        isinstance(raw, str)
    ):
        yield _plain(raw)


def _plain(text: str) -> str:
    return " ".join(strip_tags(text).split())
