"""The intake keys this process may use, according to its tier and settings.

The key formats, files and environment loaders themselves are `intake.crypto.keys`
(pure: no Django); this module decides which of them apply here, from
``PORTAL_TIER`` and ``INTAKE_KEY_SOURCE``, and caches the keyrings.

- Public tier: the current public key only (``public_keyring()``).
  ``private_keyring()`` refuses to run there.
- Staff tier: the private keys (``private_keyring()``), and the current public
  key too, to seal 相談票 and to re-seal after rotation.

Where keys come from (``settings.INTAKE_KEY_SOURCE``):
- ``"env"`` (production, or whenever an ``INTAKE_*`` key variable is set):
  ``intake.crypto.keys`` reads ``INTAKE_PUBLIC_KEY`` / ``INTAKE_PUBLIC_KEY_FILE``
  and ``INTAKE_PRIVATE_KEYS`` / ``INTAKE_PRIVATE_KEY_FILES`` / ``INTAKE_KEY_DIR``.
  On the staff tier the current key is the one named by ``INTAKE_PUBLIC_KEY``
  (or ``_FILE``) when set, else the only private key.
- ``"dev_dir"`` (development and tests): ``settings.INTAKE_DEV_KEY_DIR``
  (``PORTAL_DATA_DIR/keys``). The public tier reads its ``*.pub`` files only,
  the newest being current; the staff tier reads its ``*.key`` files.

Keyrings are cached per process and dropped when a test changes a setting.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from pathlib import Path

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from .crypto import keys
from .crypto.keys import KeyConfigurationError, PrivateKeyring, PublicKeyring

ENV_SOURCE = "env"
DEV_DIR_SOURCE = "dev_dir"


def tier() -> str:
    return getattr(settings, "PORTAL_TIER", "public")


def dev_key_dir() -> Path:
    return Path(settings.INTAKE_DEV_KEY_DIR)


def newest_public_key_file(directory: Path) -> Path:
    files = [p for p in directory.glob(f"*{keys.PUBLIC_SUFFIX}") if p.is_file()]
    if not files:
        raise KeyConfigurationError(
            f"{directory}: no intake public key; run `manage.py intake_keys ensure-dev`."
        )
    return max(files, key=lambda p: (p.stat().st_mtime_ns, p.name))


def _key_env() -> Mapping[str, str]:
    if settings.INTAKE_KEY_SOURCE == ENV_SOURCE:
        return os.environ
    directory = dev_key_dir()
    if tier() == "public":
        return {keys.ENV_PUBLIC_KEY_FILE: str(newest_public_key_file(directory))}
    env = {keys.ENV_KEY_DIR: str(directory)}
    if directory.is_dir() and any(directory.glob(f"*{keys.PUBLIC_SUFFIX}")):
        env[keys.ENV_PUBLIC_KEY_FILE] = str(newest_public_key_file(directory))
    return env


@functools.cache
def public_keyring() -> PublicKeyring:
    """The key every new sealed payload is sealed to (both tiers)."""
    env = _key_env()
    if env.get(keys.ENV_PUBLIC_KEY) or env.get(keys.ENV_PUBLIC_KEY_FILE):
        return keys.load_public_keyring(env)
    if tier() == "staff":
        private = private_keyring()
        if len(private) == 1:
            return private.public_keyring(next(iter(private.kids)))
        raise KeyConfigurationError(
            "Several private keys and no current one: set "
            f"{keys.ENV_PUBLIC_KEY} or {keys.ENV_PUBLIC_KEY_FILE} on the staff tier."
        )
    return keys.load_public_keyring(env)


@functools.cache
def private_keyring() -> PrivateKeyring:
    """All private keys (staff tier only)."""
    if tier() != "staff":
        raise KeyConfigurationError("Private intake keys are only available on the staff tier.")
    return keys.load_private_keyring(_key_env())


def clear_cache() -> None:
    public_keyring.cache_clear()
    private_keyring.cache_clear()


@receiver(setting_changed)
def _setting_changed(*, setting, **kwargs):
    if setting.startswith("INTAKE_") or setting == "PORTAL_TIER":
        clear_cache()


def check_tier_keys(env: Mapping[str, str] | None = None) -> None:
    """Refuse to start the public tier if it has been given a private key.

    Runs at start-up (IntakeConfig.ready). The environment is always checked:
    a private key variable on the public tier is a deployment mistake even in
    development.
    """
    if tier() != "public":
        return
    keys.assert_public_tier_has_no_private_key(os.environ if env is None else env)
