import pytest
import time_machine

from tests.clock import suite_instant
from tests.tiers import follow_middleware_setting, use_tier


def pytest_addoption(parser):
    parser.addoption(
        "--clock",
        default=None,
        help="run the suite at this instant (ISO 8601; Tokyo time without an offset); "
        "default: tests/clock.py DEFAULT_INSTANT or $PORTAL_TEST_CLOCK",
    )


# Tests that need the demo content (loaded once, ~1 min), live servers or other Django
# processes. `pytest -m "not slow"` leaves them out for a quick run.
SLOW_FIXTURES = {"demo_site", "servers", "tiers"}
SLOW_MARKERS = ("browser", "slow_subprocess")


def pytest_collection_modifyitems(items):
    for item in items:
        if SLOW_FIXTURES.intersection(item.fixturenames) or any(
            item.get_closest_marker(name) for name in SLOW_MARKERS
        ):
            item.add_marker(pytest.mark.slow)


def _real_clock(item) -> bool:
    """Tests that start other processes: a fake clock would not reach them."""
    return item.get_closest_marker("browser") is not None


SUITE_CLOCK = pytest.StashKey[time_machine.travel]()


def pytest_configure(config):
    """The clock moves before collection, so even a module-level date is the suite's."""
    traveller = time_machine.travel(suite_instant(config.getoption("--clock")), tick=True)
    traveller.start()
    config.stash[SUITE_CLOCK] = traveller
    # A test client used before and inside use_tier() takes each tier's middleware in turn.
    follow_middleware_setting()


def pytest_unconfigure(config):
    traveller = config.stash.get(SUITE_CLOCK, None)
    if traveller is not None:
        traveller.stop()


@pytest.fixture(scope="session")
def suite_clock(pytestconfig):
    """The clock of session fixtures (the demo content is planned relative to today)."""
    return pytestconfig.stash[SUITE_CLOCK]


@pytest.fixture(autouse=True)
def frozen_clock(request, suite_clock):
    """Every test starts at the suite's instant, with the clock ticking from there.

    A test that needs another moment moves it: `frozen_clock.move_to(...)`. Browser tests
    get the real clock (their live servers are other processes).
    """
    if _real_clock(request.node):
        suite_clock.stop()
        yield None
        suite_clock.start()
        return
    with time_machine.travel(
        suite_instant(request.config.getoption("--clock")), tick=True
    ) as traveller:
        yield traveller


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
    from intake import tier_keys
    from intake.crypto.keys import write_keypair

    directory = tmp_path / "keys"
    directory.mkdir(mode=0o700)
    write_keypair(directory)
    settings.INTAKE_KEY_SOURCE = "dev_dir"
    settings.INTAKE_DEV_KEY_DIR = directory
    tier_keys.clear_cache()
    yield directory
    tier_keys.clear_cache()


@pytest.fixture
def booking_env(intake_keys, settings):
    """Booking without the minimum fill time, with fresh rate-limit counters."""
    from django.core.cache import caches

    settings.INTAKE_MIN_FILL_SECONDS = 0
    caches["ratelimit"].clear()
    yield intake_keys
    caches["ratelimit"].clear()
