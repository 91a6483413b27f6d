"""Append-only tables: rows are added, never changed or removed through the application.

Used by the two audit logs (``intake.vault.models.AuditEntry`` and
``portal.accounts.models.StaffAuditEntry``). A model that inherits
``AppendOnlyModel`` refuses, with ``AppendOnlyError``:

- ``save()`` of a row that already exists;
- ``delete()`` of a row;
- ``update()`` and ``delete()`` on its querysets (bulk changes).

This is the application's guard; the database roles (``portal/sql/roles.sql`` and
``intake/sql/roles.sql``) refuse UPDATE and DELETE on the same tables as well.
"""

from django.db import models


class AppendOnlyError(Exception):
    pass


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(self.model.append_only_message)

    def delete(self):
        raise AppendOnlyError(self.model.append_only_message)


class AppendOnlyModel(models.Model):
    """Abstract base: set ``append_only_message`` to name the table in the error."""

    append_only_message = "This table is append-only."

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(self.append_only_message)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(self.append_only_message)
