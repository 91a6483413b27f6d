import pytest

from search.text import index_text, normalize, query_terms, segment
from search.text.stem import stem


def test_japanese_run_gives_bigrams_then_unigrams():
    assert segment("家賃支援") == ["家賃", "賃支", "支援", "家", "賃", "支", "援"]


def test_latin_and_digit_runs_are_whole_words_and_it_is_kept():
    assert segment(normalize("IT導入 2025 it")) == ["it", "導入", "2025", "it", "導", "入"]


def test_punctuation_only_separates():
    assert segment(normalize("（コロナ）・家賃！")) == [
        "ころ",
        "ろな",
        "家賃",
        "こ",
        "ろ",
        "な",
        "家",
        "賃",
    ]


def test_unigrams_are_listed_once():
    assert segment("税と税").count("税") == 1


def test_index_text_normalises_then_joins_with_spaces():
    assert index_text("ＩＴ導入") == "it 導入 導 入"


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("家賃", [["家賃"]]),
        ("税", [["税"]]),
        ("コロナ　融資", [["ころ", "ろな"], ["融資"]]),
        ("ＩＴ導入", [["it", "導入"]]),
        ("設備 投資 設備", [["設備"], ["投資"]]),
        ("  ・！ ", []),
        ("もの作り", [["もの", "のづ", "づく", "くり"]]),
    ],
)
def test_query_terms_per_typed_word(q, expected):
    assert query_terms(q) == expected


def test_query_tokens_of_a_word_are_contained_in_a_document_that_has_the_word():
    document = set(segment(normalize("家賃支援給付金")))
    assert set(query_terms("家賃")[0]) <= document
    assert set(query_terms("給付")[0]) <= document
    assert not set(query_terms("補助")[0]) <= document


def test_query_is_capped_in_words():
    assert len(query_terms(" ".join(f"語{i}" for i in range(50)))) == 8


@pytest.mark.parametrize(
    "plural,singular",
    [
        ("loans", "loan"),
        ("subsidies", "subsidy"),
        ("grants", "grant"),
        ("taxes", "tax"),
        ("businesses", "business"),
        ("branches", "branch"),
    ],
)
def test_an_english_plural_is_indexed_and_queried_as_its_singular(plural, singular):
    assert stem(plural) == stem(singular)
    assert index_text(f"Two {plural} here") == index_text(f"Two {singular} here")
    assert query_terms(plural) == query_terms(singular)


@pytest.mark.parametrize(
    "query,document",
    [
        ("applying", "Application"),
        ("applied", "applications"),
        ("apply", "applicants"),
        ("loans", "Loan"),
        ("subsidies", "subsidy"),
        ("consulting", "consultation"),
        ("notifying", "notification"),
    ],
)
def test_an_english_query_word_finds_other_forms_of_it(query, document):
    assert set(query_terms(query)[0]) <= set(index_text(f"An {document} form").split(" "))


@pytest.mark.parametrize("word", ["IT", "EC", "POS", "DX", "NPO", "OS", "SN4", "5G", "café"])
def test_identifiers_and_non_english_words_are_not_stemmed(word):
    folded = normalize(word)
    assert stem(folded) == folded
    assert query_terms(word) == [[folded]]


def test_stemming_leaves_japanese_text_alone():
    assert index_text("申請する") == "申請 請す する 申 請 す る"
    assert query_terms("申請") == [["申請"]]
