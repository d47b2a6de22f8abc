"""Pieces of pages that outlive the page they are part of: an article's card, its body,
its 上一篇/下一篇, its breadcrumb… Each is rendered once per site and kept, like the
chrome, until what it shows (its tags, and what its builder records) changes: a page
built afresh after a publish takes the pieces the publish did not touch as they are.

Never in a preview: the page shown there is a draft, and what it shows is not live.
"""

from django.template.loader import get_template
from django.utils.safestring import mark_safe
from wagtail.models import Site

from portal.caching.generation import remember


def piece(request, name, build, *vary, tags):
    """`build()`, kept per site under `name` and `vary` until what it shows changes."""
    if request is None or getattr(request, "is_preview", False):
        return build()
    site = Site.find_for_request(request)
    if site is None:
        return build()
    key = ":".join(["piece", str(site.pk), name, *map(str, vary)])
    return remember(key, build, tags=tags)


def rendered(template_name, context):
    """The template rendered with `context` alone (no context processors: a piece must
    not depend on the request beyond what it is keyed on)."""
    return mark_safe(get_template(template_name).render(context))
