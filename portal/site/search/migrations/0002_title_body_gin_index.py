"""A GIN index on the expression Wagtail's PostgreSQL backend matches against.

Wagtail's database backend filters on `title || body @@ query`. The per-column GIN
indexes it creates cannot answer that expression, so every search scanned the whole
index table (230 ms for a rare word at 10,000 articles, 9 ms with this index).
SQLite's FTS5 tables need nothing.
"""

from django.db import migrations

INDEX = "portal_search_indexentry_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry "
            "USING gin ((title || body))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
