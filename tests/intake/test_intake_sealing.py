import pytest

from intake.crypto.keys import PrivateKeyring, PublicKeyring, generate_keypair
from intake.crypto.sealing import (
    PAD_BUCKETS,
    PayloadTooLargeError,
    SealedBlob,
    TamperedCiphertextError,
    UnknownKeyError,
    open_sealed,
    reseal,
    seal,
)

# libsodium sealed box overhead: 32-byte ephemeral public key + 16-byte MAC.
SEALED_BOX_OVERHEAD = 48

PAYLOAD = {
    "business_name": "株式会社さくら製作所",
    "contact_name": "山田 太郎",
    "phone": "090-1234-5678",
    "consultation": "事業承継と補助金の申請について相談したい。\n売上が前年比2割減。",
}


@pytest.fixture
def old_pair():
    return generate_keypair()


@pytest.fixture
def new_pair():
    return generate_keypair()


def test_sealed_payload_round_trips_with_japanese_text(old_pair):
    private, public = old_pair
    blob = seal(PAYLOAD, PublicKeyring(public))
    assert open_sealed(blob, PrivateKeyring([private])) == PAYLOAD


def test_blob_records_the_kid_of_the_key_it_was_sealed_to(old_pair):
    keyring = PublicKeyring(old_pair[1])
    assert seal(PAYLOAD, keyring).kid == keyring.kid


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le", "shift_jis", "ascii"])
def test_marker_text_never_appears_in_ciphertext(old_pair, encoding):
    marker = "MARKER-7f3a 秘密の相談" if encoding != "ascii" else "MARKER-7f3a"
    blob = seal({"consultation": marker * 20}, PublicKeyring(old_pair[1]))
    assert marker.encode(encoding) not in blob.ciphertext


def test_sealing_the_same_payload_twice_gives_different_ciphertexts(old_pair):
    keyring = PublicKeyring(old_pair[1])
    assert seal(PAYLOAD, keyring).ciphertext != seal(PAYLOAD, keyring).ciphertext


@pytest.mark.parametrize(
    ("short_text", "long_text"),
    [("", "あ" * 30), ("a", "a" * 150)],
)
def test_texts_of_different_length_in_one_bucket_give_equal_ciphertext_length(
    old_pair, short_text, long_text
):
    keyring = PublicKeyring(old_pair[1])
    short = seal({"consultation": short_text}, keyring).ciphertext
    long = seal({"consultation": long_text}, keyring).ciphertext
    assert len(short) == len(long) == PAD_BUCKETS[0] + SEALED_BOX_OVERHEAD


def test_ciphertext_length_is_one_of_the_pad_buckets(old_pair):
    keyring = PublicKeyring(old_pair[1])
    lengths = {len(seal({"c": "x" * n}, keyring).ciphertext) for n in range(0, 30_000, 997)}
    assert lengths == {bucket + SEALED_BOX_OVERHEAD for bucket in PAD_BUCKETS[:2]}


def test_rotation_reseals_an_old_blob_to_the_new_key(old_pair, new_pair):
    old_blob = seal(PAYLOAD, PublicKeyring(old_pair[1]))
    both = PrivateKeyring([new_pair[0], old_pair[0]])
    new_public = PublicKeyring(new_pair[1])
    new_blob = reseal(old_blob, both, new_public)
    assert new_blob.kid == new_public.kid != old_blob.kid
    assert open_sealed(new_blob, PrivateKeyring([new_pair[0]])) == PAYLOAD


def test_resealing_a_blob_already_on_the_current_key_returns_it_unchanged(old_pair):
    keyring = PublicKeyring(old_pair[1])
    blob = seal(PAYLOAD, keyring)
    assert reseal(blob, PrivateKeyring([old_pair[0]]), keyring) is blob


def test_blob_from_a_key_not_in_the_keyring_reports_unknown_kid(old_pair, new_pair):
    blob = seal(PAYLOAD, PublicKeyring(old_pair[1]))
    with pytest.raises(UnknownKeyError, match=blob.kid):
        open_sealed(blob, PrivateKeyring([new_pair[0]]))


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda c: c[:-1] + bytes([c[-1] ^ 1]), id="last-byte-flipped"),
        pytest.param(lambda c: bytes([c[0] ^ 1]) + c[1:], id="ephemeral-key-flipped"),
        pytest.param(lambda c: c[: len(c) // 2], id="truncated"),
        pytest.param(lambda c: c + b"\x00", id="extended"),
        pytest.param(lambda c: b"", id="empty"),
    ],
)
def test_tampered_ciphertext_is_detected(old_pair, tamper):
    blob = seal(PAYLOAD, PublicKeyring(old_pair[1]))
    tampered = SealedBlob(kid=blob.kid, ciphertext=tamper(blob.ciphertext))
    with pytest.raises(TamperedCiphertextError):
        open_sealed(tampered, PrivateKeyring([old_pair[0]]))


def test_relabelled_kid_pointing_at_another_key_fails_to_open(old_pair, new_pair):
    blob = seal(PAYLOAD, PublicKeyring(old_pair[1]))
    relabelled = SealedBlob(kid=PublicKeyring(new_pair[1]).kid, ciphertext=blob.ciphertext)
    with pytest.raises(TamperedCiphertextError):
        open_sealed(relabelled, PrivateKeyring([old_pair[0], new_pair[0]]))


def test_public_keyring_cannot_open_a_blob(old_pair):
    keyring = PublicKeyring(old_pair[1])
    blob = seal(PAYLOAD, keyring)
    with pytest.raises(TypeError):
        open_sealed(blob, keyring)


def test_non_json_payload_is_refused_before_sealing(old_pair):
    with pytest.raises(TypeError):
        seal({"when": object()}, PublicKeyring(old_pair[1]))


def test_oversized_payload_is_refused(old_pair):
    with pytest.raises(PayloadTooLargeError):
        seal({"consultation": "あ" * 30_000}, PublicKeyring(old_pair[1]))


def test_blob_repr_does_not_show_ciphertext_bytes(old_pair):
    blob = seal(PAYLOAD, PublicKeyring(old_pair[1]))
    assert blob.ciphertext[:8].hex() not in repr(blob)
    assert "bytes>" in repr(blob)
