from itertools import groupby

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from association.messages import Message, board_context, serve_board  # noqa: F401  (Message: registers the model)
from association.privacy import PrivacySettings  # noqa: F401  (registers the setting)
from association.screening import SensitiveWord  # noqa: F401  (registers the model)
from portal.blocks import BodyBlock
from portal.models import PortalPage
from zones.choices import Province

# Province's labels are its member names in English: show the Chinese values instead.
PROVINCES = [(province, province) for province in Province.values]


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


class MemberUnit(models.Model):
    """会员单位: a member of the association, listed in the directory editors manage."""

    class Kind(models.TextChoices):
        ZONE = "zone", "开发区"
        ENTERPRISE = "enterprise", "企业"
        INSTITUTION = "institution", "事业单位、科研院所"
        ASSOCIATION = "association", "社会团体"
        OTHER = "other", "其他"

    name = models.CharField("单位名称", max_length=100, unique=True)
    kind = models.CharField("单位类型", max_length=12, choices=Kind.choices, default=Kind.ZONE)
    province = models.CharField(
        "省份", max_length=12, choices=PROVINCES, blank=True, help_text="全国性单位留空"
    )
    zone = models.ForeignKey(
        "zones.ZonePage",
        verbose_name="开发区页面",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="会员单位是开发区时，链接到它在“中国开发区”中的介绍页面",
    )

    class Meta:
        ordering = ["province", "name"]
        verbose_name = "会员单位"
        verbose_name_plural = "会员单位"

    def __str__(self):
        return self.name

    def clean(self):
        if self.zone_id and self.kind != self.Kind.ZONE:
            raise ValidationError({"zone": "只有类型为“开发区”的会员单位才能链接开发区页面。"})
        if self.zone_id and not self.province:
            self.province = self.zone.province


class MemberDirectoryBlock(blocks.StaticBlock):
    """Places the member-unit directory, grouped by province, in a page's body."""

    class Meta:
        label = "会员单位名录"
        icon = "group"
        admin_text = "显示在“会员单位”中维护的全部会员单位，按省份分组。"
        template = "association/blocks/member_directory.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        order = {province: number for number, province in enumerate(Province.values)}
        units = sorted(
            MemberUnit.objects.select_related("zone"),
            key=lambda unit: (order.get(unit.province, -1), unit.name),
        )
        context["groups"] = [
            (province or "全国性单位", list(members))
            for province, members in groupby(units, key=lambda unit: unit.province)
        ]
        context["total"] = len(units)
        return context


class AboutBodyBlock(BodyBlock):
    member_directory = MemberDirectoryBlock()


class AboutPage(SideMenuMixin, PortalPage):
    """中国开发区协会 and its pages: 协会简介, 组织机构, 会员单位, 联系我们."""

    body = StreamField(AboutBodyBlock(), verbose_name="正文", blank=True)

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


class ServicePage(SideMenuMixin, PortalPage):
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

    def clean(self):
        super().clean()
        parent = self.get_parent() if self.path else getattr(self, "_cached_parent_obj", None)
        if parent is None:
            return
        twins = MagazineIssuePage.objects.child_of(parent).filter(
            year=self.year, number=self.number
        )
        if twins.exclude(pk=self.pk).exists():
            raise ValidationError({"number": f"{self.year}年第{self.number}期已存在。"})


class MessageBoardPage(PortalPage):
    """留言: the public message board and its form (see association.messages)."""

    intro = RichTextField("留言须知", blank=True)

    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1
    content_panels = PortalPage.content_panels + ["intro"]
    cache_main = False  # the form, its errors and the "sent" notice are the reader's own

    class Meta:
        verbose_name = "留言板"

    def get_main_context(self, request, *args, **kwargs):
        return board_context(request)

    def serve(self, request, *args, **kwargs):
        return serve_board(self, request)
