"""Sentences and questions as content chunks; filler dropped (search/text/sentence.py)."""

import pytest

from search.backend import build_query, coverage_units
from search.synonyms.defaults import default_synonyms
from search.text.sentence import content_chunks, drop_filler, variant_terms
from search.tiers import WithCoverage

KNOWN = default_synonyms().known_terms() | frozenset(variant_terms())


def chunks(word: str) -> list[str]:
    return [chunk for chunk, _weight in content_chunks(word, KNOWN)]


@pytest.mark.parametrize(
    ("q", "kept"),
    [
        ("IT導入補助金について教えてください", "IT導入補助金"),
        ("家賃の支援はありますか？", "家賃の支援は"),
        ("融資を受けたいのですが、方法を知りたいです", "融資を受けたいのですが、 を"),
        ("how to apply for a loan", "apply loan"),
        ("tokyo", "tokyo"),
    ],
)
def test_filler_is_dropped_and_the_rest_kept_as_typed(q, kept):
    assert " ".join(drop_filler(q).split()) == kept


def test_filler_in_full_width_or_katakana_is_dropped_too():
    assert drop_filler("家賃ニツイテ").strip() == "家賃"


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("売上が半分になった", ["売上", "半分"]),
        ("コロナ融資を受けたい", ["ころな", "融資", "受"]),
        ("もの作り補助金", ["ものづくり", "補助金"]),
        ("資金繰りが苦しい", ["資金繰り", "苦"]),
        ("従業員を守るには", ["従業員", "守る"]),
        ("ＩＴ導入", ["it", "導入"]),
        ("雇用調整助成金", ["雇用調整助成金"]),
    ],
)
def test_a_word_splits_into_kanji_katakana_and_latin_chunks(word, expected):
    assert chunks(word) == expected


def test_a_one_character_chunk_weighs_half():
    assert dict(content_chunks("税金は安くなる", KNOWN)) == {"税金": 1.0, "安": 0.5}


def test_a_word_all_in_hiragana_is_kept_as_a_reading():
    assert content_chunks("ぴかぴか", KNOWN) == [("ぴかぴか", 0.5)]
    assert content_chunks("が", KNOWN) == []


def test_a_one_character_chunk_finds_nothing_alone_beside_longer_ones():
    units = coverage_units("融資を受けたい", default_synonyms())
    assert [(chunk, in_match) for chunk, _weight, in_match in units] == [
        ("融資", True),
        ("受", False),
    ]


def test_a_plain_word_needs_no_coverage_tier():
    assert not isinstance(build_query("補助金", default_synonyms()), WithCoverage)


def test_several_words_or_a_sentence_get_a_coverage_tier():
    for q in ["家賃 融資", "売上が半分になった"]:
        assert isinstance(build_query(q, default_synonyms()), WithCoverage), q


def test_a_query_of_filler_alone_searches_nothing():
    assert build_query("について教えてください", default_synonyms()) is None
