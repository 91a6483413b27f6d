import re

import pytest

from intake.references import (
    CROCKFORD_ALPHABET,
    InvalidReferenceError,
    hash_token,
    is_valid_reference,
    new_cancel_token,
    new_idempotency_key,
    new_reference,
    normalize_reference,
    tokens_match,
)

REFERENCE_PATTERN = re.compile(r"^[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{5}$")


def test_alphabet_is_crockford_base32_without_ambiguous_letters():
    assert len(set(CROCKFORD_ALPHABET)) == 32
    assert not set("ILOU") & set(CROCKFORD_ALPHABET)


def test_new_reference_is_eight_symbols_with_hyphen_after_three():
    for _ in range(200):
        assert REFERENCE_PATTERN.match(new_reference())


def test_new_references_do_not_repeat():
    assert len({new_reference() for _ in range(2000)}) == 2000


def test_new_reference_is_already_normalised():
    reference = new_reference()
    assert normalize_reference(reference) == reference


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("K7Q-4MZ9X", "K7Q-4MZ9X"),
        ("k7q-4mz9x", "K7Q-4MZ9X"),
        ("K7Q4MZ9X", "K7Q-4MZ9X"),
        (" k7q 4mz 9x ", "K7Q-4MZ9X"),
        ("ＫＡＢ－１２３４５", "KAB-12345"),
        ("KAB ー 12345", "KAB-12345"),
        ("OIL-00000", "011-00000"),
        ("oil-lllll", "011-11111"),
    ],
)
def test_normalize_reference_accepts_how_people_type_it(typed, canonical):
    assert normalize_reference(typed) == canonical


@pytest.mark.parametrize(
    "typed",
    ["", "K7Q-4MZ9", "K7Q-4MZ9XY", "K7Q-4MZ9U", "K7Q_4MZ9X", "K7Q/4MZ9X", "K7Q-4MZ9あ"],
)
def test_normalize_reference_rejects_what_cannot_be_a_reference(typed):
    with pytest.raises(InvalidReferenceError):
        normalize_reference(typed)
    assert not is_valid_reference(typed)


def test_cancel_token_carries_256_bits_and_is_url_safe():
    token = new_cancel_token()
    assert len(token) == 43
    assert re.fullmatch(r"[A-Za-z0-9_-]+", token)
    assert new_cancel_token() != token


def test_hash_token_is_sha256_hex_and_not_the_token():
    token = new_cancel_token()
    hashed = hash_token(token)
    assert re.fullmatch(r"[0-9a-f]{64}", hashed)
    assert token not in hashed
    assert hash_token(token) == hashed


@pytest.mark.parametrize(
    ("presented", "matches"),
    [
        ("the-token", True),
        ("the-token ", False),
        ("The-token", False),
        ("", False),
        ("取消トークン", False),
    ],
)
def test_tokens_match_only_the_exact_token(presented, matches):
    assert tokens_match(presented, hash_token("the-token")) is matches


def test_tokens_match_tolerates_a_malformed_stored_hash():
    assert tokens_match("x", "not-a-hash-ü") is False


def test_idempotency_keys_are_unique_uuid_strings():
    keys = {new_idempotency_key() for _ in range(100)}
    assert len(keys) == 100
    assert all(re.fullmatch(r"[0-9a-f-]{36}", key) for key in keys)
