from django.core.paginator import Paginator
from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from news.hits import PageViewCount  # noqa: F401  (registers the model)
from news.legacy.models import LegacySource, LegacyURL  # noqa: F401  (registers the models)
from portal.blocks import BodyBlock
from portal.models import DatedPage, PortalPage


class NewsIndexPage(PortalPage):
    """资讯中心: the parent of every news column and of the topics."""

    intro = RichTextField("导语", blank=True)

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["news.NewsCategoryPage", "news.TopicIndexPage"]
    max_count = 1
    content_panels = PortalPage.content_panels + ["intro"]

    class Meta:
        verbose_name = "资讯中心"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["columns"] = NewsCategoryPage.objects.child_of(self).live().order_by("path")
        return context


class NewsCategoryPage(PortalPage):
    """栏目: a column of articles, newest first."""

    intro = RichTextField("栏目介绍", blank=True)

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = ["news.NewsPage"]
    content_panels = PortalPage.content_panels + ["intro"]
    per_page = 20

    class Meta:
        verbose_name = "新闻栏目"

    def articles(self):
        return NewsPage.objects.child_of(self).live().order_by("-publish_time", "-pk")

    def latest(self, count=6):
        return self.articles()[:count]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = Paginator(self.articles(), self.per_page).get_page(
            request.GET.get("page")
        )
        return context


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsPage(DatedPage):
    """An article in a column."""

    source = models.CharField("来源", max_length=100, blank=True)
    authors = models.CharField("作者", max_length=200, blank=True, help_text="多位作者以空格分隔")
    editor = models.CharField("责任编辑", max_length=100, blank=True)
    summary = models.TextField("摘要", blank=True, max_length=500)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="封面图片",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name="正文", blank=True)
    tags = ClusterTaggableManager("标签", through=NewsPageTag, blank=True)
    zones = ParentalManyToManyField(
        "zones.ZonePage", verbose_name="相关开发区", blank=True, related_name="articles"
    )

    parent_page_types = ["news.NewsCategoryPage"]
    subpage_types = []

    content_panels = DatedPage.content_panels + [
        MultiFieldPanel(["source", "authors", "editor", "publish_time"], heading="来源与发布"),
        "summary",
        "cover_image",
        "body",
        "tags",
        "zones",
    ]
    search_fields = DatedPage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("source"),
        index.FilterField("publish_time"),
    ]

    class Meta:
        verbose_name = "新闻文章"


class TopicIndexPage(PortalPage):
    """The container of 专题 pages at /news/topics/."""

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = ["news.TopicPage"]
    max_count = 1

    class Meta:
        verbose_name = "专题列表"


class TopicPage(PortalPage):
    """专题: a curated collection of articles around one theme."""

    introduction = RichTextField("专题介绍", blank=True)
    banner_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="横幅图片",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    parent_page_types = ["news.TopicIndexPage"]
    subpage_types = []
    content_panels = PortalPage.content_panels + ["banner_image", "introduction"]

    class Meta:
        verbose_name = "专题"


class NoticeIndexPage(PortalPage):
    """通知公告: the list of the association's notices."""

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["news.NoticePage"]
    max_count = 1

    class Meta:
        verbose_name = "通知公告列表"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        notices = NoticePage.objects.child_of(self).live().order_by("-pinned", "-publish_time")
        context["notices"] = Paginator(notices, 20).get_page(request.GET.get("page"))
        return context


class NoticePage(DatedPage):
    doc_number = models.CharField("文号", max_length=60, blank=True)
    issuer = models.CharField("发文单位", max_length=100, blank=True)
    pinned = models.BooleanField("置顶", default=False)
    body = StreamField(BodyBlock(), verbose_name="正文", blank=True)

    parent_page_types = ["news.NoticeIndexPage"]
    subpage_types = []
    content_panels = PortalPage.content_panels + [
        MultiFieldPanel(["doc_number", "issuer", "publish_time", "pinned"], heading="发文信息"),
        "body",
    ]
    search_fields = PortalPage.search_fields + [
        index.SearchField("doc_number"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = "通知公告"


class SubmissionPage(PortalPage):
    """投稿: the guidelines for contributors; the form arrives with its own issue."""

    guidelines = RichTextField("投稿须知", blank=True)

    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1
    content_panels = PortalPage.content_panels + ["guidelines"]

    class Meta:
        verbose_name = "投稿页面"
