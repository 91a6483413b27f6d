"""Seal a booking's personal data to the intake public key, and open it again.

Plaintext layout: UTF-8 JSON of ``{"v": FORMAT_VERSION, "payload": {...}}``
(sorted keys, no ASCII escaping, so Japanese stays 3 bytes a character rather
than 6), padded, then encrypted with a libsodium sealed box (ephemeral
X25519 + XSalsa20-Poly1305). A sealed box is anonymous and authenticated
against corruption: anyone with the public key can seal, only the private key
opens, and any change to the ciphertext makes opening fail.

Why pad. Encryption hides content but not length: a sealed box is exactly the
plaintext plus 48 bytes. Unpadded, the stored ciphertext length would tell an
attacker with read access to the intake DB (or a backup) how long someone's
consultation text is, closely enough to separate "no details" from a page of
them, or to match a record against a known submission.

Format 2 (current) pads the plaintext to the smallest of PAD_BUCKETS that holds it
plus one byte (ISO/IEC 7816-4 padding via libsodium's sodium_pad: 0x80, then
zeros). The largest booking the form accepts fits the first bucket
(tests/intake/test_sealed_payload_size.py), so every booking's ciphertext has the
same length, whatever was typed; a 相談票 with long notes may take the next one.
A payload that fills the last bucket is refused (PayloadTooLargeError).

Format 1 (rows written before) padded to a multiple of LEGACY_PAD_BLOCK (256).
Those rows still open: ISO 7816-4 padding is unambiguous whatever the block size
(the plaintext is JSON, which never ends in 0x00 or 0x80), and the version inside
says which length rule the row must follow. Re-sealing (key rotation) writes them
in format 2.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import nacl.bindings
import nacl.exceptions
from nacl.public import SealedBox

from .keys import PrivateKeyring, PublicKeyring

FORMAT_VERSION = 2
# Padded lengths of format 2. The form's fields are bounded well below the last one;
# the cap keeps a bug or an abusive request from sealing (and storing) megabytes.
PAD_BUCKETS = (8 * 1024, 32 * 1024, 64 * 1024)
MAX_PLAINTEXT_BYTES = PAD_BUCKETS[-1] - 1  # the padding takes at least one byte
LEGACY_FORMAT_VERSION = 1
LEGACY_PAD_BLOCK = 256


class SealingError(Exception):
    """Base class for failures to seal or open an intake payload."""


class UnknownKeyError(SealingError):
    """No private key in the keyring matches the blob's kid."""


class TamperedCiphertextError(SealingError):
    """The ciphertext does not open: altered, truncated, or a wrong key."""


class UnsupportedFormatError(SealingError):
    """The plaintext opened but is not a payload format this code knows."""


class PayloadTooLargeError(SealingError):
    """The serialised payload exceeds MAX_PLAINTEXT_BYTES."""


@dataclass(frozen=True)
class SealedBlob:
    kid: str
    ciphertext: bytes

    def __repr__(self) -> str:
        return f"SealedBlob(kid={self.kid!r}, ciphertext=<{len(self.ciphertext)} bytes>)"


def _serialise(payload: dict[str, Any]) -> bytes:
    if not isinstance(payload, dict):
        raise TypeError("The payload to seal must be a dict.")
    document = {"v": FORMAT_VERSION, "payload": payload}
    text = json.dumps(
        document, sort_keys=True, ensure_ascii=False, allow_nan=False, separators=(",", ":")
    )
    plaintext = text.encode("utf-8")
    if len(plaintext) > MAX_PLAINTEXT_BYTES:
        raise PayloadTooLargeError(
            f"Serialised payload is {len(plaintext)} bytes; the limit is {MAX_PLAINTEXT_BYTES}."
        )
    bucket = next(size for size in PAD_BUCKETS if size > len(plaintext))
    return nacl.bindings.sodium_pad(plaintext, bucket)


def padded_length_fits(version, length: int) -> bool:
    """Whether a padded plaintext of `length` bytes is what format `version` writes."""
    if version == FORMAT_VERSION:
        return length in PAD_BUCKETS
    return version == LEGACY_FORMAT_VERSION and length > 0 and length % LEGACY_PAD_BLOCK == 0


def _deserialise(padded: bytes) -> dict[str, Any]:
    # A bucket's padding may span the whole bucket; legacy padding spans one 256-byte block.
    block = len(padded) if len(padded) in PAD_BUCKETS else LEGACY_PAD_BLOCK
    try:
        plaintext = nacl.bindings.sodium_unpad(padded, block)
        document = json.loads(plaintext.decode("utf-8"))
    except (ValueError, nacl.exceptions.CryptoError):
        # Only reachable if whoever sealed it did not use this module.
        raise UnsupportedFormatError("The opened payload is not padded JSON.") from None
    version = document.get("v") if isinstance(document, dict) else None
    if not padded_length_fits(version, len(padded)):
        raise UnsupportedFormatError(
            f"Unsupported payload format version {version!r} for {len(padded)} padded bytes."
        )
    payload = document.get("payload")
    if not isinstance(payload, dict):
        raise UnsupportedFormatError("The payload is not an object.")
    return payload


def seal(payload: dict[str, Any], keyring: PublicKeyring) -> SealedBlob:
    """Seal a JSON-serialisable dict to the keyring's current public key."""
    ciphertext = SealedBox(keyring.public_key).encrypt(_serialise(payload))
    return SealedBlob(kid=keyring.kid, ciphertext=bytes(ciphertext))


def open_sealed(blob: SealedBlob, private_keyring: PrivateKeyring) -> dict[str, Any]:
    """Open a blob with the private key its kid names.

    Callers on the staff tier must write the audit entry for the decryption.
    """
    if not isinstance(private_keyring, PrivateKeyring):
        raise TypeError("Opening a sealed blob needs a PrivateKeyring.")
    private_key = private_keyring.get(blob.kid)
    if private_key is None:
        raise UnknownKeyError(f"No private key for kid {blob.kid!r}.")
    try:
        padded = SealedBox(private_key).decrypt(bytes(blob.ciphertext))
    except nacl.exceptions.CryptoError:
        raise TamperedCiphertextError(
            f"Sealed blob for kid {blob.kid!r} failed to open: it was altered or truncated."
        ) from None
    return _deserialise(padded)


def reseal(
    blob: SealedBlob,
    private_keyring: PrivateKeyring,
    public_keyring: PublicKeyring,
) -> SealedBlob:
    """Re-encrypt a blob to the current public key, for key rotation.

    Returns the same blob when it is already sealed to the current key, so a
    rotation command can be re-run safely.
    """
    if blob.kid == public_keyring.kid:
        return blob
    return seal(open_sealed(blob, private_keyring), public_keyring)
