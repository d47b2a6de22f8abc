"""What the self-check keeps: each column's update interval where an editor set one, and
the state of every outbound link the dead-link job was asked to check."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

# The page types that are columns (portal.site.health.columns says what each one is).
COLUMN_PAGE_TYPES = [
    "portal.HomePage",
    "news.NewsCategoryPage",
    "news.NoticeIndexPage",
    "policies.PolicyLibraryPage",
]
# An interval longer than ten years would hide a column for good.
MAX_INTERVAL_DAYS = 3650


class ColumnKind(models.TextChoices):
    DYNAMIC = "dynamic", "动态类"
    NOTICE = "notice", "通知公告类"
    POLICY = "policy", "政策类"
    HOME = "home", "首页"


class ColumnSchedule(models.Model):
    """栏目更新周期: one column's own type or interval, instead of its page type's."""

    invalidates = ()  # only the self-check reads it: no cached page changes

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name="栏目",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="新闻栏目、通知公告、政策法规库或首页",
    )
    kind = models.CharField(
        "栏目类型",
        max_length=10,
        choices=ColumnKind.choices,
        blank=True,
        help_text="留空则按页面类型判断：新闻栏目为动态类（栏目名含“通知”“公告”为通知公告类，"
        "含“政策”“法规”为政策类），通知公告为通知公告类，政策法规库为政策类",
    )
    interval_days = models.PositiveIntegerField(
        "更新周期（天）",
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, "更新周期至少 1 天。"),
            MaxValueValidator(MAX_INTERVAL_DAYS, f"更新周期最多 {MAX_INTERVAL_DAYS} 天。"),
        ],
        help_text="超过这么多天没有新内容即列入健康自查；留空则按栏目类型："
        f"动态类和首页 {settings.SITE_HEALTH_DYNAMIC_DAYS} 天，"
        f"通知公告类和政策类 {settings.SITE_HEALTH_NOTICE_DAYS} 天",
    )

    class Meta:
        verbose_name = "栏目更新周期"
        verbose_name_plural = "栏目更新周期"
        permissions = [("view_site_health", "查看网站健康自查")]

    def __str__(self):
        return str(self.page)

    def clean(self):
        if self.page_id is None:
            return
        model = self.page.specific_class
        if model is None or model._meta.label not in COLUMN_PAGE_TYPES:
            raise ValidationError({"page": "请选择新闻栏目、通知公告、政策法规库或首页。"})


class LinkCheck(models.Model):
    """One outbound address and what the last runs of `check_links` found there."""

    url = models.URLField("网址", max_length=800, unique=True)
    last_checked_at = models.DateTimeField("最近检查", null=True, blank=True)
    last_status = models.PositiveSmallIntegerField("最近状态码", null=True, blank=True)
    last_error = models.CharField("最近问题", max_length=200, blank=True)
    consecutive_failures = models.PositiveSmallIntegerField("连续失败次数", default=0)

    class Meta:
        verbose_name = "链接检查"
        verbose_name_plural = "链接检查"

    def __str__(self):
        return self.url

    @property
    def is_dead(self):
        return self.consecutive_failures >= settings.SITE_HEALTH_LINK_FAILURES


class LinkUse(models.Model):
    """Where a checked address appears: a link of the link directory or a live page's body."""

    link = models.ForeignKey(LinkCheck, on_delete=models.CASCADE, related_name="uses")
    directory_link = models.ForeignKey(
        "portal.DirectoryLink", null=True, on_delete=models.CASCADE, related_name="+"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(directory_link__isnull=True, page__isnull=False)
                | models.Q(directory_link__isnull=False, page__isnull=True),
                name="site_health_linkuse_one_place",
            )
        ]

    def __str__(self):
        return f"{self.link.url}（{self.page or self.directory_link}）"


class ContentFinding(models.Model):
    """One finding of the publish-time checks (portal.site.content_checks) in a live page,
    as the nightly `check_content` or the page's last publish found it: the self-check
    reads these instead of judging every page of the site on each view."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name="页面"
    )
    kind = models.CharField("类别", max_length=20)
    message = models.TextField("问题")
    checked_at = models.DateTimeField("检查时间")

    class Meta:
        verbose_name = "内容检查结果"
        verbose_name_plural = "内容检查结果"
        indexes = [models.Index(fields=["kind", "page"], name="content_finding_kind")]

    def __str__(self):
        return f"{self.page_id}: {self.message}"
