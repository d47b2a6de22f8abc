"""A RUM index on `title || body`, where PostgreSQL has the RUM extension: ranked order
from the index.

Ranking with the GIN index (migration 0002) reads every match's whole text vector, so a
word found in most articles ranks tens of thousands of entries to show twenty. RUM keeps
the word positions in the index and returns matches in order of `vector <=> query`, so
`ORDER BY … <=> … LIMIT 20` reads the twenty shown (portal.site.search.ranked_index).

Optional: RUM is a separate package (Debian `postgresql-15-rum`) and an untrusted
extension, so only a superuser creates it. Where it is not available, or cannot be
created, this migration does nothing and search keeps the GIN path; SQLite's FTS5
tables need nothing. After installing the package later, create the extension as a
superuser (`CREATE EXTENSION rum`) and run `manage.py migrate portal_search 0003` then
`manage.py migrate` (docs/search.md).
"""

from django.db import DatabaseError, migrations, transaction

INDEX = "portal_search_indexentry_title_body_rum"


def rum_available(connection):
    with connection.cursor() as cursor:
        cursor.execute("SELECT installed_version FROM pg_available_extensions WHERE name = 'rum'")
        row = cursor.fetchone()
    if row is None:
        return False
    if row[0] is not None:
        return True
    try:
        with transaction.atomic(using=connection.alias):  # a failure leaves the rest intact
            with connection.cursor() as cursor:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS rum")
    except DatabaseError as error:  # not a superuser: the GIN path stays
        print(f"\n  RUM not created ({error.__class__.__name__}): search keeps the GIN index.")
        return False
    return True


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    if rum_available(schema_editor.connection):
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry "
            "USING rum ((title || body) rum_tsvector_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0003_page_id_as_text_index"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
