"""Where imported articles came from, so that importing them again updates them."""

from django.db import models


class LegacySource(models.Model):
    """An article imported from the old site."""

    page = models.OneToOneField(
        "news.NewsPage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="legacy_source",
        verbose_name="文章",
    )
    fingerprint = models.CharField(
        "标题与日期指纹", max_length=40, db_index=True, help_text="旧网址不明时据此识别同一篇文章"
    )
    digest = models.CharField("导入内容摘要", max_length=40, help_text="内容未变时再次导入会跳过")
    imported_at = models.DateTimeField("导入时间", auto_now=True)

    class Meta:
        verbose_name = "旧站文章来源"
        verbose_name_plural = "旧站文章来源"

    def __str__(self):
        return f"{self.page_id}: {self.fingerprint[:8]}"


class LegacyURL(models.Model):
    """An address the article had on the old site (host, path and query, no scheme)."""

    url = models.CharField("旧网址", max_length=500, unique=True)
    source = models.ForeignKey(
        LegacySource, on_delete=models.CASCADE, related_name="urls", verbose_name="旧站文章"
    )

    class Meta:
        verbose_name = "旧站网址"
        verbose_name_plural = "旧站网址"

    def __str__(self):
        return self.url
