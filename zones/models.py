from django.core.paginator import Paginator
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from portal.models import PortalPage
from zones.choices import Kind, Level, Province


class ZoneIndexPage(PortalPage):
    """中国开发区: the directory of development zones."""

    intro = RichTextField("导语", blank=True)

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["zones.ZonePage"]
    max_count = 1
    content_panels = PortalPage.content_panels + ["intro"]
    per_page = 30

    class Meta:
        verbose_name = "开发区名录"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        zones = ZonePage.objects.child_of(self).live().order_by("province", "title")
        context["zones"] = Paginator(zones, self.per_page).get_page(request.GET.get("page"))
        return context


class ZonePage(PortalPage):
    """A development zone's profile; the page title is its full name."""

    short_name = models.CharField("简称", max_length=50, blank=True)
    code = models.CharField("目录代码", max_length=20, blank=True, db_index=True)
    province = models.CharField("省份", max_length=12, choices=Province.choices)
    city = models.CharField("城市", max_length=30, blank=True)
    level = models.CharField("级别", max_length=6, choices=Level.choices)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    approved_on = models.DateField(
        "批准时间", null=True, blank=True, help_text="只知年月时填当月1日"
    )
    area_hectares = models.DecimalField(
        "核准面积（公顷）", max_digits=10, decimal_places=2, null=True, blank=True
    )
    industries = models.CharField("主导产业", max_length=200, blank=True)
    introduction = RichTextField("简介", blank=True)

    parent_page_types = ["zones.ZoneIndexPage"]
    subpage_types = []
    content_panels = PortalPage.content_panels + [
        MultiFieldPanel(
            ["short_name", "code", "province", "city", "level", "kind"], heading="基本信息"
        ),
        MultiFieldPanel(["approved_on", "area_hectares", "industries"], heading="批准与产业"),
        FieldPanel("introduction"),
    ]
    search_fields = PortalPage.search_fields + [
        index.SearchField("short_name"),
        index.SearchField("industries"),
        index.SearchField("introduction"),
        index.FilterField("province"),
        index.FilterField("level"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = "开发区"
