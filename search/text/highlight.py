"""Search-result snippets with the matched words marked.

Matching happens on normalised text (so ＩＴ matches it, ホームページ
matches ほーむぺーじ), but the snippet shows the original characters, via
the offset map of `normalize_with_offsets`.
"""

import re
from html import escape

from .normalize import normalize, normalize_with_offsets
from .segment import word_tokens
from .stem import derived_stems, stem

# Latin words as segment.runs sees them, once normalised (casefolded).
_LATIN_WORD = re.compile(r"[a-z0-9]+")

ELLIPSIS = "…"

Fragment = tuple[str, bool]


def highlight(text: str, terms, max_len: int = 160) -> list[Fragment]:
    """A snippet of at most `max_len` original characters around the first
    match, as (text, is_match) fragments; an ellipsis fragment (not counted
    in max_len) marks a cut.  With no match, the start of the text.

    `terms` are the words to mark (typed words or synonym alternatives).  A
    term that does not occur as a whole falls back to the Latin words with the
    same stem (the index stems them), then to its bigrams, because the index
    may match a document on bigrams alone.
    """
    spans = _match_spans(text, terms)
    start, end = _window(text, spans, max_len)
    fragments: list[Fragment] = []
    if start > 0:
        fragments.append((ELLIPSIS, False))
    position = start
    for span_start, span_end in spans:
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start >= span_end:
            continue
        if position < span_start:
            fragments.append((text[position:span_start], False))
        fragments.append((text[span_start:span_end], True))
        position = span_end
    if position < end:
        fragments.append((text[position:end], False))
    if end < len(text):
        fragments.append((ELLIPSIS, False))
    return fragments


def highlight_html(text: str, terms, max_len: int = 160) -> str:
    """`highlight` as HTML: everything escaped, matches in <mark>.

    Safe to mark_safe() in a template; no input character reaches the output
    unescaped.
    """
    return "".join(
        f"<mark>{escape(part)}</mark>" if matched else escape(part)
        for part, matched in highlight(text, terms, max_len)
    )


def _match_spans(text: str, terms) -> list[tuple[int, int]]:
    normalized = normalize_with_offsets(text)
    haystack = normalized.text
    spans: list[tuple[int, int]] = []
    for term in terms:
        needle = normalize(term)
        if not needle:
            continue
        # A Latin word marks the whole words that share its stem (loan marks "loans").
        found = _same_stem(haystack, needle) if _LATIN_WORD.fullmatch(needle) else []
        if not found:
            found = _find_all(haystack, needle)
        if not found:
            found = _same_stem(haystack, needle)
        if not found:
            found = [s for token in word_tokens(needle) for s in _find_all(haystack, token)]
        for a, b in found:
            spans.append((normalized.starts[a], normalized.ends[b - 1]))
    return _merge(spans)


def _same_stem(haystack: str, needle: str) -> list[tuple[int, int]]:
    """Whole Latin words of `haystack` stemming like a word of `needle` (applying ~ application)."""
    stems = {stem(word) for word in _LATIN_WORD.findall(needle)}
    if not stems:
        return []
    return [
        m.span()
        for m in _LATIN_WORD.finditer(haystack)
        if stems.intersection((stem(m.group()), *derived_stems(m.group())))
    ]


def _find_all(haystack: str, needle: str) -> list[tuple[int, int]]:
    found = []
    position = haystack.find(needle)
    while position != -1:
        found.append((position, position + len(needle)))
        position = haystack.find(needle, position + 1)
    return found


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _window(text: str, spans, max_len: int) -> tuple[int, int]:
    if len(text) <= max_len:
        return 0, len(text)
    if not spans:
        return 0, max_len
    # Show a little context before the first match, most of it after.
    start = max(0, spans[0][0] - max_len // 4)
    start = min(start, len(text) - max_len)
    return start, start + max_len
