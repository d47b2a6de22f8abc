from django.core.paginator import Paginator
from django.db import models
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from portal.blocks import BodyBlock
from portal.models import PortalPage


class AboutPage(PortalPage):
    """中国开发区协会 and its pages: 协会简介, 组织机构, 会员单位, 联系我们."""

    body = StreamField(BodyBlock(), verbose_name="正文", blank=True)

    parent_page_types = ["portal.HomePage", "association.AboutPage"]
    subpage_types = ["association.AboutPage"]
    content_panels = PortalPage.content_panels + ["body"]
    search_fields = PortalPage.search_fields + [index.SearchField("body")]

    class Meta:
        verbose_name = "协会页面"


class ServiceIndexPage(PortalPage):
    """协会服务: lists the association's services."""

    intro = RichTextField("导语", blank=True)

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["association.ServicePage"]
    max_count = 1
    content_panels = PortalPage.content_panels + ["intro"]

    class Meta:
        verbose_name = "协会服务"


class ServicePage(PortalPage):
    summary = models.TextField("简介", blank=True, max_length=300)
    body = StreamField(BodyBlock(), verbose_name="正文", blank=True)

    parent_page_types = ["association.ServiceIndexPage"]
    subpage_types = []
    content_panels = PortalPage.content_panels + ["summary", "body"]
    search_fields = PortalPage.search_fields + [index.SearchField("body")]

    class Meta:
        verbose_name = "服务项目"


class MagazineIndexPage(PortalPage):
    """《中国开发区》: the magazine's issues, newest first."""

    intro = RichTextField("导语", blank=True)

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["association.MagazineIssuePage"]
    max_count = 1
    content_panels = PortalPage.content_panels + ["intro"]

    class Meta:
        verbose_name = "期刊"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        issues = MagazineIssuePage.objects.child_of(self).live().order_by("-year", "-number")
        context["issues"] = Paginator(issues, 24).get_page(request.GET.get("page"))
        return context


class MagazineIssuePage(PortalPage):
    year = models.PositiveSmallIntegerField("年份")
    number = models.PositiveSmallIntegerField("期号")
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="封面",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contents = RichTextField("目录", blank=True)
    pdf = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="PDF 全文",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    parent_page_types = ["association.MagazineIndexPage"]
    subpage_types = []
    content_panels = PortalPage.content_panels + ["year", "number", "cover", "contents", "pdf"]

    class Meta:
        verbose_name = "期刊号"


class MessageBoardPage(PortalPage):
    """留言: the public message board; the form arrives with its own issue."""

    intro = RichTextField("留言须知", blank=True)

    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1
    content_panels = PortalPage.content_panels + ["intro"]

    class Meta:
        verbose_name = "留言板"
