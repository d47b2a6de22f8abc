from django.contrib.postgres.search import SearchVectorField
from django.db import models
from wagtail.snippets.models import register_snippet


@register_snippet
class SearchTerm(models.Model):
    """A word the segmenter must keep whole (a programme, a place, a slogan)."""

    invalidates = ()  # it changes search, which is never cached, not what pages show

    word = models.CharField("词语", max_length=50, unique=True)
    frequency = models.PositiveIntegerField(
        "词频",
        null=True,
        blank=True,
        help_text="可不填。数值越大越倾向于整词切分；不填时使用较高的默认值。",
    )

    # Every term feeds the segmenter's dictionary (portal.core.segmentation).
    dictionary_fields = ("word",)
    dictionary_frequency_field = "frequency"

    class Meta:
        verbose_name = "搜索词典词语"
        verbose_name_plural = "搜索词典"
        ordering = ["word"]

    def __str__(self):
        return self.word


class DatedEntry(models.Model):
    """A page's indexed words with its 发布时间, on PostgreSQL (migration portal_search
    0005 creates the table and keeps it in step with Wagtail's index by triggers; never
    written from Python). Read by portal.site.search.dated."""

    entry_id = models.IntegerField(primary_key=True)  # Wagtail's index entry
    page = models.ForeignKey(
        "wagtailcore.Page", models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    published_at = models.DateTimeField()
    vector = SearchVectorField()

    class Meta:
        managed = False
        db_table = "portal_search_dated_entry"
        verbose_name = "带发布时间的索引条目"

    def __str__(self):
        return f"{self.page_id} {self.published_at:%Y-%m-%d}"
