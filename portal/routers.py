"""Keeps sealed personal data in its own database.

Models of the apps in INTAKE_DB_APPS live only in the `intake` database, and
nothing else ever does. Each alias migrates only its own apps.
"""

INTAKE_DB_ALIAS = "intake"
INTAKE_DB_APPS = frozenset({"intake_vault"})


class IntakeRouter:
    def _db_for(self, model):
        return INTAKE_DB_ALIAS if model._meta.app_label in INTAKE_DB_APPS else "default"

    def db_for_read(self, model, **hints):
        return self._db_for(model)

    def db_for_write(self, model, **hints):
        return self._db_for(model)

    def allow_relation(self, obj1, obj2, **hints):
        # A relation across the two databases cannot be enforced, so forbid it.
        # Instances, not type(): request.user is a SimpleLazyObject, whose type
        # has no _meta (Wagtail's editing sessions relate it to the user).
        return self._db_for(obj1) == self._db_for(obj2)

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return (db == INTAKE_DB_ALIAS) == (app_label in INTAKE_DB_APPS)
