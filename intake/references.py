"""Reference codes, cancellation tokens and idempotency keys for bookings.

Reference code: 8 symbols of Crockford base32 (no I, L, O, U), 40 bits from
``secrets``, shown as ``K7Q-4MZ9X`` (hyphen after the third symbol). It is
what an owner reads out on the phone, so it must survive being typed back in
lower case, with spaces, without the hyphen, or with O/I/L for 0/1.
It identifies a booking; it does not authorise anything (cancelling needs the
token), so 40 bits plus rate limiting is ample to stop enumeration.

Cancellation token: 256 bits from ``secrets.token_urlsafe(32)``, sent only in
the owner's email. The DB keeps ``hash_token(token)``: plain SHA-256. A slow,
salted password hash exists to make guessing *low-entropy* secrets expensive;
for a uniformly random 256-bit token there is nothing to guess, and a leaked
hash cannot be inverted or brute-forced. A salt would not help either, since
no two tokens collide. A fast hash also lets the cancel view look the
reservation up by hash directly.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata
import uuid

CROCKFORD_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCE_LENGTH = 8
REFERENCE_HYPHEN_AFTER = 3

# Read-alike letters mapped the Crockford way. U is not mapped: it is not in
# the alphabet and has no unambiguous reading.
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
# Everything people (or IMEs) type between groups: spaces and dashes,
# including the katakana long-vowel mark an IME produces for "-".
_SEPARATORS = frozenset(" \t-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\uff0d\u3000")


class InvalidReferenceError(ValueError):
    """The text cannot be a reference code."""


def new_reference() -> str:
    symbols = "".join(secrets.choice(CROCKFORD_ALPHABET) for _ in range(REFERENCE_LENGTH))
    return _with_hyphen(symbols)


def _with_hyphen(symbols: str) -> str:
    return f"{symbols[:REFERENCE_HYPHEN_AFTER]}-{symbols[REFERENCE_HYPHEN_AFTER:]}"


def normalize_reference(text: str) -> str:
    """Return the canonical ``XXX-XXXXX`` form, or raise InvalidReferenceError."""
    folded = unicodedata.normalize("NFKC", text).upper()
    symbols = "".join(ch for ch in folded if ch not in _SEPARATORS).translate(_LOOKALIKES)
    if len(symbols) != REFERENCE_LENGTH or any(ch not in CROCKFORD_ALPHABET for ch in symbols):
        raise InvalidReferenceError("Not a reference code.")
    return _with_hyphen(symbols)


def is_valid_reference(text: str) -> bool:
    try:
        normalize_reference(text)
    except InvalidReferenceError:
        return False
    return True


def new_cancel_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def tokens_match(token: str, hashed: str) -> bool:
    """Compare a presented token with a stored hash in constant time."""
    return hmac.compare_digest(
        hash_token(token).encode("ascii"), hashed.encode("utf-8", "surrogatepass")
    )


def new_idempotency_key() -> str:
    """A fresh key for the booking form's hidden field (a UUID4 string).

    The form carries it so a double-submitted POST books one seat, not two.
    It is random so it cannot be predicted and pre-claimed by someone else.
    """
    return str(uuid.uuid4())
