"""点击量: view counts live in their own table, keyed by page.

Not a page field, so publishing a revision, moving or copying a page never resets
or rolls the number back, and counting never re-indexes the page.
"""

from django.db import connection, models


class PageViewCount(models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="view_count",
        verbose_name="页面",
    )
    count = models.PositiveBigIntegerField("点击量", default=0)

    class Meta:
        verbose_name = "点击量"
        verbose_name_plural = "点击量"

    def __str__(self):
        return f"{self.page_id}: {self.count}"

    @classmethod
    def for_page(cls, page):
        # Read on every article built afresh: plain SQL, as building the ORM's query
        # cost more than running it.
        table, count = map(connection.ops.quote_name, (cls._meta.db_table, "count"))
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {count} FROM {table} WHERE page_id = %s", [page.pk])
            row = cursor.fetchone()
        return row[0] if row else 0

    @classmethod
    def add_view(cls, page_id):
        """Add one view to the page and return its new count, in one atomic statement.

        The database does the arithmetic, so parallel hits never lose an update, on
        PostgreSQL and on SQLite (both understand upserts with RETURNING).
        """
        table = connection.ops.quote_name(cls._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (page_id, count) VALUES (%s, 1) "
                f"ON CONFLICT (page_id) DO UPDATE SET count = {table}.count + 1 "
                "RETURNING count",
                [page_id],
            )
            return cursor.fetchone()[0]
