import hashlib
import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import InlinePanel, MultiFieldPanel, TitleFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageViewRestriction

from portal.cache import remember
from portal.compat import cached_parent
from portal.forms import PortalPageForm
from portal.fragments import main_fragment
from portal.search.fields import with_segmentation
from portal.slugs import base_slug, unique_child_slug
from portal.snippets import DirectoryLink, LinkGroup  # noqa: F401  (registers the models)


def restricted_paths():
    """The paths of the pages under a view restriction, and of their aliases, kept until
    content changes (saving a restriction replaces the generation)."""

    def find():
        restricted = PageViewRestriction.objects.values("page")
        pages = Page.objects.filter(Q(pk__in=restricted) | Q(alias_of__in=restricted))
        return frozenset(pages.values_list("path", flat=True))

    return remember("restricted-paths", find)


class PortalPage(Page):
    """Base of every page type: titles are Chinese, slugs are ASCII.

    An empty slug is made from the title's pinyin, falling back to the date, both
    in the admin and for pages made in code; an editor's own slug is kept.
    """

    class Meta:
        abstract = True

    base_form_class = PortalPageForm
    # The browser would slugify a Chinese title to nothing useful; leave the slug
    # empty and let the server make it from the pinyin.
    content_panels = [TitleFieldPanel("title", targets=[])]
    # Whether the main block may be kept in the shared cache (portal/fragments.py):
    # off for pages whose block differs from reader to reader, such as forms.
    cache_main = True

    @classmethod
    def get_search_fields(cls):
        # Chinese text reaches the search backend cut into words (portal/search).
        return with_segmentation(super().get_search_fields())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["main_fragment"] = fragment = main_fragment(request, self)
        if fragment is None or fragment.html is None:
            context.update(self.get_main_context(request, *args, **kwargs))
        return context

    def get_main_context(self, request, *args, **kwargs):
        """What the main block shows besides the page itself; not gathered while the
        block is cached."""
        return {}

    def get_view_restrictions(self):
        """Wagtail's: restrictions on this page or an ancestor, an alias counting as its
        original; in one query instead of two, and none while no page on the way is
        restricted."""
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        if restricted_paths().isdisjoint(paths):
            return PageViewRestriction.objects.none()  # no query: what readers mostly get
        pages = Page.objects.filter(path__in=paths)
        return PageViewRestriction.objects.filter(
            Q(page__in=pages.filter(alias_of__isnull=True))
            | Q(page__in=pages.filter(alias_of__isnull=False).values("alias_of"))
        )

    # The slug rule (portal/slugs.py) runs before each of Wagtail's own checks and saves:
    # Wagtail would otherwise slugify a Chinese title to "" (a draft's minimal_clean) or
    # to its digits alone ("2024年招商会" → "2024").
    def full_clean(self, *args, **kwargs):
        self.fill_empty_slug()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        self.fill_empty_slug()
        super().minimal_clean()

    def save(self, *args, **kwargs):
        self.fill_empty_slug()
        super().save(*args, **kwargs)

    def fill_empty_slug(self, parent=None):
        """Give an empty slug the title's pinyin, unique under `parent` (by default the
        page's parent, once it is known)."""
        if self.slug:
            return
        parent = parent or self.known_parent()
        if parent is not None:
            self.slug = unique_child_slug(parent, base_slug(self.title), self)

    def known_parent(self):
        """The parent page, or None while the page is not yet placed in the tree."""
        return self.get_parent() if self.path else cached_parent(self)

    def clean(self):
        super().clean()
        if not self.slug.isascii():
            raise ValidationError({"slug": "网址名称只能使用英文字母、数字和连字符。"})


class DatedPage(PortalPage):
    """A page with its own 发布时间 (publish time), as readers see it.

    `first_published_at` follows it, so date filters and ordering shared with
    other page types agree with the date on the page.
    """

    publish_time = models.DateTimeField("发布时间", default=timezone.now)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.first_published_at = self.publish_time
        super().save(*args, **kwargs)


class HomeColumn(Orderable):
    """A news column shown as a block on the home page, in the order editors choose."""

    page = ParentalKey("portal.HomePage", related_name="home_columns", on_delete=models.CASCADE)
    column = models.ForeignKey(
        "news.NewsCategoryPage", verbose_name="栏目", on_delete=models.CASCADE, related_name="+"
    )
    count = models.PositiveSmallIntegerField("显示篇数", default=6)

    panels = ["column", "count"]


class HomeSpotlightZone(Orderable):
    """A development zone featured in the home page's 开发区 spotlight."""

    page = ParentalKey("portal.HomePage", related_name="spotlight_zones", on_delete=models.CASCADE)
    zone = models.ForeignKey(
        "zones.ZonePage", verbose_name="开发区", on_delete=models.CASCADE, related_name="+"
    )

    panels = ["zone"]


class HomePage(PortalPage):
    intro = RichTextField("导语", blank=True)

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "news.NewsIndexPage",
        "news.NoticeIndexPage",
        "news.SubmissionPage",
        "zones.ZoneIndexPage",
        "association.AboutPage",
        "association.ServiceIndexPage",
        "association.MagazineIndexPage",
        "association.MessageBoardPage",
    ]
    max_count = 1

    content_panels = PortalPage.content_panels + [
        "intro",
        InlinePanel("home_columns", heading="首页栏目", label="栏目"),
        InlinePanel("spotlight_zones", heading="开发区推荐", label="开发区", max_num=12),
    ]

    class Meta:
        verbose_name = "首页"

    def route(self, request, path_components):
        """Find the deepest page on the path in one query instead of one per level; that
        page routes what is left (a RoutablePageMixin sub-path such as tags/复工复产/)."""
        if not path_components:
            return super().route(request, path_components)
        prefixes = [
            self.url_path + "/".join(path_components[:depth]) + "/"
            for depth in range(1, len(path_components) + 1)
        ]
        whole_path = prefixes[-1]

        def deepest_page():
            pages = Page.objects.filter(url_path__in=prefixes).order_by("-depth")
            return pages.specific().first()

        # The page found for the whole path is remembered: the next request for it costs
        # no query. Other paths (mistyped, or a routable sub-path) are not, so no one can
        # fill the cache with made-up addresses.
        page = remember(
            f"route:{hashlib.sha1(whole_path.encode()).hexdigest()}",  # paths of any length
            deepest_page,
            keep=lambda page: page is not None and page.url_path == whole_path,
        )
        if page is None:
            raise Http404
        remaining = path_components[page.depth - self.depth :]
        return page.route(request, remaining)

    def get_main_context(self, request, *args, **kwargs):
        from portal.home import home_sections  # the apps build on portal: import late

        return home_sections(self)


@register_setting(icon="cog", order=100)
class SiteSettings(BaseSiteSetting):
    """What the chrome of every page shows: name, logo, WeChat, QQ, filings, contact.

    The WeChat AppSecret is not here: it comes from the environment (WECHAT_APP_SECRET).
    """

    site_name = models.CharField("网站名称", max_length=60, default="中国开发区协会")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="网站标志",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="显示在网站名称左侧，建议高 120 像素的 PNG 图片",
    )
    wechat_name = models.CharField("微信公众号名称", max_length=60, blank=True)
    wechat_qr = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="公众号二维码",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="上传后页面顶部显示“微信公众号”，鼠标或手指点击即弹出二维码",
    )
    wechat_app_id = models.CharField(
        "公众号 AppID",
        max_length=32,
        blank=True,
        validators=[RegexValidator(r"^wx[0-9a-f]{16}$", "AppID 形如 wx 加 16 位十六进制字符。")],
        help_text="可选。填写且服务器配置了 AppSecret 后，文章在微信中分享时显示标题、摘要和封面",
    )
    qq_group = models.CharField(
        "QQ交流群号",
        max_length=12,
        blank=True,
        validators=[RegexValidator(r"^[1-9][0-9]{4,11}$", "QQ 群号为 5 至 12 位数字。")],
    )
    qq_join_url = models.URLField("QQ加群链接", blank=True, help_text="QQ 群设置中的“分享群”链接")
    icp_number = models.CharField(
        "ICP备案号", max_length=40, blank=True, help_text="如 京ICP备12345678号-1"
    )
    police_number = models.CharField(
        "公安备案号", max_length=40, blank=True, help_text="如 京公网安备11010502030143号"
    )
    address = models.CharField("地址", max_length=120, blank=True)
    phone = models.CharField("电话", max_length=60, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    copyright = models.CharField(
        "版权声明", max_length=120, blank=True, help_text="留空则显示“© 当年 网站名称 版权所有”"
    )
    mourning_start = models.DateField(
        "哀悼开始日期",
        null=True,
        blank=True,
        help_text="从这一天零点起，整个网站以黑白（灰色）显示；到期自动恢复，无需重新发布",
    )
    mourning_end = models.DateField(
        "哀悼结束日期",
        null=True,
        blank=True,
        help_text="这一天结束后恢复彩色；留空则只持续开始当天",
    )

    select_related = ["logo", "wechat_qr"]
    panels = [
        MultiFieldPanel(["site_name", "logo"], heading="网站"),
        MultiFieldPanel(["wechat_name", "wechat_qr", "wechat_app_id"], heading="微信公众号"),
        MultiFieldPanel(["qq_group", "qq_join_url"], heading="QQ交流群"),
        MultiFieldPanel(["address", "phone", "email"], heading="联系方式"),
        MultiFieldPanel(["copyright", "icp_number", "police_number"], heading="版权与备案"),
        MultiFieldPanel(["mourning_start", "mourning_end"], heading="哀悼模式（全站黑白）"),
    ]

    def clean(self):
        super().clean()
        if self.mourning_end and not self.mourning_start:
            raise ValidationError({"mourning_start": "请填写哀悼开始日期。"})
        if self.mourning_start and self.mourning_end and self.mourning_end < self.mourning_start:
            raise ValidationError({"mourning_end": "结束日期不能早于开始日期。"})

    @property
    def mourning_days(self):
        """(first, last) local date of 哀悼模式, or None when none is set."""
        if not self.mourning_start:
            return None
        return (self.mourning_start, self.mourning_end or self.mourning_start)

    class Meta:
        verbose_name = "网站设置"

    @property
    def police_code(self):
        """The digits of the 公安备案号, which the public-security filing site looks up."""
        return "".join(re.findall(r"\d", self.police_number))
