"""Each model lives in exactly one database, and each alias migrates only its own apps.

The intake router decides only what concerns the intake database: for the rest it has no
opinion (``None``), so a router listed after it can decide, but never overturn its refusals.
"""

from django.apps import apps
from django.db import connections, router
from django.db.utils import ConnectionRouter

import pytest

from portal.routers import INTAKE_DB_APPS, IntakeRouter

ALL_MODELS = apps.get_models()
INTAKE_MODELS = [m for m in ALL_MODELS if m._meta.app_label in INTAKE_DB_APPS]
OTHER_MODELS = [m for m in ALL_MODELS if m._meta.app_label not in INTAKE_DB_APPS]


def label(model):
    return model._meta.label


def bare_instance(model):
    # The router looks only at the model's _meta; no database row is needed.
    return model.__new__(model)


def test_the_project_has_models_on_both_sides():
    assert INTAKE_MODELS and OTHER_MODELS


@pytest.mark.parametrize("model", ALL_MODELS, ids=label)
def test_every_model_is_routed_to_exactly_one_database(model):
    # `router` is Django's chain of DATABASE_ROUTERS as configured.
    db = router.db_for_write(model)
    assert router.db_for_read(model) == db
    expected = "intake" if model._meta.app_label in INTAKE_DB_APPS else "default"
    assert db == expected
    assert router.allow_migrate(db, model._meta.app_label, model_name=model._meta.model_name)
    other = "default" if db == "intake" else "intake"
    assert not router.allow_migrate(other, model._meta.app_label, model_name=model._meta.model_name)


@pytest.mark.parametrize("model", OTHER_MODELS, ids=label)
def test_intake_router_has_no_opinion_on_models_outside_the_intake_database(model):
    intake_router = IntakeRouter()
    assert intake_router.db_for_read(model) is None
    assert intake_router.db_for_write(model) is None
    assert intake_router.allow_migrate("default", model._meta.app_label) is None
    assert intake_router.allow_relation(bare_instance(model), bare_instance(model)) is None
    # ...but refuses them a place in the intake database.
    assert intake_router.allow_migrate("intake", model._meta.app_label) is False


class EverythingToReplica:
    """A router that would send every read to a replica and allow everything."""

    def db_for_read(self, model, **hints):
        return "replica"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return True


chained = ConnectionRouter([IntakeRouter(), EverythingToReplica()])


@pytest.mark.parametrize("model", OTHER_MODELS, ids=label)
def test_a_router_chained_after_it_decides_for_other_models(model):
    assert chained.db_for_read(model) == "replica"
    assert chained.db_for_write(model) == "default"
    assert chained.allow_migrate("default", model._meta.app_label)


@pytest.mark.parametrize("model", INTAKE_MODELS, ids=label)
def test_a_router_chained_after_it_cannot_move_intake_models(model):
    assert chained.db_for_read(model) == "intake"
    assert chained.db_for_write(model) == "intake"
    assert not chained.allow_migrate("default", model._meta.app_label)


@pytest.mark.parametrize("model", OTHER_MODELS, ids=label)
def test_a_router_chained_after_it_cannot_overturn_its_refusals(model):
    assert not chained.allow_migrate("intake", model._meta.app_label)
    for intake_model in INTAKE_MODELS:
        a, b = bare_instance(model), bare_instance(intake_model)
        assert not chained.allow_relation(a, b)
        assert not chained.allow_relation(b, a)
        assert not router.allow_relation(a, b)
        assert not router.allow_relation(b, a)


@pytest.mark.django_db(databases=["default", "intake"])
def test_intake_database_holds_no_content_tables_and_default_holds_no_vault_tables():
    intake_tables = set(connections["intake"].introspection.table_names())
    default_tables = set(connections["default"].introspection.table_names())
    assert not any(
        t.startswith(("wagtailcore", "auth_", "home_", "measures_")) for t in intake_tables
    )
    assert not any(t.startswith("intake_vault") for t in default_tables)
