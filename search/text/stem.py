"""English stemming of the Latin words in the search index and in queries.

The same `stem` runs at index time and at query time (search.text.segment),
so "applying", "applied" and "application" all meet at "appli", and "loans"
at "loan".  It is the Snowball English (Porter2) stemmer through PyStemmer,
a well-kept C implementation, rather than hand-written suffix rules.

What is left alone, on purpose:

* Japanese text: only Latin/digit runs reach this module (segment.runs).
* Short words, up to three letters: they are mostly identifiers that owners
  type in capitals (IT, EC, POS, DX, NPO, OS; casefolded by then), and the
  stemmer would otherwise turn a few of them into other words.
* Words with digits or non-ASCII letters (SN4, 5g, café): model numbers
  and names, not English inflections.

Both sides are stemmed (the unstemmed word is not indexed as well): an exact
word still matches, because it stems the same way on both sides, and the
index stays the size it was.

Snowball removes inflections, not derivations: "application" stems to
"applic" but "applying" to "appli".  So the index (not the query) also gets
the stem of the verb a few -ication/-icant nouns come from
(`derived_stems`: application -> apply -> appli, notification -> notify),
and "applying" then finds a page that says "application".  That small table
is our own because no Snowball algorithm undoes derivations, and the
aggressive stemmers that do (Lancaster) conflate far too much.
"""

import threading
from functools import lru_cache

import Stemmer

# Words this short are identifiers (IT, EC, POS), not inflected English.
MIN_STEMMED_LENGTH = 4

# PyStemmer's Stemmer objects keep a cache and are not safe to share between threads.
_local = threading.local()


def _stemmer() -> Stemmer.Stemmer:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("english")
    return stemmer


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """The Snowball English stem of a normalised (casefolded) Latin word, or the word itself."""
    if len(word) < MIN_STEMMED_LENGTH or not (word.isascii() and word.isalpha()):
        return word
    return _stemmer().stemWord(word)


# Derivational endings a noun drops to give the verb owners type: (ending, replacement).
_DERIVATIONS = (("ications", "y"), ("ication", "y"), ("icants", "y"), ("icant", "y"))
# Keep the stem of the remaining verb at least this long (no "y" from "ication").
_MIN_DERIVED_BASE = 3


@lru_cache(maxsize=8192)
def derived_stems(word: str) -> tuple[str, ...]:
    """Extra index tokens for a Latin word: the stem of the verb it derives from, if any.

    Index side only (search.text.segment.segment): application -> ("appli",),
    so the query "applying" (stem "appli") finds it.
    """
    if len(word) < MIN_STEMMED_LENGTH or not (word.isascii() and word.isalpha()):
        return ()
    for ending, replacement in _DERIVATIONS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_DERIVED_BASE:
            base = stem(word[: -len(ending)] + replacement)
            return () if base == stem(word) else (base,)
    return ()
