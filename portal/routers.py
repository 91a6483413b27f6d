"""Keeps sealed personal data in its own database.

Models of the apps in INTAKE_DB_APPS live only in the `intake` database, and
nothing else ever does. Each alias migrates only its own apps.

The router decides only what concerns the intake database and returns ``None``
("no opinion") for everything else, so that another router listed after it in
``DATABASE_ROUTERS`` (a read replica for content, docs/deploy.md) can decide
those; with no other router, Django's own rules apply: ``default`` for reads and
writes, relations within one database, every app migrated. Its refusals are
``False``, never ``None``, so a later router cannot overturn them.
"""

INTAKE_DB_ALIAS = "intake"
INTAKE_DB_APPS = frozenset({"intake_vault"})


def _is_intake(model_or_instance) -> bool:
    # Instances as well as classes: request.user is a SimpleLazyObject, whose type
    # has no _meta (Wagtail's editing sessions relate it to the user).
    return model_or_instance._meta.app_label in INTAKE_DB_APPS


class IntakeRouter:
    def db_for_read(self, model, **hints):
        return INTAKE_DB_ALIAS if _is_intake(model) else None

    def db_for_write(self, model, **hints):
        return INTAKE_DB_ALIAS if _is_intake(model) else None

    def allow_relation(self, obj1, obj2, **hints):
        # A relation across the two databases cannot be enforced, so forbid it.
        if _is_intake(obj1) or _is_intake(obj2):
            return _is_intake(obj1) and _is_intake(obj2)
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if db == INTAKE_DB_ALIAS or app_label in INTAKE_DB_APPS:
            return (db == INTAKE_DB_ALIAS) == (app_label in INTAKE_DB_APPS)
        return None
