from django.core.exceptions import ValidationError

import pytest

from intake.validation.phone import parse_phone


@pytest.mark.parametrize(
    ("typed", "formatted"),
    [
        ("03-1234-5678", "03-1234-5678"),
        ("0312345678", "03-1234-5678"),
        ("06 1234 5678", "06-1234-5678"),
        ("090-1234-5678", "090-1234-5678"),
        ("09012345678", "090-1234-5678"),
        ("080 1234 5678", "080-1234-5678"),
        ("070-1234-5678", "070-1234-5678"),
        ("(075)123-4567", "075-123-4567"),
        ("075-123-4567", "075-123-4567"),
        ("0422-12-3456", "0422-12-3456"),
        ("04-2912-3456", "04-2912-3456"),
        ("01267-2-3456", "01267-2-3456"),
        ("０９０－１２３４－５６７８", "090-1234-5678"),
        ("０３ー１２３４ー５６７８", "03-1234-5678"),
        ("０３−１２３４−５６７８", "03-1234-5678"),
        ("+81 90 1234 5678", "090-1234-5678"),
        ("+81-3-1234-5678", "03-1234-5678"),
        ("+81 (0)90 1234 5678", "090-1234-5678"),
        ("+81 090-1234-5678", "090-1234-5678"),
        ("＋８１ ９０ １２３４ ５６７８", "090-1234-5678"),
        ("+81 75-123-4567", "075-123-4567"),
        ("0120-123-456", "0120-123-456"),
        ("0120123456", "0120-123-456"),
        ("0570-000-123", "0570-000-123"),
        ("0800-123-4567", "0800-123-4567"),
        ("050-1234-5678", "050-1234-5678"),
        ("05012345678", "050-1234-5678"),
        ("  03.1234.5678  ", "03-1234-5678"),
    ],
)
def test_accepted_numbers_are_normalised_to_national_format(typed, formatted):
    assert parse_phone(typed).formatted == formatted


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param("0751234567", id="no-grouping-typed"),
        pytest.param("07-5123-4567", id="impossible-grouping"),
        pytest.param("075-1234-567", id="subscriber-not-four-digits"),
    ],
)
def test_landline_with_unknown_area_code_length_is_kept_as_digits(typed):
    result = parse_phone(typed)
    assert result.formatted == result.digits == "0751234567"


def test_result_carries_digits_and_e164():
    result = parse_phone("090-1234-5678")
    assert result.digits == "09012345678"
    assert result.e164 == "+819012345678"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("", "required"),
        ("   ", "required"),
        ("03-1234-567a", "invalid_characters"),
        ("tel:0312345678", "invalid_characters"),
        ("03-1234-5678 内線12", "invalid_characters"),
        ("03+1234+5678", "invalid_characters"),
        ("+1 415 555 0100", "not_domestic"),
        ("3-1234-5678", "invalid_prefix"),
        ("+81 0012345678", "invalid_prefix"),
        ("010-1234-5678", "invalid_prefix"),
        ("00-1234-5678", "invalid_prefix"),
        ("03-1234-567", "invalid_length"),
        ("03-1234-56789", "invalid_length"),
        ("090-1234-567", "invalid_length"),
        ("090-1234-56789", "invalid_length"),
        ("0120-123-4567", "invalid_length"),
        ("012", "invalid_length"),
    ],
)
def test_invalid_numbers_are_rejected_with_a_specific_code(typed, code):
    with pytest.raises(ValidationError) as excinfo:
        parse_phone(typed)
    assert excinfo.value.code == code
