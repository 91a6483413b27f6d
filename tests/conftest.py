import pytest

from tests.tiers import use_tier


@pytest.fixture
def staff_tier():
    with use_tier("staff"):
        yield


@pytest.fixture
def public_tier():
    with use_tier("public"):
        yield


@pytest.fixture(scope="session")
def demo_site(django_db_setup, django_db_blocker):
    """The demo content, loaded once per test session."""
    from io import StringIO

    from django.core.management import call_command

    # On the staff tier, as `make demo` runs it: only that tier seals the demo TOTP seeds.
    with django_db_blocker.unblock(), use_tier("staff"):
        call_command("load_demo", stdout=StringIO())


@pytest.fixture
def intake_keys(tmp_path, settings):
    """A fresh intake key pair in a temporary dev key dir; returns the dir.

    The public tier seals to its .pub file; on the staff tier (use_tier("staff"))
    the .key file opens what was sealed.
    """
    from intake import keyring
    from intake.crypto.keys import write_keypair

    directory = tmp_path / "keys"
    directory.mkdir(mode=0o700)
    write_keypair(directory)
    settings.INTAKE_KEY_SOURCE = "dev_dir"
    settings.INTAKE_DEV_KEY_DIR = directory
    keyring.clear_cache()
    yield directory
    keyring.clear_cache()


@pytest.fixture
def booking_env(intake_keys, settings):
    """Booking without the minimum fill time, with fresh rate-limit counters."""
    from django.core.cache import caches

    settings.INTAKE_MIN_FILL_SECONDS = 0
    caches["ratelimit"].clear()
    yield intake_keys
    caches["ratelimit"].clear()
