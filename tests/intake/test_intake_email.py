import pytest

from intake.validation.email import emails_match, normalize_email


@pytest.mark.parametrize(
    ("first", "second", "match"),
    [
        ("taro@example.jp", "taro@example.jp", True),
        ("taro@example.jp", " taro@example.jp ", True),
        ("taro@example.jp", "taro@EXAMPLE.JP", True),
        ("taro@example.jp", "taro＠example.jp", True),
        ("taro@example.jp", "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ", True),
        ("taro@example.jp", "　taro@example.jp　", True),
        ("taro@example.jp", "Taro@example.jp", False),
        ("taro@example.jp", "taro@example.co.jp", False),
        ("taro@example.jp", "jiro@example.jp", False),
        ("taro@example.jp", "", False),
    ],
)
def test_confirmation_email_matches_after_width_and_domain_case_folding(first, second, match):
    assert emails_match(first, second) is match
    assert emails_match(second, first) is match


def test_normalize_email_lowers_only_the_domain():
    assert normalize_email(" Taro.Yamada＠Example.JP ") == "Taro.Yamada@example.jp"


def test_normalize_email_splits_on_the_last_at_sign():
    assert normalize_email('"a@b"@Example.JP') == '"a@b"@example.jp'


def test_normalize_email_leaves_non_ascii_letters_alone():
    assert normalize_email("たろう@例え.jp") == "たろう@例え.jp"
