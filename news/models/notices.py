"""通知公告: the association's notices, with document number, issuer and attachments."""

from django.db import models
from django.db.models import Min, Q
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from portal.caching.tags import NOTICES
from portal.core.blocks import BodyBlock
from portal.core.models import DatedPage, PortalPage
from portal.core.pagination import paginate


class NoticeQuerySet(PageQuerySet):
    def current(self):
        """Live notices not past their expiry: the ones the home page and chrome show."""
        return self.live().filter(Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()))

    def seconds_until_next_expiry(self):
        """How long the current set of notices stays as it is; None if nothing expires."""
        soonest = self.current().aggregate(soonest=Min("expires_at"))["soonest"]
        if soonest is None:
            return None
        return max(1, int((soonest - timezone.now()).total_seconds()) + 1)

    def board_order(self):
        """Pinned (置顶) first, then newest."""
        return self.order_by("-pinned", "-publish_time", "-pk")


class NoticeIndexPage(PortalPage):
    """通知公告: every notice, expired ones included, pinned first."""

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["news.NoticePage"]
    max_count = 1

    class Meta:
        verbose_name = "通知公告列表"

    def get_main_context(self, request, *args, **kwargs):
        notices = NoticePage.objects.child_of(self).live().board_order()
        return {"notices": paginate(request, notices, 20)}


class NoticePage(DatedPage):
    doc_number = models.CharField(
        "文号", max_length=60, blank=True, help_text="例如：中开协〔2020〕5号"
    )
    issuer = models.CharField("发文单位", max_length=100, blank=True)
    pinned = models.BooleanField("置顶", default=False)
    expires_at = models.DateTimeField(
        "展示截止时间",
        null=True,
        blank=True,
        help_text="过后不再出现在首页和通知公告栏，但页面仍可访问；留空则一直展示",
    )
    body = StreamField(BodyBlock(), verbose_name="正文", blank=True)

    objects = PageManager.from_queryset(NoticeQuerySet)()

    parent_page_types = ["news.NoticeIndexPage"]
    subpage_types = []
    content_panels = PortalPage.content_panels + [
        MultiFieldPanel(
            ["doc_number", "issuer", "publish_time", "pinned", "expires_at"], heading="发文信息"
        ),
        "body",
        InlinePanel("attachments", heading="附件", label="附件"),
    ]
    search_fields = PortalPage.search_fields + [
        index.SearchField("doc_number"),
        index.SearchField("issuer"),
        index.SearchField("body"),
        index.FilterField("publish_time"),
    ]

    class Meta:
        verbose_name = "通知公告"

    @classmethod
    def seconds_until_clock_change(cls):
        """The page cache's contract (portal.caching.lifetimes): notices leave the home
        page and the 通知公告 box when they expire, with nothing saved."""
        return cls.objects.seconds_until_next_expiry()

    def invalidation_tags(self):
        # Every page's 通知公告 box, and when the next one expires.
        return super().invalidation_tags() | {NOTICES}

    @property
    def is_expired(self):
        return self.expires_at is not None and self.expires_at <= timezone.now()


class NoticeAttachment(Orderable):
    """A file attached to a notice; the allowed types are WAGTAILDOCS_EXTENSIONS."""

    page = ParentalKey(NoticePage, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="文件", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField("显示名称", max_length=200, blank=True, help_text="留空则使用文件标题")

    panels = ["document", "title"]

    class Meta(Orderable.Meta):
        verbose_name = "附件"

    @property
    def display_title(self):
        return self.title or self.document.title
