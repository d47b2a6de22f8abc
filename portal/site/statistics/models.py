"""Searches per day: the query as the search log normalises it (lower case, no
punctuation), and whether it found anything. Who searched is not kept."""

from django.db import connection, models
from django.utils import timezone
from wagtail.search.utils import normalise_query_string

QUERY_LENGTH = 255


class DailySearch(models.Model):
    day = models.DateField("日期")
    query = models.CharField("搜索词", max_length=QUERY_LENGTH)
    found = models.BooleanField("有结果")
    searches = models.PositiveBigIntegerField("搜索次数", default=0)

    class Meta:
        verbose_name = "每日搜索"
        verbose_name_plural = "每日搜索"
        constraints = [
            models.UniqueConstraint(fields=["day", "query", "found"], name="daily_search_unique")
        ]

    def __str__(self):
        return f"{self.day} {self.query}: {self.searches}"


def normalised_query(text):
    return normalise_query_string(text or "")[:QUERY_LENGTH].strip()


def record_search(text, found, day=None):
    """Count one search of the text that found (or did not find) pages: one upsert."""
    query = normalised_query(text)
    if not query:
        return
    table = connection.ops.quote_name(DailySearch._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (day, query, found, searches) VALUES (%s, %s, %s, 1) "
            "ON CONFLICT (day, query, found) "
            f"DO UPDATE SET searches = {table}.searches + 1",
            [day or timezone.localdate(), query, bool(found)],
        )
