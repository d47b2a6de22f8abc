"""The association's pages: 中国开发区协会 (about), 协会服务, 《中国开发区》 and the 留言 board."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from association.forms import MessageForm
from association.models.deadlines import MessageYearFigures
from association.models.members import MemberDirectoryBlock
from association.models.messages import Message
from association.screening import find_sensitive_words
from portal.caching.tags import CHROME
from portal.core.blocks import BodyBlock
from portal.core.models import FormPage, IndexPage, PortalPage
from portal.core.public_forms import RateLimit

MESSAGES_RATE_LIMIT = RateLimit("message", limit=5, period=600)
MESSAGES_PER_PAGE = 10
MESSAGE_SENT = "message_sent"


class SideMenuMixin:
    """A menu beside a section's pages: the section's top page and its children."""

    def side_menu(self):
        parent = self.get_parent()
        # A section's top page sits right below the home page and heads its own menu.
        top = self if parent.depth <= 2 else parent
        items = top.get_children().live().order_by("path")
        return {"heading": top, "items": items} if top is not self or items else None

    def get_main_context(self, request, *args, **kwargs):
        return {**super().get_main_context(request, *args, **kwargs), "side_menu": self.side_menu()}


class AboutBodyBlock(BodyBlock):
    member_directory = MemberDirectoryBlock()


class AboutPage(SideMenuMixin, PortalPage):
    """中国开发区协会 and its pages: 协会简介, 组织机构, 会员单位, 联系我们."""

    body = StreamField(AboutBodyBlock(), verbose_name="正文", blank=True)

    parent_page_types = ["portal.HomePage", "association.AboutPage"]
    subpage_types = ["association.AboutPage"]
    content_panels = PortalPage.content_panels + ["body"]
    search_fields = PortalPage.search_fields + [index.SearchField("body")]
    template = "association/content_page.html"

    class Meta:
        verbose_name = "协会页面"


class ServiceIndexPage(IndexPage):
    """协会服务: lists the association's services."""

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["association.ServicePage"]

    class Meta:
        verbose_name = "协会服务"


class ServicePage(SideMenuMixin, PortalPage):
    summary = models.TextField("简介", blank=True, max_length=300)
    body = StreamField(BodyBlock(), verbose_name="正文", blank=True)

    parent_page_types = ["association.ServiceIndexPage"]
    subpage_types = []
    content_panels = PortalPage.content_panels + ["summary", "body"]
    search_fields = PortalPage.search_fields + [index.SearchField("body")]
    template = "association/content_page.html"

    class Meta:
        verbose_name = "服务项目"


class MagazineIndexPage(IndexPage):
    """《中国开发区》: the magazine's issues, newest first."""

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["association.MagazineIssuePage"]

    class Meta:
        verbose_name = "期刊"

    def get_main_context(self, request, *args, **kwargs):
        issues = MagazineIssuePage.objects.child_of(self).live().order_by("-year", "-number")
        return {"issues": Paginator(issues, 24).get_page(request.GET.get("page"))}


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

    @classmethod
    def latest(cls):
        return cls.objects.live().order_by("-year", "-number").first()

    def invalidation_tags(self):
        # The header of every page links to the latest issue.
        return super().invalidation_tags() | {CHROME}

    def clean(self):
        super().clean()
        parent = self.known_parent()
        if parent is None:
            return
        twins = MagazineIssuePage.objects.child_of(parent).filter(
            year=self.year, number=self.number
        )
        if twins.exclude(pk=self.pk).exists():
            raise ValidationError({"number": f"{self.year}年第{self.number}期已存在。"})


class MessageBoardPage(FormPage):
    """留言: the public message board and its form.

    A message waits for moderation. Editors read it in the admin (留言), write a reply and
    choose whether the exchange is public; the board shows public exchanges only, with
    the writer's name masked and never their contact details.
    """

    intro = RichTextField("留言须知", blank=True)

    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1
    content_panels = PortalPage.content_panels + ["intro"]
    rate_limit = MESSAGES_RATE_LIMIT
    sent_key = MESSAGE_SENT

    class Meta:
        verbose_name = "留言板"

    def get_main_context(self, request, *args, **kwargs):
        page_number = request.GET.get("page")
        public = Paginator(Message.objects.public(), MESSAGES_PER_PAGE)
        # Never cached (a FormPage): the figures shown are always the table's current ones.
        figures = list(MessageYearFigures.objects.filter(received__gt=0))
        return {"board": public.get_page(page_number), "yearly_figures": figures}

    def get_form(self, data=None, files=None):
        return MessageForm(data)

    def save_form(self, form):
        """The message awaiting moderation, flagged when it holds a listed sensitive word."""
        data = form.cleaned_data
        Message.objects.create(
            subject=data["subject"],
            body=data["body"],
            allow_public=data["allow_public"],
            flagged_words="，".join(find_sensitive_words(data["subject"], data["body"])),
            **form.contact_details(),
        )
        return True
