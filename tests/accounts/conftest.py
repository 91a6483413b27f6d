import pytest

from tests.accounts.factories import StaffUserFactory
from tests.tiers import use_tier


@pytest.fixture(autouse=True)
def _staff(staff_tier):
    """Every test here runs against the staff tier."""
    yield


@pytest.fixture
def staff_user(db):
    return StaffUserFactory(username="tanaka", groups=["編集者"])


@pytest.fixture
def superuser(db):
    return StaffUserFactory(username="boss", superuser=True)


__all__ = ["use_tier"]
