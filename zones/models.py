import logging
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Prefetch
from django.dispatch import receiver
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.images.models import SourceImageIOError
from wagtail.models import Orderable
from wagtail.search import index
from wagtail.signals import page_published

from portal.core.models import IndexPage, PortalPage
from zones import tile_map
from zones.choices import (
    KIND_CHOICES,
    DatePrecision,
    Level,
    Province,
    kind_level_error,
    truncate_date,
)
from zones.filters import ZoneFilter

logger = logging.getLogger(__name__)

# The renditions the profile shows, spelled as zone_page.html's {% image %} tags spell them.
LOGO_RENDITION = "max-160x160|format-webp"
GALLERY_RENDITION = "fill-480x320|format-webp"

# Roughly mainland China, Hainan and the South China Sea islands; a point outside is
# nearly always latitude and longitude typed the wrong way round.
CHINA_LATITUDES = (3, 54)
CHINA_LONGITUDES = (73, 136)


def in_order(field, values):
    """An ORDER BY term that sorts `field` in the order of `values`, not alphabetically."""
    whens = [models.When(**{field: value}, then=n) for n, value in enumerate(values)]
    return models.Case(*whens, output_field=models.IntegerField())


class ZoneIndexPage(IndexPage):
    """中国开发区: the directory of development zones, filtered by GET parameters."""

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["zones.ZonePage"]
    per_page = 30
    # The filters and the page number (the filter form's fields) change the list.
    cache_query_params = ("page", *ZoneFilter.base_filters)

    class Meta:
        verbose_name = "开发区名录"

    def zones(self):
        return ZonePage.objects.child_of(self).live()

    def get_main_context(self, request, *args, **kwargs):
        filters = ZoneFilter(request.GET, queryset=self.zones())
        zones = filters.qs.order_by(*ZonePage.directory_order())
        facets = filters.facets()
        province_facet = next(facet for facet in facets if facet.name == "province")
        map_tiles, map_steps = tile_map.tiles(province_facet, filters.active(), self.url)
        return {
            "filters": filters,
            "facets": facets,
            "map_tiles": map_tiles,
            "map_steps": map_steps,
            "zones": Paginator(zones, self.per_page).get_page(request.GET.get("page")),
        }


class ZonePage(PortalPage):
    """A development zone's profile; the page title is its full name."""

    # The full and short names feed the search dictionary (portal.core.segmentation).
    dictionary_fields = ("title", "short_name")

    short_name = models.CharField("简称", max_length=50, blank=True)
    code = models.CharField(
        "目录代码",
        max_length=20,
        blank=True,
        db_index=True,
        help_text="《中国开发区审核公告目录》中的代码",
    )
    province = models.CharField("省份", max_length=12, choices=Province.choices)
    city = models.CharField("城市", max_length=30, blank=True)
    level = models.CharField("级别", max_length=6, choices=Level.choices)
    kind = models.CharField("类型", max_length=20, choices=KIND_CHOICES, help_text="须与级别对应")
    approved_on = models.DateField(
        "批准时间", null=True, blank=True, help_text="只知年月时填当月1日，只知年份时填1月1日"
    )
    approved_precision = models.CharField(
        "批准时间精确到",
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.MONTH,
    )
    area_hectares = models.DecimalField(
        "核准面积（公顷）",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    industries = models.CharField("主导产业", max_length=200, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    website = models.URLField(
        "网站", blank=True, validators=[URLValidator(schemes=["http", "https"])]
    )
    phone = models.CharField("电话", max_length=50, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="标志",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    latitude = models.DecimalField(
        "纬度",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        "经度",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    introduction = RichTextField("简介", blank=True)

    parent_page_types = ["zones.ZoneIndexPage"]
    subpage_types = []
    news_per_page = 10
    content_panels = PortalPage.content_panels + [
        MultiFieldPanel(
            ["short_name", "code", "province", "city", "level", "kind"], heading="基本信息"
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(["approved_on", "approved_precision"]),
                "area_hectares",
                "industries",
            ],
            heading="批准与产业",
        ),
        MultiFieldPanel(["address", "phone", "website"], heading="联系方式"),
        MultiFieldPanel(
            [FieldRowPanel(["longitude", "latitude"])],
            heading="地图位置",
            help_text="高德或腾讯地图的坐标（GCJ-02），可在高德地图“坐标拾取器”中查得；页面上显示为地图链接。",
        ),
        FieldPanel("logo"),
        FieldPanel("introduction"),
        InlinePanel("gallery_images", label="图片", heading="图集"),
    ]
    search_fields = PortalPage.search_fields + [
        index.SearchField("short_name"),
        index.SearchField("city"),
        index.SearchField("industries"),
        index.SearchField("introduction"),
        index.FilterField("province"),
        index.FilterField("level"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = "开发区"

    @staticmethod
    def directory_order():
        """Provinces in the official order, national zones first, then kind, code and name."""
        return [
            in_order("province", Province.values),
            in_order("level", Level.values),
            in_order("kind", [kind for _, kinds in KIND_CHOICES for kind, _ in kinds]),
            "code",
            "title",
        ]

    def clean(self):
        super().clean()
        errors = {}
        if message := kind_level_error(self.level, self.kind):
            errors["kind"] = message
        if (self.latitude is None) != (self.longitude is None):
            errors["latitude"] = "经度和纬度须同时填写。"
        elif self.latitude is not None and not (
            CHINA_LATITUDES[0] <= self.latitude <= CHINA_LATITUDES[1]
            and CHINA_LONGITUDES[0] <= self.longitude <= CHINA_LONGITUDES[1]
        ):
            errors["latitude"] = "坐标不在中国境内，请检查经度、纬度是否填反。"
        if errors:
            raise ValidationError(errors)
        self.approved_on = truncate_date(self.approved_on, self.approved_precision)

    def meta_description(self):
        """What search results say of a profile without an introduction."""
        place = f"{self.get_province_display()}{self.city}"
        text = f"{self.title}：位于{place}的{self.get_level_display()}{self.get_kind_display()}。"
        return text + (f"主导产业：{self.industries}。" if self.industries else "")

    @property
    def approved_display(self):
        """1994年 / 1994年08月 / 1994年08月15日, as precise as the catalogue is."""
        if not self.approved_on:
            return ""
        formats = {DatePrecision.YEAR: "%Y年", DatePrecision.DAY: "%Y年%m月%d日"}
        return self.approved_on.strftime(formats.get(self.approved_precision, "%Y年%m月"))

    @property
    def map_url(self):
        """The zone on 高德地图 (Amap), which reads GCJ-02 coordinates; no script is loaded."""
        if self.latitude is None or self.longitude is None:
            return ""
        query = {
            "position": f"{self.longitude},{self.latitude}",
            "name": self.title,
            "coordinate": "gaode",
            "callnative": "0",
        }
        return "https://uri.amap.com/marker?" + urlencode(query)

    def news(self):
        """The live articles that name this zone (news.NewsPage.zones links them here)."""
        return self.articles.live().order_by("-publish_time", "-pk")

    def get_main_context(self, request, *args, **kwargs):
        images = get_image_model().objects.prefetch_renditions(GALLERY_RENDITION)
        return {
            "news": Paginator(self.news(), self.news_per_page).get_page(request.GET.get("page")),
            "gallery": self.gallery_images.prefetch_related(Prefetch("image", images)),
        }


@receiver(page_published, sender=ZonePage)
def make_profile_renditions(sender, instance, **kwargs):
    """Make the profile's image renditions when it is published, so that showing the
    page never writes to the database."""
    images = [(instance.logo, LOGO_RENDITION)] if instance.logo else []
    images += [(item.image, GALLERY_RENDITION) for item in instance.gallery_images.all()]
    for image, spec in images:
        try:
            image.get_rendition(spec)
        except SourceImageIOError:
            logger.warning("zone %s: image %s has no file to render", instance.pk, image.pk)


class ZoneGalleryImage(Orderable):
    zone = ParentalKey(ZonePage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name="图片", on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField("说明", max_length=100, blank=True)

    panels = ["image", "caption"]

    class Meta(Orderable.Meta):
        verbose_name = "开发区图片"
        verbose_name_plural = "开发区图集"
