import json

import pytest

from search.text import normalize, normalize_with_offsets
from tests.paths import CORPUS


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ＩＴ導入", "it導入"),
        ("ｶﾀｶﾅ", "かたかな"),
        ("ｶﾞｲﾄﾞ", "がいど"),
        ("ホームページ", "ほーむぺーじ"),
        ("ほーむぺーじ", "ほーむぺーじ"),
        ("ＥＣサイト", "ecさいと"),
        ("DX", "dx"),
        ("Straße", "strasse"),
        ("１０％", "10%"),
        ("a\u3000\u3000b  c ", "a b c"),
        ("03－1234—5678", "03-1234-5678"),
        ("4月1日〜5月31日", "4月1日~5月31日"),
        ("4月1日～5月31日", "4月1日~5月31日"),
        ("家\u200b賃", "家賃"),
    ],
)
def test_normalize_folds_width_case_kana_and_punctuation(typed, expected):
    assert normalize(typed) == expected


@pytest.mark.parametrize(
    "variants",
    [
        ["もの作り", "物づくり", "ものづくり", "モノづくり"],
        ["引き継ぎ", "引継ぎ", "引継"],
        ["申し込み", "申込み", "申込"],
        ["取り組み", "取組み", "取組"],
        ["売り上げ", "売上げ", "売上"],
        ["打ち合わせ", "打合せ"],
        ["手続き", "手続"],
        ["受け付け", "受付け", "受付"],
        ["立ち上げ", "立上げ"],
        ["貸し付け", "貸付け", "貸付"],
        ["借り入れ", "借入れ", "借入"],
        ["支払い", "支払"],
        ["取り扱い", "取扱"],
        ["雇い入れ", "雇入れ", "雇入"],
        ["ウィルス", "ウイルス", "ｳｲﾙｽ"],
    ],
)
def test_spelling_variants_fold_to_one_form(variants):
    assert len({normalize(v) for v in variants}) == 1


def test_spelling_variant_inside_a_compound_is_folded():
    assert normalize("事業承継・引継ぎ補助金") == "事業承継・引継補助金"
    assert normalize("もの作り補助金") == normalize("ものづくり補助金")


def test_long_vowel_mark_is_kept():
    assert "ー" in normalize("ホームページ")


def test_normalize_is_idempotent_over_the_corpus():
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        measure = json.loads(line)
        for text in (measure["title"], measure["summary"], measure["how_to_apply"]):
            once = normalize(text)
            assert normalize(once) == once


@pytest.mark.parametrize("text", ["ＩＴ導入補助金の申し込み", "ｶﾞｲﾄﾞ  ｽﾄﾗｰｾﾞ", "ﬁle Straße"])
def test_offsets_point_back_at_the_original_characters(text):
    result = normalize_with_offsets(text)
    assert len(result.starts) == len(result.ends) == len(result.text)
    assert all(0 <= s < e <= len(text) for s, e in zip(result.starts, result.ends, strict=True))
    assert list(result.starts) == sorted(result.starts)


def test_offsets_of_a_folded_variant_cover_the_whole_original_word():
    result = normalize_with_offsets("お申し込み")
    i = result.text.index("申込")
    assert "お申し込み"[result.starts[i] : result.ends[i + 1]] == "申し込み"
