"""Synonyms for owners' loose queries: the rules, pure (no Django).

Two kinds of rule:

* two-way groups: every member finds every other (コロナ ↔ 新型コロナ);
* one-way rules: the head also searches the alternatives, not the reverse
  (融資 → 貸付: someone typing 貸付 does not want every 融資 page).

Everything is normalised when the set is built, so lookups use the same
folding as index and query.  Expansion is per whole typed word; a compound
that ends with a known term (コロナ融資) can also be split into its parts
(`split_compound`), which the backend adds as a weaker alternative.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..text.normalize import normalize
from ..text.segment import query_words, word_tokens

TwoWayRow = tuple[str, Sequence[str]]
OneWayRow = tuple[str, Sequence[str]]

_TWO_WAY_SEPARATOR = re.compile(r"\s*(?:↔|<->|=)\s*")
_ONE_WAY_SEPARATOR = re.compile(r"\s*(?:→|->|>)\s*")


@dataclass
class SynonymSet:
    _alternatives: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def from_rows(
        cls,
        two_way: Iterable[TwoWayRow] = (),
        one_way: Iterable[OneWayRow] = (),
    ) -> "SynonymSet":
        synonyms = cls()
        for head, others in two_way:
            synonyms.add_group([head, *others])
        for head, others in one_way:
            synonyms.add_one_way(head, others)
        return synonyms

    @classmethod
    def from_text(cls, text: str) -> "SynonymSet":
        """Parse editor-friendly lines.

        ``a ↔ b ↔ c`` (or ``=``, ``<->``) is a two-way group,
        ``a → b, c`` (or ``->``, ``>``) a one-way rule; ``,`` also separates
        alternatives; blank lines and lines starting with ``#`` are ignored.
        """
        synonyms = cls()
        for line in text.splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            head, *rest = _ONE_WAY_SEPARATOR.split(line, maxsplit=1)
            if rest:
                synonyms.add_one_way(head, _split_terms(rest[0]))
            else:
                synonyms.add_group(_split_terms(line))
        return synonyms

    def add_group(self, terms: Iterable[str]) -> None:
        members = _normalized_terms(terms)
        for member in members:
            self._add(member, [m for m in members if m != member])

    def add_one_way(self, head: str, alternatives: Iterable[str]) -> None:
        normalized_head = normalize(head)
        if not word_tokens(normalized_head):
            return
        self._add(normalized_head, _normalized_terms(alternatives))

    def expand(self, word: str) -> list[str]:
        """The normalised word followed by its alternatives (no duplicates)."""
        normalized = normalize(word)
        return [normalized, *self._alternatives.get(normalized, [])]

    def __len__(self) -> int:
        return len(self._alternatives)

    def known_terms(self) -> frozenset[str]:
        """Every normalised term with alternatives (kept whole when a query is chunked)."""
        return frozenset(self._alternatives)

    def split_compound(self, word: str) -> tuple[str, str] | None:
        """A typed compound as (rest, known term), where it ends with a known term.

        ものづくり補助金 → (ものづくり, 補助金), コロナ融資 → (コロナ, 融資), so the parts
        can be found apart (若葉市ものづくり試作開発補助金) and each can use its synonyms.
        The longest known term wins; both parts need two characters or more, and a
        word that is itself a known term is not split.
        """
        normalized = normalize(word)
        if normalized in self._alternatives:
            return None
        for term in sorted(self._alternatives, key=len, reverse=True):
            rest = normalized[: -len(term)]
            if len(term) >= 2 and len(rest) >= 2 and normalized.endswith(term):
                return rest, term
        return None

    def _add(self, head: str, alternatives: list[str]) -> None:
        existing = self._alternatives.setdefault(head, [])
        for alternative in alternatives:
            if alternative != head and alternative not in existing:
                existing.append(alternative)


def expand_query(q: str, synonyms: SynonymSet | None = None) -> list[list[list[str]]]:
    """Per typed word, its alternatives, each as the tokens that must all match.

    A document matches when, for every word, it contains all tokens of at
    least one alternative.  The first alternative is always the word itself.
    """
    plan: list[list[list[str]]] = []
    for word in query_words(q):
        alternatives = synonyms.expand(word) if synonyms else [word]
        token_lists: list[list[str]] = []
        for alternative in alternatives:
            tokens = word_tokens(alternative)
            if tokens and tokens not in token_lists:
                token_lists.append(tokens)
        plan.append(token_lists)
    return plan


def _split_terms(text: str) -> list[str]:
    return [t for part in _TWO_WAY_SEPARATOR.split(text) for t in part.split(",")]


def _normalized_terms(terms: Iterable[str]) -> list[str]:
    normalized = (normalize(t) for t in terms)
    return list(dict.fromkeys(t for t in normalized if word_tokens(t)))
