"""网站健康自查 in the admin: the report (editors and administrators) and the columns'
own update intervals."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.panels import PageChooserPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.core.admin_menus import PermissionMenuItem
from portal.site.health import views
from portal.site.health.models import COLUMN_PAGE_TYPES, ColumnSchedule


@hooks.register("register_admin_urls")
def report_urls():
    return [path("site-health/", views.report, name="site_health")]


@hooks.register("register_admin_menu_item")
def report_menu_item():
    return PermissionMenuItem(
        "网站健康自查",
        reverse("site_health"),
        name="site-health",
        icon_name="warning",
        order=280,
        permission=views.PERMISSION,
    )


class ColumnScheduleViewSet(SnippetViewSet):
    model = ColumnSchedule
    icon = "time"
    menu_label = "栏目更新周期"
    list_display = ["page", "kind", "interval_days"]
    panels = [PageChooserPanel("page", page_type=COLUMN_PAGE_TYPES), "kind", "interval_days"]

    def get_queryset(self, request):
        return ColumnSchedule.objects.select_related("page")


register_snippet(ColumnScheduleViewSet)
