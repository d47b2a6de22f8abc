"""Admin additions of the site-wide pieces: the link directory, the help menu."""

from django.db import models
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

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
