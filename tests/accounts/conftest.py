import pytest

from tests.staff import make_staff_user
from tests.tiers import use_tier


@pytest.fixture(autouse=True)
def _staff(staff_tier):
    """Every test here runs against the staff tier."""
    yield


@pytest.fixture
def staff_user(db):
    return make_staff_user("tanaka", groups=["編集者"])


@pytest.fixture
def superuser(db):
    return make_staff_user("boss", superuser=True)


__all__ = ["use_tier"]
