from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from portal.site.statistics import views


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.PERMISSION)


@hooks.register("register_admin_urls")
def statistics_urls():
    return [path("statistics/", views.statistics, name="statistics")]


@hooks.register("register_admin_menu_item")
def statistics_menu_item():
    return StatisticsMenuItem("访问统计", reverse("statistics"), icon_name="view", order=260)


@hooks.register("insert_global_admin_css")
def statistics_css():
    # The charts are coloured by class: the admin's pages may carry no inline style.
    return format_html('<link rel="stylesheet" href="{}">', static("css/statistics.css"))
