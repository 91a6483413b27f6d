"""The ciphertext's length does not reveal how much was typed.

Sealed payloads are padded to fixed buckets (intake.crypto.sealing.PAD_BUCKETS): every
booking the form accepts, from nothing to every field at its limit in 4-byte characters,
seals to one length. Rows sealed before (format 1, 256-byte blocks) still open.
"""

import json
from datetime import UTC, datetime

import nacl.bindings
import pytest
from nacl.public import SealedBox

from intake.booking import BookingRequest, sealed_payload
from intake.consultation import NOTES_MAX_LENGTH
from intake.crypto.keys import PrivateKeyring, PublicKeyring, generate_keypair
from intake.crypto.sealing import (
    LEGACY_FORMAT_VERSION,
    LEGACY_PAD_BLOCK,
    MAX_PLAINTEXT_BYTES,
    PAD_BUCKETS,
    PayloadTooLargeError,
    SealedBlob,
    UnsupportedFormatError,
    open_sealed,
    reseal,
    seal,
)
from intake.forms import BUSINESS_NAME_MAX, CONSULTATION_MAX, CONTACT_NAME_MAX, EMAIL_MAX

SEALED_BOX_OVERHEAD = 48
BOOKING_LENGTH = PAD_BUCKETS[0] + SEALED_BOX_OVERHEAD
NOW = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)
# Widest in UTF-8 JSON: 4-byte characters, and line breaks and quotes escaped to 2 bytes.
WIDE = "\U0001f600"


@pytest.fixture(scope="module")
def pair():
    return generate_keypair()


def _booking(personal: dict) -> dict:
    request = BookingRequest(
        slot_id=2**31 - 1,
        idempotency_key="k" * 64,
        personal=personal,
        categories={
            "ward": "minami",
            "industry": "manufacturing",
            "employee_band": "101-300",
            "sales_decline_band": "50-",
            "subsidy_status": "planning",
            "topics": ["subsidy", "loan", "tax", "succession", "startup", "digital", "other"],
        },
        language="ja",
    )
    return sealed_payload(request, "R" * 20, NOW)


def _personal(fill: str, consultation: str) -> dict:
    return {
        "business_name": fill * BUSINESS_NAME_MAX,
        "contact_name": fill * CONTACT_NAME_MAX,
        "contact_name_kana": "ア" * CONTACT_NAME_MAX,
        "phone": "+81 90-1234-5678",
        "email": "a" * (EMAIL_MAX - 12) + "@example.jp",
        "consultation": consultation,
    }


SMALLEST = {
    "business_name": "A",
    "contact_name": "B",
    "contact_name_kana": "ア",
    "phone": "0312345678",
    "email": "a@b.jp",
    "consultation": "",
}
LARGEST = _personal(WIDE, WIDE * CONSULTATION_MAX)


def _length(payload, keyring) -> int:
    return len(seal(payload, keyring).ciphertext)


def test_an_empty_and_a_full_booking_seal_to_identical_lengths(pair):
    keyring = PublicKeyring(pair[1])
    short, long = _booking(SMALLEST), _booking(LARGEST)
    sizes = [len(json.dumps(p, ensure_ascii=False).encode()) for p in (short, long)]
    assert sizes[1] > sizes[0] + 4000
    assert _length(short, keyring) == _length(long, keyring) == BOOKING_LENGTH


@pytest.mark.parametrize(
    "unit", ["a", "あ", WIDE, "\n", '"', "\\"], ids=["ascii", "kana", "4-byte", "LF", "quote", "bs"]
)
def test_every_consultation_length_the_form_accepts_seals_to_one_length(pair, unit):
    keyring = PublicKeyring(pair[1])
    lengths = {
        _length(_booking(_personal(WIDE, unit * n)), keyring)
        for n in range(0, CONSULTATION_MAX + 1, 20)
    }
    assert lengths == {BOOKING_LENGTH}


def test_a_longest_consultation_record_fits_a_bucket(pair):
    keyring = PublicKeyring(pair[1])
    payload = {"notes": WIDE * NOTES_MAX_LENGTH, "kind": "visit", "troubles": ["x"] * 20}
    assert _length(payload, keyring) - SEALED_BOX_OVERHEAD in PAD_BUCKETS


@pytest.mark.parametrize("bucket", PAD_BUCKETS)
def test_payloads_at_each_bucket_edge_round_trip(pair, bucket):
    keyring, private = PublicKeyring(pair[1]), PrivateKeyring([pair[0]])
    frame = len(json.dumps({"payload": {"c": ""}, "v": 2}, separators=(",", ":")))
    for size in (bucket - 1, bucket):
        if size > MAX_PLAINTEXT_BYTES:
            continue
        payload = {"c": "x" * (size - frame)}
        blob = seal(payload, keyring)
        expected = bucket if size < bucket else PAD_BUCKETS[PAD_BUCKETS.index(bucket) + 1]
        assert len(blob.ciphertext) - SEALED_BOX_OVERHEAD == expected, size
        assert open_sealed(blob, private) == payload


def test_a_payload_that_fills_the_last_bucket_is_refused(pair):
    keyring = PublicKeyring(pair[1])
    with pytest.raises(PayloadTooLargeError):
        seal({"c": "x" * MAX_PLAINTEXT_BYTES}, keyring)


def _legacy_blob(payload, keyring) -> SealedBlob:
    """A row as format 1 wrote it: JSON with v=1, padded to a multiple of 256 bytes."""
    document = {"v": LEGACY_FORMAT_VERSION, "payload": payload}
    text = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    padded = nacl.bindings.sodium_pad(text.encode(), LEGACY_PAD_BLOCK)
    return SealedBlob(keyring.kid, bytes(SealedBox(keyring.public_key).encrypt(padded)))


@pytest.mark.parametrize("size", [0, 200, 255, 256, 1000, 7935, 7936, 8100, 9000, 20_000])
def test_rows_sealed_in_format_1_still_open_and_reseal_into_a_bucket(pair, size):
    private = PrivateKeyring([pair[0]])
    keyring = PublicKeyring(pair[1])
    payload = {"consultation": "x" * size}
    legacy = _legacy_blob(payload, keyring)
    assert (len(legacy.ciphertext) - SEALED_BOX_OVERHEAD) % LEGACY_PAD_BLOCK == 0
    assert open_sealed(legacy, private) == payload
    new_pair = generate_keypair()
    resealed = reseal(legacy, private, PublicKeyring(new_pair[1]))
    assert len(resealed.ciphertext) - SEALED_BOX_OVERHEAD in PAD_BUCKETS
    assert open_sealed(resealed, PrivateKeyring([new_pair[0]])) == payload


def _raw_blob(plaintext: bytes, keyring) -> SealedBlob:
    return SealedBlob(keyring.kid, bytes(SealedBox(keyring.public_key).encrypt(plaintext)))


@pytest.mark.parametrize(
    "plaintext",
    [
        # Format 2 must be a whole bucket.
        nacl.bindings.sodium_pad(b'{"payload":{},"v":2}', LEGACY_PAD_BLOCK),
        # Unknown versions, in a bucket or a legacy block.
        nacl.bindings.sodium_pad(b'{"payload":{},"v":3}', PAD_BUCKETS[0]),
        nacl.bindings.sodium_pad(b'{"payload":{},"v":3}', LEGACY_PAD_BLOCK),
        # Not padded at all, or padding without its 0x80 marker.
        b'{"payload":{},"v":2}',
        b'{"payload":{},"v":1}' + b"\x00" * 236,
    ],
    ids=["v2-not-a-bucket", "v3-bucket", "v3-block", "unpadded", "no-marker"],
)
def test_a_payload_whose_padding_does_not_match_its_version_is_refused(pair, plaintext):
    keyring = PublicKeyring(pair[1])
    with pytest.raises(UnsupportedFormatError):
        open_sealed(_raw_blob(plaintext, keyring), PrivateKeyring([pair[0]]))
