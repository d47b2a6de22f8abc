"""The home page and the blocks editors arrange on it."""

from django.db import models
from django.http import Http404
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from portal.caching import routes
from portal.core.models import PortalPage
from portal.site.home import home_sections


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
        "policies.PolicyLibraryPage",
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

        page = routes.page_at(whole_path, deepest_page)
        if page is None:
            raise Http404
        remaining = path_components[page.depth - self.depth :]
        return page.route(request, remaining)

    def get_main_context(self, request, *args, **kwargs):
        return home_sections(self, preview=getattr(request, "is_preview", False))
