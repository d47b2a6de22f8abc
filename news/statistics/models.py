"""One row per page, day, referrer domain and device class, holding how many readers
counted that day: the daily aggregate the statistics screens sum up.

No event is stored, nor anything that tells readers apart: a referrer is only a domain,
a device only one of three classes. The page is referenced without a database constraint
(and is not cascaded): deleting an article keeps the site's past totals right.
"""

from django.db import models


class Device(models.TextChoices):
    PHONE = "phone", "手机"
    TABLET = "tablet", "平板"
    COMPUTER = "computer", "电脑"
    UNKNOWN = "", "未知"


class DailyView(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        verbose_name="页面",
    )
    day = models.DateField("日期")
    # A host name is at most 253 characters; "" is a direct visit (no referrer sent).
    referrer = models.CharField("来源网站", max_length=253, blank=True, default="")
    device = models.CharField(
        "设备", max_length=8, choices=Device.choices, blank=True, default=Device.UNKNOWN
    )
    views = models.PositiveBigIntegerField("访问量", default=0)

    class Meta:
        verbose_name = "每日访问量"
        verbose_name_plural = "每日访问量"
        constraints = [
            models.UniqueConstraint(
                fields=["page", "day", "referrer", "device"], name="daily_view_unique"
            )
        ]
        indexes = [models.Index(fields=["day"], name="daily_view_day")]

    def __str__(self):
        return f"{self.page_id} {self.day}: {self.views}"
