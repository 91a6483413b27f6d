"""Intake key pairs: generation, key files, environment loading and tier checks.

Encoding. Both halves of a Curve25519 key pair are 32 random-looking bytes, so
bare base64 cannot tell a private key from a public one. Every encoded key
therefore carries a type tag: ``intake-public-v1:<base64>`` or
``intake-private-v1:<base64>``. That is what lets us refuse, with a clear
error, a private key pasted where the public key belongs (which would put the
private key on the public tier).

Key id (kid). The first 16 hex characters of BLAKE2b over the public key bytes.
It is stable, reveals nothing secret and is stored next to each sealed blob so
the staff tier knows which private key opens it.

Environment. Loaders take an ``env`` mapping rather than reading
``os.environ`` so they can be tested; settings pass ``os.environ``.

- public tier: ``INTAKE_PUBLIC_KEY`` (encoded key) or ``INTAKE_PUBLIC_KEY_FILE``.
- staff tier: any of ``INTAKE_PRIVATE_KEYS`` (comma-separated encoded keys),
  ``INTAKE_PRIVATE_KEY_FILES`` (comma-separated paths), ``INTAKE_KEY_DIR``
  (every ``*.key`` file in it). All given keys are merged.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from nacl.public import PrivateKey, PublicKey

PUBLIC_TAG = "intake-public-v1:"
PRIVATE_TAG = "intake-private-v1:"
KEY_BYTES = 32
KID_HEX_CHARS = 16

ENV_PUBLIC_KEY = "INTAKE_PUBLIC_KEY"
ENV_PUBLIC_KEY_FILE = "INTAKE_PUBLIC_KEY_FILE"
ENV_PRIVATE_KEYS = "INTAKE_PRIVATE_KEYS"
ENV_PRIVATE_KEY_FILES = "INTAKE_PRIVATE_KEY_FILES"
ENV_KEY_DIR = "INTAKE_KEY_DIR"
PRIVATE_ENV_VARS = (ENV_PRIVATE_KEYS, ENV_PRIVATE_KEY_FILES, ENV_KEY_DIR)

PUBLIC_SUFFIX = ".pub"
PRIVATE_SUFFIX = ".key"


class KeyConfigurationError(Exception):
    """The intake keys are missing, malformed, or on the wrong tier.

    Messages name variables and files, never key material.
    """


def key_id(public_key: PublicKey) -> str:
    digest = hashlib.blake2b(bytes(public_key), digest_size=KID_HEX_CHARS // 2)
    return digest.hexdigest()


def generate_keypair() -> tuple[PrivateKey, PublicKey]:
    private_key = PrivateKey.generate()
    return private_key, private_key.public_key


def encode_public_key(public_key: PublicKey) -> str:
    return PUBLIC_TAG + base64.b64encode(bytes(public_key)).decode("ascii")


def encode_private_key(private_key: PrivateKey) -> str:
    return PRIVATE_TAG + base64.b64encode(bytes(private_key)).decode("ascii")


def _decode_tagged(text: str, expected_tag: str, source: str) -> bytes:
    text = text.strip()
    other_tag = PRIVATE_TAG if expected_tag == PUBLIC_TAG else PUBLIC_TAG
    expected_kind = "public" if expected_tag == PUBLIC_TAG else "private"
    if text.startswith(other_tag):
        other_kind = "private" if expected_kind == "public" else "public"
        raise KeyConfigurationError(
            f"{source}: a {other_kind} key was given where the {expected_kind} key is expected."
        )
    if not text.startswith(expected_tag):
        raise KeyConfigurationError(
            f"{source}: not an intake {expected_kind} key; expected the form "
            f"'{expected_tag}<base64>' as written by write_keypair()."
        )
    try:
        raw = base64.b64decode(text[len(expected_tag) :], validate=True)
    except (binascii.Error, ValueError):
        raise KeyConfigurationError(f"{source}: the key is not valid base64.") from None
    if len(raw) != KEY_BYTES:
        raise KeyConfigurationError(
            f"{source}: the key decodes to {len(raw)} bytes; expected {KEY_BYTES}."
        )
    return raw


def decode_public_key(text: str, source: str = "public key") -> PublicKey:
    return PublicKey(_decode_tagged(text, PUBLIC_TAG, source))


def decode_private_key(text: str, source: str = "private key") -> PrivateKey:
    return PrivateKey(_decode_tagged(text, PRIVATE_TAG, source))


@dataclass(frozen=True)
class PublicKeyring:
    """The one current public key; everything new is sealed to it."""

    public_key: PublicKey

    @property
    def kid(self) -> str:
        return key_id(self.public_key)

    def __repr__(self) -> str:
        return f"PublicKeyring(kid={self.kid!r})"


class PrivateKeyring:
    """Private keys by kid: the current one and older ones kept for rotation."""

    def __init__(self, private_keys: Iterable[PrivateKey]):
        self._keys: dict[str, PrivateKey] = {}
        for private_key in private_keys:
            self._keys[key_id(private_key.public_key)] = private_key
        if not self._keys:
            raise KeyConfigurationError("A private keyring needs at least one key.")

    @property
    def kids(self) -> frozenset[str]:
        return frozenset(self._keys)

    def __contains__(self, kid: object) -> bool:
        return kid in self._keys

    def __len__(self) -> int:
        return len(self._keys)

    def get(self, kid: str) -> PrivateKey | None:
        return self._keys.get(kid)

    def public_keyring(self, kid: str) -> PublicKeyring:
        return PublicKeyring(self._keys[kid].public_key)

    def __repr__(self) -> str:
        # Never show key material, not even by accident in a traceback.
        return f"PrivateKeyring(kids={sorted(self._keys)!r})"


def key_file_names(kid: str) -> tuple[str, str]:
    return f"intake-{kid}{PUBLIC_SUFFIX}", f"intake-{kid}{PRIVATE_SUFFIX}"


def _write_new_file(path: Path, text: str, mode: int) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    except FileExistsError:
        raise KeyConfigurationError(f"{path} already exists; not overwriting it.") from None
    try:
        # The umask may have loosened nothing but can tighten; set it exactly.
        os.fchmod(fd, mode)
        os.write(fd, (text + "\n").encode("ascii"))
    finally:
        os.close(fd)


def write_keypair(
    directory: str | os.PathLike[str],
    private_key: PrivateKey | None = None,
) -> tuple[str, Path, Path]:
    """Write ``intake-<kid>.pub`` (0644) and ``intake-<kid>.key`` (0600).

    Generates a key pair unless one is given. Refuses to overwrite either file.
    Returns ``(kid, public_path, private_path)``.
    """
    if private_key is None:
        private_key, _ = generate_keypair()
    directory = Path(directory)
    kid = key_id(private_key.public_key)
    public_name, private_name = key_file_names(kid)
    public_path, private_path = directory / public_name, directory / private_name
    for path in (public_path, private_path):
        if path.exists():
            raise KeyConfigurationError(f"{path} already exists; not overwriting it.")
    # Private key first: a crash between the two writes must not leave a
    # public key to seal to whose private half was never saved.
    _write_new_file(private_path, encode_private_key(private_key), 0o600)
    _write_new_file(public_path, encode_public_key(private_key.public_key), 0o644)
    return kid, public_path, private_path


def _env_value(env: Mapping[str, str], name: str) -> str | None:
    value = env.get(name)
    if value is None or not value.strip():
        return None
    return value.strip()


def _split_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _read_key_file(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii")
    except FileNotFoundError:
        raise KeyConfigurationError(f"{path}: key file not found.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyConfigurationError(
            f"{path}: cannot read key file ({type(exc).__name__})."
        ) from None


def load_public_keyring(env: Mapping[str, str]) -> PublicKeyring:
    inline = _env_value(env, ENV_PUBLIC_KEY)
    file_name = _env_value(env, ENV_PUBLIC_KEY_FILE)
    if inline and file_name:
        raise KeyConfigurationError(
            f"Set only one of {ENV_PUBLIC_KEY} and {ENV_PUBLIC_KEY_FILE}, not both."
        )
    if inline:
        return PublicKeyring(decode_public_key(inline, ENV_PUBLIC_KEY))
    if file_name:
        path = Path(file_name)
        return PublicKeyring(decode_public_key(_read_key_file(path), str(path)))
    raise KeyConfigurationError(
        f"No intake public key: set {ENV_PUBLIC_KEY} or {ENV_PUBLIC_KEY_FILE}."
    )


def _check_private_file_mode(path: Path) -> None:
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise KeyConfigurationError(
            f"{path}: private key file is accessible to group or others "
            f"(mode {stat.S_IMODE(mode):04o}); chmod 600 it."
        )


def _private_key_files_in(directory: Path) -> list[Path]:
    if not directory.is_dir():
        raise KeyConfigurationError(f"{directory}: key directory not found.")
    return sorted(p for p in directory.glob(f"*{PRIVATE_SUFFIX}") if p.is_file())


def _load_private_key_file(path: Path) -> PrivateKey:
    if not path.is_file():
        raise KeyConfigurationError(f"{path}: key file not found.")
    _check_private_file_mode(path)
    private_key = decode_private_key(_read_key_file(path), str(path))
    kid = key_id(private_key.public_key)
    if path.name.startswith("intake-") and path.name != key_file_names(kid)[1]:
        raise KeyConfigurationError(f"{path}: file name does not match the key inside (kid {kid}).")
    return private_key


def _private_keys_from_env(env: Mapping[str, str]) -> Iterator[PrivateKey]:
    inline = _env_value(env, ENV_PRIVATE_KEYS)
    if inline:
        for index, text in enumerate(_split_list(inline), start=1):
            yield decode_private_key(text, f"{ENV_PRIVATE_KEYS} item {index}")
    files = _env_value(env, ENV_PRIVATE_KEY_FILES)
    if files:
        for name in _split_list(files):
            yield _load_private_key_file(Path(name))
    directory = _env_value(env, ENV_KEY_DIR)
    if directory:
        paths = _private_key_files_in(Path(directory))
        if not paths:
            raise KeyConfigurationError(f"{directory}: no *{PRIVATE_SUFFIX} files.")
        for path in paths:
            yield _load_private_key_file(path)


def load_private_keyring(env: Mapping[str, str]) -> PrivateKeyring:
    keys = list(_private_keys_from_env(env))
    if not keys:
        raise KeyConfigurationError(
            "No intake private key: set "
            f"{ENV_PRIVATE_KEYS}, {ENV_PRIVATE_KEY_FILES} or {ENV_KEY_DIR}."
        )
    return PrivateKeyring(keys)


def _readable_private_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return [
        path
        for path in directory.glob(f"*{PRIVATE_SUFFIX}")
        if path.is_file() and os.access(path, os.R_OK)
    ]


def assert_public_tier_has_no_private_key(env: Mapping[str, str]) -> None:
    """Refuse to start the public tier if it has been given a private key.

    Checks the private-key variables, the public key variable's content, and
    the directory the public key file sits in (write_keypair puts both halves
    in one directory, so mounting that directory whole is the likely mistake).
    """
    given = [name for name in PRIVATE_ENV_VARS if _env_value(env, name)]
    if given:
        raise KeyConfigurationError(
            "The public tier must not be given a private key, but these are set: "
            + ", ".join(given)
            + "."
        )
    inline = _env_value(env, ENV_PUBLIC_KEY)
    if inline and inline.startswith(PRIVATE_TAG):
        raise KeyConfigurationError(f"{ENV_PUBLIC_KEY} holds a private key.")
    file_name = _env_value(env, ENV_PUBLIC_KEY_FILE)
    if file_name:
        path = Path(file_name)
        if path.suffix == PRIVATE_SUFFIX:
            raise KeyConfigurationError(f"{ENV_PUBLIC_KEY_FILE} names a private key file.")
        readable = path.is_file() and os.access(path, os.R_OK)
        if readable and _read_key_file(path).strip().startswith(PRIVATE_TAG):
            raise KeyConfigurationError(f"{ENV_PUBLIC_KEY_FILE} holds a private key.")
        exposed = _readable_private_files(path.parent)
        if exposed:
            raise KeyConfigurationError(
                "The public tier can read private key files next to its public key: "
                + ", ".join(sorted(p.name for p in exposed))
                + "."
            )
