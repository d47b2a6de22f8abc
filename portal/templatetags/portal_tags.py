"""Template tags for what every page shares: the main menu and the breadcrumb."""

from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.inclusion_tag("includes/menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    current = context.get("page")
    site = Site.find_for_request(request)
    home = site.root_page if site else None
    if home is None:
        return {"home": None, "items": []}
    sections = list(home.get_children().live().in_menu().specific())
    children = Page.objects.live().in_menu().filter(depth=home.depth + 2)
    by_parent = {}
    for child in children.filter(path__startswith=home.path).order_by("path"):
        by_parent.setdefault(child.path[: -Page.steplen], []).append(child)
    current_path = current.path if current else ""
    items = [
        {
            "page": section,
            "children": by_parent.get(section.path, []),
            "active": bool(current_path) and current_path.startswith(section.path),
        }
        for section in sections
    ]
    return {
        "home": home,
        "home_active": current is not None and current.pk == home.pk,
        "items": items,
    }


@register.inclusion_tag("includes/breadcrumb.html")
def breadcrumb(page):
    # Ancestors below the tree root (depth 1), ending with the page itself.
    return {"crumbs": list(page.get_ancestors(inclusive=True).filter(depth__gt=1)) if page else []}
