from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks

from portal.core.admin_menus import PermissionMenuItem
from portal.site.statistics import views


@hooks.register("register_admin_urls")
def statistics_urls():
    return [path("statistics/", views.statistics, name="statistics")]


@hooks.register("register_admin_menu_item")
def statistics_menu_item():
    return PermissionMenuItem(
        "访问统计", reverse("statistics"), icon_name="view", order=260, permission=views.PERMISSION
    )


@hooks.register("insert_global_admin_css")
def statistics_css():
    # The charts are coloured by class: the admin's pages may carry no inline style.
    return format_html('<link rel="stylesheet" href="{}">', static("css/statistics.css"))
