"""The checker's purposes to tick in advance from a site search's words (/measures/check/?q=…).

The search results page links the checker with the owner's query when it found
nothing or little; a purpose whose label contains a typed word (or one of its
dictionary alternatives), or is contained in one, starts ticked.  Nothing is
submitted or stored: the owner still answers the questions.
"""

from search.service import highlight_terms
from search.text import normalize

# One-character words (税, 株) would tick too much.
MIN_WORD_LENGTH = 2


def purposes_for_query(q: str, purposes: list[tuple[str, str]]) -> list[str]:
    """Slugs of `purposes` ((slug, label) pairs) that the words of `q` name."""
    words = [normalize(t) for t in highlight_terms(q)]
    words = [w for w in words if len(w) >= MIN_WORD_LENGTH]
    if not words:
        return []
    chosen = []
    for slug, label in purposes:
        folded = normalize(str(label))
        if any(w in folded or (folded and folded in w) for w in words):
            chosen.append(slug)
    return chosen
