"""Admin additions of the site-wide pieces: the link directory, the help menu, the
annual report."""

from django.db import models
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.site.annual_report import REPORT_PERMISSION, annual_report_view
from portal.site.models import LinkGroup


class LinkGroupViewSet(SnippetViewSet):
    model = LinkGroup
    icon = "link"
    menu_label = "链接目录"
    menu_name = "link-directory"
    menu_order = 290
    add_to_admin_menu = True
    list_display = ["name", Column("link_count", label="链接数")]
    search_fields = ["name"]

    def get_queryset(self, request):
        return LinkGroup.objects.annotate(link_count=models.Count("links"))


register_snippet(LinkGroupViewSet)


@hooks.register("construct_help_menu")
def keep_help_on_the_site(request, menu_items):
    """Drop Wagtail's links to its English guide and release notes on wagtail.org; the
    keyboard shortcuts stay."""
    menu_items[:] = [
        item
        for item in menu_items
        if item.name != "editor-guide" and not item.name.startswith("whats-new-in-wagtail")
    ]


class AnnualReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(REPORT_PERMISSION)


@hooks.register("register_admin_urls")
def annual_report_urls():
    return [path("reports/annual/", annual_report_view, name="annual_report")]


@hooks.register("register_reports_menu_item")
def annual_report_menu_item():
    return AnnualReportMenuItem(
        "网站年度报表", reverse("annual_report"), icon_name="table", order=400
    )
