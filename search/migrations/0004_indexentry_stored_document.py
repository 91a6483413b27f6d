"""A stored `document` column (title || body) with its own GIN index, PostgreSQL only.

Replaces 0003's expression index.  Matching the stored column costs a read,
where the expression rebuilt the concatenated vector for every entry a search
looked at; the Japanese compiler (search/backend_postgres.py) matches it.
The column is generated, so Wagtail's own inserts and updates keep it current.
SQLite searches through FTS5 and needs nothing.
"""

from django.db import migrations

COLUMN = "document"
INDEX_NAME = "search_indexentry_document_gin"
OLD_INDEX_NAME = "search_indexentry_title_body_gin"


def _table(apps, schema_editor):
    model = apps.get_model("wagtailsearch", "IndexEntry")
    return schema_editor.quote_name(model._meta.db_table)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = _table(apps, schema_editor)
    schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX_NAME}")
    schema_editor.execute(
        f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {COLUMN} tsvector"
        " GENERATED ALWAYS AS (title || body) STORED"
    )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON {table} USING gin ({COLUMN})"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = _table(apps, schema_editor)
    schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS {COLUMN}")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {OLD_INDEX_NAME} ON {table} USING gin ((title || body))"
    )


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0003_indexentry_combined_gin")]

    operations = [migrations.RunPython(forwards, backwards)]
