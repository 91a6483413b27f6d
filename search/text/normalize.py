"""Normalisation shared by the search index and the query.

Whatever goes into the index and whatever the owner types pass through the
same `normalize`, so two spellings meet only if they fold to the same string.
`normalize_with_offsets` also keeps, for every output character, the span of
original characters it came from; the highlighter needs that because NFKC,
casefolding and the spelling-variant table all change lengths.
"""

import re
import unicodedata
from dataclasses import dataclass

# Half-width (semi-)voiced sound marks: NFKC turns them into combining marks
# that compose with the kana before them (ｶﾞ -> ガ), so they must be
# normalised together with that kana.
_HALFWIDTH_SOUND_MARKS = frozenset("\uff9e\uff9f")

# Invisible characters that would otherwise split or glue tokens.
_DROPPED = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")

# Owners type many look-alike dashes; all become ASCII hyphen.  The
# katakana long-vowel mark (ー) is deliberately NOT here: it is part of words.
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63")
_TILDES = frozenset("\u301c\u223c\u223e\u02dc\u2053")

_KATAKANA_FIRST, _KATAKANA_LAST = 0x30A1, 0x30F6  # ァ .. ヶ
_KATAKANA_ITERATION = {"\u30fd": "\u309d", "\u30fe": "\u309e"}  # ヽヾ -> ゝゞ

# Spelling variants (表記ゆれ), written naturally: canonical form first, then
# the variants that fold to it.  They are folded with the same character rules
# at import time, so the table works on already-folded text (katakana entries
# are fine) and index and query are treated identically.
# Stems such as 引き継 also cover inflections (引き継ぐ -> 引継ぐ); longer
# variants win over shorter ones at the same position.
SPELLING_VARIANTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ものづくり", ("もの作り", "物づくり", "物作り", "モノづくり", "モノ作り")),
    ("引継", ("引き継ぎ", "引継ぎ", "引き継")),
    ("申込", ("申し込み", "申込み", "申し込")),
    ("取組", ("取り組み", "取組み", "取り組")),
    ("売上", ("売り上げ", "売上げ")),
    ("打合せ", ("打ち合わせ", "打ち合せ", "打合わせ")),
    ("問合せ", ("問い合わせ", "問い合せ", "問合わせ")),
    ("手続", ("手続き",)),
    ("受付", ("受け付け", "受付け", "受け付")),
    ("立上げ", ("立ち上げ",)),
    ("貸付", ("貸し付け", "貸付け", "貸し付")),
    ("借入", ("借り入れ", "借入れ", "借り入")),
    ("支払", ("支払い",)),
    ("取扱", ("取り扱い", "取扱い", "取り扱")),
    ("雇入", ("雇い入れ", "雇入れ", "雇い入")),
    ("見積", ("見積もり", "見積り")),
    ("締切", ("締め切り", "締切り", "〆切", "締め切")),
    ("振込", ("振り込み", "振込み", "振り込")),
    ("繰越", ("繰り越し", "繰越し")),
    ("積立", ("積み立て", "積立て")),
    ("払戻", ("払い戻し", "払戻し")),
    ("切替", ("切り替え", "切替え", "切り替")),
    ("取消", ("取り消し", "取消し")),
    ("立替", ("立て替え", "立替え")),
    ("受取", ("受け取り", "受取り")),
    ("割当", ("割り当て", "割当て")),
    ("組合せ", ("組み合わせ", "組み合せ", "組合わせ")),
    ("書換", ("書き換え", "書換え")),
    ("貸出", ("貸し出し", "貸出し")),
    ("引上げ", ("引き上げ",)),
    ("ウイルス", ("ウィルス",)),
    ("ウェブサイト", ("ウエブサイト", "Webサイト")),
)


@dataclass(frozen=True)
class NormalizedText:
    """Normalised text plus, per output character, its original span."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]


def normalize(text: str) -> str:
    """Fold `text` for searching: NFKC, casefold, katakana -> hiragana,
    dashes/tildes/spaces unified, spelling variants folded."""
    return normalize_with_offsets(text).text


def normalize_with_offsets(text: str) -> NormalizedText:
    folded = _fold_simple(text)
    if folded is None:
        chars, starts, ends = _fold_characters(text)
        result = _collapse_spaces("".join(chars), starts, ends)
    else:
        result = _collapse_spaces(folded, range(len(text)), range(1, len(text) + 1))
    # A replacement can form a new variant with the next characters
    # (積み立てて -> 積立て -> 積立); repeat until stable so that
    # normalize(normalize(x)) == normalize(x), as the index relies on it.
    for _ in range(4):
        folded = _apply_spelling_variants(result.text, result.starts, result.ends)
        if folded.text == result.text:
            break
        result = folded
    return result


def _fold_characters(text: str) -> tuple[list[str], list[int], list[int]]:
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for start, end in _clusters(text):
        cluster = text[start:end]
        for folded in _CHAR_FOLDS[ord(cluster)] if len(cluster) == 1 else _fold_cluster(cluster):
            chars.append(folded)
            starts.append(start)
            ends.append(end)
    return chars, starts, ends


def _fold_cluster(cluster: str) -> str:
    """A base character with its marks, folded: NFKC, casefold, then per character."""
    cluster = unicodedata.normalize("NFKC", cluster)
    cluster = unicodedata.normalize("NFKC", cluster.casefold())
    return "".join(_fold_char(ch) for ch in cluster)


def _clusters(text: str):
    """Yield (start, end) of a base character and the marks that attach to it."""
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or not _attaches_to_previous(text[i]):
            yield start, i
            start = i


def _attaches_to_previous(ch: str) -> bool:
    if ch in _HALFWIDTH_SOUND_MARKS or unicodedata.combining(ch):
        return True
    code = ord(ch)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


def _fold_char(ch: str) -> str:
    code = ord(ch)
    if _KATAKANA_FIRST <= code <= _KATAKANA_LAST:
        # ヵ (30F5) and ヶ (30F6) map to ゕ ゖ, which is consistent both ways.
        return chr(code - 0x60)
    if ch in _KATAKANA_ITERATION:
        return _KATAKANA_ITERATION[ch]
    if ch in _DASHES:
        return "-"
    if ch in _TILDES:
        return "~"
    if ch in _DROPPED or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:
        return ""
    if ch.isspace():
        return " "
    if unicodedata.category(ch) == "Cc":
        return " "
    return ch


_SPACE_RUN = re.compile(" +")


def _collapse_spaces(text: str, starts, ends) -> NormalizedText:
    """Runs of spaces become their first space; leading and trailing spaces go."""
    out: list[str] = []
    out_starts: list[int] = []
    out_ends: list[int] = []
    position = 0
    for match in _SPACE_RUN.finditer(text):
        a, b = match.span()
        keep = a > 0 and b < len(text)  # a space between words stays, once
        cut = a + 1 if keep else a
        out.append(text[position:cut])
        out_starts.extend(starts[position:cut])
        out_ends.extend(ends[position:cut])
        position = b
    out.append(text[position:])
    out_starts.extend(starts[position:])
    out_ends.extend(ends[position:])
    return NormalizedText("".join(out), tuple(out_starts), tuple(out_ends))


class _CharFolds(dict):
    """Memo of `_fold_cluster` for single characters, usable with str.translate."""

    def __missing__(self, code: int) -> str:
        folded = _fold_cluster(chr(code))
        if len(folded) != 1:
            _IRREGULAR.add(chr(code))
        self[code] = folded
        return folded


# Characters that do not fold to exactly one character (ﾊﾟ, ㍿, ﬁ, dropped ones …).
_IRREGULAR: set[str] = set()
_CHAR_FOLDS = _CharFolds()
# A character that joins the one before it (combining marks, ﾞ ﾟ, variation selectors).
_ATTACHING = re.compile("[\uff9e\uff9f\ufe00-\ufe0f\U000e0100-\U000e01ef]")


def _fold_simple(text: str) -> str | None:
    """The folded text when every character folds alone to exactly one character
    (offsets are then the identity), else None for the general path.

    A speed-up only, with the same result as `_fold_characters`: the results
    page folds every shown result's text to highlight it, and the per-character
    loop was a fifth of the page's time.
    """
    if _ATTACHING.search(text) or any(map(unicodedata.combining, text)):
        return None
    folded = text.translate(_CHAR_FOLDS)
    if len(folded) != len(text) or not _IRREGULAR.isdisjoint(text):
        return None
    return folded


def _fold_plain(text: str) -> str:
    chars, _, _ = _fold_characters(text)
    return "".join(chars)


def _build_variant_table() -> tuple[dict[str, str], re.Pattern[str] | None]:
    table: dict[str, str] = {}
    for canonical, variants in SPELLING_VARIANTS:
        folded_canonical = _fold_plain(canonical)
        for variant in variants:
            folded = _fold_plain(variant)
            if folded != folded_canonical:
                table[folded] = folded_canonical
    if not table:
        return table, None
    alternatives = sorted(table, key=len, reverse=True)
    return table, re.compile("|".join(re.escape(v) for v in alternatives))


_VARIANTS, _VARIANT_PATTERN = _build_variant_table()


def _apply_spelling_variants(text: str, starts, ends) -> NormalizedText:
    if _VARIANT_PATTERN is None:
        return NormalizedText(text, tuple(starts), tuple(ends))
    out: list[str] = []
    out_starts: list[int] = []
    out_ends: list[int] = []
    position = 0
    for match in _VARIANT_PATTERN.finditer(text):
        a, b = match.span()
        out.append(text[position:a])
        out_starts.extend(starts[position:a])
        out_ends.extend(ends[position:a])
        replacement = _VARIANTS[match.group()]
        # Every replacement character points at the whole original variant,
        # so a highlight on part of it marks the whole word.
        out.append(replacement)
        out_starts.extend([starts[a]] * len(replacement))
        out_ends.extend([ends[b - 1]] * len(replacement))
        position = b
    out.append(text[position:])
    out_starts.extend(starts[position:])
    out_ends.extend(ends[position:])
    return NormalizedText("".join(out), tuple(out_starts), tuple(out_ends))
