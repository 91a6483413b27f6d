"""The staff OTP key: seals TOTP seeds and keys the hash of backup codes.

Staff tier only. The public tier never holds this key: it refuses to start when
``STAFF_OTP_KEY`` or ``STAFF_OTP_KEY_FILE`` is set (``check_tier_keys``), and
``keyring()`` refuses to load on it. See docs/security.md ("Secrets at rest")
and docs/operations.md (rotation, recovery).

Where the keys come from, first match wins:

- ``settings.STAFF_OTP_KEYS`` (a list; the test settings set a fixed key);
- ``STAFF_OTP_KEY`` (environment): base64 keys of 32 bytes, comma-separated;
- ``STAFF_OTP_KEY_FILE`` (environment): a file with one base64 key a line;
- outside production only, ``settings.STAFF_OTP_DEV_KEY_FILE``
  (``PORTAL_DATA_DIR/keys/staff-otp.secret``, made by ``manage.py staff_otp_key ensure-dev``).

The first key is current: it seals every new seed and hashes every new backup
code. The others are older keys, kept for reading until ``staff_otp_key reseal``
has moved every seed to the current key.

Stored forms (the key id ``kid`` is derived from the key, so the setting is only keys):

- seed: ``v1$<kid>$<base64(nonce + ciphertext)>``, XChaCha20-Poly1305 (``nacl.secret.Aead``)
  with ``staff-otp-seed:v1:<kid>:<user id>`` as associated data, so a value copied
  to another user's row, or relabelled with another kid, does not decrypt;
- backup code: ``v1$<kid>$<hex HMAC-SHA256(subkey, "<user id>:<code>")>``.

Sealing and hashing use two subkeys derived from the key with BLAKE2b, never the
key itself.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import hmac
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

import nacl.exceptions
import nacl.secret
import nacl.utils

ENV_KEY = "STAFF_OTP_KEY"
ENV_KEY_FILE = "STAFF_OTP_KEY_FILE"
VERSION = "v1"
KEY_SIZE = 32


class StaffOTPKeyError(ImproperlyConfigured):
    """The staff OTP key is missing, malformed, or asked for on the public tier."""


class SealedSeedError(ValueError):
    """A stored seed that does not open: wrong user, unknown key, or altered."""


def _derive(key: bytes, purpose: bytes, size: int = KEY_SIZE) -> bytes:
    return hashlib.blake2b(key=key, person=purpose, digest_size=size).digest()


@dataclass(frozen=True)
class StaffOTPKey:
    kid: str
    seal_key: bytes
    hash_key: bytes

    @classmethod
    def from_bytes(cls, raw: bytes) -> StaffOTPKey:
        if len(raw) != KEY_SIZE:
            raise StaffOTPKeyError(f"A staff OTP key is {KEY_SIZE} bytes, not {len(raw)}.")
        return cls(
            kid=_derive(raw, b"otp-kid", 4).hex(),
            seal_key=_derive(raw, b"otp-seed"),
            hash_key=_derive(raw, b"otp-backup"),
        )

    def __repr__(self):  # never print key material
        return f"StaffOTPKey(kid={self.kid!r})"


@dataclass(frozen=True)
class Keyring:
    keys: tuple[StaffOTPKey, ...]

    @property
    def current(self) -> StaffOTPKey:
        return self.keys[0]

    def get(self, kid: str) -> StaffOTPKey | None:
        return next((key for key in self.keys if key.kid == kid), None)


def generate_key() -> str:
    """A new key, base64, for the secret store or the dev key file."""
    return base64.b64encode(nacl.utils.random(KEY_SIZE)).decode("ascii")


def parse_keys(text: str) -> tuple[StaffOTPKey, ...]:
    """Keys from base64 separated by commas or newlines; the first is current."""
    keys = []
    for part in text.replace(",", "\n").split():
        try:
            raw = base64.b64decode(part, validate=True)
        except binascii.Error as error:
            raise StaffOTPKeyError("A staff OTP key is not valid base64.") from error
        keys.append(StaffOTPKey.from_bytes(raw))
    if not keys:
        raise StaffOTPKeyError("The staff OTP key setting is empty.")
    return tuple(keys)


def _tier() -> str:
    return getattr(settings, "PORTAL_TIER", "public")


def _read(path: Path, name: str) -> str:
    try:
        return path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as error:
        raise StaffOTPKeyError(f"{name}: cannot read {path}: {error}") from error


def load_keys(env=None) -> tuple[StaffOTPKey, ...]:
    env = os.environ if env is None else env
    if getattr(settings, "STAFF_OTP_KEYS", None):
        return parse_keys(",".join(settings.STAFF_OTP_KEYS))
    if env.get(ENV_KEY):
        return parse_keys(env[ENV_KEY])
    if env.get(ENV_KEY_FILE):
        return parse_keys(_read(Path(env[ENV_KEY_FILE]), ENV_KEY_FILE))
    if settings.PORTAL_ENV != "production":
        path = Path(settings.STAFF_OTP_DEV_KEY_FILE)
        if path.is_file():
            return parse_keys(_read(path, "STAFF_OTP_DEV_KEY_FILE"))
        raise StaffOTPKeyError(
            f"No staff OTP key at {path}; run `manage.py staff_otp_key ensure-dev`."
        )
    raise StaffOTPKeyError(f"The staff tier needs {ENV_KEY} or {ENV_KEY_FILE} in production.")


@functools.cache
def keyring() -> Keyring:
    """The staff OTP keys (staff tier only; cached per process)."""
    if _tier() != "staff":
        raise StaffOTPKeyError("The staff OTP key is only available on the staff tier.")
    return Keyring(load_keys())


@receiver(setting_changed)
def _setting_changed(*, setting, **kwargs):
    if setting.startswith("STAFF_OTP_") or setting in ("PORTAL_TIER", "PORTAL_ENV"):
        keyring.cache_clear()


def check_tier_keys(env=None) -> None:
    """At start-up: the public tier refuses the key; the production staff tier needs it."""
    env = os.environ if env is None else env
    if _tier() == "public":
        given = [name for name in (ENV_KEY, ENV_KEY_FILE) if env.get(name)]
        if given:
            raise StaffOTPKeyError(
                f"The public tier must never hold the staff OTP key: unset {', '.join(given)}."
            )
    elif settings.PORTAL_ENV == "production":
        if not (env.get(ENV_KEY) or env.get(ENV_KEY_FILE)):
            raise StaffOTPKeyError(
                f"The production staff tier needs {ENV_KEY} or {ENV_KEY_FILE} (docs/deploy.md)."
            )
        load_keys(env)  # malformed keys stop the start, not the first login


# --- Seeds -------------------------------------------------------------------


def _seed_aad(kid: str, user_id) -> bytes:
    return f"staff-otp-seed:{VERSION}:{kid}:{int(user_id)}".encode("ascii")


def seal_seed(seed: bytes, user_id, ring: Keyring | None = None) -> str:
    key = (ring or keyring()).current
    box = nacl.secret.Aead(key.seal_key)
    sealed = box.encrypt(seed, _seed_aad(key.kid, user_id))
    return f"{VERSION}${key.kid}${base64.b64encode(bytes(sealed)).decode('ascii')}"


def _split(stored: str) -> tuple[str, str]:
    parts = (stored or "").split("$", 2)
    if len(parts) != 3 or parts[0] != VERSION or not parts[1]:
        raise SealedSeedError("Not a sealed value of a known version.")
    return parts[1], parts[2]


def sealed_kid(stored: str) -> str:
    return _split(stored)[0]


def open_seed(stored: str, user_id, ring: Keyring | None = None) -> bytes:
    kid, body = _split(stored)
    key = (ring or keyring()).get(kid)
    if key is None:
        raise SealedSeedError(f"The staff OTP key {kid} is not configured.")
    try:
        return nacl.secret.Aead(key.seal_key).decrypt(
            base64.b64decode(body, validate=True), _seed_aad(kid, user_id)
        )
    except (binascii.Error, nacl.exceptions.CryptoError) as error:
        raise SealedSeedError("The sealed seed does not open for this user.") from error


# --- Backup codes ------------------------------------------------------------


def _code_digest(key: StaffOTPKey, code: str, user_id) -> str:
    message = f"{int(user_id)}:{code}".encode()
    return hmac.new(key.hash_key, message, hashlib.sha256).hexdigest()


def hash_backup_code(code: str, user_id, ring: Keyring | None = None) -> str:
    key = (ring or keyring()).current
    return f"{VERSION}${key.kid}${_code_digest(key, code, user_id)}"


def backup_code_matches(stored: str, code: str, user_id, ring: Keyring | None = None) -> bool:
    """Constant-time comparison of a candidate code with one stored hash."""
    try:
        kid, digest = _split(stored)
    except SealedSeedError:
        return False
    key = (ring or keyring()).get(kid)
    if key is None:
        return False
    return hmac.compare_digest(digest.encode("ascii"), _code_digest(key, code, user_id).encode())
