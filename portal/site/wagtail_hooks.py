"""Admin additions of the site-wide pieces: the link directory."""

from django.db import models
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
