"""Turn demo JSON blocks into StreamField raw data with stable block ids.

The Japanese and English versions of a page must share block ids so that
wagtail-localize can pair their segments; ids are derived from a seed.
"""

import uuid
from html import escape

_NAMESPACE = uuid.UUID("6f1c1a52-3a3e-4f0e-9d6b-2f3c8f4d6a10")

# Blocks whose value is a list (Wagtail's ListBlock raw format wraps each item).
LIST_BLOCKS = {"faq"}


def _block_id(seed: str, *parts) -> str:
    return str(uuid.uuid5(_NAMESPACE, "/".join([seed, *map(str, parts)])))


def _rich(text: str) -> str:
    """Plain demo text becomes one paragraph of rich text; HTML passes through."""
    return text if text.lstrip().startswith("<") else f"<p>{escape(text)}</p>"


def _normalise(block_type: str, value):
    if block_type == "heading" and isinstance(value, str):
        return {"text": value, "level": "h2"}
    if block_type == "callout":
        return {**value, "body": _rich(value["body"])}
    if block_type == "faq":
        return [{**item, "answer": _rich(item["answer"])} for item in value]
    return value


def raw_stream(blocks: list[dict], seed: str) -> list[dict]:
    """[{"type": ..., "value": ...}] -> raw StreamField data with deterministic ids."""
    raw = []
    for index, block in enumerate(blocks):
        value = _normalise(block["type"], block["value"])
        if block["type"] in LIST_BLOCKS:
            value = [
                {"type": "item", "value": item, "id": _block_id(seed, index, n)}
                for n, item in enumerate(value)
            ]
        raw.append({"type": block["type"], "value": value, "id": _block_id(seed, index)})
    return raw
