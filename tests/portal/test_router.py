"""Each model lives in exactly one database, and each alias migrates only its own apps."""

from django.apps import apps
from django.db import connections

import pytest

from portal.routers import INTAKE_DB_APPS, IntakeRouter

router = IntakeRouter()


@pytest.mark.parametrize("model", apps.get_models(), ids=lambda m: m._meta.label)
def test_every_model_is_routed_to_exactly_one_database(model):
    db = router.db_for_write(model)
    assert router.db_for_read(model) == db
    expected = "intake" if model._meta.app_label in INTAKE_DB_APPS else "default"
    assert db == expected
    assert router.allow_migrate(db, model._meta.app_label, model._meta.model_name)
    other = "default" if db == "intake" else "intake"
    assert not router.allow_migrate(other, model._meta.app_label, model._meta.model_name)


@pytest.mark.django_db(databases=["default", "intake"])
def test_intake_database_holds_no_content_tables_and_default_holds_no_vault_tables():
    intake_tables = set(connections["intake"].introspection.table_names())
    default_tables = set(connections["default"].introspection.table_names())
    assert not any(
        t.startswith(("wagtailcore", "auth_", "home_", "measures_")) for t in intake_tables
    )
    assert not any(t.startswith("intake_vault") for t in default_tables)
