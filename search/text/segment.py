"""Turn normalised text into the tokens the database search backend indexes.

SQLite FTS5 (unicode61) and PostgreSQL's default parser treat a run of
Japanese characters as a single token, so 家賃 would never find
家賃支援給付金.  We therefore index a pre-segmented text:

* Japanese runs (kanji, hiragana, katakana already folded to hiragana,
  ー, 々): overlapping character bigrams, plus every character as a unigram.
  Unigrams are there so a one-character query (税, 株) still finds documents.
* Latin/digit runs: the whole word, stemmed with Snowball English (search.text.stem:
  applying, application -> appli; loans -> loan), and no stopword removal
  (an English stopword list would drop "it", as in IT導入補助金).
* Everything else (punctuation, symbols, spaces) only separates runs.

See docs/search.md for why bigrams rather than a morphological analyser.
"""

from .normalize import normalize
from .stem import derived_stems, stem

JA = "ja"
WORD = "word"

# Most queries are a few words; this caps the work one request can cause.
MAX_QUERY_WORDS = 8
MAX_QUERY_WORD_LENGTH = 50

_JA_RANGES = (
    (0x3005, 0x3007),  # 々 〆 〇
    (0x3041, 0x309F),  # hiragana (and ゝ ゞ)
    (0x30A1, 0x30FA),  # katakana (゠ and the middle dot ・ are punctuation)
    (0x30FC, 0x30FF),  # ー ヽ ヾ ヿ
    (0x31F0, 0x31FF),  # small katakana extension
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x20000, 0x3134F),  # CJK extensions B..G
)


def script_of(ch: str) -> str | None:
    code = ord(ch)
    for first, last in _JA_RANGES:
        if first <= code <= last:
            return JA
    if ch.isalnum():
        return WORD
    return None


def runs(normalized: str) -> list[tuple[str, str]]:
    """Split into maximal (script, run) pairs; separators are dropped."""
    result: list[tuple[str, str]] = []
    current_script: str | None = None
    current: list[str] = []
    for ch in normalized:
        script = script_of(ch)
        if script != current_script and current:
            result.append((current_script, "".join(current)))
            current = []
        current_script = script
        if script is not None:
            current.append(ch)
    if current:
        result.append((current_script, "".join(current)))
    return result


def bigrams(run: str) -> list[str]:
    if len(run) < 2:
        return [run] if run else []
    return [run[i : i + 2] for i in range(len(run) - 1)]


def segment(normalized: str) -> list[str]:
    """Tokens for already-normalised text, in two parts.

    First the positional stream: words and Japanese bigrams in text order
    (a one-character Japanese run contributes its character), so adjacent
    tokens of a query are adjacent here too and a phrase query can work.
    Then each Japanese character once, as a unigram, for one-character
    queries, and the derived stems of Latin words (search.text.stem).  They
    come last so they do not break the stream's adjacency.
    """
    stream: list[str] = []
    unigrams: dict[str, None] = {}
    for script, run in runs(normalized):
        if script == WORD:
            stream.append(stem(run))
            for derived in derived_stems(run):
                unigrams.setdefault(derived, None)
            continue
        stream.extend(bigrams(run))
        for ch in run:
            unigrams.setdefault(ch, None)
    return stream + list(unigrams)


def index_text(text: str) -> str:
    """Space-joined tokens of `text`, for a Wagtail SearchField."""
    return " ".join(segment(normalize(text)))


def word_tokens(normalized_word: str) -> list[str]:
    """Tokens that a document must contain to match one query word.

    Bigrams of each Japanese run (a one-character run gives its unigram) and
    whole Latin/digit words, in order.
    """
    tokens: list[str] = []
    for script, run in runs(normalized_word):
        tokens.extend([stem(run)] if script == WORD else bigrams(run))
    return tokens


def query_words(q: str) -> list[str]:
    """The normalised words the owner typed (ASCII or full-width spaces)."""
    words = [w[:MAX_QUERY_WORD_LENGTH] for w in normalize(q).split(" ")]
    words = [w for w in words if word_tokens(w)]
    return list(dict.fromkeys(words))[:MAX_QUERY_WORDS]


def query_terms(q: str) -> list[list[str]]:
    """Per typed word, the tokens that must all match."""
    return [word_tokens(w) for w in query_words(q)]
