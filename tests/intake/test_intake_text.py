import unicodedata

from django.core.exceptions import ValidationError

import pytest

from intake.validation.text import check_free_text, check_furigana, check_single_line


def _code(func, *args):
    with pytest.raises(ValidationError) as excinfo:
        func(*args)
    return excinfo.value


@pytest.mark.parametrize(
    "char",
    [
        pytest.param("\x00", id="NUL"),
        pytest.param("\x07", id="BEL"),
        pytest.param("\x1b", id="ESC"),
        pytest.param("\x7f", id="DEL"),
        pytest.param("\x85", id="NEL-C1"),
        pytest.param("\x9b", id="CSI-C1"),
        pytest.param("\u202a", id="LRE"),
        pytest.param("\u202b", id="RLE"),
        pytest.param("\u202c", id="PDF"),
        pytest.param("\u202d", id="LRO"),
        pytest.param("\u202e", id="RLO"),
        pytest.param("\u2066", id="LRI"),
        pytest.param("\u2067", id="RLI"),
        pytest.param("\u2068", id="FSI"),
        pytest.param("\u2069", id="PDI"),
    ],
)
@pytest.mark.parametrize("check", [check_free_text, check_single_line])
def test_control_and_bidi_override_characters_are_rejected(check, char):
    assert _code(check, f"相談{char}内容", 100).code == "control_character"


@pytest.mark.parametrize("char", ["\t", "\u200b", "\u3000", "👍"])
def test_ordinary_whitespace_and_symbols_are_accepted_in_free_text(char):
    assert check_free_text(f"相談{char}内容", 100) == f"相談{char}内容"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("一行目\r\n二行目", "一行目\n二行目"),
        ("一行目\r二行目", "一行目\n二行目"),
        ("一行目\n二行目", "一行目\n二行目"),
    ],
)
def test_free_text_line_breaks_are_stored_as_lf(typed, stored):
    assert check_free_text(typed, 100) == stored


def test_free_text_is_returned_nfc_normalised():
    decomposed = unicodedata.normalize("NFD", "ガイド")
    assert decomposed != "ガイド"
    assert check_free_text(decomposed, 100) == "ガイド"


@pytest.mark.parametrize(
    ("text", "max_len", "ok"),
    [
        ("あ" * 10, 10, True),
        ("あ" * 11, 10, False),
        (unicodedata.normalize("NFD", "ガ") * 10, 10, True),
        ("あ\r\n" * 5, 10, True),
        ("あ\r\n" * 5 + "い", 10, False),
        ("", 0, True),
    ],
)
def test_free_text_length_is_counted_after_nfc_and_crlf_folding(text, max_len, ok):
    if ok:
        check_free_text(text, max_len)
    else:
        error = _code(check_free_text, text, max_len)
        assert error.code == "too_long"
        assert error.params["limit"] == max_len


def test_too_long_error_reports_the_limit_and_the_actual_length():
    error = _code(check_free_text, "あ" * 12, 10)
    assert error.params == {"limit": 10, "length": 12}


def test_no_length_limit_when_max_len_is_none():
    assert check_free_text("あ" * 5000, None) == "あ" * 5000


@pytest.mark.parametrize("char", ["\n", "\r", "\r\n", "\u2028", "\u2029"])
def test_single_line_rejects_line_breaks(char):
    assert _code(check_single_line, f"株式会社{char}さくら", 100).code == "line_break"


def test_single_line_accepts_a_plain_business_name():
    assert check_single_line("株式会社さくら製作所", 20) == "株式会社さくら製作所"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("やまだ たろう", "やまだ たろう"),
        ("ヤマダ　タロウ", "ヤマダ タロウ"),
        ("ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダ タロウ"),
        ("コーヒー", "コーヒー"),
        ("ヴァイオリン", "ヴァイオリン"),
        (" さくら ", "さくら"),
        ("", ""),
    ],
)
def test_furigana_accepts_kana_spaces_and_long_vowel_mark(typed, stored):
    assert check_furigana(typed) == stored


@pytest.mark.parametrize(
    "typed",
    ["山田 たろう", "yamada", "ヤマダ・タロウ", "ヤマダ-タロウ", "やまだ1", "やまだ\u202e"],
)
def test_furigana_rejects_anything_but_kana(typed):
    assert _code(check_furigana, typed).code == "not_kana"


def test_furigana_respects_max_len():
    assert _code(check_furigana, "ア" * 6, 5).code == "too_long"
