"""Japanese-aware text layer of site search: pure functions, no Django."""

from .highlight import highlight, highlight_html
from .normalize import NormalizedText, normalize, normalize_with_offsets
from .personal_data import looks_like_personal_data
from .segment import index_text, query_terms, query_words, segment, word_tokens

__all__ = [
    "NormalizedText",
    "highlight",
    "highlight_html",
    "index_text",
    "looks_like_personal_data",
    "normalize",
    "normalize_with_offsets",
    "query_terms",
    "query_words",
    "segment",
    "word_tokens",
]
