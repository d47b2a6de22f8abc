"""An index on the page id as the text Wagtail's search index joins it by.

Wagtail's index entries name their page by `object_id`, a text column, and a search joins
them with `object_id = page.id::varchar(50)`. No index answers that cast, so PostgreSQL
could only go from the matches to their pages by hashing every page (tens of
milliseconds at 100,000 articles, for a rare word too). With this index the matches
found in the GIN index lead to their pages one lookup each, and a count that stops after
enough matches (portal.site.search.counting) stops early. SQLite's FTS5 needs nothing.
"""

from django.db import migrations

INDEX = "portal_search_page_id_as_text"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page "
            "((id::varchar(50)))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0002_title_body_gin_index"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
