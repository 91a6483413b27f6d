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

    with django_db_blocker.unblock():
        call_command("load_demo", stdout=StringIO())
