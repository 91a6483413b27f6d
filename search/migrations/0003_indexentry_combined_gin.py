"""A GIN index on title || body of Wagtail's search index entries (PostgreSQL only).

Wagtail's PostgreSQL compiler matches `(title || body) @@ query`; its own GIN
indexes cover each column alone, so without this index every search walks
every entry.  SQLite searches through FTS5 and needs nothing.
"""

from django.db import migrations

INDEX_NAME = "search_indexentry_title_body_gin"


def _table(apps):
    return apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(_table(apps))
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON {table} USING gin ((title || body))"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0002_default_synonyms"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
