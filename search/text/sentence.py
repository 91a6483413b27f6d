"""Owners' sentences and questions as the content words that search can match.

Owners type 「売上が半分になった」 or 「IT導入補助金について教えてください」, not
keywords.  Two steps make such a query searchable:

* `drop_filler` removes filler: question endings, requests and words about
  the search itself (について, 知りたい, 教えて, ください, ですか …, and a few
  English ones).  The lists are plain data below; add to them with care, as a
  filler phrase is removed wherever it occurs in a query.
* `content_chunks` splits one typed word into its content chunks by script:
  kanji, katakana and Latin runs are content; hiragana runs are particles,
  okurigana and endings, and are dropped, except inside a known term (a
  synonym-table term or a spelling variant's canonical form: ものづくり,
  資金繰り, 守る).  A one-character chunk (受 in 受けたい) weighs half.

The script of each character is read from the typed text, since `normalize`
folds katakana to hiragana; the chunks themselves are normalised.  Plain
functions, no dictionary: a morphological analyser would split better, at the
price of a large dictionary on every tier (see docs/search.md, "Why bigrams").
"""

import re
import unicodedata
from collections.abc import Collection

from .normalize import SPELLING_VARIANTS, normalize, normalize_with_offsets
from .segment import JA, WORD, script_of

# Japanese filler: removed wherever it occurs in a query (after normalisation,
# so katakana and full-width forms are covered); the longest phrase wins.
FILLER_PHRASES: tuple[str, ...] = (
    # about / regarding
    "について",
    "に関して",
    "に関する",
    "に関し",
    # wanting to know, asking
    "知りたい",
    "知りたいです",
    "教えて",
    "教えてほしい",
    "ください",
    "下さい",
    "くれますか",
    "ほしい",
    "欲しい",
    "したいです",
    "したい",
    "たいです",
    "方法",
    "やり方",
    "どうすれば",
    "どうしたら",
    "どうやって",
    "どうなる",
    "どんな",
    "どのような",
    "どういう",
    "何か",
    "なにか",
    # question endings
    "ですか",
    "でしょうか",
    "ますか",
    "ありますか",
    "ありませんか",
    "できますか",
    "もらえますか",
    "もらえる",
    "使える",
    "使えますか",
    "受けられる",
    "受けられますか",
    "いいですか",
    "よいですか",
    "？",
    "！",
    # vague
    "など",
    "みたいな",
    "いろいろ",
    "色々",
    "うちの",
    "うちは",
    "当社",
    "弊社",
    "自分",
)

# English filler: removed as whole words only (to in "tokyo" stays).
_ENGLISH_FILLER_WORDS = """
    a an the to for of in on at by with about from
    how what which where when who can could do does i my we our you your me
    is are be there any some want need get please tell know help
"""
ENGLISH_FILLER: frozenset[str] = frozenset(_ENGLISH_FILLER_WORDS.split())

# A one-character chunk (受 of 受けたい, 税) weighs this much of a longer one.
SHORT_CHUNK_WEIGHT = 0.5
# A query word that is all hiragana and not a known term (なった) is kept, at this weight.
KANA_WORD_WEIGHT = 0.5
KANA_WORD_MIN_LENGTH = 3

_FILLER = tuple(dict.fromkeys(normalize(phrase) for phrase in FILLER_PHRASES))
_FILLER_PATTERN = re.compile("|".join(re.escape(p) for p in sorted(_FILLER, key=len, reverse=True)))
_LATIN_WORD = re.compile(r"[0-9a-z]+")

_KANJI, _KATAKANA, _HIRAGANA, _LATIN = "kanji", "katakana", "hiragana", "latin"


def drop_filler(q: str) -> str:
    """`q` with its filler phrases and English filler words blanked out (as typed otherwise)."""
    folded = normalize_with_offsets(q)
    blank = [False] * len(q)
    spans = [match.span() for match in _FILLER_PATTERN.finditer(folded.text)]
    spans += [
        match.span()
        for match in _LATIN_WORD.finditer(folded.text)
        if match.group() in ENGLISH_FILLER and _whole_latin(folded.text, *match.span())
    ]
    for a, b in spans:
        for i in range(folded.starts[a], folded.ends[b - 1]):
            blank[i] = True
    return "".join(" " if gone else ch for ch, gone in zip(q, blank, strict=True))


def _whole_latin(text: str, a: int, b: int) -> bool:
    before = text[a - 1] if a else " "
    after = text[b] if b < len(text) else " "
    return not (before.isalnum() or after.isalnum())


def content_chunks(word: str, known_terms: Collection[str] = ()) -> list[tuple[str, float]]:
    """The normalised content chunks of one typed word, each with its weight.

    ``known_terms`` are normalised terms (synonym-table terms) kept whole even
    where they contain hiragana.  A word with no content chunk but of three
    hiragana or more (a reading such as ぽすれじ) is kept whole at half weight.
    """
    folded = normalize_with_offsets(word)
    text = folded.text
    kinds = [_kind(ch, word[folded.starts[i] : folded.ends[i]]) for i, ch in enumerate(text)]
    for a, b in _known_spans(text, known_terms):
        if any(kind == _HIRAGANA for kind in kinds[a:b]):
            kinds[a:b] = [f"term:{a}"] * (b - a)
    chunks: list[tuple[str, float]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i < len(text) and kinds[i] == kinds[start]:
            continue
        run, kind = text[start:i], kinds[start]
        start = i
        if kind is None or kind == _HIRAGANA:
            continue
        chunks.append((run, SHORT_CHUNK_WEIGHT if len(run) == 1 else 1.0))
    if not chunks:
        kana = "".join(ch for ch, kind in zip(text, kinds, strict=True) if kind == _HIRAGANA)
        if len(kana) >= KANA_WORD_MIN_LENGTH and kana == text.replace(" ", ""):
            chunks.append((kana, KANA_WORD_WEIGHT))
    return list({chunk: (chunk, weight) for chunk, weight in chunks}.values())


def _kind(ch: str, typed: str) -> str | None:
    script = script_of(ch)
    if script == WORD:
        return _LATIN
    if script != JA:
        return None
    code = ord(ch)
    if 0x3041 <= code <= 0x309F:
        # normalize folds katakana to hiragana: the typed characters tell them apart.
        return _KATAKANA if any(_is_katakana(t) for t in typed) else _HIRAGANA
    if 0x30A1 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF:
        return _KATAKANA
    return _KANJI


def _is_katakana(ch: str) -> bool:
    code = ord(unicodedata.normalize("NFKC", ch)[:1] or " ")
    return 0x30A1 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF


def _known_spans(text: str, known_terms: Collection[str]) -> list[tuple[int, int]]:
    """Non-overlapping spans of known terms in `text`, longest first at each position."""
    terms = [t for t in known_terms if len(t) >= 2 and t in text]
    spans: list[tuple[int, int]] = []
    taken = [False] * len(text)
    for term in sorted(terms, key=len, reverse=True):
        for match in re.finditer(re.escape(term), text):
            a, b = match.span()
            if not any(taken[a:b]):
                spans.append((a, b))
                taken[a:b] = [True] * (b - a)
    return spans


def variant_terms() -> list[str]:
    """The canonical forms of the spelling-variant table, normalised (known terms)."""
    return [normalize(canonical) for canonical, _variants in SPELLING_VARIANTS]
